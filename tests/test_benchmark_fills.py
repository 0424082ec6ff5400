"""Every benchmark's fill, and one timed step on it, at a tiny size: a schema change that breaks a benchmark fails here.

The benchmarks (bench/, README "Benchmarks") fill a database of their own with COPY, whose columns come from the
models; a new NOT NULL column without a default stops the fill with the field's name, and these tests with it.
"""

import ast
import json
import os
import subprocess

import pytest

from bench.common import ROOT, Copier, last_line

pytestmark = pytest.mark.django_db

LOAD_PROVINCES = ["52", "50", "10", "30", "40", "57", "90", "20", "65", "34"]


def key_values(line: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in line.split())


@pytest.fixture
def bench_settings(settings, tmp_path, geography):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def roster_fill(bench_settings):
    from bench import roster_pages

    lines = []
    roster_pages.prepare(1000, stdout=lines.append)
    return lines


def test_the_pages_benchmark_fills_a_thousand_volunteers_with_history_in_every_province(roster_fill):
    from volunteers.models import Volunteer, VolunteerEvent

    assert Volunteer.objects.count() == 1000
    assert VolunteerEvent.objects.filter(pgh_label="insert").count() == 1000
    assert Volunteer.objects.values("province").distinct().count() == 77
    volunteer = Volunteer.objects.order_by("pk").first()
    assert volunteer.version == 0
    assert volunteer.full_clean() is None


def registry_indexes() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'volunteers_volunteer'")
        return dict(cursor.fetchall())


def test_the_pages_benchmark_measures_the_registry_with_every_index_a_migrated_database_has(bench_settings):
    from django.db import connection

    from bench import roster_pages

    migrated = registry_indexes()
    # The reports' own (reports/migrations, not declared on the model) among them: the load benchmark's mentor list
    # and reports read through them.
    assert {"reports_volunteer_report", "reports_volunteer_coverage", "volunteer_prov_name_sort"} <= set(migrated)
    roster_pages.prepare(1000, stdout=lambda _text: None)
    assert registry_indexes() == migrated

    # A fill stopped after dropping them: the next run builds them again.
    with connection.cursor() as cursor:
        roster_pages.drop_secondary_indexes(cursor)
    assert "reports_volunteer_report" not in registry_indexes()
    roster_pages.ensure_indexes()
    assert registry_indexes() == migrated


@pytest.mark.django_db(transaction=True)
def test_the_pages_benchmark_leaves_the_registry_vacuumed_as_autovacuum_would_before_anyone_works(bench_settings):
    """Outside a transaction, as `make bench-load` runs it: the first timed run does not find autovacuum starting on
    the rows just COPYed in, and the lists' counts are answered by their indexes alone (every page all-visible)."""
    from django.db import connection

    from bench import roster_pages

    roster_pages.fill(1000, stdout=lambda _text: None)  # not prepare(): no marker outlives the test's flush

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relpages, relallvisible FROM pg_class "
            "WHERE relname IN ('volunteers_volunteer', 'volunteers_volunteerevent')"
        )
        pages = {name: (relpages, visible) for name, relpages, visible in cursor.fetchall()}
    assert pages["volunteers_volunteer"][0] > 0
    assert all(visible == relpages for relpages, visible in pages.values()), pages


def test_the_pages_benchmark_times_every_page_and_ends_with_its_key_value_line(roster_fill):
    from bench import roster_pages

    summary = key_values(last_line(roster_pages.run(1, stdout=lambda _text: None)))

    assert summary["volunteers"] == "1000"
    assert {"list_p50_ms", "name_search_p50_ms", "id_search_p50_ms", "detail_p50_ms", "national_list_p50_ms"} <= set(
        summary
    )
    assert summary["queries_10_per_page"] == summary["queries_50_per_page"]
    # The API's reads, timed with a token as another system sends it (issue 16: medians under 50 ms on 1,000,000).
    assert {"api_list_p50_ms", "api_detail_p50_ms", "api_national_list_p50_ms"} <= set(summary)
    assert summary["api_queries_10_per_page"] == summary["api_queries_200_per_page"]


