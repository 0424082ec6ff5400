from django import template
from django.utils.safestring import SafeString

from core.people import page_in_thai
from provinces.models import place_named
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


def named(row: dict, english: bool, key: str = "name") -> str:
    """The name of a place (or a kind of work) in a row of the figures, as the page names it: the row keeps the Thai
    name under `key` and the English one beside it, under `key` with _en for _th or added (name and name_th: name_en;
    region_name: region_name_en; province: province_en); an English page shows that one where there is one
    (provinces.models.place_named). The pages' tables and the workbooks all name their places through this."""
    return place_named(row[key], row.get(f"{key.removesuffix('_th')}_en", ""), thai=not english)


@register.filter
def place_name(row: dict, key: str = "name") -> str:
    """named() in the page's language, in a template: {{ d|place_name }}, {{ e|place_name:"province" }}."""
    return named(row, not page_in_thai(), key)


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
