"""A request budget per token (API_RATE, e.g. 600/min): one busy integration does not slow the portal for others.
Session requests count per account. A request without a valid token is answered 401 before the budget is counted
(DRF checks permissions before throttles): it costs one indexed lookup of a 32-byte random key's hash, which nobody
can guess; password guessing at the login page is limited by django-axes. The address key below is for an endpoint
open to anonymous callers, should one be added."""

from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
