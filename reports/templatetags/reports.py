from django import template
from django.utils.safestring import SafeString

from reports.caching import cached_figures
from reports.selectors import province_headline

register = template.Library()


@register.simple_tag
def province_summary(province):
    """Headline figures for a province's landing page (the caller has already checked the user may see it)."""
    from core.thai import current_fiscal_year

    entry = cached_figures(
        "headline", lambda _stamp: province_headline(province), fy=current_fiscal_year(), province=province
    )
    return entry["data"] | {"computed_at": entry["computed_at"]}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def get_index(sequence, index):
    """The item at `index` of a list (two lists of one month each, walked together)."""
    try:
        return sequence[index]
    except (IndexError, TypeError):
        return None


@register.filter
def num(value, digits=0):
    """Thousands separators, one decimal for ratios; a dash for "cannot be computed".

    Marked safe: a formatted number is digits, separators and a sign, and the dashboard shows a few thousand of them,
    each of which the template engine would otherwise escape."""
    if value is None or value == "":
        return SafeString("–")
    if isinstance(value, float) or digits:
        return SafeString(f"{value:,.{int(digits) or 1}f}")
    return SafeString(f"{value:,}")
