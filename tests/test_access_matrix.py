"""Who may use which page: every URL pattern of the project, tried as every persona, on Lampang's and Chiang Mai's
objects, with GET and POST.

The list of pages comes from Django's URL resolver, not from a list kept by hand, and every URL name needs a line
in POLICIES below: a new page fails this test until someone decides who may use it.

What must hold:
- anonymous visitors are sent to the login page (the public pages excepted);
- another province's object is missing (404), for GET and POST alike;
- viewers and HQ analysts never write: POST to a page that writes is refused (403, 404 or 405), and no page
  changes the database for them;
- HQ officers read like HQ analysts and write nothing of a province (its people, its events, its imports); they open
  the new-event form (for national events only) and run national events (tested on a national event further down);
- national pages are missing (404) for province staff;
- exports carry only the rows in the user's scope (tested further down);
- forged form fields (another province's subdistrict, mentor, agency, event or province) are refused;
- the anti-trafficking officer reads like a viewer and records cases; agency staff open only their agency's cases
  (AGENCY_STAFF_PAGES) and get 403 everywhere else; a flagged case is seen only by the anti-trafficking officer of its
  province, HQ and administrators (tested further down).
"""

import csv
import datetime as dt
import hashlib
import io
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.scope import AGENCY_STAFF_PAGES
from accounts.tests.factories import StaffFactory
from awards.models import Nomination
from cases.models import Case
from cases.tests.factories import CaseFactory
from conftest import verify_second_factor
from core.tests.national_ids import valid_national_id
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import Agency, Subdistrict
from rosters.models import ImportJob
from trainings.models import Category, Event, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

# ------------------------------------------------------------------------------------------- the decisions

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed-in"  # anyone signed in; a redirect to the right place, or the user's own account
SCOPED_LIST = "province-scoped list"  # anyone signed in; the rows are those of the user's scope
WRITE_FORM = "write form"  # officers and administrators (a new record, an upload); viewers and HQ refused
NATIONAL = "national only"  # HQ (analysts, officers) and administrators; province staff get 404
PROVINCE_READ = "province-scoped read"  # the object's province and national users; other provinces 404
PROVINCE_WRITE = "province-scoped write"  # officers of the object's province and administrators
ADMIN_ONLY = "administrators only"  # on one province's object: administrators; others 403 / 404
ADMIN_SITE = "Django admin site"  # /admin/: administrators only, as one decision
AGENCY_ONLY = "agency staff only"  # their agency's inbox; everyone else 403

