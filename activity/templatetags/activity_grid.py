"""The rows of the monthly report grid, built in Python: through the template engine a district of 150 volunteers
(1,650 inputs, each with its label) took over a second to render; the same HTML with the same escaping costs a
fraction. Each row's form lives after the table (a <form> cannot wrap a <tr>); the inputs join it by form=."""

from html import escape

from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _state(report) -> str:
    if report is None:
        return f'<span class="row-state small text-muted" aria-live="polite" data-testid="row-state">{escape(_("ยังไม่ส่ง"))}</span>'
    text = _("บันทึกแล้ว") if report.on_time else f"{_('บันทึกแล้ว')} · {_('ส่งช้า')}"
    return (
        f'<span class="row-state small text-success" aria-live="polite" data-testid="row-state">{escape(text)}</span>'
    )


@register.simple_tag
def grid_rows(rows, editable: bool):
    """The <tr> of each volunteer: name and subdistrict, a number per kind, the problems, the row's state."""
    problems_label = escape(_("ปัญหาแรงงานในพื้นที่"))
    save = escape(_("บันทึก"))
    out = []
    labels: dict[str, str] = {}  # each kind's name in the page's language, asked once
    for row in rows:
        volunteer = row.volunteer
        name = escape(volunteer.full_name)
        form = f"row-{volunteer.pk}"
        cells = [
            f'<tr data-form="{form}" data-testid="grid-row">'
            f'<th scope="row" class="fw-normal"><div class="fw-semibold text-nowrap">{name}</div>'
            f'<div class="small text-muted">{escape(volunteer.subdistrict.name_th)}</div>'
            # A refused row's reason, where the officer is when the cursor has gone on to the next row.
            '<div class="row-message small text-danger fw-semibold" data-testid="row-message"></div></th>'
        ]
        for kind, value in row.values:
            if editable:
                if (label := labels.get(kind.code)) is None:
                    label = labels[kind.code] = escape(kind.label)
                cells.append(
                    f'<td class="count-cell"><input form="{form}" name="k_{escape(kind.code)}" value="{value}" '
                    'class="form-control form-control-sm count-input" inputmode="numeric" autocomplete="off" '
                    f'maxlength="7" aria-label="{label} · {name}"></td>'
                )
            else:
                cells.append(f'<td class="count-cell">{value}</td>')
        problems = escape(row.problems)
        if editable:
            cells.append(
                f'<td class="problems-cell"><input form="{form}" name="problems" value="{problems}" '
                'class="form-control form-control-sm" autocomplete="off" maxlength="2000" '
                f'aria-label="{problems_label} · {name}"></td>'
            )
        else:
            cells.append(f'<td class="problems-cell"><span class="small">{problems}</span></td>')
        button = (
            f'<button form="{form}" type="submit" class="btn btn-sm btn-outline-primary no-js-only">{save}</button>'
            if editable
            else ""
        )
        cells.append(f'<td class="state-cell">{_state(row.report)} {button}</td></tr>')
        out.append("".join(cells))
    return mark_safe("\n".join(out))


@register.simple_tag(takes_context=True)
def grid_forms(context, rows, action: str, district_code: str, month_value: str, page="", subdistrict=""):
    """One small form per row: what identifies the row (volunteer, report, district, month), the page and
    subdistrict the officer is on (a plain post comes back to them) and the CSRF token."""
    token = escape(get_token(context["request"]))
    district_code, month_value, action = escape(district_code), escape(month_value), escape(action)
    where = f'<input type="hidden" name="page" value="{escape(str(page))}">'
    if subdistrict:
        where += f'<input type="hidden" name="subdistrict" value="{escape(str(subdistrict))}">'
    out = []
    for row in rows:
        pk = row.volunteer.pk
        report = row.report.pk if row.report else ""
        # When the report shown was saved: a save from this page is refused if someone saved it since.
        saved_at = row.report.entered_at.isoformat() if row.report else ""
        out.append(
            f'<form id="row-{pk}" method="post" action="{action}" class="grid-row-form">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            f'<input type="hidden" name="volunteer" value="{pk}"><input type="hidden" name="report" value="{report}">'
            f'<input type="hidden" name="saved_at" value="{saved_at}">'
            f'<input type="hidden" name="district" value="{district_code}">'
            f'<input type="hidden" name="month" value="{month_value}">{where}</form>'
        )
    return mark_safe("\n".join(out))
