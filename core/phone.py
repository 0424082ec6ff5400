"""Thai phone numbers, the one rule every registry and the roster import use: read as typed or pasted, stored as
digits, shown as Thai officers write them."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from core import thai

THAI_REGION = "TH"


def normalize_thai_phone(value) -> str:
    """`081 234 5678`, `+66812345678`, `๐๘๑-๒๓๔-๕๖๗๘` -> `0812345678`; raises ValidationError saying why otherwise."""
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
    """None for an empty value or a valid Thai number; otherwise the reason, in the active language."""
    text = "" if value is None else str(value).translate(thai.THAI_DIGITS).strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, THAI_REGION)
    except phonenumbers.NumberParseException:
        return gettext("“%(text)s” ไม่ใช่หมายเลขโทรศัพท์ กรอกเป็นตัวเลข เช่น 081-234-5678") % {"text": text}
    if phonenumbers.region_code_for_number(number) != THAI_REGION:
        return gettext("“%(text)s” ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย กรอกหมายเลขไทย เช่น 081-234-5678") % {"text": text}
    if not phonenumbers.is_valid_number(number):
        return gettext("“%(text)s” ไม่ใช่หมายเลขโทรศัพท์ไทยที่ถูกต้อง (จำนวนหลักหรือรหัสนำหน้าไม่ถูกต้อง) เช่น 081-234-5678") % {
            "text": text
        }
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
