"""Writing the audit record."""

from core.models import AuditEvent


def client_ip(request) -> str | None:
    # Behind a proxy REMOTE_ADDR is the proxy: ask django-axes, which reads the header the settings trust
    # (PROXY_COUNT, PROXY_CLIENT_IP_HEADER), so the audit and the login throttle agree on who the client is.
    if request is None or not hasattr(request, "META"):
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def record(action: str, *, request=None, user=None, obj=None, province=None, **detail) -> AuditEvent:
    """Record one audited action; `obj` names what it concerned, `detail` anything else worth keeping."""
    user = user or (getattr(request, "user", None) if request is not None else None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if province is None and obj is not None:
        province = getattr(obj, "province", None)
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=detail.pop("username", None) or (user.get_username() if user else ""),
        ip_address=client_ip(request),
        path=request.get_full_path()[:500] if request is not None else "",
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        province=province,
        detail=detail,
    )


def record_national_id_view(request, obj, *, purpose: str, purpose_label: str, **detail) -> AuditEvent:
    """A full national ID was shown to the user: the view goes on the record with why."""
    return record(
        AuditEvent.Action.VIEW_NATIONAL_ID,
        request=request,
        obj=obj,
        purpose=purpose,
        purpose_label=purpose_label,
        **detail,
    )
