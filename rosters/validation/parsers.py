"""The parsers the roster columns declare (rosters.columns): `parser(column, context)` returns the function each
cell of that column goes through, which gives the value or raises CellError with the reason (gettext, called only for
a cell that fails).

The factory runs once per check, so what it needs (today, the field's length) is looked up once, not per cell.
The rules come from the apps that own them: the birth-date range from volunteers.rules, the national ID's check
digit from core.thai, the phone format from core.phone.
"""

from django.utils.translation import gettext as _

from rosters.validation.cells import (
    ACTIVE_WORDS,
    EXAMPLE_ID,
    GENDER_FROM_TITLE,
    GENDER_KEYS,
    INACTIVE_WORDS,
    STATUS_KEYS,
    TERM_ENDED_CELL,
    TIER_KEYS,
    TITLE_WORDS,
    CellError,
    Context,
    cell_text,
    date_from_cell,
    email_from_cell,
    house_no_from_cell,
    national_id_from_cell,
    phone_from_cell,
    small_number_from_cell,
    split_full_name,
    title_from_text,
)
from volunteers import rules


def text(column, context: Context):
    limit = context.lengths.get(column.key)
    label = column.header
    required = column.required

    def convert(cell):
        value = cell_text(cell)
        if required and not value:
            raise CellError(please_fill(label))
        if limit and len(value) > limit:
            raise CellError(too_long(limit))
        return value

    return convert


def please_fill(header: str) -> str:
    """A required cell left blank, named by its column's header (the file's Thai header, in any language)."""
    return _("กรุณากรอก%(column)s") % {"column": header}


def too_long(limit: int) -> str:
    return _("ยาวเกิน %(limit)s ตัวอักษร") % {"limit": limit}


def either(values) -> str:
    """A หรือ B หรือ C, in the language active."""
    values = list(values)
    shown = values[0] if values else ""
    for value in values[1:]:
        shown = _("%(first)s หรือ %(second)s") % {"first": shown, "second": value}
    return shown


def national_id(column, context: Context):
    def convert(cell):
        value = national_id_from_cell(cell)
        if value == EXAMPLE_ID:
            raise CellError(_("แถวนี้เป็นแถวตัวอย่างจากแม่แบบ ลบออกก่อนนำเข้า"))
        return value

    return convert


def volunteer_title(column, context: Context):
    """(title, title_other): the three common titles as choices, any other kept as typed."""

    def convert(cell):
        value = cell_text(cell)
        if not value:
            raise CellError(please_fill(column.header))
        return title_from_text(value)

    return convert


def title_word(value: str) -> str:
    """A mentor's title as its word: นาย for "Mr.", and any other title kept as typed, refused past 40 characters as
    the volunteer's is (it was cut to 40 without a word)."""
    key, other = title_from_text(value)
    return TITLE_WORDS.get(key, other)


def mentor_title(column, context: Context):
    """A mentor's title as a word (นาย, นาง, นางสาว, or a rank or academic title as typed)."""
    return lambda cell: title_word(cell_text(cell))


def volunteer_full_name(column, context: Context):
    """นายสมชาย ใจดี → (title, title_other, first name, last name)."""

    def convert(cell):
        prefix, first, last = split_full_name(cell_text(cell))
        return (*title_from_text(prefix), first, last)

    return convert


def mentor_full_name(column, context: Context):
    def convert(cell):
        prefix, first, last = split_full_name(cell_text(cell))
        return title_word(prefix), first, last

    return convert


def gender(column, context: Context):
    """The gender's key; blank stays blank here and is taken from the title by the spec's row rule."""

    def convert(cell):
        value = cell_text(cell)
        if not value:
            return ""
        key = GENDER_KEYS.get(value.replace(" ", "").lower())
        if key is None:
            raise CellError(_("เพศ “%(value)s” ไม่ถูกต้อง (ชาย หรือ หญิง)") % {"value": value})
        return key

    return convert


def date(column, context: Context):
    today = context.today
    return lambda cell: date_from_cell(cell, today=today)