def test_the_pages_benchmark_reuses_its_fill_until_a_migration_changes_the_schema(roster_fill):
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from bench import roster_pages

    lines = []
    roster_pages.prepare(1000, stdout=lines.append)
    assert lines == ["reusing the fill of 1,000 volunteers (schema and fill unchanged)"]

    MigrationRecorder(connection).record_applied("volunteers", "9999_a_later_migration")
    lines.clear()
    roster_pages.prepare(1000, stdout=lines.append)
    assert lines[-1].startswith("filled 1,000 volunteers")


def test_the_load_benchmark_signs_its_users_in_on_the_pages_fill(roster_fill, tmp_path):
    from bench import load

    plan = load.prepare_users(first_serial=100)

    assert len(plan["officers"]) == 40
    assert all(officer["volunteer_ids"] and officer["names"] for officer in plan["officers"])
    assert all(importer["places"] for importer in plan["importers"])
    # Locust reads the plan and finds its three kinds of user (in a process of its own: Locust patches the sockets).
    users_file = tmp_path / "users.json"
    users_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    for pace in ("people", "stress"):  # bench/load.py --pace
        listed = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "locust"), "-f", str(ROOT / "bench" / "load_locustfile.py"), "--list"],
            env={**os.environ, "LOAD_USERS_FILE": str(users_file), "LOAD_PACE": pace},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert listed.returncode == 0, listed.stderr
        assert {"ProvinceOfficer", "Importer", "HeadquartersAnalyst", "MonthlyReporter", "ApiClient"} <= set(
            listed.stdout.split()
        )


def test_the_load_benchmark_reporters_save_a_grid_row_as_the_browser_posts_it(roster_fill):
    import random

    from django.test import Client

    from activity.models import MonthlyReport
    from bench import load
    from bench.load_forms import field, grid_rows, multipart, typed

    plan = load.prepare_users(first_serial=100, users=20)

    # A district each, none shared: two officers never type the same volunteer's month at once.
    districts = [(r["province"], r["district"]) for r in plan["reporters"]]
    assert len(districts) == len(set(districts)) == 4
    assert plan["kinds"] and plan["report_month"]
    reporter = plan["reporters"][0]  # the district with the most volunteers serving in the month
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.cookies[plan["session_cookie"]] = reporter["session"]
    grid = f"/activity/province/{reporter['province']}/grid/"
    rng = random.Random(1)
    for attempt in ("new", "correction"):
        page = client.get(grid, {"district": reporter["district"], "month": plan["report_month"]})
        assert page.status_code == 200
        row = grid_rows(page.content.decode())[0]
        assert {f"k_{code}" for code in plan["kinds"]} <= {name for name, _value in row["fields"]}
        assert bool(field(row["fields"], "report")) == (attempt == "correction")
        fields = typed(row["fields"], rng)
        body, content_type = multipart(fields, rng)
        saved = client.post(
            row["action"],
            data=body,
            content_type=content_type,
            headers={"X-CSRFToken": field(fields, "csrfmiddlewaretoken"), "Accept": "application/json"},
        )
        assert saved.status_code == 200, saved.content
        assert saved.json()["ok"], saved.json()
    report = MonthlyReport.objects.get(volunteer_id=field(fields, "volunteer"))
    assert report.month.strftime("%Y-%m") == plan["report_month"]
    assert {code: str(n) for code, n in report.counts.items()} == {
        name[2:]: value for name, value in fields if name.startswith("k_")
    }