POLICIES = {
    "core:home": SIGNED_IN,
    "core:search": SIGNED_IN,  # a list's search form, sent back to the list without any national ID in the URL
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:two_factor_verify": SIGNED_IN,
    "accounts:two_factor_setup": SIGNED_IN,
    "accounts:security": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "set_language": PUBLIC,
    "provinces:list": NATIONAL,
    "provinces:detail": PROVINCE_READ,
    "provinces:subdistricts": PROVINCE_READ,
    "volunteers:list": SCOPED_LIST,
    "volunteers:create": WRITE_FORM,
    "volunteers:assign_mentor": WRITE_FORM,
    "volunteers:detail": PROVINCE_READ,
    "volunteers:national_id": PROVINCE_WRITE,  # the full ID, shown once the purpose is given
    "volunteers:edit": PROVINCE_WRITE,
    "volunteers:status": PROVINCE_WRITE,
    "volunteers:move": ADMIN_ONLY,
    "volunteers:reappoint": PROVINCE_WRITE,
    "volunteers:reappoint_many": WRITE_FORM,  # the volunteers picked on the list or the board, one order
    "volunteers:terms_ending": SCOPED_LIST,
    "volunteers:terms_ending_xlsx": SCOPED_LIST,
    "mentors:list": SCOPED_LIST,
    "mentors:create": WRITE_FORM,
    "mentors:detail": PROVINCE_READ,
    "mentors:national_id": PROVINCE_WRITE,
    "mentors:edit": PROVINCE_WRITE,
    "trainings:list": SCOPED_LIST,
    "trainings:create": WRITE_FORM,
    "trainings:detail": PROVINCE_READ,
    "trainings:edit": PROVINCE_WRITE,
    "trainings:registrations": PROVINCE_READ,
    "trainings:register": PROVINCE_WRITE,
    "trainings:register_group": PROVINCE_WRITE,
    "trainings:register_guest": PROVINCE_WRITE,
    "trainings:slips": PROVINCE_READ,
    "trainings:certificates": PROVINCE_READ,  # a POST makes the user's own PDF of the certificates they may see
    "trainings:certificates_progress": PROVINCE_READ,
    "trainings:certificates_file": PROVINCE_READ,  # only the batch the user asked for
    "trainings:checkin": PROVINCE_WRITE,
    "trainings:tick": PROVINCE_WRITE,
    "trainings:mark_present": PROVINCE_WRITE,
    "trainings:offline_list": PROVINCE_WRITE,  # the day's list a desk phone keeps for use without signal
    "trainings:offline_sync": PROVINCE_WRITE,
    "trainings:offline_worker": PROVINCE_WRITE,
    "trainings:offline_manifest": PROVINCE_WRITE,
    "trainings:sheet": PROVINCE_READ,
    "trainings:sheet_pdf": PROVINCE_READ,
    "trainings:cancel": PROVINCE_WRITE,
    "trainings:slip": PROVINCE_READ,
    "trainings:certificate": PROVINCE_READ,
    "trainings:verify": PUBLIC,
    "rosters:list": WRITE_FORM,
    "rosters:upload": WRITE_FORM,
    "rosters:template": SIGNED_IN,
    "rosters:job": PROVINCE_READ,
    "rosters:progress": PROVINCE_READ,
    "rosters:confirm": PROVINCE_WRITE,
    "rosters:cancel": PROVINCE_WRITE,
    "rosters:failed_rows": PROVINCE_WRITE,
    "rosters:export_volunteers": SCOPED_LIST,
    "rosters:export_mentors": SCOPED_LIST,
    "reports:home": SIGNED_IN,
    "reports:dashboard": NATIONAL,
    "reports:dashboard_xlsx": NATIONAL,
    "reports:completeness": NATIONAL,
    "reports:completeness_xlsx": NATIONAL,
    "reports:province": PROVINCE_READ,
    "reports:province_xlsx": PROVINCE_READ,
    # Open data (issue 16): aggregates naming nobody, for anyone signed in or not (agency staff excepted, as on every
    # page outside AGENCY_STAFF_PAGES).
    "open_data:index": PUBLIC,
    "open_data:csv": PUBLIC,
    "open_data:json": PUBLIC,
    "open_data:metadata": PUBLIC,
    "awards:list": SCOPED_LIST,  # HQ is sent on to its review page
    "awards:nominate": WRITE_FORM,
    "awards:review": NATIONAL,  # HQ officers and administrators decide; analysts only read (a POST answers 405)
    "awards:outstanding": SCOPED_LIST,
    "awards:outstanding_xlsx": SCOPED_LIST,
    "awards:withdraw": PROVINCE_WRITE,
    "awards:certificate": PROVINCE_READ,
    "awards:verify": PUBLIC,
    "coverage:home": SCOPED_LIST,  # HQ: every province's quota and vacancies; province staff go to their own
    "coverage:quotas": PROVINCE_READ,
    "coverage:set_province_quota": ADMIN_ONLY,  # and HQ officers (HQ_OFFICER_FORMS): quotas are set nationally
    "coverage:set_subdistrict_quota": ADMIN_ONLY,
    "coverage:vacancies": PROVINCE_READ,
    "coverage:vacancies_xlsx": PROVINCE_READ,
    "coverage:vacancies_pdf": PROVINCE_READ,
    "activity:home": SIGNED_IN,  # province staff are sent to their province's month; HQ picks a province
    "activity:summary": PROVINCE_READ,
    "activity:rates": SIGNED_IN,  # HQ's national board; province staff are sent to their province's board
    "activity:rates_xlsx": NATIONAL,
    "activity:province_rates": PROVINCE_READ,
    "activity:province_rates_xlsx": PROVINCE_READ,
    "activity:grid": PROVINCE_READ,  # its POST saves a row: officers of the province and administrators, others 403
    "activity:close_month": PROVINCE_WRITE,
    "activity:reopen_month": PROVINCE_WRITE,
    "cases:list": SCOPED_LIST,  # flagged cases only for the anti-trafficking officer, HQ and administrators
    "cases:create": WRITE_FORM,  # and the anti-trafficking officer (CASE_WRITES)
    "cases:inbox": AGENCY_ONLY,
    "cases:detail": PROVINCE_READ,  # and the staff of the agency it was referred to
    "cases:status": PROVINCE_WRITE,  # and the anti-trafficking officer and the agency's staff
    "cases:national_id": PROVINCE_WRITE,  # the person's full ID, shown once the purpose is given, as cases:status
    "api_tokens:list": SIGNED_IN,  # the user's own API tokens
    "api_tokens:revoke": SIGNED_IN,  # only the user's own token (another's is not found)
    "admin": ADMIN_SITE,
}

# The case pages where the anti-trafficking officer writes as an officer does; everywhere else they read as a viewer.
CASE_WRITES = {"cases:create", "cases:status", "cases:national_id"}

# The write forms an HQ officer opens too: a new event, always a national one (trainings.forms.EventForm), and the
# quotas of any province (coverage.services).
HQ_OFFICER_FORMS = {"trainings:create", "coverage:set_province_quota", "coverage:set_subdistrict_quota"}

# ------------------------------------------------------------------------------------------- the URL patterns


API_NAMESPACE = "api"


