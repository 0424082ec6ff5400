"""/api/v1/figures/: the national dashboard's and a province report's figures, the same numbers as the pages, for
the same people, for the fiscal years the pages offer."""

import datetime as dt
import json

import pytest
import requests
import schemathesis
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.core import transport

from api import figures_serializers as fs
from core.thai import current_fiscal_year
from mentors.tests.factories import MentorFactory
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

NATIONAL = reverse("api:figures-national")


def province_url(code: str) -> str:
    return reverse("api:figures-province", args=[code])


@pytest.fixture
def world(lampang, chiang_mai):
    """Three volunteers in Lampang (one with a mentor), two in Chiang Mai, and a Lampang event one of them attends."""
    mentor = MentorFactory(province=lampang, first_name="พี่เลี้ยงลำปาง")
    lampang_people = [
        VolunteerFactory(province=lampang, first_name="อาสาลำปาง", last_name="นามสกุลลับ", mentor=mentor),
        VolunteerFactory(province=lampang),
        VolunteerFactory(province=lampang, gender="female"),
    ]
    VolunteerFactory(province=chiang_mai)
    VolunteerFactory(province=chiang_mai)
    event = EventFactory(host_province=lampang, title="อบรมลำปาง", start_date=dt.date.today())
    RegistrationFactory(event=event, volunteer=lampang_people[0])
    return {"lampang": lampang_people, "event": event}


def fields_of(serializer_class) -> list[str]:
    return list(serializer_class().fields)


def test_hq_reads_the_national_figures_the_dashboard_page_shows(api_as, client_for, hq_analyst, world):
    fy = current_fiscal_year()
    page = client_for(hq_analyst).get(reverse("reports:dashboard"), {"fy": fy})
    assert page.status_code == 200
    shown = page.context["data"]

    response = api_as(hq_analyst).get(NATIONAL, {"fiscal_year": fy})
    assert response.status_code == 200
    body = response.json()
    assert body["fiscal_year"] == fy
    assert body["as_at"] == shown["as_at"].isoformat()

    by_code = {row["code"]: row for row in body["provinces"]}
    assert len(by_code) == 77
    for row in shown["rows"]:
        for key in fields_of(fs.FiguresCountryFields):
            assert by_code[row["code"]][key] == row[key], (row["code"], key)
    assert (by_code["52"]["active"], by_code["50"]["active"], by_code["52"]["events"]) == (3, 2, 1)
    for key in fields_of(fs.FiguresCountryTotalsSerializer):
        assert body["country"][key] == shown["country"][key], key
    assert body["country"]["active"] == 5
    assert [r["code"] for r in body["regions"]] == [r["code"] for r in shown["regions"]]
    assert [(t["fiscal_year"], t["active"]) for t in body["trend"]] == [(t["fy"], t["active"]) for t in shown["trend"]]
    assert body["results"]["total"]["expected"] == shown["results"]["total"]["expected"]
    assert body["results"]["rates"]["months"][0]["month"] == shown["results"]["rates"]["months"][0]["month"].isoformat()


def test_the_default_fiscal_year_is_the_pages_default_and_a_past_year_can_be_asked(api_as, hq_analyst, world):
    api = api_as(hq_analyst)
    assert api.get(NATIONAL).json()["fiscal_year"] == current_fiscal_year()
    past = api.get(NATIONAL, {"fiscal_year": current_fiscal_year() - 3}).json()
    assert past["fiscal_year"] == current_fiscal_year() - 3
    assert past["trend"][-1]["fiscal_year"] == current_fiscal_year() - 3
    assert past["country"]["events"] == 0  # the world's one event is this year's


def test_a_lampang_officer_reads_lampangs_figures_as_the_report_page_shows_them(
    api_as, client_for, lampang_officer, world
):
    fy = current_fiscal_year()
    page = client_for(lampang_officer).get(reverse("reports:province", args=["52"]), {"fy": fy})
    assert page.status_code == 200
    shown = page.context["data"]

    response = api_as(lampang_officer).get(province_url("52"))
    assert response.status_code == 200
    body = response.json()
    assert body["province"]["code"] == "52" and body["fiscal_year"] == fy
    headline = body["headline"]
    assert (headline["active"], headline["total"], headline["events"]) == (3, 3, 1)
    for key in fields_of(fs.FiguresHeadlineSerializer):
        if key != "coverage":
            assert headline[key] == shown["headline"][key], key
    assert headline["coverage"] == shown["headline"]["coverage"]
    assert [d["code"] for d in body["districts"]] == [d["code"] for d in shown["districts"]]
    assert sum(d["active"] for d in body["districts"]) == 3
    assert body["hosted"]["events"][0]["event"]["title"] == "อบรมลำปาง"
    assert body["hosted"]["events"][0]["event"]["start_date"] == dt.date.today().isoformat()
    assert body["age_gender"]["totals"]["female"] == 1


