"""Loading Thailand's geography from the geothai package, idempotently."""

import csv
from pathlib import Path

import geothai
from django.db import transaction

from provinces.models import Agency, District, Province, Region, Subdistrict, default_quota

DATA_DIR = Path(__file__).resolve().parent / "data"

REGIONS = [
    ("bangkok", "กรุงเทพมหานคร", "Bangkok", 1),
    ("central", "ภาคกลาง", "Central", 2),
    ("north", "ภาคเหนือ", "North", 3),
    ("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast", 4),
    ("south", "ภาคใต้", "South", 5),
]


def province_rows() -> dict[str, dict]:
    with (DATA_DIR / "provinces.csv").open(encoding="utf-8") as f:
        return {row["province_code"]: row for row in csv.DictReader(f)}


def _sync(model, rows: list[dict], fields: list[str]) -> int:
    """Insert rows whose code is new and update those whose values changed; returns how many were written."""
    existing = {obj.code: obj for obj in model.objects.all()}
    new, changed = [], []
    for row in rows:
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(**row))
        elif any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=2000)
    return len(new) + len(changed)


@transaction.atomic
def load_geography() -> dict[str, int]:
    """Regions, 77 provinces, 928 districts, 7,436 subdistricts and the agencies of every province."""
    for code, name_th, name_en, order in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "sort_order": order}
        )
    regions = {r.code: r.pk for r in Region.objects.all()}
    extra = province_rows()
    _sync(
        Province,
        [
            {
                "code": p.code,
                "name_th": p.name_th,
                "name_en": p.name_en,
                "region_id": regions[extra[p.code]["region"]],
                "map_code": extra[p.code]["map_code"],
            }
            for p in geothai.provinces()
        ],
        ["name_th", "name_en", "region_id", "map_code"],
    )
    provinces = {p.code: p.pk for p in Province.objects.all()}
    _sync(
        District,
        [
            {"code": d.code, "name_th": d.name_th, "name_en": d.name_en, "province_id": provinces[d.province_code]}
            for p in geothai.provinces()
            for d in geothai.districts(p.code)
        ],
        ["name_th", "name_en", "province_id"],
    )
    districts = {d.code: d.pk for d in District.objects.all()}
    _sync(
        Subdistrict,
        [
            {
                "code": s.code,
                "name_th": s.name_th,
                "name_en": s.name_en,
                "district_id": districts[s.district_code],
                "province_id": provinces[s.province_code],
                "postcodes": " ".join(s.postal_codes),
                # Only for a new subdistrict: a quota HQ changed is not one this reload may undo.
                "quota": default_quota(s.province_code),
            }
            for p in geothai.provinces()
            for d in geothai.districts(p.code)
            for s in geothai.subdistricts(d.code)
        ],
        ["name_th", "name_en", "district_id", "province_id", "postcodes"],
    )
    have = set(Agency.objects.values_list("province_id", "kind"))
    Agency.objects.bulk_create(
        [
            Agency(province=province, kind=kind, name_th=Agency.name_for(kind, province))
            for province in Province.objects.all()
            for kind in Agency.Kind.values
            if (province.pk, kind) not in have
        ]
    )
    return {
        "regions": Region.objects.count(),
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "subdistricts": Subdistrict.objects.count(),
        "agencies": Agency.objects.count(),
    }
