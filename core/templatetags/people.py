"""`{{ job.created_by|who }}`: the name of whoever did it, or "ระบบ" / "บัญชีที่ถูกลบ" when there is no account."""

from django import template

from core import people

register = template.Library()


@register.filter
def who(user, missing="unknown"):
    """`missing` says what an empty value means here: "system", "deleted" or "unknown" (either)."""
    return people.display_name(user, missing)