def portal_patterns() -> list[tuple[str, str]]:
    """(URL name, route) for every pattern of the project; the admin site counts as one name, "admin"."""
    found = []

    def walk(resolver, prefix="", namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    found.append(("admin", prefix + str(entry.pattern)))
                    continue
                if entry.namespace == API_NAMESPACE:
                    # JSON answers, tokens and other methods: tests/test_api_access_matrix.py has their decisions.
                    continue
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                if str(entry.pattern).startswith(("static/", "media/")) or entry.name is None:
                    assert entry.name, f"a page without a URL name cannot have a decision: {prefix}{entry.pattern}"
                    continue
                found.append((":".join(filter(None, [namespace, entry.name])), prefix + str(entry.pattern)))

    walk(get_resolver())
    return found


PATTERNS = portal_patterns()
ROUTE_PARAMETERS = {name: set(re.findall(r"<(?:\w+:)?(\w+)>", route)) for name, route in PATTERNS}


def test_every_url_pattern_has_a_decision():
    undecided = sorted({name for name, _route in PATTERNS if name not in POLICIES})
    assert not undecided, f"add these URL names to POLICIES in {__file__}: {undecided}"
    gone = sorted(set(POLICIES) - {name for name, _route in PATTERNS})
    assert not gone, f"POLICIES names pages that no longer exist: {gone}"


# ------------------------------------------------------------------------------------------- the world


class ProvinceWorld:
    """One province's objects: a volunteer, a mentor, an event with a registration, an import job."""

    def __init__(self, province, serial: int):
        self.province = province
        self.subdistrict = Subdistrict.objects.filter(province=province).order_by("code").first()
        self.agency = Agency.objects.get(province=province, kind=Agency.Kind.LABOUR)
        self.mentor = MentorFactory(province=province, first_name=f"พี่เลี้ยง{province.name_th}")
        self.volunteer = VolunteerFactory(
            province=province,
            national_id=valid_national_id(serial, prefix=f"3{province.code}01"),
            first_name=f"อาสา{province.name_th}",
            last_name="ทดสอบสิทธิ์",
            mentor=self.mentor,
        )
        self.event = EventFactory(host_province=province, title=f"อบรม{province.name_th}", start_date=dt.date.today())
        self.day = self.event.days.first()
        self.registration = RegistrationFactory(event=self.event, volunteer=self.volunteer)
        self.job = ImportJob.objects.create(
            token=f"matrix{province.code}{serial}".ljust(32, "0")[:32],
            province=province,
            original_name="รายชื่อ.xlsx",
            file_format="xlsx",
            status=ImportJob.Status.PREVIEW,
            new_count=1,
            created_by=StaffFactory(username=f"uploader{province.code}", role="officer", province=province),
        )
        self.job.file.save("roster.xlsx", ContentFile(b"PK"), save=False)
        self.job.failed_file.save("failed.xlsx", ContentFile(b"PK"), save=False)
        self.job.save()
        # Referred to the employment office, whose staff is the lampang_agency_staff persona.
        self.case = CaseFactory(volunteer=self.volunteer)
        self.nomination = Nomination.objects.create(
            fiscal_year=2568, volunteer=self.volunteer, citation="ทดสอบสิทธิ์", status=Nomination.Status.SELECTED
        )

    def url_kwargs(self, name: str) -> dict:
        app, _, page = name.partition(":")
        if app == "awards":
            return {"pk": self.nomination.pk, "code": self.nomination.verification_code}
        if name in {"trainings:cancel", "trainings:slip", "trainings:certificate"}:
            return {"pk": self.registration.pk}
        if name == "trainings:verify":
            return {"token": self.registration.certificate_token}
        if name in {
            "trainings:checkin",
            "trainings:tick",
            "trainings:mark_present",
            "trainings:offline_list",
            "trainings:offline_sync",
            "trainings:offline_worker",
            "trainings:offline_manifest",
            "trainings:sheet",
            "trainings:sheet_pdf",
        }:
            return {"pk": self.event.pk, "day_pk": self.day.pk}
        if name in {"provinces:detail", "provinces:subdistricts", "reports:province", "reports:province_xlsx"} or (
            app == "coverage"
        ):
            return {"code": self.province.code}
        if app == "activity":
            return {"code": self.province.code}
        if name == "rosters:template":
            return {"kind": "volunteers"}
        if name in {"rosters:export_volunteers", "rosters:export_mentors"}:
            return {"fmt": "csv"}
        if name == "reports:dashboard_xlsx":
            return {"table": "provinces"}
        if name == "reports:completeness_xlsx":
            return {"table": "stale_provinces"}
        pk = {
            "volunteers": self.volunteer.pk,
            "mentors": self.mentor.pk,
            "trainings": self.event.pk,
            "rosters": self.job.pk,
            "cases": self.case.pk,
        }.get(app)
        return {"pk": pk}

    def post_data(self, name: str) -> dict:
        """A POST that would change something if the page let it through: valid values of this province."""
        app = name.partition(":")[0]
        today = timezone.localdate()
        if app == "volunteers":
            return {
                "national_id": self.volunteer.national_id,
                "title": "mr",
                "first_name": "เปลี่ยนชื่อ",
                "last_name": "โดยผู้ไม่มีสิทธิ์",
                "subdistrict": self.subdistrict.pk,
                "version": self.volunteer.version,
                "to_status": "suspended",
                "changed_on": f"{today.day}/{today.month}/{today.year + 543}",
                "reason": "ทดสอบสิทธิ์",
                "volunteers": [self.volunteer.pk],
                "mentor": self.mentor.pk,
                "province": "50" if self.province.code == "52" else "52",
            }
        if app == "mentors":
            return {
                "title": "นาย",
                "first_name": "เปลี่ยนชื่อ",
                "last_name": "โดยผู้ไม่มีสิทธิ์",
                "agency": self.agency.pk,
                "is_active": "on",
                "version": self.mentor.version,
            }
        if app == "trainings":
            return {
                "title": "กิจกรรมที่ไม่ควรเกิด",
                "version": self.event.version,
                "kind": Event.Kind.WORKSHOP,
                "venue": "ที่ไหนสักแห่ง",
                "start_date": "7/1/2563",
                "end_date": "7/1/2563",
                "status": Event.Status.OPEN,
                "category": "speaker",
                "name": "แขกที่ไม่ควรมา",
                "home_province": self.province.pk,
                "volunteer": [self.volunteer.pk],
                "mentor": self.mentor.pk,
                "code": self.registration.code,
                "registration": self.registration.pk,
                "registrations": [self.registration.pk],
                "reason": "ทดสอบสิทธิ์",
            }
        if app == "rosters":
            return {"kind": "volunteers", "province": self.province.pk}
        if app == "cases":
            return {
                "volunteer": self.volunteer.pk,
                "spotted_on": f"{today.day}/{today.month}/{today.year + 543}",
                "subdistrict": self.volunteer.subdistrict_id,
                "needs": ["job_seekers"],
                "agency": self.case.agency_id,
                "to_status": "accepted",
                "changed_on": f"{today.day}/{today.month}/{today.year + 543}",
                "purpose": "refer",
            }
        return {}


@pytest.fixture
def personas(personas, lampang_anti_trafficking, lampang_agency_staff):
    """The shared personas and the two roles of issue 15."""
    return {
        **personas,
        "lampang_anti_trafficking": lampang_anti_trafficking,
        "lampang_agency_staff": lampang_agency_staff,
    }


@pytest.fixture
def world(lampang, chiang_mai, personas):
    return {"52": ProvinceWorld(lampang, 9101), "50": ProvinceWorld(chiang_mai, 9102)}


def client_as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        verify_second_factor(client, user)
    return client


# Tables whose rows are the registry and its events: none of them may change for a persona that only reads.
GUARDED_TABLES = [
    Volunteer._meta.db_table,
    "volunteers_statuschange",
    Mentor._meta.db_table,
    Event._meta.db_table,
    Registration._meta.db_table,
    "trainings_attendance",
    "trainings_eventtarget",
    ImportJob._meta.db_table,
    "activity_monthlyreport",
    "activity_monthclosure",
    Case._meta.db_table,
]


def fingerprint() -> str:
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in GUARDED_TABLES:
            cursor.execute(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {table} AS t")
            digest.update(cursor.fetchone()[0].encode())
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------- the expectations

LOGIN = "login redirect"
# On a province's objects an HQ officer reads like an analyst: national events are theirs, provincial ones are not.
READS_ONLY = {"viewer", "hq", "hq officer", "other viewer", "agency refused"}


def relation(persona: str, province_code: str) -> str:
    """How a persona stands to one province's objects."""
    return {
        "anonymous": "anonymous",
        "hq_analyst": "hq",
        "hq_officer": "hq officer",
        "admin": "admin",
        "lampang_officer": "officer" if province_code == "52" else "other",
        "chiangmai_officer": "officer" if province_code == "50" else "other",
        "lampang_viewer": "viewer" if province_code == "52" else "other viewer",
        "lampang_anti_trafficking": "anti-trafficking" if province_code == "52" else "other anti-trafficking",
        "lampang_agency_staff": "agency" if province_code == "52" else "other agency",
    }[persona]


def stands_as(who: str, name: str) -> str:
    """The roles of issue 15, page by page: the anti-trafficking officer writes cases as an officer and reads the rest
    as a viewer; agency staff are refused every page but AGENCY_STAFF_PAGES, where they stand as an officer of their
    agency's cases (another province's cases are missing to them)."""
    if who in {"anti-trafficking", "other anti-trafficking"}:
        other = who.startswith("other ")
        if name in CASE_WRITES:
            return "other" if other else "officer"
        return "other viewer" if other else "viewer"
    if who in {"agency", "other agency"}:
        if name not in AGENCY_STAFF_PAGES:
            return "agency refused"
        return "agency" if who == "agency" or POLICIES[name] == AGENCY_ONLY else "other viewer"
    return who


def expected(policy: str, who: str, method: str, name: str = ""):
    """The statuses a persona may get; LOGIN for the redirect to the login page."""
    if who == "anonymous" and policy not in {PUBLIC, ADMIN_SITE}:
        return LOGIN
    if who == "agency refused":
        return {403}
    if policy == AGENCY_ONLY:
        return {200, 405} if who == "agency" else {403}
    if who == "agency":
        who = "officer"
    if who == "hq officer" and name in HQ_OFFICER_FORMS:
        # Its own form (a national event): shown, and a POST of a provincial event's fields is sent back with errors.
        return {200, 302, 400, 405}
    reads_only = who in READS_ONLY
    if policy == PUBLIC:
        return {200, 302, 405}
    if policy in {SIGNED_IN, SCOPED_LIST}:
        return {200, 302, 405} if method == "GET" or not reads_only else {200, 302, 403, 404, 405}
    if policy == ADMIN_SITE:
        return {200} if who == "admin" else {302, 403, 404}
    if policy == WRITE_FORM:
        if reads_only:
            return {403, 404, 405}
        # An officer of the other province writes in their own; ids of this province in the POST are missing.
        return {200, 302, 400, 404, 405} if who == "other" else {200, 302, 400, 405}
    if policy == NATIONAL:
        return {200, 405} if who in {"hq", "hq officer", "admin"} else {404, 405}
    # From here on the page is about one province's object.
    if who in {"other", "other viewer"}:
        return {404, 405}
    if policy == PROVINCE_READ:
        if method == "POST" and reads_only:
            return {200, 403, 404, 405}
        return {200, 302, 405}
    if policy == PROVINCE_WRITE:
        return {403, 404, 405} if reads_only else {200, 302, 400, 405}
    if policy == ADMIN_ONLY:
        return {200, 302, 405} if who == "admin" else {403, 404, 405}
    raise AssertionError(f"unknown policy {policy}")


# Pages without an object whose POST names this province's objects (the others create in the officer's own province).
POSTS_NAMING_OBJECTS = {"volunteers:assign_mentor", "volunteers:reappoint_many", "cases:create"}


def must_not_write(policy: str, name: str, who: str) -> bool:
    if who == "hq officer" and name in HQ_OFFICER_FORMS:
        return False
    if who in {"anonymous", *READS_ONLY}:
        return True
    if who == "other":
        return policy not in {WRITE_FORM, SIGNED_IN, SCOPED_LIST, PUBLIC} or name in POSTS_NAMING_OBJECTS
    return False


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL))


