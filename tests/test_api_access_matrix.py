"""Who may use which API operation: every URL pattern under /api/, every method, every persona, on Lampang's and
Chiang Mai's objects, with a token of each persona (and a read-only token of each).

Like tests/test_access_matrix.py (whose world, personas and table fingerprint it reuses), the routes come from
Django's URL resolver and each (URL name, method) needs a line in API_POLICIES: a new route, or a new method on a
route, fails this test until someone decides who may use it. Methods a route does not take must answer 405.

What must hold:
- without a token: 401 (the docs page, a page for people, sends to the login page);
- agency staff: the cases referred to their agency (the list, a case, its status step), the schema and the docs page,
  and nothing else: 403 with a Thai message everywhere else, opening a case included;
- another province's object: 404, for every method;
- roles that only read (viewers, HQ, anti-trafficking officers on the registry) get 403 on every write, and nothing
  in the registry changes for them; a read-only token of anyone, administrators included, gets 403 on every write;
- reference data (places, offices) is read by every role.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from activity.models import WorkKind
from activity.rules import previous_month
from activity.services import save_report
from api import tokens
from core.thai import national_id_with_check_digit
from tests.test_access_matrix import (
    API_NAMESPACE,
    ProvinceWorld,
    client_as,
    fingerprint,
    is_login_redirect,
    relation,
)

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

REFERENCE = "reference data"  # every role reads it
SCOPED_LIST = "province-scoped list"  # every role; the rows are those of its scope
PROVINCE_READ = "province-scoped read"  # the object's province and national roles; other provinces 404
SEARCH = "province-scoped search"  # a POST that only reads: like SCOPED_LIST, read-only tokens included
WRITE = "write"  # officers (in their own province) and administrators; roles that read only 403
PROVINCE_WRITE = "province-scoped write"  # officers of the object's province and administrators; readers 403
# Creating an event in the object's province: its officers and administrators; an officer of another province (who
# plans events in their own only) and HQ officers (national events only) are refused by the service, 403.
EVENT_CREATE = "event create"
# Registering people into the object's province's event (named in the body): like PROVINCE_WRITE.
REGISTER = "registration write"
SIGNED_IN = "signed-in"  # any role, agency staff included: the schema (theirs lists only their cases' operations)
# The national dashboard's figures: national roles only; province staff 404, as reports.views.dashboard answers them.
NATIONAL_READ = "national read"
DOCS = "docs page"  # a page for people, for any role: anonymous visitors go to the login page
# A monthly report of the volunteer named in the body, new (201) or replacing that month's (200): officers of the
# volunteer's province and administrators; an officer of another province does not find the volunteer (400).
REPORT_SAVE = "monthly report save"
# Cases (the world's is not flagged): listed to every role, agency staff included (their rows are their agency's);
# one case read as PROVINCE_READ and by the staff of the agency it was referred to.
CASE_LIST = "case list"
CASE_READ = "case read"
# Opening a case of the volunteer named in the body: officers and the anti-trafficking officer of its province and
# administrators; another province's staff do not find the volunteer (400); readers and agency staff 403.
CASE_OPEN = "case open"
# A case's next step: as CASE_OPEN, and the staff of the agency it was referred to; readers 403, other provinces 404.
CASE_STEP = "case step"
CASE_POLICIES = {CASE_LIST, CASE_READ, CASE_OPEN, CASE_STEP}
CASE_WRITERS = {"officer", "anti-trafficking", "admin"}

API_POLICIES = {
    ("api:region-list", "GET"): REFERENCE,
    ("api:region-detail", "GET"): REFERENCE,
    ("api:province-list", "GET"): REFERENCE,
    ("api:province-detail", "GET"): REFERENCE,
    ("api:district-list", "GET"): REFERENCE,
    ("api:district-detail", "GET"): REFERENCE,
    ("api:subdistrict-list", "GET"): REFERENCE,
    ("api:subdistrict-detail", "GET"): REFERENCE,
    ("api:agency-list", "GET"): REFERENCE,
    ("api:agency-detail", "GET"): REFERENCE,
    ("api:volunteer-list", "GET"): SCOPED_LIST,
    ("api:volunteer-list", "POST"): WRITE,  # registers in the officer's own province
    ("api:volunteer-search", "POST"): SEARCH,
    ("api:volunteer-detail", "GET"): PROVINCE_READ,
    ("api:volunteer-detail", "PATCH"): PROVINCE_WRITE,
    ("api:volunteer-change-status", "POST"): PROVINCE_WRITE,
    ("api:volunteer-national-id", "POST"): PROVINCE_WRITE,  # the full ID, with the purpose recorded
    ("api:mentor-list", "GET"): SCOPED_LIST,
    ("api:mentor-detail", "GET"): PROVINCE_READ,
    ("api:mentor-national-id", "POST"): PROVINCE_WRITE,
    ("api:mentor-list", "POST"): WRITE,  # in the officer's own province: another province's office is refused
    ("api:mentor-detail", "PATCH"): PROVINCE_WRITE,
    ("api:event-list", "POST"): EVENT_CREATE,
    ("api:event-detail", "PATCH"): PROVINCE_WRITE,  # those who run the event, as the edit page
    ("api:registration-list", "POST"): REGISTER,
    ("api:registration-cancel", "POST"): PROVINCE_WRITE,
    ("api:event-list", "GET"): SCOPED_LIST,
    ("api:event-detail", "GET"): PROVINCE_READ,
    ("api:event-check-in", "POST"): PROVINCE_WRITE,  # those who run the event, as the check-in page
    ("api:registration-list", "GET"): SCOPED_LIST,
    ("api:registration-detail", "GET"): PROVINCE_READ,
    ("api:import-job-list", "GET"): SCOPED_LIST,
    ("api:import-job-detail", "GET"): PROVINCE_READ,
    ("api:figures-national", "GET"): NATIONAL_READ,
    ("api:figures-province", "GET"): PROVINCE_READ,  # as the province report page: its province and national roles
    ("api:work-kind-list", "GET"): REFERENCE,
    ("api:work-kind-detail", "GET"): REFERENCE,
    ("api:monthly-report-list", "GET"): SCOPED_LIST,
    ("api:monthly-report-list", "POST"): REPORT_SAVE,
    ("api:monthly-report-detail", "GET"): PROVINCE_READ,
    ("api:monthly-report-detail", "PUT"): PROVINCE_WRITE,
    ("api:case-list", "GET"): CASE_LIST,
    ("api:case-list", "POST"): CASE_OPEN,
    ("api:case-detail", "GET"): CASE_READ,
    ("api:case-change-status", "POST"): CASE_STEP,
    ("api:schema", "GET"): SIGNED_IN,
    ("api:docs", "GET"): DOCS,
}


def api_patterns() -> list[tuple[str, str, object]]:
    """(URL name, route, view) for every pattern under the API's namespace."""
    found = []

    def walk(resolver, prefix="", namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and namespace.split(":")[0] == API_NAMESPACE:
                assert entry.name, f"an API route without a URL name cannot have a decision: {prefix}{entry.pattern}"
                found.append((f"{namespace}:{entry.name}", prefix + str(entry.pattern), entry.callback))

    walk(get_resolver())
    return found


PATTERNS = api_patterns()
ROUTE_PARAMETERS = {name: set(re.findall(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>", route)) for name, route, _view in PATTERNS}


def methods_of(view) -> set[str]:
    """The methods a route answers: a viewset's bound actions, or a view's own handlers."""
    actions = getattr(view, "actions", None)
    if actions:
        # DRF adds HEAD to a viewset's actions (as GET) once the route has answered: it follows GET's decision.
        return {m.upper() for m in actions} - {"HEAD", "OPTIONS"}
    cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
    return {m.upper() for m in METHODS if hasattr(cls, m.lower()) and m.lower() in cls.http_method_names}


def test_every_api_route_and_method_has_a_decision():
    declared = {(name, method) for name, _route, view in PATTERNS for method in methods_of(view)}
    undecided = sorted(declared - set(API_POLICIES))
    assert not undecided, f"add these (URL name, method) pairs to API_POLICIES in {__file__}: {undecided}"
    gone = sorted(set(API_POLICIES) - declared)
    assert not gone, f"API_POLICIES names operations that no longer exist: {gone}"


# ------------------------------------------------------------------------------------------- the world


def url_kwargs(objects: ProvinceWorld, name: str) -> dict:
    resource = name.split(":")[1].rsplit("-", 1)[0]
    if name.endswith("change-status") or name.endswith("national-id") or name.endswith("check-in"):
        resource = name.split(":")[1].split("-")[0]
    obj = {
        "region": objects.province.region,
        "province": objects.province,
        "district": objects.subdistrict.district,
        "subdistrict": objects.subdistrict,
        "agency": objects.agency,
        "volunteer": objects.volunteer,
        "mentor": objects.mentor,
        "event": objects.event,
        "registration": objects.registration,
        "import-job": objects.job,
        "work-kind": WorkKind.objects.first(),
        "monthly-report": getattr(objects, "report", None),
        "case": objects.case,
    }.get(resource)
    kwargs = {"pk": obj.pk if obj is not None else None, "day_pk": objects.day.pk, "code": objects.province.code}
    wanted = {p for pair in ROUTE_PARAMETERS[name] for p in pair if p}
    return {k: v for k, v in kwargs.items() if k in wanted}


def body(objects: ProvinceWorld, name: str, serial: int) -> dict:
    """A request that would change something if it were let through: valid values of this province."""
    today = str(timezone.localdate())
    if name == "api:volunteer-list":
        return {
            "national_id": national_id_with_check_digit(f"3{objects.province.code}0177{serial:05d}"),
            "title": "mr",
            "first_name": "ลงทะเบียน",
            "last_name": "โดยตาราง",
            "subdistrict": objects.subdistrict.pk,
        }
    if name == "api:volunteer-detail":
        return {"last_name": "เปลี่ยนโดยตาราง"}
    if name == "api:volunteer-change-status":
        return {"to_status": "suspended", "changed_on": today, "reason": "ทดสอบสิทธิ์"}
    if name.endswith("national-id"):
        return {"purpose": "refer"}
    if name == "api:event-check-in":
        return {"uuid": str(uuid.uuid4()), "registration": objects.registration.pk}
    if name == "api:volunteer-search":
        return {"q": objects.volunteer.first_name}
    if name == "api:mentor-list":
        return {"first_name": "พี่เลี้ยง", "last_name": f"โดยตาราง{serial}", "agency": objects.agency.pk}
    if name == "api:mentor-detail":
        return {"position": "เปลี่ยนโดยตาราง"}
    if name == "api:event-list":
        return {
            "title": "อบรมโดยตาราง",
            "kind": "workshop",
            "level": "provincial",
            "host_province": objects.province.pk,
            "venue": "ศาลากลาง",
            "start_date": today,
            "end_date": today,
            "status": "open",
        }
    if name == "api:event-detail":
        return {"venue": "เปลี่ยนโดยตาราง"}
    if name == "api:registration-list":
        return {"event": objects.event.pk, "volunteers": [objects.volunteer.pk]}
    if name == "api:registration-cancel":
        return {"reason": "ทดสอบสิทธิ์"}
    if name == "api:monthly-report-list":
        month = previous_month(timezone.localdate()).strftime("%Y-%m")
        return {"volunteer": objects.volunteer.pk, "month": month, "counts": {"info_jobs": serial % 100}}
    if name == "api:monthly-report-detail":
        return {"counts": {"info_jobs": serial % 100}}
    if name == "api:case-list":
        return {
            "volunteer": objects.volunteer.pk,
            "spotted_on": today,
            "subdistrict": objects.volunteer.subdistrict_id,
            "needs": ["job_seekers"],
            "agency": objects.case.agency_id,
        }
    if name == "api:case-change-status":
        return {"to_status": "accepted", "changed_on": today}
    return {}


def version_of(objects: ProvinceWorld, name: str) -> int:
    """The version If-Match carries: the mentor's on mentor routes, the event's on event routes, else the
    volunteer's."""
    record = (
        objects.mentor
        if name.startswith("api:mentor-")
        else objects.event
        if name.startswith("api:event-")
        else objects.volunteer
    )
    record.refresh_from_db()
    return record.version


PERSONAS = [
    "anonymous",
    "lampang_viewer",
    "lampang_officer",
    "chiangmai_officer",
    "hq_analyst",
    "hq_officer",
    "admin",
    "lampang_anti_trafficking",
    "lampang_agency_staff",
]
READS_ONLY = {"viewer", "hq", "hq officer", "anti-trafficking", "other viewer", "other anti-trafficking"}


@pytest.fixture
def personas(personas, lampang_anti_trafficking, lampang_agency_staff):
    return {
        **personas,
        "lampang_anti_trafficking": lampang_anti_trafficking,
        "lampang_agency_staff": lampang_agency_staff,
    }


@pytest.fixture
def world(lampang, chiang_mai, personas):
    worlds = {"52": ProvinceWorld(lampang, 9301), "50": ProvinceWorld(chiang_mai, 9302)}
    for objects in worlds.values():
        # Last month's report of the world's volunteer, for the monthly report routes.
        objects.report = save_report(
            volunteer=objects.volunteer,
            month=previous_month(timezone.localdate()),
            counts={"info_jobs": "1"},
            by=personas["admin"],
        )
    return worlds


def token_client(user, *, read_only=False) -> APIClient:
    client = APIClient()
    if user is not None:
        secret = tokens.create_token(user=user, name="ตารางสิทธิ์", days=30, read_only=read_only)[1]
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def expected(policy: str, who: str, method: str) -> set[int]:
    """The statuses a persona (as it stands to the object's province) may get from a token of its own."""
    if who == "anonymous":
        return {302} if policy == DOCS else {401}
    if policy in CASE_POLICIES:
        return case_expected(policy, who)
    if policy in {SIGNED_IN, DOCS}:
        return {200}
    if who in {"agency", "other agency"}:
        return {403}
    if policy == REPORT_SAVE:
        return {200, 201} if who in {"officer", "admin"} else {400} if who == "other" else {403}
    if policy == EVENT_CREATE:
        return {201} if who in {"officer", "admin"} else {403}
    if policy == NATIONAL_READ:
        return {200} if who in {"hq", "hq officer", "admin"} else {404}
    if policy in {REFERENCE, SCOPED_LIST, SEARCH, SIGNED_IN, DOCS}:
        return {200}
    if who in {"other", "other viewer", "other anti-trafficking"} and policy != WRITE:
        return {404}
    if policy == PROVINCE_READ:
        return {200}
    if who in READS_ONLY:
        return {403}
    if policy == WRITE:
        # An officer of the other province writes in their own: this province's subdistrict is refused there.
        return {400} if who == "other" else {201}
    # A writer tried after another may find the change already made (a status cannot be set twice): 400 with why.
    return {200, 201, 400}


def case_expected(policy: str, who: str) -> set[int]:
    """The cases' routes, where the anti-trafficking officer writes and agency staff are let in (their agency's)."""
    other = who.startswith("other")
    if policy == CASE_LIST:
        return {200}
    if policy == CASE_READ:
        return {404} if other else {200}
    if policy == CASE_OPEN:
        if who in {"other", "other anti-trafficking"}:
            return {400}
        return {201} if who in CASE_WRITERS else {403}
    if other:
        return {404}
    # A step tried after another writer's finds it already taken (accepted cannot be set twice): 400 with why.
    return {200, 400} if who in CASE_WRITERS | {"agency"} else {403}


def send(client, method: str, url: str, data: dict, version: int):
    headers = {"HTTP_IF_MATCH": str(version)}
    return getattr(client, method.lower())(url, data, format="json", **headers) if method != "GET" else client.get(url)


NAMES = sorted({name for name, _route, _view in PATTERNS})
VIEWS = {name: view for name, _route, view in PATTERNS}


@pytest.mark.parametrize("name", NAMES)
def test_each_api_operation_answers_each_persona_as_decided(name, world, personas):
    problems = []
    declared = methods_of(VIEWS[name])
    clients = {}
    for persona in PERSONAS:
        user = None if persona == "anonymous" else personas[persona]
        clients[persona] = client_as(user) if name == "api:docs" else token_client(user)
    serial = 0
    for code, objects in world.items():
        url = reverse(name, kwargs=url_kwargs(objects, name))
        for persona in PERSONAS:
            who = relation(persona, code)
            for method in METHODS:
                serial += 1
                version = version_of(objects, name)
                before = fingerprint()
                response = send(clients[persona], method, url, body(objects, name, serial), version)
                got = response.status_code
                if method not in declared:
                    # Refused before the method is looked at: no token 401, agency staff 403; everyone else 405.
                    for_every_role = API_POLICIES.get((name, "GET")) in {SIGNED_IN, DOCS}
                    want = (
                        {401, 302}
                        if persona == "anonymous"
                        else {403}
                        if "agency" in who and not for_every_role
                        else {405}
                    )
                else:
                    want = expected(API_POLICIES[(name, method)], who, method)
                if (
                    name == "api:docs"
                    and persona == "anonymous"
                    and method == "GET"
                    and not is_login_redirect(response)
                ):
                    problems.append(f"GET {url} as anonymous: {got}, expected the login page")
                if got not in want:
                    problems.append(f"{method} {url} as {persona} ({who}): {got}, expected one of {sorted(want)}")
                if got >= 500:
                    problems.append(f"{method} {url} as {persona}: server error {got}")
                changed = fingerprint() != before
                # The anti-trafficking officer reads the registry only, but writes cases.
                writes_cases = who == "anti-trafficking" and API_POLICIES.get((name, method)) in {CASE_OPEN, CASE_STEP}
                reads_only = who in READS_ONLY and not writes_cases
                if changed and (reads_only or who.startswith("other") or persona == "anonymous"):
                    pytest.fail("\n".join([*problems, f"{method} {url} as {persona} ({who}) changed the database"]))
                if got >= 400 and name.startswith("api:") and name not in {"api:docs", "api:schema"}:
                    # Every refusal is JSON with a Thai `detail`.
                    assert response.json().get("detail"), f"{method} {url} as {persona}: {got} without a detail"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted({n for (n, m), p in API_POLICIES.items() if m != "GET"}))
def test_a_read_only_token_of_any_persona_writes_nothing(name, world, personas):
    for persona in ("admin", "lampang_officer", "hq_officer"):
        client = token_client(personas[persona], read_only=True)
        objects = world["52"]
        for method in sorted(m for (n, m) in API_POLICIES if n == name and m != "GET"):
            objects.volunteer.refresh_from_db()
            before = fingerprint()
            response = send(client, method, reverse(name, kwargs=url_kwargs(objects, name)), body(objects, name, 1), 0)
            if API_POLICIES[(name, method)] == SEARCH:
                assert response.status_code == 200
                continue
            assert response.status_code == 403, f"{method} {name} as {persona}: {response.status_code}"
            assert "อ่านข้อมูลได้อย่างเดียว" in response.json()["detail"]
            assert fingerprint() == before
