"""Every page of the demo objects opens for every persona who may see it: 200, and nothing logged as an error.

Driven like the access matrix (tests/test_access_matrix.py), whose decisions it reuses: the pages come from Django's
URL resolver and who may open them from POLICIES; the objects come from the demo data (`manage.py load_demo`), and
who may see each one from the app's own scope (`visible_to`, `editable_by`). New demo data and new pages are covered
without a change here. A URL argument this file cannot fill fails the test: teach ARGUMENTS what it is (a kind of
object or a fixed set of values) and the new page is opened too.

Which objects: the demo is a whole nation (about 7,800 volunteers), too many to open every page of. What makes a page
fail is the object's shape (see `shapes`: a volunteer with a status change and no mentor is another shape than an
active one with a mentor) and the role, so the full run opens ten objects of every shape in the personas' own
provinces (Lampang and Chiang Mai, HOME_PROVINCES: about half of their volunteers, since most shapes there have only a
few) and two of every shape elsewhere, every shape thus across all personas, deterministically (the first by primary
key); objects that belong to no province are all opened. The personas in scope take turns on these, and each persona
opens each page at least once (files, such as PDFs and workbooks, only in turn). `DEMO_PAGES=sample pytest
tests/test_every_demo_page_opens.py` opens two objects of every shape and nothing more, for a quick run while working.

In the admin site, the administrator opens every model's list and add page and two objects of every shape.
"""

import logging
import os
import re
import time
from dataclasses import dataclass
from functools import cached_property
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.models import BooleanField, Exists, Model, OuterRef
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, resolve, reverse

from accounts import scope
from accounts.demo import DEMO_ACCOUNTS
from awards.models import Nomination
from cases.models import Case
from conftest import verify_second_factor
from mentors.models import Mentor
from provinces.models import Province
from reports.views import COMPLETENESS_TABLES, DASHBOARD_TABLES
from rosters.columns import SPECS
from rosters.models import ExportRecord, ImportJob
from tests.test_access_matrix import (
    ADMIN_ONLY,
    ADMIN_SITE,
    AGENCY_ONLY,
    CASE_WRITES,
    NATIONAL,
    PATTERNS,
    POLICIES,
    PROVINCE_READ,
    PROVINCE_WRITE,
    PUBLIC,
    SCOPED_LIST,
    SIGNED_IN,
    WRITE_FORM,
)
from trainings.models import Event, Registration
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

# ------------------------------------------------------------------------------------------- URL arguments


@dataclass(frozen=True)
class Objects:
    """A URL argument that names one object of a model, filled from the demo objects (see PER_SHAPE)."""

    model: type[Model]
    field: str = "pk"


@dataclass(frozen=True)
class Values:
    """A URL argument with a fixed set of values (a file format, a table name): every value is opened."""

    values: tuple


@dataclass(frozen=True)
class DaysOf:
    """A day of the event named by the argument before it: every day of every demo event."""


# (the path segment before the argument, the argument's name): what fills it.
ARGUMENTS = {
    ("volunteers", "pk"): Objects(Volunteer),
    ("mentors", "pk"): Objects(Mentor),
    ("trainings", "pk"): Objects(Event),
    ("days", "day_pk"): DaysOf(),
    ("registrations", "pk"): Objects(Registration),
    ("verify", "token"): Objects(Registration, "certificate_token"),
    ("imports", "pk"): Objects(ImportJob),
    ("provinces", "code"): Objects(Province, "code"),
    ("province", "code"): Objects(Province, "code"),
    ("template", "kind"): Values(tuple(SPECS)),
    ("volunteers", "fmt"): Values(tuple(ExportRecord.Format.values)),
    ("mentors", "fmt"): Values(tuple(ExportRecord.Format.values)),
    ("dashboard", "table"): Values(tuple(DASHBOARD_TABLES)),
    ("completeness", "table"): Values(tuple(COMPLETENESS_TABLES)),
    ("cases", "pk"): Objects(Case),
    ("nominations", "pk"): Objects(Nomination),
    ("check", "code"): Objects(Nomination, "verification_code"),
}

ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
# A route that ends in a file name: "certificates.pdf", "report.xlsx", "volunteers.<str:fmt>".
FILE = re.compile(r"\.(\w+|<[^>]+>)$")


def route_arguments(route: str) -> list[tuple[str, str]]:
    """[(segment before the argument, argument)] of a route: "trainings/<int:pk>/days/<int:day_pk>/x/" gives
    [("trainings", "pk"), ("days", "day_pk")]."""
    found = []
    for match in ARGUMENT.finditer(route):
        before = route[: match.start()].rstrip("/.").rsplit("/", 1)[-1]
        found.append((before, match.group(1)))
    return found