ADMIN_URLS = ["/admin/", "/admin/volunteers/volunteer/", "/admin/core/auditevent/"]
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
NAMES = sorted({name for name, _route in PATTERNS} - {"admin"})


@pytest.mark.parametrize("name", NAMES)
def test_each_page_answers_each_persona_as_decided(name, world, personas):
    policy = POLICIES.get(name)
    assert policy, f"{name} has no decision in POLICIES"
    problems = []
    clients = {p: client_as(None if p == "anonymous" else personas[p]) for p in PERSONAS}
    for code, objects in world.items():
        wanted = ROUTE_PARAMETERS[name]
        url = reverse(name, kwargs={k: v for k, v in objects.url_kwargs(name).items() if k in wanted})
        for persona in PERSONAS:
            who = stands_as(relation(persona, code), name)
            for method in ("GET", "POST"):
                before = fingerprint() if method == "POST" else None
                client = clients[persona]
                response = client.get(url) if method == "GET" else client.post(url, objects.post_data(name))
                want = expected(policy, who, method, name)
                if want != LOGIN and policy == PROVINCE_READ and method == "POST":
                    want = want | {200}
                got = response.status_code
                if want == LOGIN:
                    if not is_login_redirect(response):
                        problems.append(f"{method} {url} as {persona}: {got}, expected the login page")
                elif got not in want:
                    problems.append(f"{method} {url} as {persona} ({who}): {got}, expected one of {sorted(want)}")
                if got >= 500:
                    problems.append(f"{method} {url} as {persona}: server error {got}")
                if method == "POST" and must_not_write(policy, name, who) and fingerprint() != before:
                    # Later personas would be tried on changed objects: stop here.
                    pytest.fail("\n".join([*problems, f"POST {url} as {persona} ({who}) changed the database"]))
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------- a national event

