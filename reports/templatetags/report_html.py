"""The two biggest pieces of the dashboard, built in Python: through the template engine, 77 table rows and 77 map
shapes were most of the page's rendering time; format_html does the same escaping for a fraction of it."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reports.templatetags.reports import num

register = template.Library()


def _name(row) -> str:
    return row["name_en"] if get_language() == "en" else row["name"]


def _percent(value) -> str:
    return "–" if value is None else f"{value:,.1f}%"


@register.simple_tag
def province_rows(rows, fy):
    """The <tr> rows of the dashboard's province table, each cell with a data-value to sort on."""
    base = reverse("reports:province", args=["00"]).replace("/00/", "/{}/")
    html = []
    for r in rows:
        sort_values = {k: ("-1" if r[k] is None else r[k]) for k in ("coverage", "per_mentor", "attendance_rate")}
        html.append(
            format_html(
                '<tr data-code="{code}" data-region="{region}">'
                '<td data-value="{name_th}"><a href="{url}?fy={fy}">{name}</a></td>'
                '<td data-value="{region_name}">{region_name}</td>'
                '<td class="text-end" data-col="active" data-value="{active}">{active_text}</td>'
                '<td class="text-end" data-col="coverage" data-value="{coverage}">{coverage_text}</td>'
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
    """The map's <path>s: provinces are links to their report, coloured for the first measure; the lake is water."""
    base = reverse("reports:province", args=["00"]).replace("/00/", "/{}/")
    labels = (_("ความครอบคลุม"), _("อสร."), _("พี่เลี้ยง"), _("อัตราเข้าร่วม"))
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
        colours = format_html_join(" ", 'data-{}="{}"', shape["colours"].items())
        title = (
            f"{_name(row)}: {labels[0]} {_percent(row['coverage'])} · {labels[1]} {num(row['active'])} · "
            f"{labels[2]} {num(row['mentors'])} · {labels[3]} {_percent(row['attendance_rate'])}"
        )
        html.append(
            format_html(
                '<a href="{url}?fy={fy}" data-code="{code}" class="map-province"><path d="{path}" fill="{fill}" {colours}>'
                "<title>{title}</title></path></a>",
                url=base.format(row["code"]),
                fy=fy,
                code=row["code"],
                path=mark_safe(shape["path"]),
                fill=shape["colours"]["coverage"],
                colours=colours,
                title=title,
            )
        )
    return mark_safe("".join(html))
