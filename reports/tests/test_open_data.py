"""Open data (issue 16): anyone downloads the network's figures per province, region and fiscal year as CSV and JSON,
with data.go.th metadata; small counts of people are blanked and cannot be worked back from the totals; no person is
named anywhere."""

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from core.thai import current_fiscal_year, fiscal_year_bounds
from provinces.models import Province, Region, Subdistrict
from reports import open_data, selectors
from reports.tests.factories import event_days, register
from trainings.models import Category, Registration
from trainings.tests.factories import EventFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

APPOINTED = dt.date(2025, 1, 15)  # fiscal year 2568: the files run from 2568 to the current year
SERVING = {"52": 3, "54": 7, "50": 12, "10": 20}  # Lampang, Phrae, Chiang Mai (all North), Bangkok
ATTENDED = {"52": 3, "50": 6}


def volunteers_in(code: str, n: int) -> None:
    subdistricts = list(Subdistrict.objects.filter(province__code=code).order_by("code")[:n])
    for i in range(n):
        VolunteerFactory(subdistrict=subdistricts[i % len(subdistricts)], appointed_on=APPOINTED)


@pytest.fixture
def network(geography):
    for code, n in SERVING.items():
        volunteers_in(code, n)
    start = fiscal_year_bounds(current_fiscal_year())[0]
    for code, n in ATTENDED.items():
        province = Province.objects.get(code=code)
        event = EventFactory(host_province=province, start_date=start, title=f"อบรม {province.name_th}")
        (day,) = event_days(event)
        for i in range(n):
            register(event, Category.OTHER, province=province, name=f"นางสาวผู้เข้าร่วม ลับมาก{code}{i}", days=[day])


def get(url: str, **headers):
    return Client().get(url, **headers)