# Who may use the pages of a national event that are writes (PROVINCE_WRITE on a provincial event's pages):
# HQ officers and administrators run it; province officers register their own people into it and cancel them.
RUNS_NATIONAL = {"hq_officer", "admin"}
NATIONAL_EVENT_WRITERS = {
    "trainings:register": RUNS_NATIONAL | {"lampang_officer", "chiangmai_officer"},
    "trainings:register_group": RUNS_NATIONAL | {"lampang_officer", "chiangmai_officer"},
    "trainings:register_guest": RUNS_NATIONAL | {"lampang_officer", "chiangmai_officer"},
    "trainings:cancel": RUNS_NATIONAL | {"lampang_officer"},  # the registration is of a Lampang volunteer
}
EVENT_PAGES = sorted(
    name
    for name, _route in PATTERNS
    if name.startswith("trainings:") and POLICIES.get(name) in {PROVINCE_READ, PROVINCE_WRITE}
)


@pytest.fixture
def national_event(world, bangkok):
    """A national seminar held in Bangkok, with a Lampang volunteer registered."""
    event = EventFactory(
        host_province=bangkok, level=Event.Level.NATIONAL, title="สัมมนาระดับประเทศ", start_date=dt.date.today()
    )
    registration = RegistrationFactory(event=event, volunteer=world["52"].volunteer)
    return event, event.days.first(), registration


