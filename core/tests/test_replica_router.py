"""Reports and the dashboard read from the replica (DATABASE_REPLICA_URL, config/routers.py); writes and what was
just written stay on the primary; a replica that lags or is down leaves the reports answering from the primary.

The replica is Django's test mirror of the test database (TEST: {"MIRROR": "default"}): a second connection to
the same data, as a caught-up streaming replica would be. The README's "Scaling out" has the steps to try it by
hand against a real standby.
"""

import logging
import threading

import pytest
from django.db import OperationalError, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import routers
from config.routers import REPLICA, reads_from_replica
from core.alongside import close_connections
from core.thai import current_fiscal_year
from provinces.models import Province
from reports import caching, results, selectors
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])

VOLUNTEERS = 7


def add_replica(**changes) -> None:
    primary = connections["default"].settings_dict
    connections.settings[REPLICA] = {**primary, **changes, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    if not changes:
        connections[REPLICA].creation.set_as_test_mirror(primary)


def drop_replica() -> None:
    # The dashboard's threads (core.alongside) hold their own connections, to the replica too.
    close_connections()
    if REPLICA in connections.settings:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture(scope="module", autouse=True)
def replica_mirror(django_db_setup, django_db_blocker):
    # Before the test's database fixture, which checks that every alias it is given exists.
    add_replica()
    yield
    drop_replica()


@pytest.fixture(autouse=True)
def replica_not_skipped(monkeypatch):
    monkeypatch.setattr(routers, "_skip_until", 0.0)


def selects_of(captured, table: str) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT") and table in q["sql"]]


def open_province_report(client, lampang):
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections[REPLICA]) as rep:
        response = client.get(reverse("reports:province", args=[lampang.code]))
    assert response.status_code == 200
    return response, primary, rep


def test_the_province_report_is_computed_on_the_replica_and_counts_what_the_primary_holds(
    client_for, lampang_officer, lampang
):
    VolunteerFactory.create_batch(VOLUNTEERS, province=lampang)
    client = client_for(lampang_officer)

    response, primary, replica = open_province_report(client, lampang)

    assert response.context["data"] == selectors.province_report(lampang, current_fiscal_year())
    assert response.context["data"]["headline"]["active"] == VOLUNTEERS
    assert selects_of(replica, "volunteers_"), "the figures were not read from the replica"
    # Sign-in, the session and the province's own lookup stay on the primary; the figures do not.
    assert selects_of(primary, "django_session")
    assert not selects_of(primary, "volunteertally") and not selects_of(primary, 'volunteers_volunteer" ')


def test_the_dashboard_sections_counted_in_threads_read_from_the_replica_too(lampang, settings, monkeypatch):
    VolunteerFactory(province=lampang)
    settings.REPORT_THREADS = 2
    read = []
    count_cases = results.case_figures

    def recorded(fy, province=None):
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            figures = count_cases(fy, province)
        read.append((threading.current_thread().name, any("cases_" in q["sql"] for q in replica.captured_queries)))
        return figures

    monkeypatch.setattr(results, "case_figures", recorded)
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        rows = caching.dashboard_figures(current_fiscal_year(), refresh=True)["data"]["rows"]

    assert next(r for r in rows if r["code"] == "52")["active"] == 1
    [(thread, from_replica)] = read
    assert thread.startswith("alongside") and from_replica, "the cases were not read from the replica"
    assert selects_of(replica, "volunteers_"), "the provinces' rows were not read from the replica"


def test_inside_the_block_a_write_sends_the_reads_after_it_to_the_primary(lampang):
    with reads_from_replica():
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            assert Province.objects.filter(code="52").exists()
        assert len(replica) == 1
        VolunteerFactory(province=lampang, first_name="เพิ่งบันทึก")
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            assert Province.objects.filter(volunteers__first_name="เพิ่งบันทึก").exists()
        assert len(replica) == 0


def test_a_replica_that_is_down_leaves_the_report_on_the_primary_with_a_warning(
    client_for, lampang_officer, lampang, caplog
):
    VolunteerFactory.create_batch(VOLUNTEERS, province=lampang)
    client = client_for(lampang_officer)
    drop_replica()
    add_replica(HOST="127.0.0.1", PORT=1, OPTIONS={"connect_timeout": 2})  # nothing listens on port 1
    try:
        with caplog.at_level(logging.WARNING, logger="config.routers"):
            response = client.get(reverse("reports:province", args=[lampang.code]))
            again = client.get(reverse("reports:province", args=[lampang.code]) + "?refresh=1")
    finally:
        drop_replica()
        add_replica()
    assert response.status_code == 200 and again.status_code == 200
    assert response.context["data"]["headline"]["active"] == VOLUNTEERS
    assert "replica cannot be reached" in caplog.text
    # Once found down it is left alone for a while: the second page did not wait on it again.
    assert caplog.text.count("replica cannot be reached") == 1


def test_a_lagging_replica_leaves_the_report_on_the_primary(client_for, lampang_officer, lampang, monkeypatch, caplog):
    client = client_for(lampang_officer)
    VolunteerFactory.create_batch(VOLUNTEERS, province=lampang)
    monkeypatch.setattr(routers, "replica_caught_up", lambda: False)

    with caplog.at_level(logging.WARNING, logger="config.routers"):
        response, primary, replica = open_province_report(client, lampang)

    assert response.context["data"]["headline"]["active"] == VOLUNTEERS
    assert len(replica) == 0 and selects_of(primary, "volunteers_")
    assert "replica lags behind" in caplog.text


def test_a_database_that_is_no_standby_of_the_primary_is_never_read(client_for, lampang_officer, lampang, caplog):
    VolunteerFactory.create_batch(VOLUNTEERS, province=lampang)
    client = client_for(lampang_officer)
    drop_replica()
    # A copy of another day, a restored dump, a wrongly typed URL: a server not replaying this primary.
    add_replica(NAME="postgres")
    try:
        with caplog.at_level(logging.WARNING, logger="config.routers"):
            response = client.get(reverse("reports:province", args=[lampang.code]) + "?refresh=1")
    finally:
        drop_replica()
        add_replica()
    assert response.status_code == 200
    assert response.context["data"]["headline"]["active"] == VOLUNTEERS
    assert "is not a standby of the primary" in caplog.text


def test_a_replica_that_fails_in_the_middle_of_a_report_leaves_it_to_the_primary(
    client_for, lampang_officer, lampang, monkeypatch, caplog
):
    VolunteerFactory.create_batch(VOLUNTEERS, province=lampang)
    client = client_for(lampang_officer)
    report = selectors.province_report
    tries = []

    def standby_restarts_once(province, fy, **kwargs):
        tries.append(routers._read_from.get())
        if len(tries) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return report(province, fy, **kwargs)

    monkeypatch.setattr(selectors, "province_report", standby_restarts_once)
    with caplog.at_level(logging.WARNING, logger="config.routers"):
        response = client.get(reverse("reports:province", args=[lampang.code]) + "?refresh=1")

    assert response.status_code == 200
    assert response.context["data"]["headline"]["active"] == VOLUNTEERS
    assert tries == [REPLICA, None]
    assert "computed again on the primary" in caplog.text
