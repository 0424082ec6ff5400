"""`{% nomination_badge nomination %}` and the volunteer page's awards card (`{% volunteer_awards volunteer %}`)."""

from django import template
from django.utils.html import format_html

from accounts.scope import can_write_in
from awards.models import Nomination
from core.thai import current_fiscal_year

register = template.Library()

BADGE_CLASSES = {
    Nomination.Status.NOMINATED: "text-bg-info",
    Nomination.Status.SELECTED: "text-bg-success",
    Nomination.Status.DECLINED: "text-bg-secondary",
    Nomination.Status.WITHDRAWN: "text-bg-light border",
}


@register.simple_tag
def nomination_badge(nomination):
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        BADGE_CLASSES.get(nomination.status, "text-bg-secondary"),
        nomination.status,
        nomination.get_status_display(),
    )


@register.inclusion_tag("awards/includes/volunteer_awards_card.html", takes_context=True)
def volunteer_awards(context, volunteer):
    """The volunteer's nominations and awards the user may see, and the way to nominate them this fiscal year."""
    user = context["request"].user
    nominations = list(
        Nomination.objects.visible_to(user).current().filter(volunteer=volunteer).order_by("-fiscal_year")
    )
    fiscal_year = current_fiscal_year()
    may_nominate = (
        can_write_in(user, volunteer.province_id)
        and volunteer.is_serving
        and not any(n.fiscal_year == fiscal_year for n in nominations)
    )
    return {
        "volunteer": volunteer,
        "nominations": nominations,
        "may_nominate": may_nominate,
        "fiscal_year": fiscal_year,
    }
