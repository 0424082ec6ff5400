"""Who did something, as a page shows it: the account's name, or plain Thai where there is no account to name.

Every "by" column (changed_by, created_by, confirmed_by, registered_by, recorded_by, ...) is a nullable foreign key
set to NULL when the account is deleted, so a page never reaches through it without going through here."""

from django.utils.translation import gettext_lazy as _

# No account was recorded because nobody signed in did it: a management command, the demo loader, a worker.
SYSTEM = _("ระบบ")
# An account was recorded, and it has since been deleted.
DELETED = _("บัญชีที่ถูกลบ")
# The row cannot tell the two apart: the key is NULL either way.
SYSTEM_OR_DELETED = _("ระบบ หรือบัญชีที่ถูกลบแล้ว")

MISSING = {"system": SYSTEM, "deleted": DELETED, "unknown": SYSTEM_OR_DELETED}


def display_name(user, missing: str = "unknown") -> str:
    """The account's full name, else its username; without an account, what `missing` (system, deleted, unknown)
    says stands in for it."""
    if user is None:
        return str(MISSING[missing])
    return user.get_full_name() or user.get_username()
