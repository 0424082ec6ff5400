"""The national dashboard's sections (mentors, training, reporting rates, people reached, cases), and the parts of a
province's report that count apart from its volunteers' tables, are computed in threads of their own while the
request's thread counts the rest (core.alongside): the figures are those counted one after the other, what an open
transaction wrote is counted, a part that fails fails the page, and the threads let go of their connections when
told."""

import datetime as dt
import threading
import time
from collections import defaultdict

import pytest
from django.db import connection

from activity.kinds import seed_work_kinds
from activity.services import save_report
from cases.tests.factories import CaseFactory
from core import alongside
from mentors.tests.factories import MentorFactory
from provinces.models import Agency
from reports import caching, results, selectors
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

FY = 2569
SECTIONS = {
    selectors: ("active_mentors", "training_figures"),
    results: ("national_rates", "people_reached", "case_figures"),
}
PROVINCE_PARTS = {
    selectors: ("year_leavers", "hosted_events", "national_participation", "hosted_trend", "outstanding_volunteers"),
    results: ("province_results",),
}


@pytest.fixture
def lampang_at_work(lampang, lampang_officer):
    """In Lampang in fiscal year 2569: a volunteer who reported three people given job information and referred one
    case, an event, and a mentor."""
    seed_work_kinds()  # again when an earlier test on a live server emptied the tables
    volunteer = VolunteerFactory(
        subdistrict=lampang.subdistricts.order_by("code")[0], appointed_on=dt.date(2024, 1, 10)
    )
    save_report(
        volunteer=volunteer,
        month=dt.date(2025, 10, 1),
        counts={"info_jobs": 3},
        by=lampang_officer,
        today=dt.date(2025, 11, 5),
    )
    agency = Agency.objects.get(province=lampang, kind="employment")
    CaseFactory(volunteer=volunteer, agency=agency, spotted_on=dt.date(2025, 10, 2), referred_on=dt.date(2025, 10, 2))
    EventFactory(host_province=lampang, start_date=dt.date(2025, 11, 3), end_date=dt.date(2025, 11, 4))
    MentorFactory(province=lampang)


def threads_of(monkeypatch, functions: dict) -> dict:
    """{function: names of the threads it ran in}, for each of `functions` ({module: names})."""
    seen = defaultdict(set)

    def recording(name, original):
        def recorded(*args, **kwargs):
            seen[name].add(threading.current_thread().name)
            return original(*args, **kwargs)

        return recorded

    for module, names in functions.items():
        for name in names:
            monkeypatch.setattr(module, name, recording(name, getattr(module, name)))
    return seen


def counted_once_in_the_threads_or_by_the_waiting_request(threads: dict) -> bool:
    """Each part was counted in one thread; the threads counted some, and the request's thread any that no thread
    had started when it asked for it (on a test's few rows it can get there first)."""
    request = threading.current_thread().name
    used = set().union(*threads.values())
    return (
        all(len(names) == 1 for names in threads.values())
        and any(name.startswith("alongside") for name in used)
        and all(name == request or name.startswith("alongside") for name in used)
    )


@pytest.fixture
def threads_of_sections(monkeypatch):
    return threads_of(monkeypatch, SECTIONS)


def shown(data) -> dict:
    lampang = next(row for row in data["rows"] if row["code"] == "52")
    return {
        "people": data["results"]["total"]["people"],
        "referred": data["results"]["total"]["referred"],
        "events": lampang["events"],
        "mentors": lampang["mentors"],
        "active": lampang["active"],
    }


WHAT_LAMPANG_DID = {"people": 3, "referred": 1, "events": 1, "mentors": 1, "active": 1}


def shown_in_report(data) -> dict:
    return {
        "people": data["results"]["people"]["people"],
        "referred": data["results"]["cases"]["total"]["referred"],
        "events": data["headline"]["events"],
        "mentors": data["headline"]["active_mentors"],
        "active": data["headline"]["active"],
    }


