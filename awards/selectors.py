"""Named reads of nominations and awards, for the pages and for the reports."""

from django.db.models import Count

from accounts.scoping import plain_rows_of
from awards.models import Nomination
from core.people import page_in_thai
from provinces.models import Province


def outstanding_counts(fiscal_year: int, *, user=None, province_id=None, region_id=None) -> dict[int, int]:
    """{province id: how many volunteers HQ selected as outstanding in the fiscal year (BE)}; provinces with none
    are absent. Within `user`'s scope when given, else every province (the reports' national tallies)."""

    def counts():
        rows = (
            Nomination.objects.visible_to(user)
            if user is not None
            else Nomination.objects.across_provinces("national counts of outstanding volunteers for the reports")
        )
        rows = rows.of_year(fiscal_year).selected()
        if province_id is not None:
            rows = rows.filter(province_id=province_id)
        if region_id is not None:
            rows = rows.filter(province__region_id=region_id)
        return rows.order_by().values("province_id").annotate(n=Count("pk")).values_list("province_id", "n")

    if user is not None:
        return dict(counts())
    # The reports' counts, the same SQL for the same year and place: compiled once (accounts.scoping).
    return dict(plain_rows_of(("outstanding_counts", fiscal_year, province_id, region_id), counts))


def outstanding_of(nominations) -> list[Nomination]:
    """The selected among `nominations`, in the national list's order: region, province, name."""
    return list(
        nominations.selected()
        .select_related("volunteer__subdistrict__district", "province__region")
        .order_by(
            "province__region__sort_order",
            *Province.objects.reading_order("province__"),
            "volunteer__first_name_sort",
        )
    )


def by_region(nominations: list[Nomination]) -> list[tuple]:
    """[(region, [(province, [nomination, ...]), ...]), ...] of nominations already in outstanding_of's order."""
    regions: list[tuple] = []
    for nomination in nominations:
        region, province = nomination.province.region, nomination.province
        if not regions or regions[-1][0] != region:
            regions.append((region, []))
        provinces = regions[-1][1]
        if not provinces or provinces[-1][0] != province:
            provinces.append((province, []))
        provinces[-1][1].append(nomination)
    return regions


def outstanding_row(nomination: Nomination) -> dict:
    """One outstanding volunteer as a row of the national list's workbook, in the page's language as the list: the
    region and province by their English names on an English page, the people and other places as recorded."""
    volunteer = nomination.volunteer
    province = nomination.province
    return {
        "region": province.region.shown_name,
        "province": province.name_th if page_in_thai() else (province.name_en or province.name_th),
        "name": volunteer.full_name,
        "district": volunteer.subdistrict.district.name_th,
        "subdistrict": volunteer.subdistrict.name_th,
        "citation": nomination.citation,
        "selected_on": nomination.reviewed_at,
    }
