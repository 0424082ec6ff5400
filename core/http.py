"""Small request helpers every app's views share."""

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str, *, from_query: bool = True) -> str:
    """Where to go back to: the posted `next` (or, with from_query, the one in the URL) when it is a path of this
    site; anything else (another host, or text that redirect() would take for a URL name and fail on) gives default."""
    target = request.POST.get("next") or (request.GET.get("next") if from_query else None) or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def url_pattern(viewname: str, placeholder: str = "0") -> str:
    """The URL of `viewname` for one object, as a str.format pattern ("/volunteers/{}/"): reversed once for a
    table of rows instead of once per row."""
    return reverse(viewname, args=[placeholder]).replace(f"/{placeholder}/", "/{}/")
