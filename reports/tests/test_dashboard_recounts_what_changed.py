"""The dashboard keeps each province's count of its volunteers and quotas: after an edit it counts that province again,
not the whole country, and every change still shows on the next visit."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activity.services import save_report
from cases.tests.factories import CaseFactory
from mentors.tests.factories import MentorFactory
from provinces.models import Agency
from reports import caching, selectors
from trainings.tests.factories import EventFactory
from volunteers.services import move_volunteer_to_province
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def rows(data):
    return {row["code"]: row for row in data["rows"]}


def tally_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if '"reports_volunteeryeartally"' in q["sql"]]


def test_an_edit_in_one_province_counts_that_province_again_and_no_other(small_province, lampang):
    first = rows(caching.dashboard_figures(2568)["data"])
    assert (first["52"]["active"], first["98"]["active"]) == (0, 4)
    VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[0], appointed_on=dt.date(2020, 1, 10))
    with CaptureQueriesContext(connection) as queries:
        data = caching.dashboard_figures(2568)["data"]
    assert (rows(data)["52"]["active"], rows(data)["98"]["active"]) == (1, 4)
    [tally] = tally_queries(queries)
    assert f'"province_id" IN ({lampang.pk})' in tally
    # The same figures as counting every province afresh.
    assert data["rows"] == selectors.dashboard(2568)["rows"]


def test_with_nothing_kept_every_province_is_counted_in_one_query(small_province):
    with CaptureQueriesContext(connection) as queries:
        data = caching.dashboard_figures(2568)["data"]
    [tally] = tally_queries(queries)
    assert '"province_id" IN' not in tally
    assert rows(data)["98"]["active"] == 4


def test_the_province_a_volunteer_moved_out_of_shows_one_fewer_at_once(
    small_province, chiang_mai, admin_user, django_capture_on_commit_callbacks
):
    before = rows(caching.dashboard_figures(2568)["data"])
    v1 = small_province["volunteers"][0]
    with django_capture_on_commit_callbacks(execute=True):
        move_volunteer_to_province(volunteer=v1, subdistrict=chiang_mai.subdistricts.order_by("code")[0], by=admin_user)
    after = rows(caching.dashboard_figures(2568)["data"])
    # Nothing of province 98 changed but the volunteer who left: its own stamp cannot see it, the move's signal does.
    assert after["98"]["active"] == before["98"]["active"] - 1
    assert after["50"]["active"] == before["50"]["active"] + 1


def test_the_report_of_the_province_a_volunteer_moved_out_of_agrees_with_the_dashboard_at_once(
    small_province, chiang_mai, admin_user, django_capture_on_commit_callbacks
):
    province = small_province["province"]
    before = caching.province_figures(province, 2568)["data"]["headline"]
    with django_capture_on_commit_callbacks(execute=True):
        move_volunteer_to_province(
            volunteer=small_province["volunteers"][0],
            subdistrict=chiang_mai.subdistricts.order_by("code")[0],
            by=admin_user,
        )

    after = caching.province_figures(province, 2568)["data"]["headline"]

    assert after["active"] == before["active"] - 1
    assert after["active"] == rows(caching.dashboard_figures(2568)["data"])["98"]["active"]


def test_a_new_quota_shows_at_once(small_province):
    before = rows(caching.dashboard_figures(2568)["data"])["98"]
    subdistrict = small_province["province"].subdistricts.get(code="980101")
    subdistrict.quota += 3
    subdistrict.save()
    data = caching.dashboard_figures(2568)["data"]
    assert rows(data)["98"]["quota"] == before["quota"] + 3
    assert data["rows"] == selectors.dashboard(2568)["rows"]


def test_a_province_counted_long_ago_is_counted_again(small_province, lampang, monkeypatch):
    caching.dashboard_figures(2568)
    # A change no stamp sees (a volunteer deleted in the admin site) shows once the kept count is older than this.
    later = caching.time.time() + caching.FRESH_FOR_SECONDS + 1
    monkeypatch.setattr(caching.time, "time", lambda: later)
    VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[0])
    with CaptureQueriesContext(connection) as queries:
        caching.dashboard_figures(2568)
    [tally] = tally_queries(queries)
    assert '"province_id" IN' not in tally


# -- sections: each counted again only after a change to what it counts ------------------------------------------

FY = 2569  # October 2025 to September 2026
SECTION_QUERIES = {
    "volunteers": '"reports_volunteeryeartally"',
    "mentors": 'COUNT(*) AS "n" FROM "mentors_mentor"',
    "training": '"reports_eventtally"',
    "rates": '"activity_reporttally"',
    "people": "FROM reports_provincekindtally",
    "cases": "FROM cases_casetally",
}


def sections_counted(queries) -> set[str]:
    return {name for name, text in SECTION_QUERIES.items() if any(text in q["sql"] for q in queries)}


@pytest.fixture
def lampang_volunteer_2569(lampang):
    return VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[0], appointed_on=dt.date(2024, 1, 10))


def a_monthly_report(volunteer, officer, lampang):
    save_report(
        volunteer=volunteer, month=dt.date(2025, 10, 1), counts={"info_jobs": 3}, by=officer, today=dt.date(2025, 11, 5)
    )


def a_case(volunteer, officer, lampang):
    agency = Agency.objects.get(province=lampang, kind="employment")
    CaseFactory(volunteer=volunteer, agency=agency, spotted_on=dt.date(2025, 10, 2), referred_on=dt.date(2025, 10, 2))


def an_event(volunteer, officer, lampang):
    EventFactory(host_province=lampang, start_date=dt.date(2025, 11, 3), end_date=dt.date(2025, 11, 4))


def a_mentor(volunteer, officer, lampang):
    MentorFactory(province=lampang)


def a_volunteer_edit(volunteer, officer, lampang):
    volunteer.save(update_fields=["updated_at"])


@pytest.mark.parametrize(
    ("change", "counted", "shows"),
    [
        (a_monthly_report, {"rates", "people"}, lambda data: data["results"]["total"]["people"] == 3),
        (a_case, {"cases"}, lambda data: data["results"]["total"]["referred"] == 1),
        (an_event, {"training"}, lambda data: rows(data)["52"]["events"] == 1),
        (a_mentor, {"mentors"}, lambda data: rows(data)["52"]["mentors"] == 1),
        # The serving volunteers of each month (expected reports) follow the volunteers.
        (a_volunteer_edit, {"volunteers", "rates"}, lambda data: rows(data)["52"]["active"] == 1),
    ],
    ids=["monthly report", "case", "event", "mentor", "volunteer edit"],
)
def test_a_change_counts_again_the_sections_that_count_it_and_no_other(
    lampang, lampang_officer, lampang_volunteer_2569, change, counted, shows
):
    caching.dashboard_figures(FY)
    change(lampang_volunteer_2569, lampang_officer, lampang)
    with CaptureQueriesContext(connection) as queries:
        data = caching.dashboard_figures(FY)["data"]
    assert shows(data)
    assert sections_counted(queries) == counted
    assert data == selectors.dashboard(FY)


def test_a_volunteer_deleted_in_the_admin_leaves_the_dashboard_at_the_next_visit(small_province, lampang):
    places = lampang.subdistricts.order_by("code")
    mistake = VolunteerFactory(subdistrict=places[0], appointed_on=dt.date(2020, 1, 10))
    VolunteerFactory(subdistrict=places[1], appointed_on=dt.date(2020, 1, 10))  # saved later: the latest change
    before = rows(caching.dashboard_figures(2568)["data"])
    assert before["52"]["active"] == 2
    mistake.delete()
    after = rows(caching.dashboard_figures(2568)["data"])
    assert after["52"]["active"] == 1
    assert after["98"] == before["98"]
