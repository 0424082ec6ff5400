"""What every edit form of a registry shares: no invisible control characters in its text, and the version of the
record it was opened at (optimistic locking)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext

# Invisible control characters (tab and line breaks excepted). NUL cannot be stored in PostgreSQL text at all;
# the others break Excel exports and are never typed on purpose, only pasted from other systems.
VERSION_MAX = 2_147_483_647  # the version column's largest value (PostgreSQL's integer)
CONTROL_CHARACTERS = frozenset(chr(c) for c in [*range(0, 32), 127] if chr(c) not in "\t\n\r")


def control_character_error(value) -> str | None:
    """None for clean text; otherwise where the first invisible control character is, in the reader's language."""
    if not isinstance(value, str):
        return None
    for position, char in enumerate(value, start=1):
        if char in CONTROL_CHARACTERS:
            return gettext(
                "มีอักขระควบคุมที่มองไม่เห็น (รหัส U+%(code)s) ที่ตำแหน่งที่ %(position)s "
                "ซึ่งมักติดมาจากการคัดลอกข้อความ กรุณาลบออกแล้วพิมพ์ใหม่"
            ) % {"code": f"{ord(char):04X}", "position": f"{position:,}"}
    return None


def validate_no_control_characters(value) -> None:
    error = control_character_error(value)
    if error:
        raise ValidationError(error, code="control_character")


def refuse_control_characters(form) -> None:
    """Every text field of the form refuses control characters with the message above (NUL included)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)] + [
                validate_no_control_characters
            ]


def use_version_field(form) -> None:
    """An edit form carries the version it was opened at (optimistic locking); a new record needs none."""
    if not form.instance.pk:
        del form.fields["version"]
        return
    field = form.fields["version"]
    field.required = True
    field.initial = form.instance.version
    message = gettext("แบบฟอร์มนี้ไม่สมบูรณ์ (ไม่พบรุ่นของข้อมูล) โปรดเปิดหน้าแก้ไขใหม่แล้วบันทึกอีกครั้ง")
    # A number past the column's range can only come from an altered form: not the version of anybody's edit.
    field.max_value = VERSION_MAX
    field.validators.append(MaxValueValidator(VERSION_MAX))
    field.error_messages.update({"required": message, "invalid": message, "min_value": message, "max_value": message})
