"""The rows of the volunteer list, built in Python: through the template engine, 50 rows of ten cells (with an
included badge each) were most of the busiest page's time; the same HTML with the same escaping costs a fraction."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.http import url_pattern
from core.people import name_html, page_in_thai
from core.templatetags.thai import be_date, masked_id
from core.widgets import option_tags
from volunteers import rules

register = template.Library()

BADGE_CLASSES = {
    "active": "text-bg-success",
    "suspended": "text-bg-warning",
    "deceased": "text-bg-dark",
    # Still "active" in the record but not serving: the colour of a warning to act (re-appoint or let go).
    rules.TERM_ENDED: "text-bg-danger",
}
NONE = "–"
MUTED_NONE = f'<span class="text-muted">{NONE}</span>'


def status_badge(status: str, label: str) -> str:
    css = BADGE_CLASSES.get(status, "text-bg-secondary")
    return f'<span class="badge {css}" data-status="{escape(status)}">{escape(str(label))}</span>'


@register.simple_tag
def volunteer_rows(volunteers, can_write=False, show_province=False):
    """The <tr> of each volunteer on the list page: a checkbox for bulk work when the user may write, the name
    linking to the volunteer, the masked ID, the place, phone, mentor, appointment date, tier, the current term's end (BE) and status
    (ครบวาระ once the term's last day has passed)."""
    detail_url = url_pattern("volunteers:detail")
    choose = escape(_("เลือก"))
    # Asked once for the whole table: the village number (ม.3, Moo 3 in English) and the province's name.
    village_no = _("ม.%(no)s")
    in_thai = page_in_thai()
    tiers = {value: str(label) for value, label in rules.TIER_LABELS.items()}
    html = []
    for v in volunteers:
        name = escape(v.full_name)
        cells = [f'<tr data-volunteer="{v.pk}">']
        if can_write:
            cells.append(
                f'<td class="no-print"><input class="form-check-input row-check" type="checkbox" name="volunteers" '
                f'value="{v.pk}" aria-label="{choose} {name}"></td>'
            )
        cells.append(f'<td><a href="{detail_url.format(v.pk)}">{name_html(v)}</a></td>')
        cells.append(f'<td class="font-monospace small">{escape(masked_id(v.national_id))}</td>')
        if show_province:
            province = v.province
            cells.append(f"<td>{escape(province.name_th if in_thai else province.name_en or province.name_th)}</td>")
        subdistrict = v.subdistrict
        cells.append(f"<td>{escape(subdistrict.district.name_th)}</td>")
        village = (
            f' <span class="text-muted small">{escape(village_no % {"no": v.village_no})}</span>'
            if v.village_no
            else ""
        )
        cells.append(f"<td>{escape(subdistrict.name_th)}{village}</td>")
        cells.append(f'<td class="text-nowrap">{escape(v.phone_display or NONE)}</td>')
        cells.append(f"<td>{name_html(v.mentor) if v.mentor_id else MUTED_NONE}</td>")
        appointed = be_date(v.appointed_on) if v.appointed_on else NONE
        cells.append(f'<td class="text-nowrap">{escape(appointed)}</td>')
        cells.append(f'<td class="small">{escape(tiers.get(v.tier, v.tier))}</td>')
        term_end = be_date(v.term_ends_on) if v.term_ends_on else NONE
        cells.append(f'<td class="text-nowrap">{escape(term_end)}</td>')
        cells.append(f"<td>{status_badge(v.display_status, v.status_display)}</td></tr>")
        html.append("".join(cells))
    return mark_safe("\n".join(html))


@register.simple_tag
def status_badge_html(status, label=None):
    """`{% status_badge_html volunteer %}` shows the status as displayed (ครบวาระ from the date). Pages that pass the
    stored status and `status_display` get the ครบวาระ colour too: the label is the only sign there."""
    if label is None:
        status, label = status.display_status, status.status_display
    elif status in rules.IN_OFFICE and str(label) == str(rules.TERM_ENDED_LABEL):
        status = rules.TERM_ENDED
    return mark_safe(status_badge(status, label))


@register.simple_tag
def select_options(select):
    """The <option>s of a FastSelect (the bulk mentor picker, whose <select> has its own id on the list page)."""
    return option_tags(select.choice_list())
