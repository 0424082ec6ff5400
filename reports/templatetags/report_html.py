"""The biggest pieces of the dashboard and of the province report, built in Python: through the template engine, the
dashboard's 77 table rows and 77 map shapes, and the report's departures and event tables, were most of each page's
rendering time; building the same HTML with the same escaping here costs a fraction of it."""

from html import escape as html_escape

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.http import url_pattern
from core.people import name_html
from core.templatetags.thai import be_date, be_dates
from reports.templatetags.reports import get_index, named, num

register = template.Library()


def _percent(value) -> str:
    return SafeString("–" if value is None else f"{value:,.1f}%")


def _rate_cells(row, marked: dict) -> str:
    """The cells of one row of the results' table by region and province: reports, rates, people, cases."""

    def col(key):
        return f' data-col="{marked[key]}"' if key in marked else ""

    return (
        f'<td class="text-end">{num(row["expected"])}</td><td class="text-end">{num(row["received"])}</td>'
        f'<td class="text-end"{col("percent")}>{_percent(row["percent"])}</td>'
        f'<td class="text-end">{_percent(row["on_time_percent"])}</td>'
        f'<td class="text-end"{col("people")}>{num(row["people"])}</td>'
        f'<td class="text-end"{col("referred")}>{num(row["referred"])}</td>'
        f'<td class="text-end">{_percent(row["resolved_percent"])}</td>'
        f'<td class="text-end"{col("median_days")}>{num(row["median_days"], 1)}</td>'
    )


@register.simple_tag
def results_month_rows(results):
    """The results' table by month: the reports expected (once due), received and on time, the rate, the people
    reached and the cases referred, done and resolved."""
    english = get_language() == "en"
    not_due = f' <span class="small">({esc(_("ยังไม่ครบกำหนด"))})</span>'
    people_months, case_months = results["people"]["people_months"], results["cases"]["months"]
    html = []
    for i, m in enumerate(results["rates"]["months"]):
        c = get_index(case_months, i) or {}
        label = esc(m["label_en"] if english else m["label"])
        if m["due"]:
            opening, expected = "<tr", num(m["expected"])
        else:
            opening, expected = '<tr class="text-muted"', "–"
            label += not_due
        html.append(
            f'{opening} data-month="{m["month"]:%Y-%m}"><td>{label}</td><td class="text-end">{expected}</td>'
            f'<td class="text-end">{num(m["received"])}</td><td class="text-end">{num(m["on_time"])}</td>'
            f'<td class="text-end" data-col="rate">{_percent(m["percent"])}</td>'
            f'<td class="text-end" data-col="people">{num(get_index(people_months, i))}</td>'
            f'<td class="text-end" data-col="referred">{num(c.get("referred"))}</td>'
            f'<td class="text-end">{num(c.get("done"))}</td><td class="text-end">{_percent(c.get("resolved_percent"))}</td>'
            f'<td class="text-end" data-col="median">{num(c.get("median_days"), 1)}</td></tr>'
        )
    return mark_safe("".join(html))


@register.simple_tag
def people_kind_rows(results):
    """The people reached by kind of work, a column a month and the year's; a kind counted in places, not people,
    says so."""
    english = get_language() == "en"
    in_places = f' <span class="text-muted small">({esc(_("แห่ง"))})</span>'
    html = []
    for k in results["people"]["kinds"]:
        name = esc(named(k, english, "name_th")) + ("" if k["people"] else in_places)
        months = "".join(f'<td class="text-end">{num(n)}</td>' for n in k["months"])
        html.append(
            f'<tr data-kind="{esc(k["code"])}"><td>{name}</td>{months}'
            f'<td class="text-end fw-semibold" data-col="year">{num(k["year"])}</td></tr>'
        )
    return mark_safe("".join(html))


PROVINCE_RATE_COLUMNS = {"percent": "rate", "people": "people", "referred": "referred", "median_days": "median"}


@register.simple_tag
def results_region_rows(results, fy):
    """The dashboard's results table: each region's row, then its provinces' rows (links to their reports)."""
    base = url_pattern("reports:province", placeholder="00")
    e = html_escape
    english = get_language() == "en"
    html = []
    for g in results["regions"]:
        html.append(
            f'<tr class="table-light fw-semibold" data-region="{e(g["code"])}">'
            f"<td>{e(named(g, english))}</td>{_rate_cells(g, {})}</tr>"
        )
        for p in results["provinces"]:
            if p["region"] != g["code"]:
                continue
            html.append(
                f'<tr data-province="{e(p["code"])}"><td class="ps-4">'
                f'<a href="{e(base.format(p["code"]))}?fy={int(fy)}#results-title">'
                f"{e(named(p, english))}</a></td>"
                f"{_rate_cells(p, PROVINCE_RATE_COLUMNS)}</tr>"
            )
    return mark_safe("\n".join(html))


