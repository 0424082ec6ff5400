"""The simulated users of bench/load.py (Locust): province officers, importers, HQ analysts, officers entering the
monthly reports in the grid, and other systems using the API with a personal token.

Not run on its own: bench/load.py signs the users in, writes their session cookies and sample ids to the JSON file
named by LOAD_USERS_FILE, starts gunicorn and runs Locust headless with this file.
"""

import csv
import io
import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser
from requests.cookies import create_cookie

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.load_forms import field, grid_rows, multipart, typed

with open(os.environ["LOAD_USERS_FILE"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
OFFICERS = itertools.cycle(PLAN["officers"])
HQ_SESSIONS = itertools.cycle(PLAN["hq"])
IMPORTERS = itertools.cycle(PLAN["importers"])
SERIALS = itertools.count(PLAN["first_import_serial"])
# One each: a district per reporting officer, volunteers of its own per API client (bench/load.py makes more than
# the weights below ever start), so that no two simulated users write the same volunteer's month.
REPORTERS = iter(PLAN["reporters"])
API_CLIENTS = iter(PLAN["api_clients"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Seconds each kind of user waits before its next request (bench/load.py --pace). "people": as staff work, reading
# a page before the next, typing a paper form's dozen numbers into a grid row, a system syncing a few times a
# minute; 300 of them ask about 20 requests a second. "stress": the pace this benchmark first had, a request every
# 0.5-2 s, at which 300 users ask about 150 a second, several times what two cores serve.
PACES = {
    "people": {"browse": (10, 30), "import": (30, 60), "grid_page": (10, 20), "grid_row": (10, 20), "api": (5, 15)},
    "stress": {"browse": (0.5, 2.0), "import": (5, 10), "grid_page": (2, 6), "grid_row": (1, 3), "api": (0.5, 2.0)},
}
PACE = PACES[os.environ.get("LOAD_PACE", "people")]


def check_digit(first_twelve: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first_twelve))
    return str((11 - total % 11) % 10)


class SignedIn(FastHttpUser):
    """FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load generator shares the server's two
    cores, and the lighter client leaves more of them to the portal being measured."""

    abstract = True
    wait_time = between(*PACE["browse"])

    def use_session(self, session_key: str) -> None:
        self.client.cookiejar.set_cookie(create_cookie(PLAN["session_cookie"], session_key, domain="127.0.0.1"))

    def page(self, path: str, name: str, **params):
        # No redirects followed: a signed-in user's page answers 200 itself; a 302 (to the login page) is a failure.
        with self.client.get(
            path, params=params or None, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(
                    f"{response.status_code} {response.headers.get('Location', '') if response.headers else ''}"
                )
            return response


class ProvinceOfficer(SignedIn):
    """Browses and searches the province's million-row registry: list pages, searches, a volunteer, mentors."""

    weight = 40

    def on_start(self):
        me = next(OFFICERS)
        self.me = me
        self.use_session(me["session"])

    @task(5)
    def volunteer_list(self):
        self.page("/volunteers/", "volunteer list")

    @task(3)
    def later_page(self):
        self.page("/volunteers/", "volunteer list, page n", page=random.randint(2, 40))

    @task(4)
    def search_by_name(self):
        self.page("/volunteers/", "search by name", q=random.choice(self.me["names"]))

    @task(1)
    def search_by_id(self):
        # A national ID never stays in a URL: the search is sent on to the list with a token kept in the session
        # (core.search), and that page is what the officer sees.
        with self.client.get(
            "/volunteers/",
            params={"q": random.choice(self.me["national_ids"])},
            name="search by national ID (sent on)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = (response.headers or {}).get("Location", "")
            if response.status_code != 302 or not location.startswith("/volunteers/?search="):
                response.failure(f"{response.status_code} {location}")
                return
        self.page(location, "search by national ID")

    @task(1)
    def filter_by_status(self):
        self.page("/volunteers/", "filter by status", status=random.choice(["suspended", "resigned"]))

    @task(4)
    def volunteer_page(self):
        self.page(f"/volunteers/{random.choice(self.me['volunteer_ids'])}/", "volunteer page")

    @task(1)
    def mentor_list(self):
        self.page("/mentors/", "mentor list")


class Importer(SignedIn):
    """An officer who uploads a small roster through the page, waits for the check, confirms it and waits for the write."""

    weight = 2
    wait_time = between(*PACE["import"])

    def on_start(self):
        me = next(IMPORTERS)
        self.me = me
        self.use_session(me["session"])

    @task
    def import_a_small_roster(self):
        home = self.page("/rosters/", "import page")
        token = CSRF.search(home.text or "")
        if not token:
            return
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต"])
        for _ in range(20):
            first_twelve = f"8{next(SERIALS):011d}"
            subdistrict, district = random.choice(self.me["places"])
            writer.writerow(
                [first_twelve + check_digit(first_twelve), "นาย", "นำเข้า", "ทดสอบภาระ", subdistrict, district]
            )
        with self.client.post(
            "/rosters/upload/",
            data={"kind": "volunteers", "csrfmiddlewaretoken": token.group(1)},
            files={"file": ("roster.csv", rows.getvalue().encode("utf-8-sig"), "text/csv")},
            headers={"Referer": f"{self.host}/rosters/"},
            name="upload roster",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
                return
            job_url = response.headers["Location"]
        job_id = job_url.rstrip("/").split("/")[-1]
        self.wait_for(job_id)
        preview = self.page(f"/rosters/imports/{job_id}/", "import preview")
        token = CSRF.search(preview.text or "")
        if not token:
            return
        # The officer confirms: the worker writes the 20 people while everyone else keeps browsing.
        with self.client.post(
            f"/rosters/imports/{job_id}/confirm/",
            data={"csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": f"{self.host}/rosters/imports/{job_id}/"},
            name="confirm import",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
                return
        if self.wait_for(job_id) != "done":
            self.environment.events.request.fire(
                request_type="TASK",
                name="import written",
                response_time=0,
                response_length=0,
                exception=RuntimeError("the import did not finish within 30 s"),
            )
        self.page(f"/rosters/imports/{job_id}/", "import result")

    def wait_for(self, job_id: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        status = ""
        while time.monotonic() < deadline:
            progress = self.client.get(f"/rosters/imports/{job_id}/progress.json", name="import progress")
            if progress.status_code != 200:
                break
            state = progress.json()
            status = state.get("status", "")
            if not state.get("working"):
                break
            time.sleep(1)
        return status


class HeadquartersAnalyst(SignedIn):
    """HQ (signed in with a second factor): the national dashboard and a province's report."""

    weight = 8

    def on_start(self):
        self.use_session(next(HQ_SESSIONS))

    @task(4)
    def dashboard(self):
        self.page("/reports/dashboard/", "HQ dashboard")

    @task(2)
    def province_report(self):
        self.page(f"/reports/province/{random.choice(PLAN['province_codes'])}/", "province report")

    @task(1)
    def national_volunteer_list(self):
        self.page("/volunteers/", "HQ volunteer list", province=random.choice(PLAN["province_codes"]))


class MonthlyReporter(SignedIn):
    """A province officer typing the month's paper forms into the grid of their district (activity:grid): opens a
    page of it, then types rows one after another, each saved as grid.js saves it on leaving the row."""

    weight = 6
    wait_time = between(*PACE["grid_page"])

    def on_start(self):
        self.me = next(REPORTERS)
        self.use_session(self.me["session"])
        self.rng = random.Random()

    @task
    def type_a_page_of_forms(self):
        me = self.me
        params = {"district": me["district"], "month": PLAN["report_month"]}
        page = random.randint(1, me["pages"])
        if page > 1:
            params["page"] = page
        path = f"/activity/province/{me['province']}/grid/"
        response = self.page(path, "report grid", **params)
        rows = grid_rows(response.text or "") if response.status_code == 200 else []
        if not rows:
            return
        referer = f"{self.host}{path}?{urlencode(params)}"
        for row in random.sample(rows, min(len(rows), random.randint(1, 4))):
            gevent.sleep(random.uniform(*PACE["grid_row"]))  # reading the paper form and typing its numbers
            fields = typed(row["fields"], self.rng)
            body, content_type = multipart(fields, self.rng)
            with self.client.post(
                row["action"],
                data=body,
                headers={
                    "Content-Type": content_type,
                    "X-CSRFToken": field(fields, "csrfmiddlewaretoken"),
                    "Accept": "application/json",
                    "Origin": self.host,
                    "Referer": referer,
                },
                name="report grid: save row",
                allow_redirects=False,
                catch_response=True,
            ) as saved:
                answer = _json(saved)
                if saved.status_code != 200 or not answer.get("ok"):
                    saved.failure(f"{saved.status_code} {answer.get('message', '')[:200]}")


def _json(response) -> dict:
    try:
        answer = response.json()
    except Exception:  # an HTML error page or an empty body
        return {}
    return answer if isinstance(answer, dict) else {}


class ApiClient(FastHttpUser):
    """Another system (a province's own, a Ministry dashboard) using the API with personal tokens: reads the
    province's volunteers page by page (cursor), one volunteer, the province's and the nation's figures (the latter
    with an HQ read-only token), saves monthly reports and edits a volunteer's phone with If-Match."""

    weight = 4
    wait_time = between(*PACE["api"])

    def on_start(self):
        self.me = next(API_CLIENTS)
        self.auth = {"Authorization": f"Bearer {self.me['token']}", "Accept": "application/json"}

    def call(self, method: str, path: str, name: str, *, expect=(200,), headers=None, **kwargs):
        with self.client.request(
            method,
            path,
            name=name,
            headers={**self.auth, **(headers or {})},
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} {(response.text or '')[:200]}")
            return response

    @task(4)
    def volunteer_list(self):
        listed = self.call("GET", "/api/v1/volunteers/", "API volunteer list", params={"page_size": 50})
        for _ in range(random.randint(0, 3)):
            following = _json(listed).get("next")
            if not following:
                return
            listed = self.call("GET", following, "API volunteer list, next page (cursor)")

    @task(3)
    def volunteer_detail(self):
        if self.me["volunteer_ids"]:
            self.call("GET", f"/api/v1/volunteers/{random.choice(self.me['volunteer_ids'])}/", "API volunteer detail")

    @task(1)
    def province_figures(self):
        self.call("GET", f"/api/v1/figures/provinces/{self.me['province']}/", "API province figures")

    @task(1)
    def national_figures(self):
        self.call(
            "GET",
            "/api/v1/figures/national/",
            "API national figures (HQ token)",
            headers={"Authorization": f"Bearer {self.me['hq_token']}"},
        )

    @task(3)
    def save_monthly_report(self):
        if not self.me["volunteer_ids"]:
            return
        counts = {code: random.choice([0, 1, 2, 3, 5]) for code in PLAN["kinds"]}
        self.call(
            "POST",
            "/api/v1/monthly-reports/",
            "API monthly report save",
            expect=(200, 201),
            json={
                "volunteer": random.choice(self.me["volunteer_ids"]),
                "month": PLAN["report_month"],
                "counts": counts,
                "problems": "",
            },
        )

    @task(1)
    def edit_phone(self):
        if not self.me["volunteer_ids"]:
            return
        path = f"/api/v1/volunteers/{random.choice(self.me['volunteer_ids'])}/"
        read = self.call("GET", path, "API volunteer detail")
        etag = (read.headers or {}).get("ETag")
        if read.status_code != 200 or not etag:
            return
        self.call(
            "PATCH",
            path,
            "API volunteer edit (If-Match)",
            headers={"If-Match": etag},
            json={"phone": f"08{random.randint(0, 99_999_999):08d}"},
        )
