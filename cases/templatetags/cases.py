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


@register.inclusion_tag("cases/includes/volunteer_cases_card.html", takes_context=True)
def volunteer_cases(context, volunteer, limit=10):
    """The volunteer page's card: the cases they spotted that the user may see, and the way to record a new one."""
    from django.utils import timezone

    from cases.models import Case
    from cases.services import may_open_cases_in

    user = context["request"].user
    cases = Case.objects.visible_to(user).filter(volunteer=volunteer).for_list()
    return {
        "volunteer": volunteer,
        "cases": list(cases[:limit]),
        "total": cases.count(),
        "today": timezone.localdate(),
        "may_open": volunteer.is_serving and may_open_cases_in(user, volunteer.province_id),
    }