def other_sessions(expected: int | None = None) -> int:
    """Other sessions on the test database; with `expected`, once there are as many, or after 5 s: a closed
    connection's server process leaves pg_stat_activity a moment after the client has let go."""
    deadline = time.monotonic() + 5
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            n = cursor.fetchone()[0]
        if expected is None or n == expected or time.monotonic() > deadline:
            return n
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_counted_in_threads_the_dashboard_shows_what_counted_one_after_the_other_shows(
    lampang_at_work, settings, threads_of_sections
):
    settings.REPORT_THREADS = 0
    one_after_the_other = caching.dashboard_figures(FY, refresh=True)["data"]
    assert set().union(*threads_of_sections.values()) == {threading.current_thread().name}

    threads_of_sections.clear()
    settings.REPORT_THREADS = 2
    side_by_side = caching.dashboard_figures(FY, refresh=True)["data"]

    assert shown(side_by_side) == WHAT_LAMPANG_DID
    assert side_by_side == one_after_the_other
    assert set(threads_of_sections) == {name for names in SECTIONS.values() for name in names}
    assert counted_once_in_the_threads_or_by_the_waiting_request(threads_of_sections)


def test_inside_a_transaction_the_sections_count_what_it_has_written(lampang_at_work, settings, threads_of_sections):
    # The test's own transaction is open: a thread's connection would not see Lampang's rows.
    settings.REPORT_THREADS = 2

    data = caching.dashboard_figures(FY)["data"]

    assert shown(data) == WHAT_LAMPANG_DID
    assert set().union(*threads_of_sections.values()) == {threading.current_thread().name}


@pytest.mark.django_db(transaction=True)
def test_a_section_that_fails_in_its_thread_fails_the_dashboard_rather_than_leaving_it_out(
    lampang_at_work, settings, monkeypatch
):
    settings.REPORT_THREADS = 2

    def cases_cannot_be_counted(fy, province=None):
        raise RuntimeError("the case tally cannot be read")

    monkeypatch.setattr(results, "case_figures", cases_cannot_be_counted)
    with pytest.raises(RuntimeError, match="case tally"):
        caching.dashboard_figures(FY, refresh=True)

    monkeypatch.undo()
    assert shown(caching.dashboard_figures(FY, refresh=True)["data"]) == WHAT_LAMPANG_DID


@pytest.mark.django_db(transaction=True)
def test_the_threads_keep_their_connections_between_dashboards_and_close_them_when_told(lampang_at_work, settings):
    settings.REPORT_THREADS = 2
    alongside.close_connections()
    before = other_sessions(expected=0)

    caching.dashboard_figures(FY, refresh=True)
    caching.dashboard_figures(FY, refresh=True)
    assert other_sessions(expected=before + 2) == before + 2

    alongside.close_connections()
    assert other_sessions(expected=before) == before
    assert shown(caching.dashboard_figures(FY, refresh=True)["data"]) == WHAT_LAMPANG_DID


@pytest.mark.django_db(transaction=True)
def test_counted_in_threads_a_province_report_shows_what_counted_one_after_the_other_shows(
    lampang_at_work, lampang, settings, monkeypatch
):
    threads = threads_of(monkeypatch, PROVINCE_PARTS)
    settings.REPORT_THREADS = 0
    one_after_the_other = caching.province_figures(lampang, FY, refresh=True)["data"]
    assert set().union(*threads.values()) == {threading.current_thread().name}

    threads.clear()
    settings.REPORT_THREADS = 2
    side_by_side = caching.province_figures(lampang, FY, refresh=True)["data"]

    assert shown_in_report(side_by_side) == WHAT_LAMPANG_DID
    assert side_by_side == one_after_the_other
    assert set(threads) == {name for names in PROVINCE_PARTS.values() for name in names}
    assert counted_once_in_the_threads_or_by_the_waiting_request(threads)


def test_inside_a_transaction_a_province_report_counts_what_it_has_written(
    lampang_at_work, lampang, settings, monkeypatch
):
    threads = threads_of(monkeypatch, PROVINCE_PARTS)
    settings.REPORT_THREADS = 2

    data = caching.province_figures(lampang, FY)["data"]

    assert shown_in_report(data) == WHAT_LAMPANG_DID
    assert set().union(*threads.values()) == {threading.current_thread().name}


@pytest.mark.django_db(transaction=True)  # outside a transaction, as a page is: the parts go to the threads
def test_a_part_no_thread_has_started_is_counted_by_the_request_waiting_for_it(settings):
    """The request's thread, done with its own counting, counts a part still queued rather than wait for a thread to
    be free: with one thread held by the first part, the second is counted in the request's thread at once."""
    settings.REPORT_THREADS = 1
    second_counted = threading.Event()

    def first():
        return second_counted.wait(timeout=5)

    def second():
        second_counted.set()
        return threading.current_thread().name

    with alongside.computed_alongside({"first": first, "second": second}) as result:
        assert result("second") == threading.current_thread().name
        assert result("first") is True