def test_the_load_benchmark_api_clients_read_and_write_with_their_tokens(roster_fill):
    from django.test import Client

    from bench import load

    plan = load.prepare_users(first_serial=100, users=20)

    me = plan["api_clients"][0]
    assert me["volunteer_ids"]
    # Each client's volunteers are its own.
    owned = [pk for client in plan["api_clients"] for pk in client["volunteer_ids"]]
    assert len(owned) == len(set(owned))
    api = Client(HTTP_HOST="localhost", headers={"Authorization": f"Bearer {me['token']}"})
    listed = api.get("/api/v1/volunteers/", {"page_size": 2})
    assert listed.status_code == 200 and listed.json()["next"]
    assert api.get(listed.json()["next"]).status_code == 200
    assert api.get(f"/api/v1/figures/provinces/{me['province']}/").status_code == 200
    hq = Client(HTTP_HOST="localhost", headers={"Authorization": f"Bearer {me['hq_token']}"})
    assert hq.get("/api/v1/figures/national/").status_code == 200

    volunteer = me["volunteer_ids"][0]
    report = {"volunteer": volunteer, "month": plan["report_month"], "counts": {plan["kinds"][0]: 3}, "problems": ""}
    assert api.post("/api/v1/monthly-reports/", report, content_type="application/json").status_code == 201
    assert api.post("/api/v1/monthly-reports/", report, content_type="application/json").status_code == 200
    read = api.get(f"/api/v1/volunteers/{volunteer}/")
    assert read.status_code == 200
    edited = api.patch(
        f"/api/v1/volunteers/{volunteer}/",
        {"phone": "0812345678"},
        content_type="application/json",
        headers={"If-Match": read["ETag"]},
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["phone"] == "0812345678"
    # The edit kept the volunteer serving (the setup gave them their terms): the next report is saved too.
    assert api.post("/api/v1/monthly-reports/", report, content_type="application/json").status_code == 200


def test_the_dashboard_benchmark_fills_registry_and_trainings_and_times_the_reports(bench_settings):
    from bench import dashboard
    from reports.models import VolunteerTally
    from trainings.models import Event, Registration
    from volunteers.models import Volunteer

    lines = []
    dashboard.prepare(1000, stdout=lines.append)
    assert (Volunteer.objects.count(), Event.objects.count(), Registration.objects.count()) == (1000, 10, 500)
    assert VolunteerTally.objects.exists()

    summary = key_values(last_line(dashboard.run(1, stdout=lambda _text: None)))
    assert summary["volunteers"] == "1000"
    assert int(summary["dashboard_queries"]) > 0
    assert {"dashboard_p50_ms", "province_p50_ms", "completeness_p50_ms", "province_queries"} <= set(summary)
    assert {"dashboard_after_edit_p50_ms", "dashboard_after_edit_p95_ms"} <= set(summary)
    assert {"grid_ms", "grid_queries", "province_report_ms", "province_report_queries"} <= set(summary)
    assert int(summary["cases"]) == 500
    # Two years of reports, with gaps: the rows written are printed and are what the last line counts.
    written = next(line for line in lines if line.startswith("monthly reports: "))
    assert written.startswith(f"monthly reports: {int(summary['reports_rows']):,} rows in 24 months")


def test_the_dashboard_benchmark_reports_are_those_of_serving_volunteers_with_gaps_and_counted_in_the_tallies(
    bench_settings,
):
    from django.db.models import F, Sum

    from activity import rules
    from activity.models import MonthlyReport, ReportTally
    from bench import dashboard
    from cases.models import Case
    from reports.models import EventTally
    from trainings.models import Event, EventTarget
    from volunteers.models import Volunteer

    dashboard.prepare(1000, stdout=lambda _text: None)

    months = sorted(set(MonthlyReport.objects.values_list("month", flat=True)))
    assert len(months) == 24 and months[0].month == 10  # the last two fiscal years, October to September
    expected = sum(Volunteer.objects.filter(rules.serving_in_month(month)).count() for month in months)
    reports = MonthlyReport.objects.count()
    assert 0.7 * expected < reports < 0.97 * expected
    for month in (months[0], months[-1]):
        serving = set(Volunteer.objects.filter(rules.serving_in_month(month)).values_list("pk", flat=True))
        assert set(MonthlyReport.objects.filter(month=month).values_list("volunteer", flat=True)) <= serving
    # The loader skipped the triggers; the tallies were counted again after it.
    assert ReportTally.objects.aggregate(n=Sum("received"))["n"] == reports
    live = Event.objects.exclude(status=Event.Status.CANCELLED)
    assert EventTally.objects.aggregate(n=Sum("events"), target=Sum("target")) == {
        "n": live.count(),
        "target": EventTarget.objects.filter(event__in=live).aggregate(n=Sum("target"))["n"],
    }
    # Each case went to its own province's agency, and the statuses are all there.
    assert not Case.objects.exclude(agency__province=F("province")).exists()
    assert set(Case.objects.values_list("status", flat=True)) == {"referred", "accepted", "done", "not_referable"}


def test_the_import_benchmark_writes_its_rosters_and_imports_them(bench_settings, tmp_path):
    from bench import import_roster

    paths = import_roster.roster_paths(100, folder=tmp_path / "rosters")
    import_roster.write_rosters(100, paths, sample=50)
    assert all(path.exists() for path in paths.values())

    lines = []
    summary = key_values(last_line(import_roster.run(100, paths, stdout=lines.append)))

    assert summary["rows"] == "100"
    assert float(summary["rows_per_s"]) > 0
    assert {"seconds", "peak_mb", "default_rows_per_s", "ratio_vs_default", "update_rows_per_s"} <= set(summary)
    # Against django-import-export's best tuned configuration in the same run, and the two re-imports, timed.
    assert float(summary["tuned_rows_per_s"]) > 0
    assert float(summary["ratio_vs_tuned"]) > 0
    assert float(summary["unchanged_seconds"]) > 0
    assert float(summary["update_seconds"]) > 0
    unchanged = next(line for line in lines if "nothing changed" in line)
    assert "new 0, updated 0" in unchanged
    # Where the time goes: the phases of the portal's own import, as measured.
    phases = "\n".join(lines)
    for phase in ("read", "check", "classify", "COPY to temp table", "INSERT + history rows", "UPDATE + history rows"):
        assert f"{phase} " in phases, phase
    from rosters import pipeline, validation

    assert pipeline.classify is validation.classify  # the timing wrappers are gone after the run
    # The tuned resource imported its sample last: whole volunteers, as the staff pages would have them.
    from volunteers.models import Volunteer, VolunteerEvent

    volunteers = list(Volunteer.objects.order_by("pk"))
    assert len(volunteers) == int(next(line for line in lines if "best tuned" in line).split(": ")[1].split()[0])
    assert VolunteerEvent.objects.count() == len(volunteers)
    for volunteer in volunteers[:10]:
        assert volunteer.full_clean() is None
        assert volunteer.birth_date and volunteer.appointed_on and volunteer.title and volunteer.gender
        assert volunteer.province.code == "52"


def test_the_report_import_benchmark_fills_serving_volunteers_and_imports_a_filled_month(bench_settings):
    from activity.kinds import seed_work_kinds
    from activity.models import MonthlyReport, ReportTally
    from bench import report_import
    from volunteers.models import Volunteer

    seed_work_kinds()
    lines = []
    summary = report_import.time_report_import(1000, stdout=lines.append)

    assert last_line(summary).startswith("report_import_rows=1000 report_import_s=")
    assert MonthlyReport.objects.count() == 1000
    assert sum(ReportTally.objects.values_list("received", flat=True)) == 1000
    assert any(line.startswith("reports written 1,000, history rows tagged with the import 1,000") for line in lines)

    # The dashboard benchmark takes them out again before it times its pages on its own fill (and then vacuums).
    assert report_import.remove_fill(stdout=lines.append) == 1000
    assert report_import.remove_fill(stdout=lines.append) == 0
    assert not Volunteer.objects.filter(national_id__startswith=report_import.ID_PREFIX).exists()
    assert not MonthlyReport.objects.exists()


def test_a_not_null_column_without_a_default_stops_a_fill_with_its_name():
    from volunteers.models import Volunteer

    with pytest.raises(ValueError, match=r"Volunteer\.subdistrict \(subdistrict_id\) is NOT NULL and has no default"):
        Copier(Volunteer, ["national_id", "first_name", "last_name", "province_id"])


def test_no_benchmark_imports_the_test_tools():
    # `make run` installs requirements.txt only; Locust (bench/load.py) comes with `make bench-load`.
    test_only = {"factory", "pytest", "conftest", "hypothesis", "playwright"}
    # The page-weight benchmark drives Chromium: `make bench-weight` installs the test tools and the browser first.
    allowed = {"page_weight.py": {"playwright"}}
    for script in (ROOT / "bench").glob("*.py"):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                if name.split(".")[0] in allowed.get(script.name, set()):
                    continue
                assert name.split(".")[0] not in test_only and ".tests" not in name, (script.name, name)
