"""The change history of any row pghistory tracks, in Thai: who, when (local time), and each field from what to what.

One walk over the event rows serves every tracked model and the admin's history pages; the volunteer page
(volunteers.selectors.volunteer_history) passes its own fields, names, sources and full-ID display to it."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import people, thai
from core.templatetags.thai import be_date, be_datetime

# Bookkeeping columns that change with every write and say nothing to a reader.
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "version"}
LABELS = {
    "insert": pgettext_lazy("history", "เพิ่ม"),
    "update": pgettext_lazy("history", "แก้ไข"),
    "delete": pgettext_lazy("history", "ลบ"),
}


@dataclass
class Entry:
    at: object
    label: str
    username: str
    source: str = ""
    changes: list = field(default_factory=list)
    labels: dict = field(default_factory=lambda: LABELS, repr=False)
    # The write it was part of (pghistory's context): what else that write changed can be told on the same line.
    context_id: object = None

    @property
    def label_display(self) -> str:
        return str(self.labels.get(self.label, self.label))


def event_model_for(model) -> type[Any] | None:
    """The pghistory event model that records `model`, if it is tracked."""
    for candidate in apps.get_models():
        if issubclass(candidate, pghistory.models.Event) and candidate.pgh_tracked_model is model:
            return candidate
    return None


def tracked_fields(model, event_model=None) -> list[models.Field]:
    """The model's fields a reader cares about; with `event_model`, only those its history records."""
    recorded = {f.attname for f in event_model._meta.concrete_fields} if event_model else None
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and (recorded is None or f.attname in recorded)
    ]


def display_value(f: models.Field, value, related: dict | None = None) -> str:
    """A stored value as a Thai reader expects it: choice labels, names of related rows, dates in พ.ศ., IDs masked."""
    if value in (None, ""):
        return ""
    if f.name == "national_id":
        return thai.mask_national_id(str(value))
    if f.is_relation:
        names = (related or {}).get(f.name)
        if names is None:
            names = related_names(f, [value])
        return names.get(value, f"#{value}")
    if isinstance(f, ArrayField):
        return list_display(f, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool) or isinstance(f, models.BooleanField):
        return str(_("ใช่")) if value in (True, "true", "True") else str(_("ไม่ใช่"))
    if isinstance(f, models.DateTimeField):
        return format_datetime(value)
    if isinstance(f, models.DateField):
        try:
            return be_date(thai.parse_date(value))
        except ValueError:
            return str(value)
    return str(value)


def list_display(f: ArrayField, items) -> str:
    """A list field's items by their names, not `['job_seekers']`: through the model's own `<field>_display` when it
    has one (Case.needs_display names the work kinds), else each item as its own field shows it (choice labels)."""
    if isinstance(items, str):  # not a list (an old row's text): shown as it is
        return items
    own_display = getattr(f.model, f"{f.name}_display", None)
    if isinstance(own_display, property):
        names = own_display.fget(f.model(**{f.attname: list(items)}))  # type: ignore[misc]
    else:
        names = [display_value(f.base_field, item) for item in items]
    return ", ".join(str(name) for name in names)


def format_datetime(value) -> str:
    """`7 ม.ค. 2563 14:05 น.` (in English `7 Jan 2020 14:05`) in local time, from a datetime or the ISO text of a
    JSON diff (which is UTC)."""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            return value
        value = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, dt.UTC)
    return be_datetime(value)


def related_names(f: models.Field, ids) -> dict:
    ids = {i for i in ids if i not in (None, "")}
    if not ids:
        return {}
    # Only relations are passed here, and a relation always has its related model.
    return {obj.pk: str(obj) for obj in f.related_model._default_manager.filter(pk__in=ids)}  # type: ignore[union-attr]


def object_history(
    obj, *, limit: int = 100, fields=None, display=display_value, related=None, source=None, labels=LABELS
) -> list[Entry]:
    """Every recorded version of `obj`, newest first; an empty list when its model is not tracked.

    A model's own page may say more: which `fields`, how a value reads (`display(f, value, related)`), the names of
    related rows (`related(events) -> {field name: {pk: name}}`), where a write came from (`source(metadata)`) and
    the words for insert, update and delete (`labels`)."""
    event_model = event_model_for(type(obj)._meta.concrete_model)
    if event_model is None:
        return []
    events = event_model.objects.filter(pgh_obj_id=obj.pk).select_related("pgh_context").order_by("pgh_id")
    events = list(events)[-limit - 1 :]
    if fields is None:
        fields = tracked_fields(event_model.pgh_tracked_model, event_model)
    if related is None:
        related = {f.name: related_names(f, {getattr(e, f.attname) for e in events}) for f in fields if f.is_relation}
    else:
        related = related(events)
    metadata_of = {e.pk: (e.pgh_context.metadata if e.pgh_context_id else {}) for e in events}
    users = account_names(metadata_of.values())
    entries, previous = [], None
    for event in events:
        metadata = metadata_of[event.pk]
        changes = []
        for f in fields:
            value = getattr(event, f.attname)
            if previous is None:
                # An empty value reads "", so only filled fields show on the first version.
                new = display(f, value, related)
                if new:
                    changes.append((f.verbose_name, "", new))
            elif getattr(previous, f.attname) != value:
                old = display(f, getattr(previous, f.attname), related)
                changes.append((f.verbose_name, old, display(f, value, related)))
        entries.append(
            Entry(
                at=event.pgh_created_at,
                label=event.pgh_label,
                username=writer(metadata, users),
                source=source(metadata) if source else "",
                changes=changes,
                labels=labels,
                context_id=event.pgh_context_id,
            )
        )
        previous = event
    if len(events) > limit:
        entries = entries[1:]
    return list(reversed(entries))


def account_names(metadatas) -> dict:
    """{account id: display name} of the accounts the writes' history contexts name, in one query."""
    user_ids = {m.get("user") for m in metadatas if m.get("user")}
    return {u.pk: people.display_name(u) for u in get_user_model().objects.filter(pk__in=user_ids)}


def writer(metadata: dict, names: dict) -> str:
    """Who made a write, by its history context: the account's name (from account_names), or what stands in for it."""
    return names.get(metadata.get("user")) or people.display_name(None, missing_account(metadata))


def missing_account(metadata: dict) -> str:
    """What stands in for the account of a write: nobody signed in (a command, the demo loader), or a deleted one."""
    return "deleted" if metadata.get("user") else "system"


def diff_lines(model, diff: dict | None) -> list[tuple[str, str, str]]:
    """pghistory's JSON diff ({"column": [old, new]}) as (Thai field name, old, new), in the model's field order."""
    if not diff or model is None:
        return []
    by_column = {f.attname: f for f in tracked_fields(model)}
    lines = []
    for column, f in by_column.items():
        if column in diff:
            old, new = diff[column]
            lines.append((str(f.verbose_name), display_value(f, old), display_value(f, new)))
    return lines
