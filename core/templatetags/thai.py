"""Template filters for dates and fiscal years (Buddhist Era in Thai, Common Era in English) and national IDs."""

from django import template
from django.utils import timezone

from core import thai
from core.people import page_in_thai

register = template.Library()


def _local(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value)
    return value


@register.filter
def be_date(value):
    """7 ม.ค. 2563 (in English: 7 Jan 2020)."""
    value = _local(value)
    return thai.format_date_be(value) if page_in_thai() else thai.format_date_en(value)


def be_dates():
    """be_date for the many dates of one table: the page's language asked once."""
    shown = thai.format_date_be if page_in_thai() else thai.format_date_en
    return lambda value: shown(_local(value))


@register.filter
def be_date_long(value):
    """7 มกราคม 2563."""
    value = _local(value)
    return thai.format_date_be(value, long=True) if page_in_thai() else thai.format_date_en(value)


@register.filter
def be_datetime(value):
    """7 ม.ค. 2563 14:05 น."""
    if not value:
        return ""
    value = _local(value)
    if page_in_thai():
        return f"{thai.format_date_be(value)} {value:%H:%M} น."
    return f"{thai.format_date_en(value)} {value:%H:%M}"


@register.filter
def fiscal_year(value):
    """The Thai government's fiscal year (from 1 October): 2569 in Thai, its CE number 2026 in English."""
    if not value:
        return ""
    year = thai.fiscal_year(_local(value))
    return year if page_in_thai() else year - thai.BE_OFFSET


@register.filter
def year_shown(value):
    """A Buddhist-era year number (a fiscal year the reports are chosen by) as the reader counts: 2569 in Thai,
    2026 in English."""
    if value in (None, ""):
        return ""
    return value if page_in_thai() else int(value) - thai.BE_OFFSET


@register.filter
def masked_id(value):
    return thai.mask_national_id(value) if value else ""


@register.filter
def national_id(value):
    return thai.format_national_id(value) if value else ""
