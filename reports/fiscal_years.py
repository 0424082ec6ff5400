"""The fiscal years the reports offer, and the one a request asks for: the pages (?fy=), the API (?fiscal_year=)
and the open data choose through these."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from core.templatetags.thai import year_shown
from core.thai import BE_OFFSET, current_fiscal_year

YEARS_OFFERED = 10


def fiscal_year_choices() -> list[int]:
    now = current_fiscal_year()
    return list(range(now, now - YEARS_OFFERED, -1))


def fiscal_year_asked(raw: str, *, christian_era_too: bool = False, offered: list[int] | None = None) -> int | None:
    """The fiscal year (BE) asked for among `offered` (the reports' years by default): the latest one when `raw` is
    blank, None when it is not one of them. The pages (?fy=) and the API (?fiscal_year=) both choose through it. The
    pages also take the year as English pages show it (2026 for 2569): the two eras' offered years are 543 apart, so
    no number means both."""
    raw = raw.strip()
    offered = fiscal_year_choices() if offered is None else offered
    if not raw:
        return max(offered)
    # Four digits at most: a year, and no int() of thousands of digits.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        return None
    if int(raw) in offered:
        return int(raw)
    if christian_era_too and int(raw) + BE_OFFSET in offered:
        return int(raw) + BE_OFFSET
    return None


def unusable_year_message(raw: str, offered: list[int] | None = None) -> str:
    """Why `raw` was not used as a fiscal year, with the years that can be, in the reader's era."""
    offered = fiscal_year_choices() if offered is None else offered
    return _("ปีงบประมาณ “%(value)s” ใช้ไม่ได้ เลือกได้ตั้งแต่ %(first)s ถึง %(last)s จึงแสดงปีงบประมาณปัจจุบันแทน") % {
        "value": raw.strip()[:10],
        "first": year_shown(min(offered)),
        "last": year_shown(max(offered)),
    }


def refused_download(request, page_url: str, offered: list[int] | None = None):
    """For a download whose ?fy= cannot be used (not among `offered`, the reports' years by default): no file, which
    would hold another year than the one asked for under a name few read, but the page it is downloaded from, for the
    current year, with why and the years that can be asked for. None when the year can be used.

    Every download that takes ?fy= asks this first (the reports' and the reporting-rate board's), as every page that
    takes it shows the current year with the same message."""
    raw = request.GET.get("fy", "")
    if fiscal_year_asked(raw, christian_era_too=True, offered=offered) is not None:
        return None
    # In the reader's language and era: the workbooks' views build their files in Thai (translation.override).
    with translation.override(request.LANGUAGE_CODE):
        reason = unusable_year_message(raw, offered)
        no_file = _("ไฟล์ที่ขอจึงยังไม่ได้สร้าง เลือกปีงบประมาณแล้วดาวน์โหลดอีกครั้ง")
        messages.warning(request, f"{reason} {no_file}")
    return redirect(page_url)
