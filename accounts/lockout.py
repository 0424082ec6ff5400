"""Failed logins: an account waits after AXES_FAILURE_LIMIT wrong passwords, an address after AXES_ADDRESS_FAILURE_LIMIT.

django-axes compares every lockout parameter with one limit. A provincial office's staff reach the portal through one
address (NAT), so the address needs a higher limit than the account: one colleague's typos must not lock the office
out, while a script trying many usernames from one address still stops. axes counts the account
(AXES_LOCKOUT_PARAMETERS = ["username"]); the handler below adds the address with its own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils.timezone import now


def recent_failures_from_address(request) -> int:
    """Failed logins from the request's address within the cool-off time, whichever accounts they tried."""
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    since = (getattr(request, "axes_attempt_time", None) or now()) - get_cool_off(request)
    attempts = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_is_locked(request) -> bool:
    return recent_failures_from_address(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AccountOrAddressHandler(AxesDatabaseHandler):
    """axes' database handler, whose failures also count as reaching the limit once the address has reached its own."""

    def get_failures(self, request, credentials=None) -> int:
        account_failures = super().get_failures(request, credentials)
        address_failures = recent_failures_from_address(request)
        if address_failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # axes locks when this reaches AXES_FAILURE_LIMIT, whichever account is tried from the address.
            return max(account_failures, address_failures, get_failure_limit(request, credentials))
        return account_failures
