from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cases.models import Status

register = template.Library()

STATUS_COLOURS = {
    Status.REFERRED: "text-bg-primary",
    Status.ACCEPTED: "text-bg-info",
    Status.DONE: "text-bg-success",
    Status.NOT_REFERABLE: "text-bg-secondary",
}


@register.simple_tag
def case_badges(case, today):
    """The status, and "เกินกำหนด" when the case is open past CASE_OVERDUE_DAYS."""
    badge = format_html('<span class="badge {}">{}</span>', STATUS_COLOURS[case.status], case.get_status_display())
    if case.is_overdue(today):
        badge += format_html(' <span class="badge text-bg-danger" data-testid="overdue">{}</span>', _("เกินกำหนด"))
    return badge


@register.simple_tag
def days_open(case, today):
    return case.days_open(today)