def expected_on_national_event(name: str, persona: str, method: str):
    if persona == "anonymous":
        return LOGIN
    if persona == "lampang_agency_staff":
        return {403}
    if name in {"trainings:cancel", "trainings:slip", "trainings:certificate"} and persona == "chiangmai_officer":
        return {404, 405}  # Lampang's person, in an event Chiang Mai does not host
    if POLICIES[name] == PROVINCE_READ:
        return {200, 302, 405} if method == "GET" else {200, 302, 403, 404, 405}
    if persona == "chiangmai_officer" and name in NATIONAL_EVENT_WRITERS:
        # May register Chiang Mai's people, but the POST names Lampang's: refused, and nothing changes.
        return {200, 302, 400, 405} if method == "GET" else {200, 302, 400, 404, 405}
    if persona in NATIONAL_EVENT_WRITERS.get(name, RUNS_NATIONAL):
        return {200, 302, 400, 405}
    return {403, 405}


@pytest.mark.parametrize("name", EVENT_PAGES)
def test_each_page_of_a_national_event_answers_each_persona_as_decided(name, world, personas, national_event):
    event, day, registration = national_event
    kwargs = {"pk": registration.pk} if name in {"trainings:cancel", "trainings:slip", "trainings:certificate"} else {}
    kwargs = kwargs or ({"pk": event.pk, "day_pk": day.pk} if "day_pk" in ROUTE_PARAMETERS[name] else {"pk": event.pk})
    url = reverse(name, kwargs=kwargs)
    data = {
        **world["52"].post_data(name),
        "code": registration.code,
        "registration": registration.pk,
        "registrations": [registration.pk],
    }
    problems = []
    for persona in PERSONAS:
        client = client_as(None if persona == "anonymous" else personas[persona])
        for method in ("GET", "POST"):
            before = fingerprint() if method == "POST" else None
            response = client.get(url) if method == "GET" else client.post(url, data)
            want = expected_on_national_event(name, persona, method)
            got = response.status_code
            if want == LOGIN:
                if not is_login_redirect(response):
                    problems.append(f"{method} {url} as {persona}: {got}, expected the login page")
            elif got not in want:
                problems.append(f"{method} {url} as {persona}: {got}, expected one of {sorted(want)}")
            writes = persona in NATIONAL_EVENT_WRITERS.get(name, RUNS_NATIONAL) and persona != "chiangmai_officer"
            if method == "POST" and not writes and fingerprint() != before:
                pytest.fail("\n".join([*problems, f"POST {url} as {persona} changed the database"]))
    assert not problems, "\n".join(problems)


def test_the_admin_site_is_for_administrators_only(world, personas):
    problems = []
    for persona in PERSONAS:
        client = client_as(None if persona == "anonymous" else personas[persona])
        for url in ADMIN_URLS:
            response = client.get(url)
            want = {200} if persona == "admin" else {302, 403, 404}
            if response.status_code not in want:
                problems.append(f"GET {url} as {persona}: {response.status_code}")
            if persona != "admin" and response.status_code == 302:
                assert "/admin/login/" in response.url or "/accounts/login/" in response.url
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------- exports in scope