def consent_date(column, context: Context):
    """The PDPA consent's date, by the volunteers' rule (rules.consent_date_error): not after today, not before the
    programme."""
    today = context.today

    def convert(cell):
        value = date_from_cell(cell, allow_future=False, today=today)
        if error := rules.consent_date_error(value, today):
            raise CellError(error)
        return value

    return convert


def birth_date(column, context: Context):
    """A date that passes the volunteers' birth-date rule, the same as the form's."""
    today = context.today

    def convert(cell):
        value = date_from_cell(cell, today=today)
        error = rules.birth_date_error(value, today=today)
        if error:
            raise CellError(error)
        return value

    return convert


def phone(column, context: Context):
    return phone_from_cell


def email(column, context: Context):
    return email_from_cell


def house_no(column, context: Context):
    limit = context.lengths.get(column.key)

    def convert(cell):
        value = house_no_from_cell(cell)
        if limit and len(value) > limit:
            raise CellError(too_long(limit))
        return value

    return convert


def village_no(column, context: Context):
    return lambda cell: small_number_from_cell(
        cell, low=rules.VILLAGE_NO_MIN, high=rules.VILLAGE_NO_MAX, what=column.header
    )


def volunteer_status(column, context: Context):
    """The status key, or None for a blank cell or "ครบวาระ" (which an export writes for a term that has ended): new
    people start serving, known people keep their status."""

    def convert(cell):
        value = cell_text(cell)
        if not value:
            return None
        word = value.replace(" ", "").lower()
        if word == TERM_ENDED_CELL:
            return None
        key = STATUS_KEYS.get(word)
        if key is None:
            raise CellError(_("สถานะ “%(value)s” ไม่ถูกต้อง (เลือกจากรายการ เช่น ปฏิบัติหน้าที่)") % {"value": value})
        return key

    return convert


def volunteer_tier(column, context: Context):
    """The tier key, or None for a blank cell: new people are leads, known people keep their tier."""
    choices = column.choices

    def convert(cell):
        value = cell_text(cell)
        if not value:
            return None
        key = TIER_KEYS.get(value.replace(" ", "").lower())
        if key is None:
            raise CellError(
                _("ระดับ “%(value)s” ไม่ถูกต้อง (เลือกจากรายการ: %(choices)s)")
                % {"value": value, "choices": either(choices)}
            )
        return key

    return convert


def mentor_active(column, context: Context):
    """True, False, or None for a blank cell (serving for a new mentor, unchanged for a known one)."""

    def convert(cell):
        value = cell_text(cell).replace(" ", "").lower()
        if value in ACTIVE_WORDS:
            return True
        if value in INACTIVE_WORDS:
            return False
        if value:
            raise CellError(_("สถานะ “%(value)s” ไม่ถูกต้อง (ปฏิบัติหน้าที่ หรือ พ้นหน้าที่)") % {"value": value})
        return None

    return convert


def gender_from_title(columns: dict[str, list], count: int) -> None:
    """A blank gender follows the title (นาย is male, นาง and นางสาว female), as the volunteer form does."""
    genders = columns.get("gender") or [""] * count
    titles = columns.get("title") or [None] * count
    columns["gender"] = [
        g or GENDER_FROM_TITLE.get(t, "") if g is not None else None for g, t in zip(genders, titles, strict=True)
    ]


def appointed_too_young(columns: dict[str, list], count: int) -> list[tuple[int, str, str]]:
    """The rows appointed before their birth date or before MIN_AGE_YEARS of age, refused on the birth date as the
    volunteer form refuses them."""
    births, appointments = columns.get("birth_date"), columns.get("appointed_on")
    if births is None or appointments is None:
        return []
    return [
        (number, "birth_date", error)
        for number, (born, appointed) in enumerate(zip(births, appointments, strict=True))
        if born is not None
        and appointed is not None
        # The years first: one subtraction a row, the exact age only for the few near the limit.
        and appointed.year - born.year <= rules.MIN_AGE_YEARS
        and (error := rules.appointment_age_error(born, appointed))
    ]


def term_end_with_appointment(columns: dict[str, list], count: int) -> None:
    """A file with appointment dates but no term-end column still sets the term's end (the default, at the match
    against the registry), so the volunteer's current term end is written with their terms."""
    columns.setdefault("term_ends_on", [None] * count)
