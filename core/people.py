"""People's names as a page shows them: who did something (the account's name, or plain Thai where there is no
account to name), and a person's name that never breaks inside a word; and a person's name and phone cleaned as
they are written.

Every "by" column (changed_by, created_by, confirmed_by, registered_by, recorded_by, ...) is a nullable foreign key
set to NULL when the account is deleted, so a page never reaches through it without going through here."""

import re
from html import escape

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.phone import normalize_thai_phone
from core.thai import MARKS_TO_CLEAN_SQL, clean_text

# No account was recorded because nobody signed in did it: a management command, the demo loader, a worker.
SYSTEM = _("ระบบ")
# An account was recorded, and it has since been deleted.
DELETED = _("บัญชีที่ถูกลบ")
# The row cannot tell the two apart: the key is NULL either way.
SYSTEM_OR_DELETED = _("ระบบ หรือบัญชีที่ถูกลบแล้ว")

MISSING = {"system": SYSTEM, "deleted": DELETED, "unknown": SYSTEM_OR_DELETED}


# A name left empty once cleaned (a name of only zero-width spaces, say): the same words as the forms', translated
# when the error is made (the roster import makes it inside the uploader's language).
NAME_MISSING = {"first_name": gettext_noop("กรุณากรอกชื่อ"), "last_name": gettext_noop("กรุณากรอกนามสกุล")}


def clean_names_and_phone(person, name_fields) -> None:
    """A volunteer's or mentor's details as the import writes them, whichever door they come through: `name_fields`
    cleaned (core.thai.clean_text), the phone in its one form; ValidationError naming each field that is wrong."""
    for name in name_fields:
        setattr(person, name, clean_text(getattr(person, name) or ""))
    errors: dict[str, str | list[str]] = {
        name: gettext(message)
        for name, message in NAME_MISSING.items()
        if name in name_fields and not getattr(person, name)
    }
    if person.phone:
        try:
            person.phone = normalize_thai_phone(person.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if errors:
        raise ValidationError(errors)


def display_name(user, missing: str = "unknown") -> str:
    """The account's full name, else its username; without an account, what `missing` (system, deleted, unknown)
    says stands in for it."""
    if user is None:
        return str(MISSING[missing])
    return user.get_full_name() or user.get_username()


# A mentor's title is typed in: only these common ones have an English form (Mr, Mrs, Miss, Dr).
# Marked so that makemessages keeps their English forms, as the title reaches gettext only as a variable.
THAI_TITLES = frozenset({gettext_noop("นาย"), gettext_noop("นาง"), gettext_noop("นางสาว"), gettext_noop("ดร.")})


def page_in_thai() -> bool:
    """Whether the page is in Thai: asked once for a list of many names (get_language() takes 1-3 µs a call, the
    longer in a report thread, 754 times for the departures of Nakhon Ratchasima's year on bench/dashboard.py)."""
    return (get_language() or "th").startswith("th")


def titled_first_name(title, first_name: str, *, thai: bool | None = None) -> str:
    """Title and first name as one word in Thai (นางกาญจนา), as two in English (Mrs กาญจนา); `thai`: page_in_thai(),
    when the caller has asked it already."""
    title = str(title or "").strip()
    if not title:
        return first_name
    if page_in_thai() if thai is None else thai:
        return f"{title}{first_name}"
    if title in THAI_TITLES:
        title = gettext(title)
    return f"{title} {first_name}"


# Thai line breaking splits words it finds in its dictionary, and people's names are rarely in it (อิน|ต๊ะ,
# ปัน|แก้ว): each part of a name is kept on one line, so a name wraps only between the first and the last name.
# A part longer than this is no real name and is left to wrap rather than run off a phone's screen.
NOWRAP_MAX = 40


def name_parts(person) -> tuple[str, str]:
    """(title and first name, last name) of a volunteer, mentor or registration, or of a name typed as one string
    (a guest): its last word is the last name, with the ณ of ณ อยุธยา kept in front of it."""
    parts = getattr(person, "name_parts", None)
    if callable(parts):
        return parts()
    words = str(person or "").split()
    if len(words) < 2:
        return " ".join(words), ""
    cut = len(words) - 2 if len(words) > 2 and words[-2] == "ณ" else len(words) - 1
    return " ".join(words[:cut]), " ".join(words[cut:])


# Thai vowels and tone marks drawn above or below their consonant. A real name stacks at most two or three on one
# consonant; a stuck key or a pasted string stacks dozens (ก็็็็), drawn as a tower over the lines above it.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_REPEATED_MARK = re.compile(f"([{_MARKS}])\\1+")
_MARK_PILE = re.compile(f"([{_MARKS}]{{3}})[{_MARKS}]+")


# Either of the two in one scan: most names have neither, and a list of hundreds is drawn with one search each.
_ODD_MARKS = re.compile(f"([{_MARKS}])\\1|[{_MARKS}]{{4}}")


def tame_marks(text: str) -> str:
    """The text as a page should draw it: a mark typed twice in a row once, no more than three marks in a pile."""
    if _ODD_MARKS.search(text) is None:
        return text
    return _MARK_PILE.sub(r"\1", _REPEATED_MARK.sub(r"\1", text))


def name_html(person) -> str:
    """The name as escaped HTML whose parts do not break: <span class="name-part">นางสมศรี</span> <span ...>."""
    spans = []
    for part in name_parts(person):
        if part:
            css = "name-part" if len(part) <= NOWRAP_MAX else "name-part name-part-long"
            spans.append(f'<span class="{css}">{escape(tame_marks(part))}</span>')
    return " ".join(spans)


def clean_stored_names(cursor, table: str, columns) -> int:
    """Write again, as clean_text writes them now, the names stored before a rule of it: the rows whose `columns`
    hold a Thai mark clean_text moves or joins (a tone mark before its vowel, a split sara am). For a data migration;
    returns how many rows changed."""
    quote = cursor.db.ops.quote_name
    where = " OR ".join(f"{quote(c)} ~ %s" for c in columns)
    cursor.execute(
        f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)} WHERE {where}",
        [MARKS_TO_CLEAN_SQL] * len(columns),
    )
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    changed = 0
    for pk, *values in cursor.fetchall():
        cleaned = [clean_text(v) if v else v for v in values]
        if cleaned != values:
            cursor.execute(f"UPDATE {quote(table)} SET {assignments} WHERE id = %s", [*cleaned, pk])
            changed += 1
    return changed


def clean_stored_names_operation(table: str, columns):
    """The data migration of clean_stored_names() on `table`'s `columns` (nothing to undo: the names were the same)."""
    from django.db import migrations

    def clean(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            clean_stored_names(cursor, table, columns)

    return migrations.RunPython(clean, migrations.RunPython.noop)