def csv_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def xlsx_text(response) -> str:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return "\n".join(" ".join(str(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_carry_only_the_rows_in_scope(world, personas, fmt):
    lampang_names = [world["52"].volunteer.first_name, world["52"].mentor.first_name, "ลำปาง"]
    chiangmai_names = [world["50"].volunteer.first_name, world["50"].mentor.first_name]
    for persona, mine, theirs in [
        ("chiangmai_officer", chiangmai_names, lampang_names),
        ("lampang_viewer", lampang_names[:2], chiangmai_names),
        ("lampang_officer", lampang_names[:2], chiangmai_names),
    ]:
        client = client_as(personas[persona])
        text = ""
        for name in ("rosters:export_volunteers", "rosters:export_mentors"):
            response = client.get(reverse(name, args=[fmt]))
            assert response.status_code == 200, (persona, name)
            text += csv_text(response) if fmt == "csv" else xlsx_text(response)
        assert all(n in text for n in mine), (persona, mine)
        leaked = [n for n in theirs if n in text]
        assert not leaked, f"{persona}'s {fmt} export holds another province's rows: {leaked}"
    # An officer cannot widen the export with ?province= of another province.
    forged = client_as(personas["chiangmai_officer"]).get(
        reverse("rosters:export_volunteers", args=["csv"]), {"province": "52"}
    )
    assert world["52"].volunteer.first_name not in csv_text(forged)


def test_the_province_report_export_is_the_province_only(world, personas):
    response = client_as(personas["chiangmai_officer"]).get(reverse("reports:province_xlsx", args=["52"]))
    assert response.status_code == 404
    response = client_as(personas["chiangmai_officer"]).get(reverse("reports:province_xlsx", args=["50"]))
    assert response.status_code == 200
    assert world["52"].volunteer.first_name not in xlsx_text(response)


def test_lists_show_only_the_rows_in_scope(world, personas):
    client = client_as(personas["chiangmai_officer"])
    for name in ("volunteers:list", "mentors:list", "trainings:list"):
        html = client.get(reverse(name), {"province": "52"}).content.decode()
        for leaked in (world["52"].volunteer.first_name, world["52"].mentor.first_name, world["52"].event.title):
            assert leaked not in html, (name, leaked)


# ------------------------------------------------------------------------------------------- forged form fields


def test_volunteer_form_refuses_another_provinces_subdistrict_and_mentor(world, personas):
    lampang, chiangmai = world["52"], world["50"]
    client = client_as(personas["lampang_officer"])
    base = {
        "national_id": valid_national_id(9201),
        "title": "mr",
        "first_name": "ปลอม",
        "last_name": "ฟิลด์",
        "subdistrict": lampang.subdistrict.pk,
    }
    for forged in ({"subdistrict": chiangmai.subdistrict.pk}, {"mentor": chiangmai.mentor.pk}):
        for url, data in (
            (reverse("volunteers:create"), {**base, **forged}),
            (
                reverse("volunteers:edit", args=[lampang.volunteer.pk]),
                {**base, "national_id": lampang.volunteer.national_id, "version": 0, **forged},
            ),
        ):
            response = client.post(url, data)
            assert response.status_code == 200, (url, forged)
            assert "ไม่อยู่ใน" in response.content.decode() or "ไม่ได้สังกัด" in response.content.decode()
    assert not Volunteer.objects.filter(first_name="ปลอม").exists()
    lampang.volunteer.refresh_from_db()
    assert (
        lampang.volunteer.subdistrict_id == lampang.subdistrict.pk and lampang.volunteer.mentor_id == lampang.mentor.pk
    )
    # An officer cannot pick a province for the new volunteer either: ?province= is for administrators.
    client.post(reverse("volunteers:create") + "?province=50", {**base, "subdistrict": chiangmai.subdistrict.pk})
    assert not Volunteer.objects.filter(first_name="ปลอม").exists()


def test_mentor_form_refuses_another_provinces_agency(world, personas):
    lampang, chiangmai = world["52"], world["50"]
    client = client_as(personas["lampang_officer"])
    data = {"title": "นาย", "first_name": "ปลอม", "last_name": "หน่วยงาน", "agency": chiangmai.agency.pk}
    response = client.post(reverse("mentors:create"), data)
    assert response.status_code == 200 and "เลือกได้เฉพาะหน่วยงานในจังหวัดนี้" in response.content.decode()
    response = client.post(reverse("mentors:edit", args=[lampang.mentor.pk]), {**data, "version": 0})
    assert response.status_code == 200
    assert not Mentor.objects.filter(first_name="ปลอม").exists()
    lampang.mentor.refresh_from_db()
    assert lampang.mentor.agency_id == lampang.agency.pk


def test_bulk_mentor_assignment_refuses_forged_volunteers_and_mentors(world, personas):
    lampang, chiangmai = world["52"], world["50"]
    client = client_as(personas["lampang_officer"])
    url = reverse("volunteers:assign_mentor")
    other_lampang = VolunteerFactory(province=lampang.province, national_id=valid_national_id(9301))
    # Another province's mentor for my volunteer; my mentor for another province's volunteer.
    client.post(url, {"volunteers": [other_lampang.pk], "mentor": chiangmai.mentor.pk})
    assert client.post(url, {"volunteers": [chiangmai.volunteer.pk], "mentor": lampang.mentor.pk}).status_code == 404
    mixed = client.post(url, {"volunteers": [other_lampang.pk, chiangmai.volunteer.pk], "mentor": lampang.mentor.pk})
    assert mixed.status_code == 404
    other_lampang.refresh_from_db()
    chiangmai.volunteer.refresh_from_db()
    assert other_lampang.mentor_id is None
    assert chiangmai.volunteer.mentor_id == chiangmai.mentor.pk


def test_event_registration_refuses_another_provinces_people_and_events(world, personas):
    lampang, chiangmai = world["52"], world["50"]
    client = client_as(personas["lampang_officer"])
    before = Registration.objects.count()
    # Chiang Mai's volunteer and mentor into Lampang's event.
    client.post(
        reverse("trainings:register", args=[lampang.event.pk]),
        {"volunteer": [chiangmai.volunteer.pk], "mentor": [chiangmai.mentor.pk], "category": Category.VOLUNTEER},
    )
    client.post(reverse("trainings:register_group", args=[lampang.event.pk]), {"mentor": chiangmai.mentor.pk})
    # Lampang's own volunteer into Chiang Mai's provincial event, and a guest "from" Chiang Mai into it.
    assert (
        client.post(
            reverse("trainings:register", args=[chiangmai.event.pk]), {"volunteer": [lampang.volunteer.pk]}
        ).status_code
        == 404
    )
    guest = {"category": "speaker", "name": "แขกปลอม", "home_province": chiangmai.province.pk}
    assert client.post(reverse("trainings:register_guest", args=[chiangmai.event.pk]), guest).status_code == 404
    # Checking in Chiang Mai's registration code at Lampang's desk.
    client.post(
        reverse("trainings:checkin", args=[lampang.event.pk, lampang.day.pk]), {"code": chiangmai.registration.code}
    )
    # Chiang Mai's event day under Lampang's event.
    assert (
        client.post(
            reverse("trainings:checkin", args=[lampang.event.pk, chiangmai.day.pk]), {"code": lampang.registration.code}
        ).status_code
        == 404
    )
    assert Registration.objects.count() == before
    assert not chiangmai.day.attendances.exists() and not lampang.day.attendances.exists()


def test_import_refuses_another_province_as_its_target(world, personas, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(personas["lampang_officer"])
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต"])
    writer.writerow([valid_national_id(9401, prefix="35001"), "นาย", "นำเข้าปลอม", "จังหวัด", "ศรีภูมิ", "เมืองเชียงใหม่"])
    upload = SimpleUploadedFile("roster.csv", rows.getvalue().encode("utf-8"))
    before = ImportJob.objects.count()
    response = client.post(
        reverse("rosters:upload"), {"kind": "volunteers", "province": world["50"].province.pk, "file": upload}
    )
    assert response.status_code in (302, 400)
    job = ImportJob.objects.order_by("-pk").first()
    if ImportJob.objects.count() > before:
        # The province field is for administrators: an officer's import always lands in their own province.
        assert job.province.code == "52"
        if job.can_confirm:
            client.post(reverse("rosters:confirm", args=[job.pk]))
    assert not Volunteer.objects.filter(first_name="นำเข้าปลอม", province__code="50").exists()
    # And Chiang Mai's import job cannot be confirmed from Lampang.
    assert client.post(reverse("rosters:confirm", args=[world["50"].job.pk])).status_code == 404
    world["50"].job.refresh_from_db()
    assert world["50"].job.status == ImportJob.Status.PREVIEW


def test_an_import_whose_uploader_account_was_deleted_still_shows(world, personas):
    job = world["52"].job
    job.created_by.delete()
    client = client_as(personas["lampang_officer"])
    assert client.get(reverse("rosters:job", args=[job.pk])).status_code == 200
    assert client.get(reverse("rosters:list")).status_code == 200


# ------------------------------------------------------------------------------------------- a flagged case

# Who sees a case flagged as suspected forced labour or trafficking, and who records its steps (issue 15).
FLAGGED_READERS = {"lampang_anti_trafficking", "hq_analyst", "hq_officer", "admin"}
FLAGGED_WRITERS = {"lampang_anti_trafficking", "admin"}


def test_a_flagged_case_is_seen_only_by_the_anti_trafficking_officer_hq_and_administrators(world, personas):
    flagged = CaseFactory(volunteer=world["52"].volunteer, flagged=True, person_name="ผู้เสียหายที่ต้องปกปิด")
    problems = []
    for persona in PERSONAS:
        client = client_as(None if persona == "anonymous" else personas[persona])
        for name in ("cases:detail", "cases:status"):
            url = reverse(name, args=[flagged.pk])
            got = client.get(url)
            if persona == "anonymous":
                ok = is_login_redirect(got)
            elif persona in (FLAGGED_WRITERS if name == "cases:status" else FLAGGED_READERS):
                ok = got.status_code == 200
            elif persona in FLAGGED_READERS:
                ok = got.status_code == 403  # HQ reads the case and changes nothing
            else:
                ok = got.status_code == 404  # the viewer, the officers, the agency it was referred to
            if not ok:
                problems.append(f"GET {url} as {persona}: {got.status_code}")
        before = fingerprint()
        if persona not in FLAGGED_WRITERS:
            client.post(reverse("cases:status", args=[flagged.pk]), world["52"].post_data("cases:status"))
            if fingerprint() != before:
                problems.append(f"POST status of the flagged case as {persona} changed it")
        if persona != "anonymous":
            listing = client.get(reverse("cases:inbox" if persona == "lampang_agency_staff" else "cases:list"))
            shown = f"#{flagged.pk}<" in listing.content.decode()
            if shown != (persona in FLAGGED_READERS):
                problems.append(f"the case list as {persona} {'shows' if shown else 'hides'} the flagged case")
    assert not problems, "\n".join(problems)
