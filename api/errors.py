"""Every refusal of the API is JSON with a Thai `detail` saying what went wrong, and the right status; validation
errors add `errors` ({field: [messages]}) with the same messages as the pages' forms."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def not_found_message() -> str:
    # The same words for "missing" and "another province's", so nobody learns what exists elsewhere.
    return _("ไม่พบข้อมูลที่ขอ หรือข้อมูลนี้อยู่นอกจังหวัดที่ท่านมีสิทธิ์ดู")


def _thai_detail(exc) -> str | None:
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("กรุณาส่งโทเค็น API ในส่วนหัว “Authorization: Bearer <โทเค็น>” (สร้างโทเค็นได้ที่หน้าบัญชีของท่าน)")
    if isinstance(exc, exceptions.NotFound) and str(exc.detail) == str(exceptions.NotFound.default_detail):
        return not_found_message()
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("ที่อยู่นี้ไม่รองรับคำขอแบบ %(method)s") % {"method": exc.args[0] if exc.args else ""}
    if isinstance(exc, exceptions.ParseError):
        return _("อ่านข้อมูลที่ส่งมาไม่ได้: ต้องเป็น JSON ที่ถูกต้อง (ตรวจวงเล็บ เครื่องหมายคำพูด และจุลภาค)")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("ส่งข้อมูลเป็น JSON เท่านั้น (Content-Type: application/json)")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("API ตอบเป็น JSON เท่านั้น (Accept: application/json)")
    if isinstance(exc, exceptions.Throttled):
        return _("ส่งคำขอถี่เกินกำหนดของโทเค็นนี้ กรุณารอ %(seconds)s วินาทีแล้วลองใหม่") % {"seconds": int(exc.wait or 1)}
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail) == str(
        exceptions.PermissionDenied.default_detail
    ):
        return _("ท่านไม่มีสิทธิ์ทำรายการนี้")
    return None


def first_message(errors) -> str:
    if isinstance(errors, dict):
        for value in errors.values():
            if message := first_message(value):
                return message
        return ""
    if isinstance(errors, list):
        for value in errors:
            if message := first_message(value):
                return message
        return ""
    return str(errors)


def flat_errors(detail, prefix: str = "") -> dict:
    """Errors inside lists and objects ({"targets": {"0": {"category": [...]}}}) as one level named by their path,
    {"targets.0.category": [...]}: the shape every API error is documented with ({field: [messages]})."""
    if isinstance(detail, dict):
        items = list(detail.items())
    elif isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        items = list(enumerate(detail))
    else:
        return {prefix or "non_field_errors": detail if isinstance(detail, list) else [detail]}
    flat: dict = {}
    for key, value in items:
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, list) and not any(isinstance(item, (dict, list)) for item in value):
            flat[name] = value
        else:
            flat.update(flat_errors(value, name))
    return flat


def validation_response_data(errors) -> dict:
    errors = flat_errors(errors)
    return {"detail": _("ข้อมูลไม่ถูกต้อง: %(message)s") % {"message": first_message(errors)}, "errors": errors}


def django_validation_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
    return {"non_field_errors": exc.messages}


def thai_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        errors = django_validation_errors(exc)
        if "version" in errors:
            # A service refused because the record moved on since the client read it.
            exc = PreconditionFailed(errors["version"][0])
        else:
            exc = exceptions.ValidationError(errors)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(not_found_message())
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("ท่านไม่มีสิทธิ์ทำรายการนี้"))
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = validation_response_data(response.data)
    else:
        detail = _thai_detail(exc)
        if detail:
            response.data = {"detail": detail}
        elif not isinstance(response.data, dict) or "detail" not in response.data:
            response.data = {"detail": first_message(response.data)}
    return response


def bad_request_reason(exception) -> str:
    """Why Django refused the request before any view, as the client can act on it."""
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

    if isinstance(exception, RequestDataTooBig):
        return _("ข้อมูลที่ส่งมามีขนาดเกิน %(limit)s ไบต์ (%(mb)s MB) ที่รับได้ในคำขอเดียว กรุณาแบ่งส่งเป็นหลายคำขอ") % {
            "limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}",
            "mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
        }
    if isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        return _("คำขอนี้มีจำนวนช่องข้อมูลหรือไฟล์มากเกินกว่าที่รับได้ในคำขอเดียว กรุณาแบ่งส่งเป็นหลายคำขอ")
    return _("คำขอนี้มีอักขระที่ไม่อนุญาต (เช่น NUL หรืออักขระควบคุม) ในที่อยู่ ส่วนหัว หรือข้อมูลที่ส่ง กรุณาลบออกแล้วส่งใหม่")


def bad_request(request, exception):
    """Django's 400 (a request refused before any view, e.g. a NUL character in it): JSON under /api/, the Thai page
    elsewhere."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse(
            {"detail": bad_request_reason(exception)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    from django.views.defaults import bad_request as page

    return page(request, exception)


def not_found(request, exception):
    """Django's 404 for a URL that matches no route: JSON under /api/, the Thai page elsewhere."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        detail = _("ไม่มีที่อยู่นี้ใน API ดูรายการที่อยู่ที่ใช้ได้ที่ /api/docs/")
        return JsonResponse({"detail": detail}, status=404, json_dumps_params={"ensure_ascii": False})
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def permission_denied(request, exception):
    """Django's 403 (a request refused before any view, e.g. by accounts.middleware's list of the pages agency staff
    may open): JSON with the refusal's own words under /api/, the Thai page elsewhere."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        detail = str(exception) if exception and str(exception) else _("ท่านไม่มีสิทธิ์ทำรายการนี้")
        return JsonResponse({"detail": detail}, status=403, json_dumps_params={"ensure_ascii": False})
    from django.views.defaults import permission_denied as page

    return page(request, exception)
