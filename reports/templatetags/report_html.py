"""The biggest pieces of the dashboard and of the province report, built in Python: through the template engine, the
dashboard's 77 table rows and 77 map shapes, and the report's departures and event tables, were most of each page's
rendering time; building the same HTML with the same escaping here costs a fraction of it."""

from html import escape as html_escape

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.http import url_pattern
from core.people import name_html
from core.templatetags.thai import be_date
from reports.templatetags.reports import num

register = template.Library()


def _name(row) -> str:
    return row["name_en"] if get_language() == "en" else row["name"]


def _percent(value) -> str:
    return SafeString("–" if value is None else f"{value:,.1f}%")


@register.simple_tag
def province_rows(rows, fy):
    """The <tr> rows of the dashboard's province table, each cell with a data-value to sort on."""
    base = url_pattern("reports:province", placeholder="00")
    html = []
    for r in rows:
        sort_values = {
            k: ("-1" if r[k] is None else r[k]) for k in ("coverage", "quota_coverage", "per_mentor", "attendance_rate")
        }
        html.append(
            format_html(
                '<tr data-code="{code}" data-region="{region}">'
                '<td data-value="{name_th}"><a href="{url}?fy={fy}">{name}</a></td>'
                '<td data-value="{region_name}">{region_name}</td>'
                '<td class="text-end" data-col="active" data-value="{active}">{active_text}</td>'
                '<td class="text-end" data-col="coverage" data-value="{coverage}">{coverage_text}</td>'
                '<td class="text-end" data-col="filled" data-value="{quota_coverage}">{filled_text} / {quota_text}</td>'
                '<td class="text-end" data-col="vacancies" data-value="{vacancies}">{vacancies_text}</td>'
                '<td class="text-end" data-col="leads" data-value="{leads}">{leads_text} / {network_text}</td>'
                '<td class="text-end" data-col="terms_ending" data-value="{terms_ending}">{terms_ending_text}</td>'
                '<td class="text-end" data-col="mentors" data-value="{mentors}">{mentors_text}</td>'
                '<td class="text-end" data-col="per_mentor" data-value="{per_mentor}">{per_mentor_text}</td>'
                '<td class="text-end" data-col="events" data-value="{events}">{events_text}</td>'
                '<td class="text-end" data-col="attended" data-value="{attended}">{attended_text}</td>'
                '<td class="text-end" data-col="attendance_rate" data-value="{attendance_rate}">{rate_text}</td>'
                "</tr>",
                code=r["code"],
                region=r["region"],
                name_th=r["name"],
                url=base.format(r["code"]),
                fy=fy,
                name=_name(r),
                region_name=r["region_name"],
                active=r["active"],
                active_text=num(r["active"]),
                coverage=sort_values["coverage"],
                coverage_text=_percent(r["coverage"]),
                quota_coverage=sort_values["quota_coverage"],
                filled_text=num(r["filled"]),
                quota_text=num(r["quota"]),
                vacancies=r["vacancies"],
                vacancies_text=num(r["vacancies"]),
                leads=r["serving_lead"],
                leads_text=num(r["serving_lead"]),
                network_text=num(r["serving_network"]),
                terms_ending=r["terms_ending"],
                terms_ending_text=num(r["terms_ending"]),
                mentors=r["mentors"],
                mentors_text=num(r["mentors"]),
                per_mentor=sort_values["per_mentor"],
                per_mentor_text=num(r["per_mentor"], 1),
                events=r["events"],
                events_text=num(r["events"]),
                attended=r["attended"],
                attended_text=num(r["attended"]),
                attendance_rate=sort_values["attendance_rate"],
                rate_text=_percent(r["attendance_rate"]),
            )
        )
    return mark_safe("\n".join(html))


