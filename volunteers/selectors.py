"""Read queries of the registry that are more than a queryset method: history, districts without mentors."""

from functools import partial

from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core import history, people, thai
from core.phone import format_thai_phone
from core.templatetags.thai import be_date
from mentors.models import Mentor
from provinces.models import Subdistrict
from volunteers.models import UNTRACKED, StatusChange, Term, TermEvent, Volunteer

# Bookkeeping columns that change with every write and say nothing to a reader.
_HIDDEN_FIELDS = {"id", "updated_at", "created_at", "province", "version"}


# The volunteer page's words for the three kinds of version.
_LABELS = {
    "insert": pgettext_lazy("history", "ลงทะเบียน"),
    "update": pgettext_lazy("history", "แก้ไข"),
    "delete": pgettext_lazy("history", "ลบ"),
}


def _tracked_fields():
    # Generated columns (the Thai sort keys) and the absence derived from the status changes and terms are not in the
    # history (volunteers.models.UNTRACKED).
    return [
        f
        for f in Volunteer._meta.concrete_fields
        if f.name not in _HIDDEN_FIELDS and f.name not in UNTRACKED and not f.generated
    ]


def volunteer_history(
    volunteer: Volunteer, *, show_full_id: bool = False, limit: int = 100, terms: list[Term] | None = None
) -> list[history.Entry]:
    """Every recorded version of the volunteer, newest first, as "who, when, from where, what changed". A term given
    or corrected after the first is told on the line of the write that made it, with its order, first and last day:
    the volunteer's own row holds only the current term's end (the first term is the row's appointment). `terms`:
    the volunteer's terms, when the page has read them already."""
    entries = history.object_history(
        volunteer,
        limit=limit,
        fields=_tracked_fields(),
        display=partial(_display, show_full_id=show_full_id),
        related=_related_names,
        source=_source,
        labels=_LABELS,
    )
    term_ids = [t.pk for t in terms] if terms is not None else list(volunteer.terms.values_list("pk", flat=True))
    # One term is the first, told by the row's own fields: nothing to add, and nothing to read for most volunteers.
    return _with_later_terms(entries, term_ids) if len(term_ids) > 1 else entries


def _with_later_terms(entries: list[history.Entry], term_ids: list[int]) -> list[history.Entry]:
    # By the terms' ids, which the event table is indexed by (its copy of the volunteer's key is not).
    events = list(TermEvent.objects.filter(pgh_obj_id__in=term_ids).select_related("pgh_context").order_by("pgh_id"))
    inserted = [e for e in events if e.pgh_label == "insert"]
    first_term = min(inserted, key=lambda e: (e.starts_on, e.pgh_id)).pgh_obj_id if inserted else None
    on_line = {entry.context_id: entry for entry in entries if entry.context_id is not None}
    previous: dict = {}  # term id -> its last version so far
    extra: list[tuple] = []  # (event, line) of writes that did not change the volunteer's row
    for event in events:
        before = previous.get(event.pgh_obj_id)
        previous[event.pgh_obj_id] = event
        if event.pgh_obj_id == first_term or event.pgh_label not in ("insert", "update"):
            continue
        if event.pgh_label == "insert":
            line = (gettext("วาระใหม่"), "", _term_text(event))
        else:
            line = (gettext("แก้ไขวาระ"), _term_text(before) if before else "", _term_text(event))
        entry = on_line.get(event.pgh_context_id)
        if entry is not None:
            entry.changes.append(line)
        else:
            extra.append((event, line))
    if not extra:
        return entries
    metadata_of = {id(e): (e.pgh_context.metadata if e.pgh_context_id else {}) for e, _line in extra}
    users = history.account_names(metadata_of.values())
    told = [(entry, 0) for entry in entries]
    for event, line in reversed(extra):  # newest first, as the volunteer's own lines
        metadata = metadata_of[id(event)]
        told.append(
            (
                history.Entry(
                    at=event.pgh_created_at,
                    label="update",
                    username=history.writer(metadata, users),
                    source=_source(metadata),
                    changes=[line],
                    labels=_LABELS,
                    context_id=event.pgh_context_id,
                ),
                1,
            )
        )
    # Newest first, as the volunteer's own lines, which keep their order where two share a time (one transaction);
    # a term's own line comes first among those.
    told.sort(key=lambda pair: (pair[0].at, pair[1]), reverse=True)
    return [entry for entry, _rank in told]


def _term_text(event) -> str:
    """A term as the history tells it: `ที่ 9/2570 · 2 มี.ค. 2570 – 1 มี.ค. 2573`."""
    days = f"{be_date(event.starts_on)} – {be_date(event.ends_on)}"
    return f"{event.order_no} · {days}" if event.order_no else days