@dataclass
class Page:
    """One URL to open, the object whose scope decides who may open it (None: a page of no one province), and
    whether it is among the objects every persona takes turns on (the others are opened by a persona only if it
    has not opened this page yet)."""

    name: str
    kwargs: dict
    obj: Model | None
    sampled: bool = True

    @cached_property
    def url(self) -> str:
        # Reversed when opened: most pages of a nation's objects are never opened (see `sample`).
        return reverse(self.name, kwargs=self.kwargs)


# How many objects of each shape are opened: HOME_PER_SHAPE in the personas' provinces and ELSEWHERE_PER_SHAPE in the
# others (None, about 5 minutes on a loaded 2-core machine), or two of each shape with DEMO_PAGES=sample (what makes a
# page fail is the object's shape, below, and the role).
PER_SHAPE = 2 if os.environ.get("DEMO_PAGES") == "sample" else None
# The provinces of the demo personas (accounts/demo.py).
HOME_PROVINCES = ("52", "50")
HOME_PER_SHAPE, ELSEWHERE_PER_SHAPE = 10, 2


def shapes(model) -> dict:
    """Primary key -> shape of each row: what about an object changes how its pages render. The value of each
    field with choices and each boolean, whether each nullable field is empty (a deleted account, no mentor), and
    whether each kind of related row exists (status changes, registrations, attendance, history)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    telling = [f for f in fields if f.choices or isinstance(f, BooleanField)]
    optional = [f for f in fields if f.null and f not in telling]
    # pghistory's aggregate event models are queries, not tables.
    tables = set(connection.introspection.table_names())
    related = [
        r
        for r in model._meta.related_objects
        if (r.one_to_many or r.one_to_one) and r.related_model._meta.db_table in tables
    ]
    exists = {
        f"has_{r.name}": Exists(r.related_model._base_manager.filter(**{r.field.name: OuterRef("pk")})) for r in related
    }
    rows = model._base_manager.annotate(**exists).values("pk", *[f.attname for f in telling + optional], *exists)
    return {
        row["pk"]: (
            *(row[f.attname] for f in telling),
            *(row[f.attname] in (None, "") for f in optional),
            *(row[name] for name in exists),
        )
        for row in rows
    }


def in_home_provinces(model) -> set | None:
    """The primary keys of the model's rows that belong to HOME_PROVINCES, or None for a model of no province."""
    field = getattr(model._default_manager.get_queryset(), "province_field", None)
    if field is None:
        return None
    code = "code" if field == "pk" else f"{field}__code"
    return set(model._base_manager.filter(**{f"{code}__in": HOME_PROVINCES}).values_list("pk", flat=True))


_SAMPLES = {}


def sample(rows: list, per_shape: int | None = PER_SHAPE) -> set:
    """The primary keys of the first `per_shape` rows of each shape; when it is None, of the first HOME_PER_SHAPE of
    each shape in HOME_PROVINCES and ELSEWHERE_PER_SHAPE in the others (every row of a model of no province)."""
    if not rows:
        return set()
    model = type(rows[0])
    # Asked once per URL pattern of the model: the same rows give the same answer.
    key = (model, per_shape, hash(tuple(row.pk for row in rows)))
    if key in _SAMPLES:
        return _SAMPLES[key]
    home = set()
    if per_shape is None:
        home = in_home_provinces(model)
        if home is None:
            return {row.pk for row in rows}
    kept, seen = set(), {}
    for pk, shape in sorted(shapes(model).items()):
        cap = (HOME_PER_SHAPE if pk in home else ELSEWHERE_PER_SHAPE) if per_shape is None else per_shape
        seen[(pk in home, shape)] = seen.get((pk in home, shape), 0) + 1
        if seen[(pk in home, shape)] <= cap:
            kept.add(pk)
    _SAMPLES[key] = kept
    return kept


