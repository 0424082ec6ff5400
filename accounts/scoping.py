"""The guard that makes a forgotten `visible_to` an error: province data read during a request must name its scope.

Why a guard of our own and not django-scopes: django-scopes filters by a value put in a context
(`scope(organizer=...)`), while here the scope is a rule about the user (officers see their province,
HQ every province, national events are seen by all provinces), already written once as
`ProvinceScopedQuerySet.visible_to(user)` / `editable_by(user)`. The guard therefore checks that a
queryset went through one of those (or through a named escape), instead of filtering by itself.

How it works:
- `ScopeRequiredMiddleware` (accounts/middleware.py) opens `scope_required()` for each web request
  (the admin site excepted: it is for administrators, who see every province anyway).
- Inside it, evaluating a queryset of a province-owned model (a `ProvinceScopedQuerySet` with
  `scope_required = True`) that did not go through `visible_to`, `editable_by` or
  `across_provinces(reason)` raises `ScopeError`, which names the model.
- Outside it (management commands, the task worker, migrations, tests' own setup code) nothing is
  checked; system code that must read across provinces inside a request says so with
  `scopes_disabled(reason)`.
- Not checked, as in django-scopes: rows reached from a province-owned object already read
  (`volunteer.mentor` goes through the base manager; `mentor.volunteers.all()` and prefetches carry
  the object as a hint; `province.volunteers.all()` is checked, a province being public), saves and
  deletes of one object, and Django's own uniqueness checks (a national ID is unique across the
  country, so they must see every province; they answer yes or no only).

In production the error is the same: the request fails with the Thai 500 page and the traceback goes
to the error log. Refusing a page is better than showing another province's people, and the tests
(every page, every persona) make sure no page of ours does it.
"""

import contextlib
import contextvars
import functools
import sys
from collections.abc import Callable, Hashable
from types import FrameType
from typing import TypeVar, cast

from django.db import connections, models, router
from django.db.models import constraints

T = TypeVar("T")

_required = contextvars.ContextVar("province_scope_required", default=False)


class ScopeError(RuntimeError):
    """A province-owned model was read during a request without saying whose rows it may return."""


@contextlib.contextmanager
def scope_required():
    """Every province-owned query made inside must have declared its scope."""
    token = _required.set(True)
    try:
        yield
    finally:
        _required.reset(token)


@contextlib.contextmanager
def scopes_disabled(reason: str):
    """System code inside a request that must read every province (the import's national-ID matching, say)."""
    if not reason or not reason.strip():
        raise ValueError("scopes_disabled() needs the reason it may read every province")
    token = _required.set(False)
    try:
        yield
    finally:
        _required.reset(token)


def exempt_this_request(reason: str) -> None:
    """Lift the guard for the rest of this request; `scope_required()` puts it back when the request ends."""
    if not reason or not reason.strip():
        raise ValueError("exempt_this_request() needs the reason")
    _required.set(False)


def is_scope_required() -> bool:
    return _required.get()


def _django_unique_check_codes():
    return {
        models.Model._perform_unique_checks.__code__,  # type: ignore[attr-defined]
        constraints.UniqueConstraint.validate.__code__,
    }


_UNIQUE_CHECK_CODES = _django_unique_check_codes()


def _called_by_a_unique_check() -> bool:
    # Only reached when the guard is about to refuse, so walking the stack costs nothing on good paths.
    frame: FrameType | None = sys._getframe(2)
    for _ in range(12):
        if frame is None:
            return False
        if frame.f_code in _UNIQUE_CHECK_CODES:
            return True
        frame = frame.f_back
    return False


def _reached_from_a_scoped_object(queryset) -> bool:
    # `mentor.volunteers.all()` and prefetches carry the object they start from as a hint. Trusted only when that
    # object is itself province data (so it was read through a scope): `province.volunteers.all()` is not.
    instance = queryset._hints.get("instance")
    if instance is None:
        return False
    return getattr(type(instance)._default_manager.get_queryset(), "scope_required", False)


def check_scope(queryset) -> None:
    """Raise ScopeError when `queryset` is evaluated in a request without a declared scope."""
    if not _required.get() or queryset._scope_declared or not queryset.scope_required:
        return
    if _reached_from_a_scoped_object(queryset) or queryset.query.is_empty():
        return
    if _called_by_a_unique_check():
        return
    name = queryset.model.__name__
    raise ScopeError(
        f"{name} queried outside a declared province scope: start from "
        f"{name}.objects.visible_to(request.user) or .editable_by(request.user), "
        f"or name the reason with .across_provinces(reason) / scopes_disabled(reason)."
    )


def guarded(method):
    """A QuerySet method that reads rows, checked before it runs (attributes like `queryset_only` kept)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        check_scope(self)
        return method(self, *args, **kwargs)

    return wrapper


def plain_rows(queryset) -> list[tuple]:
    """The rows of a `values_list()` queryset as the database sends them, without Django's work on each row (its
    converters, a dict for `values()`): for tallies of a thousand rows read on every report, where that work was half
    their Python (the dashboard's serving volunteers per province and month, 3.8 → 1.9 ms). Checked for its scope as
    evaluating it would be, and read where the ORM would read it (the replica inside reports.caching's block)."""
    if getattr(queryset, "scope_required", False):
        check_scope(queryset)
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# {key: what compiled_once() kept}: the one store of SQL compiled once per process (plain_rows_of()'s querysets, and
# the reports' hand-written SQL around a queryset); emptied when full (a few dozen shapes fill it in a day).
_compiled: dict[Hashable, object] = {}
COMPILED_KEPT = 256
_NOTHING_KEPT = object()


def compiled_once(key: Hashable, compile: Callable[[], T]) -> T:
    """compile(), kept in this process for `key`, which must name everything compile() depends on. Django builds and
    compiles a queryset afresh each time it runs: 0.5-1.5 ms of Python for each of the national dashboard's queries,
    every time its figures are computed, for SQL that is the same for the same fiscal year."""
    kept = _compiled.get(key, _NOTHING_KEPT)  # one read: another thread may empty the store meanwhile
    if kept is not _NOTHING_KEPT:
        return cast(T, kept)
    compiled = compile()
    if len(_compiled) >= COMPILED_KEPT:
        _compiled.clear()
    _compiled[key] = compiled
    return compiled


def plain_rows_of(key: Hashable, build: Callable[[], models.QuerySet]) -> list[tuple]:
    """plain_rows(build()), with the SQL of build()'s queryset compiled once in this process for `key`, which must
    name everything build() reads (its arguments): compiled_once(). Read where plain_rows() reads (the router decides
    each time). A queryset the scope guard checks (province data that declared no scope) is built and checked every
    time, and nothing is kept for it."""
    compiled = cast(tuple | None, _compiled.get(key))
    if compiled is None:
        queryset = build()
        if getattr(queryset, "scope_required", False) and not getattr(queryset, "_scope_declared", None):
            return plain_rows(queryset)
        compiled = compiled_once(key, lambda: (queryset.model, *queryset.query.sql_with_params()))
    model, sql, params = compiled
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
