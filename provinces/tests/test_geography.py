import re
from pathlib import Path

import pytest
from django.core.management import call_command

from provinces.models import Agency, District, Province, Region, Subdistrict
from provinces.services import province_rows

pytestmark = pytest.mark.django_db


def test_geography_has_every_place_with_dopa_codes(geography):
    assert Province.objects.count() == 77
    assert District.objects.count() == 928
    assert Subdistrict.objects.count() == 7436
    assert Province.objects.get(code="52").name_th == "ลำปาง"
    assert Province.objects.get(code="10").name_th == "กรุงเทพมหานคร"
    assert District.objects.get(code="5201").name_th == "เมืองลำปาง"
    assert all(
        s.code.startswith(s.district.code)
        for s in Subdistrict.objects.filter(province__code="52").select_related("district")
    )


def test_loading_twice_duplicates_nothing(geography, capsys):
    call_command("load_geography")
    call_command("load_geography")
    assert (Province.objects.count(), District.objects.count(), Subdistrict.objects.count()) == (77, 928, 7436)
    assert Agency.objects.count() == 77 * 5
    assert "GeoThai" in capsys.readouterr().out


def test_regions_follow_the_labour_force_survey(geography):
    counts = {r.code: r.provinces.count() for r in Region.objects.all()}
    assert counts == {"bangkok": 1, "central": 25, "north": 17, "northeast": 20, "south": 14}
    assert Province.objects.get(code="52").region.code == "north"
    assert Province.objects.get(code="50").region.code == "north"
    assert Province.objects.get(code="40").region.code == "northeast"


def test_every_province_has_its_ministry_agencies(geography):
    lampang = Agency.objects.filter(province__code="52").values_list("name_th", flat=True)
    assert "สำนักงานแรงงานจังหวัดลำปาง" in lampang
    assert "สำนักงานจัดหางานจังหวัดลำปาง" in lampang
    assert "สำนักงานประกันสังคมจังหวัดลำปาง" in lampang
    assert len(lampang) == 5


def test_map_join_covers_all_77_provinces_and_matches_the_svg():
    rows = province_rows()
    assert len(rows) == 77
    svg_source = (Path(__file__).resolve().parents[2] / "static/vendor/svg-maps-thailand/index.js").read_text()
    svg_ids = set(re.findall(r'"id":"([a-z]+)"', svg_source))
    map_codes = {row["map_code"] for row in rows.values()}
    assert len(map_codes) == 77
    assert map_codes <= svg_ids
    assert svg_ids - map_codes == {"lksg"}  # Songkhla Lake, not a province
    assert rows["52"]["map_code"] == "lpg" and rows["10"]["map_code"] == "bkk"
