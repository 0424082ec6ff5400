"""Writing the audit record."""

from core.models import AuditEvent


def client_ip(request) -> str | None:
    # REMOTE_ADDR is the proxy's address behind one; settings may tell which header to trust (see accounts/axes).
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


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