def test_the_province_figures_name_nobody(api_as, lampang_officer, world):
    text = api_as(lampang_officer).get(province_url("52")).content.decode()
    for person in ("อาสาลำปาง", "นามสกุลลับ", "พี่เลี้ยงลำปาง", world["lampang"][0].national_id):
        assert person not in text
    body = json.loads(text)
    assert "leavers" in body["headline"]  # the count stays
    assert "leaver_reasons" not in body and not isinstance(body.get("leavers"), list)


def test_a_lampang_officer_gets_404_for_chiang_mai_and_for_the_national_figures_as_on_the_pages(
    api_as, client_for, lampang_officer, world
):
    api = api_as(lampang_officer)
    for url in (province_url("50"), NATIONAL):
        response = api.get(url)
        assert response.status_code == 404, url
        assert "นอกจังหวัดที่ท่านมีสิทธิ์" in response.json()["detail"]
    pages = client_for(lampang_officer)
    assert pages.get(reverse("reports:province", args=["50"])).status_code == 404
    assert pages.get(reverse("reports:dashboard")).status_code == 404


def test_an_unknown_province_code_is_404_as_another_provinces(api_as, hq_analyst, lampang_officer, world):
    assert api_as(hq_analyst).get(province_url("99")).status_code == 404
    assert api_as(hq_analyst).get(province_url("50")).status_code == 200
    assert (
        api_as(lampang_officer).get(province_url("99")).json() == api_as(lampang_officer).get(province_url("50")).json()
    )


@pytest.mark.parametrize("value", ["abc", "2500", str(current_fiscal_year() + 1), "๒๕๖๙", "-2569", "2569.0"])
def test_a_fiscal_year_the_pages_do_not_offer_is_refused_in_thai(api_as, hq_analyst, lampang_officer, world, value):
    for url, user in ((NATIONAL, hq_analyst), (province_url("52"), lampang_officer)):
        response = api_as(user).get(url, {"fiscal_year": value})
        assert response.status_code == 400
        body = response.json()
        first, last = current_fiscal_year() - 9, current_fiscal_year()
        assert f"เลือกได้ตั้งแต่ {first} ถึง {last}" in body["detail"]
        assert "fiscal_year" in body["errors"]


def test_the_figures_change_at_once_when_a_volunteer_is_added(api_as, hq_analyst, lampang_officer, lampang, world):
    hq, officer = api_as(hq_analyst), api_as(lampang_officer)
    first = hq.get(NATIONAL).json()
    # Nothing changed: the same cached computation is served.
    assert hq.get(NATIONAL).json()["computed_at"] == first["computed_at"]
    before = officer.get(province_url("52")).json()["headline"]["active"]

    VolunteerFactory(province=lampang)

    after = hq.get(NATIONAL).json()
    assert {r["code"]: r["active"] for r in after["provinces"]}["52"] == 4
    assert after["country"]["active"] == first["country"]["active"] + 1
    assert officer.get(province_url("52")).json()["headline"]["active"] == before + 1


def test_a_read_only_token_reads_the_figures(api_as, lampang_viewer, world):
    response = api_as(lampang_viewer, read_only=True).get(province_url("52"))
    assert response.status_code == 200
    assert response.json()["headline"]["active"] == 3


def test_the_answers_match_the_documented_schema(api_as, hq_analyst, lampang_officer, world):
    # The fuzz test seldom finds a real province code: a province's figures are checked against the document here.
    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    for path, user, url in (
        ("/api/v1/figures/national/", hq_analyst, NATIONAL),
        ("/api/v1/figures/provinces/{code}/", lampang_officer, province_url("52")),
        ("/api/v1/figures/provinces/{code}/", lampang_officer, province_url("52") + "?fiscal_year=1"),
    ):
        response = api_as(user).get(url)
        answer = transport.Response(
            status_code=response.status_code,
            headers={"content-type": [response["Content-Type"]]},
            content=response.content,
            request=requests.Request("GET", "http://testserver" + url).prepare(),
            elapsed=0.0,
            verify=True,
        )
        schema.validate_response(schema[path]["GET"], answer)
