"""Checks that every path writing volunteers shares: the forms here and the roster import (one call per row).

Each check comes in two shapes: `*_error(value) -> str | None` for code that collects messages row by row,
and a Django-validator shape that raises ValidationError for forms and `full_clean()`.
"""

import phonenumbers
from django.core.exceptions import ValidationError

from core import thai

THAI_REGION = "TH"

# Invisible control characters (tab and line breaks excepted). NUL cannot be stored in PostgreSQL text at all;
# the others break Excel exports and are never typed on purpose, only pasted from other systems.
CONTROL_CHARACTERS = frozenset(chr(c) for c in [*range(0, 32), 127] if chr(c) not in "\t\n\r")


def normalize_thai_phone(value) -> str:
    """`081 234 5678`, `+66812345678`, `๐๘๑-๒๓๔-๕๖๗๘` -> `0812345678`; raises ValidationError in Thai otherwise."""
    text = "" if value is None else str(value).translate(thai.THAI_DIGITS).strip()
    if not text:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel drops the leading zero of 0812345678 and stores 812345678.0.
        text = str(int(value))
    error = thai_phone_error(text)
    if error:
        raise ValidationError(error, code="phone")
    number = phonenumbers.parse(text, THAI_REGION)
    return "0" + str(number.national_number)


def thai_phone_error(value) -> str | None:
    """None for an empty value or a valid Thai number; otherwise the Thai reason."""
    text = "" if value is None else str(value).translate(thai.THAI_DIGITS).strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, THAI_REGION)
    except phonenumbers.NumberParseException:
        return f"“{text}” ไม่ใช่หมายเลขโทรศัพท์ กรอกเป็นตัวเลข เช่น 081-234-5678"
    if phonenumbers.region_code_for_number(number) != THAI_REGION:
        return f"“{text}” ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย กรอกหมายเลขไทย เช่น 081-234-5678"
    if not phonenumbers.is_valid_number(number):
        return f"“{text}” ไม่ใช่หมายเลขโทรศัพท์ไทยที่ถูกต้อง (จำนวนหลักหรือรหัสนำหน้าไม่ถูกต้อง) เช่น 081-234-5678"
    return None


def format_thai_phone(value: str) -> str:
    """`0812345678` -> `081-234-5678`, Bangkok `021234567` -> `02-123-4567`, provincial `054123456` -> `054-123456`
    (area code, then the six-digit number, as Thai officers write it); anything else unchanged."""
    if not value or not value.isdigit():
        return value or ""
    if len(value) == 10:
        return f"{value[:3]}-{value[3:6]}-{value[6:]}"
    if len(value) == 9:
        if value.startswith("02"):
            return f"{value[:2]}-{value[2:5]}-{value[5:]}"
        return f"{value[:3]}-{value[3:]}"
    return value


def control_character_error(value) -> str | None:
    """None for clean text; otherwise where the first invisible control character is, in Thai."""
    if not isinstance(value, str):
        return None
    for position, char in enumerate(value, start=1):
        if char in CONTROL_CHARACTERS:
            return (
                f"มีอักขระควบคุมที่มองไม่เห็น (รหัส U+{ord(char):04X}) ที่ตำแหน่งที่ {position:,} "
                "ซึ่งมักติดมาจากการคัดลอกข้อความ กรุณาลบออกแล้วพิมพ์ใหม่"
            )
    return None


def validate_no_control_characters(value) -> None:
    error = control_character_error(value)
    if error:
        raise ValidationError(error, code="control_character")


def refuse_control_characters(form) -> None:
    """Every text field of the form refuses control characters with the Thai message (NUL included)."""
    from django import forms
    from django.core.validators import ProhibitNullCharactersValidator

    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)] + [
                validate_no_control_characters
            ]


def national_id_taken_message(province_name: str) -> str:
    """What an officer reads when the ID is already registered: the province that holds it and nothing else."""
    return (
        f"เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นอาสาสมัครแรงงานแล้วที่{province_name} "
        "หากบุคคลนี้ย้ายมาอยู่ในจังหวัดของท่าน โปรดติดต่อส่วนกลางเพื่อย้ายข้อมูล"
    )


def provinces_holding_national_ids(national_ids, *, exclude_pk=None) -> dict[str, str]:
    """{national_id: province display name} for the IDs already registered, in one query (for imports)."""
    from volunteers.models import Volunteer

    ids = {thai.normalize_national_id(n) for n in national_ids if n}
    if not ids:
        return {}
    rows = Volunteer.objects.across_provinces("a national ID is registered once in the whole country").filter(
        national_id__in=ids
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    names = {}
    for national_id, code, name_th in rows.values_list("national_id", "province__code", "province__name_th"):
        names[national_id] = name_th if code == "10" else f"จังหวัด{name_th}"
    return names


def national_id_conflict(national_id, *, exclude_pk=None) -> str | None:
    """None when the ID is free; otherwise the Thai message naming the province that holds it."""
    holder = provinces_holding_national_ids([national_id], exclude_pk=exclude_pk)
    if not holder:
        return None
    return national_id_taken_message(next(iter(holder.values())))
