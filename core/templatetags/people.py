"""`{{ job.created_by|who }}`: the name of whoever did it, or "ระบบ" / "บัญชีที่ถูกลบ" when there is no account."""

from django import template
from django.utils.safestring import mark_safe

from core import people

register = template.Library()


@register.filter
def who(user, missing="unknown"):
    """`missing` says what an empty value means here: "system", "deleted" or "unknown" (either)."""
    return people.display_name(user, missing)


@register.filter
def name_nowrap(person):
    """`{{ volunteer|name_nowrap }}`: the name, wrapping only between first and last name (core.people.name_html)."""
    return mark_safe(people.name_html(person))