@register.simple_tag
def province_rows(rows, fy):
    """The <tr> rows of the dashboard's province table, each cell with a data-value to sort on.

    One f-string a row, escaping the names (numbers are digits): format_html's escaping of its 25 arguments a row was
    most of the time of the dashboard's rendered fragments."""
    base = url_pattern("reports:province", placeholder="00")
    e = html_escape
    english = get_language() == "en"
    html = []
    for r in rows:
        coverage, quota_coverage, per_mentor, attendance_rate = (
            -1 if r[k] is None else r[k] for k in ("coverage", "quota_coverage", "per_mentor", "attendance_rate")
        )
        region = e(named(r, english, "region_name"))
        html.append(
            f'<tr data-code="{e(r["code"])}" data-region="{e(r["region"])}">'
            f'<td data-value="{e(r["name"])}"><a href="{e(base.format(r["code"]))}?fy={int(fy)}">'
            f"{e(named(r, english))}</a></td>"
            f'<td data-value="{region}">{region}</td>'
            f'<td class="text-end" data-col="active" data-value="{r["active"]}">{num(r["active"])}</td>'
            f'<td class="text-end" data-col="coverage" data-value="{coverage}">{_percent(r["coverage"])}</td>'
            f'<td class="text-end" data-col="filled" data-value="{quota_coverage}">'
            f"{num(r['filled'])} / {num(r['quota'])}</td>"
            f'<td class="text-end" data-col="vacancies" data-value="{r["vacancies"]}">{num(r["vacancies"])}</td>'
            f'<td class="text-end" data-col="leads" data-value="{r["serving_lead"]}">'
            f"{num(r['serving_lead'])} / {num(r['serving_network'])}</td>"
            f'<td class="text-end" data-col="terms_ending" data-value="{r["terms_ending"]}">'
            f"{num(r['terms_ending'])}</td>"
            f'<td class="text-end" data-col="mentors" data-value="{r["mentors"]}">{num(r["mentors"])}</td>'
            f'<td class="text-end" data-col="per_mentor" data-value="{per_mentor}">{num(r["per_mentor"], 1)}</td>'
            f'<td class="text-end" data-col="events" data-value="{r["events"]}">{num(r["events"])}</td>'
            f'<td class="text-end" data-col="attended" data-value="{r["attended"]}">{num(r["attended"])}</td>'
            f'<td class="text-end" data-col="attendance_rate" data-value="{attendance_rate}">'
            f"{_percent(r['attendance_rate'])}</td>"
            "</tr>"
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
    # As province_rows: one f-string a shape, the text escaped (the paths are the map file's own SVG), where
    # format_html's escaping of its six arguments took half of the map's time.
    e = html_escape
    english = get_language() == "en"
    html = []
    for shape in layers["shapes"]:
        row = shape["row"]
        if row is None:
            html.append(f'<path d="{shape["path"]}" class="map-water"><title>{esc(shape["name"])}</title></path>')
            continue
        title = (
            f"{named(row, english)}: {labels[0]} {_percent(row['coverage'])} · {labels[1]} {num(row['active'])} · "
            f"{labels[2]} {num(row['mentors'])} · {labels[3]} {_percent(row['attendance_rate'])} · "
            f"{labels[4]} {num(row['vacancies'])} · {labels[5]} {_percent(row['reporting_rate'])}"
        )
        html.append(
            f'<a href="{e(base.format(row["code"]))}?fy={e(str(fy))}" data-code="{e(row["code"])}" '
            f'class="map-province"><path d="{shape["path"]}" fill="{e(shape["fill"])}"><title>{e(title)}</title>'
            "</path></a>"
        )
    return mark_safe("".join(html))


@register.simple_tag
def map_legends(layers):
    """The map's legend of each measure, the first shown: its title and each class's swatch and label (as the shapes,
    one f-string an item; through the template engine the 7 legends' 40-odd items were about 1.5 ms of the page)."""
    html = []
    for i, (measure, legend) in enumerate(layers["legends"].items()):
        items = "".join(
            f'<span class="legend-item"{" data-no-data" if item.get("no_data") else ""}>'
            '<svg class="legend-swatch" viewBox="0 0 14 14" aria-hidden="true">'
            f'<rect width="14" height="14" fill="{esc(item["colour"])}"/></svg>{esc(item["label"])}</span>'
            for item in legend["items"]
        )
        html.append(
            f'<div class="legend-row" data-legend="{esc(measure)}"{"" if i == 0 else " hidden"}>\n'
            f'<div class="legend-title" data-testid="map-legend-title">{esc(legend["title"])}</div>\n{items}\n</div>'
        )
    return mark_safe("".join(html))


# The province report's longest tables, built the same way but with plain string joins: a few hundred departures and
# the hosted events with their categories were over half of the page's rendering time through the template engine,
# and still several milliseconds through format_html. Every value goes through conditional_escape all the same.


@register.simple_tag
def leaver_rows(leavers):
    """The <tr> rows of the province report's table of volunteers who left in the year."""
    # Plain database strings: the standard library's escape, as Django's does, without its lazy-string wrapper.
    date = be_dates()
    return mark_safe(
        "".join(
            f"<tr><td>{name_html(r['name'])}</td><td>{_h(r['district'])}</td><td>{_h(r['status'])}</td>"
            f'<td class="text-nowrap">{_h(date(r["changed_on"]))}</td><td>{_h(r["reason"])}</td></tr>'
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
            f'<td>{esc(str(event.host_province))}</td><td class="text-nowrap">{esc(be_date(event.start_date))}</td>'
            f'<td class="text-end">{num(totals["registered"])}</td><td class="text-end">{num(totals["attended"])}</td>'
            "</tr>"
        )
        html.extend(
            f'<tr><td class="ps-4">{esc(c["label"])}</td><td></td><td></td><td class="text-end">{num(c["registered"])}'
            f'</td><td class="text-end">{num(c["attended"])}</td></tr>'
            for c in item["categories"]
        )
    return mark_safe("".join(html))