def pages_of(name: str, route: str) -> list[Page]:
    """Every URL of a pattern filled from the demo data; AssertionError for an argument nobody taught us."""
    arguments = route_arguments(route)
    unknown = [a for a in arguments if a not in ARGUMENTS]
    assert not unknown, f"{name} ({route}): add {unknown} to ARGUMENTS in {__file__}, so that its pages are opened"
    combinations = [({}, None)]
    for key in arguments:
        how, argument = ARGUMENTS[key], key[1]
        grown = []
        for kwargs, obj in combinations:
            if isinstance(how, Values):
                grown += [({**kwargs, argument: v}, obj) for v in how.values]
            elif isinstance(how, DaysOf):
                grown += [({**kwargs, argument: day.pk}, obj) for day in obj.days.all()]
            else:
                rows = list(how.model.objects.order_by("pk").only("pk", how.field))
                assert rows, f"{name}: the demo data has no {how.model.__name__}: add some to its app's demo.py"
                grown += [({**kwargs, argument: getattr(row, how.field)}, row) for row in rows]
        combinations = grown
    kept = sample([obj for _kwargs, obj in combinations if obj is not None]) if arguments else set()
    try:
        reverse(name, kwargs=combinations[0][0])
    except NoReverseMatch:
        # Two patterns share the name (with and without the argument): this one takes other arguments.
        return []
    return [Page(name, kwargs, obj, obj is None or obj.pk in kept) for kwargs, obj in combinations]


# ------------------------------------------------------------------------------------------- who may open what

ANONYMOUS = "anonymous"


def scoped(model, method: str, user) -> set:
    """The primary keys of a model's rows in the user's scope, read (`visible_to`) or write (`editable_by`)."""
    return set(getattr(model.objects, method)(user).values_list("pk", flat=True))


class Scopes:
    """What each demo login may read and change, asked once per model."""

    def __init__(self, users: dict):
        self.users = users
        self.cache = {}

    def holds(self, persona: str, method: str, obj: Model) -> bool:
        key = (persona, method, type(obj))
        if key not in self.cache:
            self.cache[key] = scoped(type(obj), method, self.users[persona])
        return obj.pk in self.cache[key]

    def may_open(self, persona: str, policy: str, obj: Model | None, name: str = "") -> bool:
        """Whether the persona is one of those who may use this page, by the page's decision in POLICIES."""
        if policy == PUBLIC:
            # The same page for everyone: opened once, signed out.
            return persona == ANONYMOUS
        if persona == ANONYMOUS:
            return False
        user = self.users[persona]
        if not scope.may_open_page(user, name):
            return False  # agency staff: their agency's cases only
        if policy == AGENCY_ONLY:
            return scope.is_agency_staff(user)
        if name in CASE_WRITES and policy == WRITE_FORM:
            return scope.role_of(user) in scope.CASE_WRITING_ROLES
        if policy in {SIGNED_IN, SCOPED_LIST}:
            return True
        if policy == WRITE_FORM:
            return scope.can_write_anywhere(user)
        if policy == NATIONAL:
            return scope.is_national(user)
        if policy == ADMIN_ONLY:
            return scope.is_admin(user)
        if policy == PROVINCE_READ:
            return obj is None or self.holds(persona, "visible_to", obj)
        if policy == PROVINCE_WRITE:
            return obj is None or self.holds(persona, "editable_by", obj)
        raise AssertionError(f"policy {policy!r} unknown to {__file__}")


# ------------------------------------------------------------------------------------------- the demo world


def load_demo() -> Scopes:
    """The demo data as `manage.py load_demo` makes it, and what each demo login (and ANONYMOUS) may see."""
    call_command("load_demo", stdout=StringIO())
    users = {username: User.objects.get(username=username) for username, *_ in DEMO_ACCOUNTS}
    users[ANONYMOUS] = None
    return Scopes(users)


@pytest.fixture
def demo(geography):
    """The demo data as `manage.py load_demo` makes it, and a logged-in client per demo login."""
    scopes = load_demo()
    clients = {ANONYMOUS: Client(raise_request_exception=False)}
    for username, user in scopes.users.items():
        if user is None:
            continue
        client = Client(raise_request_exception=False)
        client.force_login(user)
        verify_second_factor(client, user)
        clients[username] = client
    return clients, scopes