def csv_rows(response) -> tuple[list[str], list[dict]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the BOM to read the Thai names"
    reader = csv.DictReader(io.StringIO(text[1:]))
    return reader.fieldnames, list(reader)


def find(rows, fy, level, code=""):
    key = "province_code" if level == "province" else "region_code"
    return next(r for r in rows if int(r["fiscal_year"]) == fy and r["level"] == level and (not code or r[key] == code))


def test_the_csv_has_the_header_and_a_row_per_province_year_and_the_region_and_national_rows(network):
    response = get(reverse("open_data:csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, rows = csv_rows(response)
    assert header == [
        "fiscal_year",
        "level",
        "region_code",
        "region_name_th",
        "region_name_en",
        "province_code",
        "province_name_th",
        "province_name_en",
        "volunteers_serving",
        "subdistricts_total",
        "subdistricts_covered",
        "coverage_percent",
        "trainings",
        "participants",
        "reporting_rate_percent",
    ]
    years = list(range(2568, current_fiscal_year() + 1))
    assert sorted({int(r["fiscal_year"]) for r in rows}) == years
    regions, provinces = Region.objects.count(), Province.objects.count()
    for fy in years:
        of_year = [r for r in rows if int(r["fiscal_year"]) == fy]
        assert [r["level"] for r in of_year].count("national") == 1
        assert [r["level"] for r in of_year].count("region") == regions
        assert sorted(r["province_code"] for r in of_year if r["level"] == "province") == sorted(
            Province.objects.values_list("code", flat=True)
        )
    assert len(rows) == len(years) * (1 + regions + provinces)
    lampang = find(rows, years[-1], "province", "52")
    assert (lampang["province_name_th"], lampang["province_name_en"], lampang["region_code"]) == (
        "ลำปาง",
        "Lampang",
        "north",
    )


def test_a_province_with_three_serving_volunteers_shows_blank_with_its_reporting_rate(network):
    _header, rows = csv_rows(get(reverse("open_data:csv")))
    for fy in range(2568, current_fiscal_year() + 1):
        lampang = find(rows, fy, "province", "52")
        assert lampang["volunteers_serving"] == ""
        assert lampang["reporting_rate_percent"] == ""
        assert lampang["subdistricts_total"] != ""  # places, not people: shown
    current = find(rows, current_fiscal_year(), "province", "52")
    assert (current["trainings"], current["participants"]) == ("1", "")

    body = json.loads(get(reverse("open_data:json")).content)
    lampang = next(r for r in body["rows"] if r["province_code"] == "52" and r["fiscal_year"] == 2568)
    assert lampang["volunteers_serving"] is None
    assert "1 ถึง 4" in body["metadata"]["suppressed"]


def test_a_lone_blank_in_a_region_takes_the_next_smallest_province_with_it(network):
    _header, rows = csv_rows(get(reverse("open_data:csv")))
    fy = current_fiscal_year()
    # North: Lampang 3 (blank), Phrae 7 (blanked with it), Chiang Mai 12 shown; the region's 22 stays.
    assert find(rows, fy, "province", "54")["volunteers_serving"] == ""
    assert find(rows, fy, "province", "50")["volunteers_serving"] == "12"
    assert find(rows, fy, "region", "north")["volunteers_serving"] == "22"
    # Participants: Lampang 3 and Chiang Mai 6, the only other one in the North with any.
    assert find(rows, fy, "province", "50")["participants"] == ""
    assert find(rows, fy, "region", "north")["participants"] == "9"
    assert_no_sum_has_a_single_blank(rows)


def assert_no_sum_has_a_single_blank(rows):
    for fy in {r["fiscal_year"] for r in rows}:
        of_year = [r for r in rows if r["fiscal_year"] == fy]
        national = next(r for r in of_year if r["level"] == "national")
        regions = [r for r in of_year if r["level"] == "region"]
        sums = [(national, regions)] + [
            (region, [r for r in of_year if r["level"] == "province" and r["region_code"] == region["region_code"]])
            for region in regions
        ]
        for column in ("volunteers_serving", "participants"):
            for total, parts in sums:
                blanks = [r for r in (total, *parts) if r[column] in ("", None)]
                assert len(blanks) != 1, f"{fy} {column}: {blanks[0]['province_code'] or blanks[0]['region_code']}"


def rows_for(regions: dict[str, dict[str, int]]) -> list[dict]:
    """Hand-made rows of one year: {region: {province: volunteers}}, totals summed."""
    rows = []
    national = {"fiscal_year": 2569, "level": "national", "region_code": "", "province_code": ""}
    rows.append(national)
    for region, provinces in regions.items():
        rows.append({"fiscal_year": 2569, "level": "region", "region_code": region, "province_code": ""})
        rows[-1] |= {"volunteers_serving": sum(provinces.values()), "participants": 0}
        for code, n in provinces.items():
            rows.append({"fiscal_year": 2569, "level": "province", "region_code": region, "province_code": code})
            rows[-1] |= {"volunteers_serving": n, "participants": 0}
    national |= {"volunteers_serving": sum(sum(p.values()) for p in regions.values()), "participants": 0}
    return [{name: row.get(name, "") for name in open_data.HEADER} for row in rows]


def shown(rows) -> dict:
    return {r["province_code"] or r["region_code"] or "all": r["volunteers_serving"] for r in rows}


def test_a_blanked_region_total_is_not_left_to_be_worked_out_from_its_provinces():
    # South's 3 is blanked, so Bangkok (the smallest other region) is blanked with it at the national level; Bangkok's
    # only province then equals its region total and would give it back, so it is blanked too.
    rows = open_data.suppress(rows_for({"bangkok": {"10": 40}, "north": {"50": 60, "52": 70}, "south": {"90": 3}}))
    assert shown(rows) == {
        "all": 173,
        "bangkok": None,
        "10": None,
        "north": 130,
        "50": 60,
        "52": 70,
        "south": None,
        "90": None,
    }
    assert_no_sum_has_a_single_blank(rows)


def test_zeros_are_shown_and_never_chosen_to_hide_a_blank():
    rows = open_data.suppress(rows_for({"north": {"50": 0, "52": 2, "54": 9, "55": 30}, "south": {"90": 50}}))
    assert shown(rows) == {"all": 91, "north": 41, "50": 0, "52": None, "54": None, "55": 30, "south": 50, "90": 50}


def test_the_numbers_are_the_dashboards_for_a_province_shown(network):
    fy = current_fiscal_year()
    dashboard = selectors.dashboard(fy)
    chiang_mai = next(r for r in dashboard["rows"] if r["code"] == "50")
    north = next(r for r in dashboard["regions"] if r["code"] == "north")
    body = json.loads(get(reverse("open_data:json")).content)
    row = next(r for r in body["rows"] if r["province_code"] == "50" and r["fiscal_year"] == fy)
    assert row["volunteers_serving"] == chiang_mai["active"] == SERVING["50"]
    assert (row["subdistricts_total"], row["subdistricts_covered"], row["coverage_percent"]) == (
        chiang_mai["subdistricts"],
        chiang_mai["covered"],
        chiang_mai["coverage"],
    )
    assert row["trainings"] == chiang_mai["events"] == 1
    region = next(
        r for r in body["rows"] if r["level"] == "region" and r["region_code"] == "north" and r["fiscal_year"] == fy
    )
    assert (region["volunteers_serving"], region["participants"]) == (north["active"], north["attended"])
    national = next(r for r in body["rows"] if r["level"] == "national" and r["fiscal_year"] == fy)
    assert national["volunteers_serving"] == dashboard["country"]["active"] == sum(SERVING.values())
    assert national["coverage_percent"] == dashboard["country"]["coverage"]


DATA_GO_TH_FIELDS = {
    # ckanext-thai_gdc's dataset schema (data.go.th), and the list
    "name",
    "title",
    "notes",
    "data_type",
    "owner_org",
    "maintainer",
    "maintainer_email",
    "tags",
    "objective",
    "update_frequency_unit",
    "update_frequency_interval",
    "geo_coverage",
    "data_source",
    "data_format",
    "data_category",
    "license_id",
    "data_language",
    "created_date",
    "last_updated_date",
    "first_year_of_data",
    "last_year_of_data",
    "url",
    "publisher",
    "temporal_coverage",
    "spatial_coverage",
    "resources",
    "data_dictionary",
}


def test_the_metadata_has_every_data_go_th_field_and_its_resources_answer_anonymously(network):
    response = get(reverse("open_data:metadata"))
    assert response.status_code == 200
    meta = json.loads(response.content)
    assert set(meta) >= DATA_GO_TH_FIELDS
    assert meta["license_id"] == "Creative Commons Attributions"
    assert meta["publisher"] == "กองตรวจราชการ สำนักงานปลัดกระทรวงแรงงาน"
    assert (meta["first_year_of_data"], meta["last_year_of_data"]) == (2568, current_fiscal_year())
    assert str(Province.objects.count()) in meta["spatial_coverage"]
    assert {r["format"] for r in meta["resources"]} == {"CSV", "JSON"}
    for resource in meta["resources"]:
        assert resource["url"].startswith("http://testserver/open-data/")
        assert get(resource["url"]).status_code == 200
    assert get(meta["url"]).status_code == 200
    dictionary = {c["name"]: c for c in meta["data_dictionary"]}
    assert list(dictionary) == open_data.HEADER
    assert dictionary["volunteers_serving"] | {"description": ""} == {
        "name": "volunteers_serving",
        "label": "อสร. ที่ปฏิบัติหน้าที่",
        "type": "integer",
        "unit": "คน",
        "description": "",
        "suppressed_when_small": True,
    }


def test_no_personal_data_in_any_file(network, lampang_volunteer, lampang_mentor):
    people = list(Volunteer.objects.all()) + [lampang_mentor]
    secrets = set()
    for person in people:
        secrets |= {person.national_id, person.first_name, person.last_name, person.phone}
    secrets |= set(Registration.objects.exclude(name="").values_list("name", flat=True))
    secrets.discard("")
    secrets.discard(None)
    assert len(secrets) > 40
    for name in ("open_data:index", "open_data:csv", "open_data:json", "open_data:metadata"):
        text = get(reverse(name)).content.decode("utf-8")
        found = sorted(s for s in secrets if s in text)
        assert not found, f"{name} shows {found[:5]}"


@pytest.mark.parametrize("name", ["open_data:index", "open_data:csv", "open_data:json", "open_data:metadata"])
def test_anyone_opens_it_without_signing_in(network, name):
    response = get(reverse(name))
    assert response.status_code == 200, response.get("Location")


def test_the_files_may_be_cached_for_an_hour_and_are_not_sent_again_unchanged(network):
    url = reverse("open_data:json")
    first = get(url)
    assert first["Cache-Control"] == "public, max-age=3600"
    assert first["ETag"] and first["Last-Modified"]
    again = get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content


def test_the_page_lists_the_files_and_every_page_links_to_it(network):
    page = get(reverse("open_data:index")).content.decode()
    for name in ("open_data:csv", "open_data:json", "open_data:metadata"):
        assert f'href="http://testserver{reverse(name)}"' in page or f'href="{reverse(name)}"' in page
    assert "ข้อมูลเปิด" in page
    login = get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("open_data:index")}"' in login


def test_a_post_is_refused(network):
    assert Client().post(reverse("open_data:csv")).status_code == 405