def status_changes(volunteer: Volunteer) -> list[StatusChange]:
    """The volunteer's status changes, newest first, each with `by_name`: who recorded it.

    A change without an account (the key is set to NULL when the account is deleted, and commands record none) is
    told apart by the history of the volunteer's row, written in the same transaction: the write that set this
    status on this date names the user, or only a source such as the demo loader."""
    changes = list(volunteer.status_changes.select_related("changed_by"))
    unnamed = [c for c in changes if c.changed_by is None]
    writers = {}
    if unnamed:
        events = (
            volunteer.events.filter(status__in={c.to_status for c in unnamed})
            .select_related("pgh_context")
            .order_by("pgh_id")
        )
        for event in events:
            metadata = event.pgh_context.metadata if event.pgh_context_id else {}
            writers.setdefault((event.status, event.status_changed_on), history.missing_account(metadata))
    for change in changes:
        missing = writers.get((change.to_status, change.changed_on), "unknown")
        change.by_name = people.display_name(change.changed_by, missing)
    return changes


def terms_of(volunteer: Volunteer) -> list[Term]:
    """The volunteer's terms, newest first, numbered from the first (วาระที่ 1) and marked current, upcoming (an
    order made before the running term ends) or ended."""
    today = timezone.localdate()
    terms = list(volunteer.terms.order_by("starts_on"))
    for number, term in enumerate(terms, start=1):
        term.number = number
        term.is_current = term.starts_on <= today <= term.ends_on
        term.is_upcoming = term.starts_on > today
    terms.reverse()
    return terms


# What an officer reads for the page or tool a write came from; request paths and command names are not shown.
_SOURCE_BY_VIEW = {
    "volunteers:create": _("ลงทะเบียนผ่านแบบฟอร์ม"),
    "volunteers:edit": _("แก้ไขผ่านแบบฟอร์ม"),
    "volunteers:status": _("เปลี่ยนสถานะ"),
    "volunteers:move": _("ย้ายจังหวัด"),
    "volunteers:assign_mentor": _("กำหนดพี่เลี้ยง"),
    "volunteers:reappoint": _("แต่งตั้งอีกวาระ"),
    "volunteers:reappoint_many": _("แต่งตั้งอีกวาระ"),
    # The API's writes (api.views.VolunteerViewSet): registration, edit and status change.
    "api:volunteer-list": _("ลงทะเบียนผ่าน API"),
    "api:volunteer-detail": _("แก้ไขผ่าน API"),
    "api:volunteer-change-status": _("เปลี่ยนสถานะผ่าน API"),
}


def _source(metadata: dict) -> str:
    """Where a write came from, translated: the form, an import of a named file, the demo data, the admin site, or ""."""
    source = str(metadata.get("source") or "")
    if metadata.get("import_file") or source in ("roster_import", "admin_import"):
        return (gettext("นำเข้าจากไฟล์ %(file)s") % {"file": metadata.get("import_file") or ""}).strip()
    if "load_demo" in source:
        return gettext("ข้อมูลตัวอย่าง")
    if metadata.get("action") == "move_province":
        return gettext("ย้ายจังหวัด")
    url = str(metadata.get("url") or "")
    if url:
        try:
            match = resolve(url)
        except Resolver404:
            return ""
        if match.namespaces[:1] == ["admin"]:
            return gettext("ผ่านหน้าผู้ดูแลระบบ")
        return str(_SOURCE_BY_VIEW.get(match.view_name, ""))
    return ""


def _related_names(events) -> dict:
    subdistrict_ids = {e.subdistrict_id for e in events}
    mentor_ids = {e.mentor_id for e in events if e.mentor_id}
    return {
        "subdistrict": {
            s.pk: s.full_name
            for s in Subdistrict.objects.filter(pk__in=subdistrict_ids).select_related("district", "province")
        },
        # A moved volunteer's history names mentors of the province it came from.
        "mentor": {
            m.pk: m.full_name
            for m in Mentor.objects.across_provinces("mentors this history names").filter(pk__in=mentor_ids)
        },
    }


def _display(f, value, related, *, show_full_id: bool) -> str:
    """As every history reads a value, but the phone formatted and, with a purpose given, the full national ID."""
    if value not in (None, "") and f.name == "national_id" and show_full_id:
        return thai.format_national_id(value)
    if value not in (None, "") and f.name == "phone":
        return format_thai_phone(value)
    return history.display_value(f, value, related)


# The volunteer list's total: a COUNT(*) over a province's registry reads every row. An app that keeps running totals
# (the reports' tallies) lends its count here when it starts (ReportsConfig.ready), so this app need not know it.
_registry_counter = None


def count_registry_with(counter) -> None:
    """`counter(province_id or None) -> int` answers registry_total from now on."""
    global _registry_counter
    _registry_counter = counter


def registry_total(province_id: int | None = None) -> int | None:
    """Volunteers in the registry (in one province, or all) from a running total; None when no app keeps one."""
    return None if _registry_counter is None else _registry_counter(province_id)