class ErrorRecords(logging.Handler):
    """Every record at ERROR or above, from any logger (all of them propagate to the root in our settings)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def errors_logged():
    handler = ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.records
    root.removeHandler(handler)


def open_page(client: Client, url: str):
    """GET the page, following redirects, and read the whole body (downloads stream)."""
    response = client.get(url, follow=True)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def check(response, url: str, persona: str, errors: list, seen: int) -> str | None:
    """The problem with a page, or None: anything but 200 at the end, a landing on the login page, a logged error."""
    landed = response.redirect_chain[-1][0] if response.redirect_chain else url
    if response.status_code != 200:
        return f"GET {url} as {persona}: {response.status_code} (landed on {landed})"
    if "/login/" in landed and persona != ANONYMOUS:
        return f"GET {url} as {persona}: sent to the login page"
    if len(errors) > seen:
        return f"GET {url} as {persona}: logged {errors[seen].levelname} {errors[seen].getMessage()[:300]}"
    return None


# ------------------------------------------------------------------------------------------- the tests

PORTAL_PATTERNS = [(name, route) for name, route in PATTERNS if name != "admin"]


def one_page_of_each_kind(scopes: Scopes) -> dict[str, list[tuple[str, str]]]:
    """Persona -> [(URL name, URL)]: every portal page the persona may open, on the first demo object of its kind in
    the persona's scope, for walks in a browser. Files (PDF, workbooks, JSON) and the admin site are left out."""
    walk = {persona: [] for persona in scopes.users}
    for name, route in PORTAL_PATTERNS:
        if FILE.search(route):
            continue
        policy = POLICIES[name]
        pages = pages_of(name, route)
        for persona, urls in walk.items():
            page = next((p for p in pages if scopes.may_open(persona, policy, p.obj, name)), None)
            if page is not None:
                urls.append((name, page.url))
    return walk


def test_every_page_of_every_demo_object_opens_for_everyone_who_may_see_it(demo, errors_logged):
    clients, scopes = demo
    started = time.perf_counter()
    problems, opened, post_only = [], 0, []
    for name, route in PORTAL_PATTERNS:
        policy = POLICIES.get(name)
        if policy is None:
            problems.append(f"{name} has no decision in POLICIES of tests/test_access_matrix.py")
            continue
        done, turn = set(), 0
        for page in pages_of(name, route):
            # An object not sampled is only opened by personas who have not opened the page yet: ask only for them.
            asked = clients if page.sampled or page.obj is None else [p for p in clients if p not in done]
            allowed = [p for p in asked if scopes.may_open(p, policy, page.obj, name)]
            if page.obj is None or not allowed:
                chosen = allowed
            else:
                # The personas in scope take turns on the sampled objects. A page is also opened once by each of them
                # (on its first object in scope), since the role changes what it shows; a file (PDF, workbook) is the
                # same for everyone who sees the object, and one event's certificates take seconds to draw.
                chosen = [allowed[turn % len(allowed)]] if page.sampled else []
                turn += page.sampled
                if not FILE.search(route):
                    chosen += [p for p in allowed if p not in done and p not in chosen]
            for persona in chosen:
                done.add(persona)
                seen = len(errors_logged)
                response = open_page(clients[persona], page.url)
                opened += 1
                if response.status_code == 405:
                    # A page that only takes a POST (a button's target): nothing to open.
                    post_only.append(name)
                    break
                problem = check(response, page.url, persona, errors_logged, seen)
                if problem:
                    problems.append(problem)
            if name in post_only:
                break
    seconds = time.perf_counter() - started
    print(f"{opened} pages opened in {seconds:.1f} s; only POST: {sorted(set(post_only))}")
    assert not problems, f"{len(problems)} of {opened} pages failed:\n" + "\n".join(problems[:60])


def test_every_demo_object_opens_in_the_admin_site(demo, errors_logged):
    clients, scopes = demo
    assert POLICIES["admin"] == ADMIN_SITE
    client = clients["admin"]
    request = RequestFactory().get(reverse("admin:index"))
    request.user = scopes.users["admin"]
    request.resolver_match = resolve(request.path)
    tables = set(connection.introspection.table_names())
    started = time.perf_counter()
    problems, opened = [], 0
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        queryset = model_admin.get_queryset(request)
        if model._meta.db_table in tables:
            # Two of each shape, even where the portal test opens every object: the admin site lists all 7,436 subdistricts.
            pks = sorted(sample(list(queryset.order_by("pk")), 2))
        else:
            # pghistory's events of every tracked model: a query over their tables, not a table.
            pks = [row.pk for row in queryset[:2]]
        urls += [reverse("admin:{}_{}_change".format(*info), args=[pk]) for pk in pks]
        for url in urls:
            seen = len(errors_logged)
            response = open_page(client, url)
            opened += 1
            problem = check(response, url, "admin", errors_logged, seen)
            if problem:
                problems.append(problem)
    seconds = time.perf_counter() - started
    print(f"{opened} admin pages opened in {seconds:.1f} s")
    assert not problems, f"{len(problems)} of {opened} admin pages failed:\n" + "\n".join(problems[:60])
