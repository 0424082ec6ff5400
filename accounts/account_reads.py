"""The signed-in account's three reads on every page, by SQL written once per process: its session, the account with
its staff profile, and its second-factor device.

Django builds and compiles each of them as a queryset on every request: 0.35-0.45 ms of Python apiece for one row
by its key, 1.6 ms a page for the three, against 0.45 ms for the same rows read by SQL kept from the first request
(bench/HISTORY.md, 6 Dec 2026). The rows become instances by Model.from_db, as Django's own reads make them. A model
with a column whose value Django converts after the read (a JSON field, a field of a library) is read by the ORM
instead, so that no instance differs from the one Django would have made.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connections, models, router

from accounts.scoping import compiled_once

_READ_BY_THE_ORM = "read by the ORM"


def _converted_by_django(model: type[models.Model], using: str) -> bool:
    connection = connections[using]
    return any(
        field.get_db_converters(connection) or connection.ops.get_db_converters(field.cached_col)
        for field in model._meta.concrete_fields
    )


def _column(field) -> str:
    return str(field.column)  # a concrete field always has its column


def _select_list(model: type[models.Model], alias: str, using: str) -> str:
    quote = connections[using].ops.quote_name
    return ", ".join(f"{alias}.{quote(_column(field))}" for field in model._meta.concrete_fields)


def _attnames(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _one_row(models_read: tuple, name: str, write_sql: Callable[[str], str], params: list):
    """(database alias, the row of the SQL write_sql(alias) writes, or None, or _READ_BY_THE_ORM when one of the
    models read has columns Django converts). The SQL is kept per name, models and database."""
    using = router.db_for_read(models_read[0])
    key = ("account_reads", name, *(model._meta.label for model in models_read), using)
    sql = compiled_once(
        key,
        lambda: (
            _READ_BY_THE_ORM if any(_converted_by_django(model, using) for model in models_read) else write_sql(using)
        ),
    )
    if sql == _READ_BY_THE_ORM:
        return using, _READ_BY_THE_ORM
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return using, cursor.fetchone()


def first_instance(model: type[models.Model], where: str, params: list, *, by_the_orm: Callable):
    """The model's first row matching `where` (SQL on its columns as t.<column>, with %s for `params`), as an
    instance, or None; by_the_orm() gives the same read through the ORM, for a model whose columns Django converts."""

    def write_sql(using: str) -> str:
        table = connections[using].ops.quote_name(model._meta.db_table)
        return f"SELECT {_select_list(model, 't', using)} FROM {table} AS t WHERE {where} LIMIT 1"

    using, row = _one_row((model,), where, write_sql, params)
    if row == _READ_BY_THE_ORM:
        return by_the_orm()
    return None if row is None else model.from_db(using, _attnames(model), row)


def instance_by_pk(model: type[models.Model], pk) -> models.Model | None:
    """model.objects.filter(pk=pk).first(), without building the queryset."""
    column = model._meta.pk.column
    return first_instance(
        model, f"t.{column} = %s", [pk], by_the_orm=lambda: model._default_manager.filter(pk=pk).first()
    )


def user_with_profile(user_id):
    """The account of user_id with its staff profile, in one row (None if there is no such account), as
    User.objects.select_related("staff_profile").filter(pk=user_id).first() gives it: user.staff_profile is the
    profile, or raises RelatedObjectDoesNotExist without a query for an account that has none."""
    from accounts.models import StaffProfile

    user_model = get_user_model()
    profile_user = StaffProfile._meta.get_field("user")

    def write_sql(using: str) -> str:
        quote = connections[using].ops.quote_name
        return (
            f"SELECT {_select_list(user_model, 'u', using)}, {_select_list(StaffProfile, 'p', using)} "
            f"FROM {quote(user_model._meta.db_table)} AS u LEFT JOIN {quote(StaffProfile._meta.db_table)} AS p "
            f"ON p.{quote(_column(profile_user))} = u.{quote(_column(user_model._meta.pk))} "
            f"WHERE u.{quote(_column(user_model._meta.pk))} = %s"
        )

    using, row = _one_row((user_model, StaffProfile), "user_with_profile", write_sql, [user_id])
    if row == _READ_BY_THE_ORM:
        return user_model._default_manager.select_related("staff_profile").filter(pk=user_id).first()
    if row is None:
        return None
    split = len(user_model._meta.concrete_fields)
    user = user_model.from_db(using, _attnames(user_model), row[:split])
    profile = None
    profile_row = row[split:]
    if profile_row[StaffProfile._meta.concrete_fields.index(StaffProfile._meta.pk)] is not None:
        profile = StaffProfile.from_db(using, _attnames(StaffProfile), profile_row)
        profile_user.set_cached_value(profile, user)
    # What select_related leaves: the profile, or None (no query, RelatedObjectDoesNotExist) for an account without.
    profile_user.remote_field.set_cached_value(user, profile)
    return user