@register.simple_tag
def map_shapes(layers, fy):
    """The map's <path>s: provinces are links to their report, filled for the first measure; the lake is water."""
    base = url_pattern("reports:province", placeholder="00")
    labels = (
        _("ความครอบคลุม"),
        _("อสร."),
        _("พี่เลี้ยง"),
        _("อัตราเข้าร่วม"),
        _("ตำแหน่งว่าง"),
        _("อัตราการส่งรายงาน"),
    )
    html = []
    for shape in layers["shapes"]:
        row = shape["row"]
        if row is None:
            html.append(
                format_html(
                    '<path d="{}" class="map-water"><title>{}</title></path>', mark_safe(shape["path"]), shape["name"]
                )
            )
            continue
        title = (
            f"{_name(row)}: {labels[0]} {_percent(row['coverage'])} · {labels[1]} {num(row['active'])} · "
            f"{labels[2]} {num(row['mentors'])} · {labels[3]} {_percent(row['attendance_rate'])} · "
            f"{labels[4]} {num(row['vacancies'])} · {labels[5]} {_percent(row['reporting_rate'])}"
        )
        html.append(
            format_html(
                '<a href="{url}?fy={fy}" data-code="{code}" class="map-province"><path d="{path}" fill="{fill}">'
                "<title>{title}</title></path></a>",
                url=base.format(row["code"]),
                fy=fy,
                code=row["code"],
                path=mark_safe(shape["path"]),
                fill=shape["fill"],
                title=title,
            )
        )
    return mark_safe("".join(html))


# The province report's longest tables, built the same way but with plain string joins: a few hundred departures and
# the hosted events with their categories were over half of the page's rendering time through the template engine,
# and still several milliseconds through format_html. Every value goes through conditional_escape all the same.


@register.simple_tag
def leaver_rows(leavers):
    """The <tr> rows of the province report's table of volunteers who left in the year."""
    # Plain database strings: the standard library's escape, as Django's does, without its lazy-string wrapper.
    return mark_safe(
        "".join(
            f"<tr><td>{name_html(r['name'])}</td><td>{_h(r['district'])}</td><td>{_h(r['status'])}</td>"
            f'<td class="text-nowrap">{_h(be_date(r["changed_on"]))}</td><td>{_h(r["reason"])}</td></tr>'
            for r in leavers
        )
    )


def _h(value) -> str:
    return html_escape(str(value))


@register.simple_tag
def hosted_rows(events):
    """The <tr> rows of the events the province hosted: one per event, then one per participant category."""
    event_url = url_pattern("trainings:detail")
    html = []
    for item in events:
        event, totals = item["event"], item["totals"]
        title = f'<a href="{esc(event_url.format(event.pk))}">{esc(event.title)}</a>'
        dates = be_date(event.start_date)
        if event.end_date != event.start_date:
            dates = f"{dates} – {be_date(event.end_date)}"
        html.append(
            f'<tr class="table-light fw-semibold" data-event="{event.pk}"><td>{title}</td>'
            f'<td class="text-nowrap">{esc(dates)}</td><td class="text-end">{num(totals["target"])}</td>'
            f'<td class="text-end">{num(totals["registered"])}</td><td class="text-end">{num(totals["attended"])}</td>'
            f'<td class="text-end">{_percent(totals["rate"])}</td></tr>'
        )
        html.extend(
            f'<tr data-event="{event.pk}" data-category="{esc(c["category"])}"><td class="ps-4">{esc(c["label"])}</td>'
            f'<td></td><td class="text-end">{num(c["target"])}</td><td class="text-end">{num(c["registered"])}</td>'
            f'<td class="text-end">{num(c["attended"])}</td><td class="text-end">{_percent(c["rate"])}</td></tr>'
            for c in item["categories"]
        )
    return mark_safe("".join(html))


@register.simple_tag
def national_rows(events):
    """The <tr> rows of the province's people in national events: one per event, then one per participant category."""
    html = []
    for item in events:
        event, totals = item["event"], item["totals"]
        html.append(
            f'<tr class="table-light fw-semibold" data-event="{event.pk}"><td>{esc(event.title)}</td>'
            f'<td>{esc(event.host_province.name_th)}</td><td class="text-nowrap">{esc(be_date(event.start_date))}</td>'
            f'<td class="text-end">{num(totals["registered"])}</td><td class="text-end">{num(totals["attended"])}</td>'
            "</tr>"
        )
        html.extend(
            f'<tr><td class="ps-4">{esc(c["label"])}</td><td></td><td></td><td class="text-end">{num(c["registered"])}'
            f'</td><td class="text-end">{num(c["attended"])}</td></tr>'
            for c in item["categories"]
        )
    return mark_safe("".join(html))
