"""What drf-spectacular needs beyond the views: the two ways in, the JSON error every operation may answer, and the view
that serves the document."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer

from accounts.scope import is_agency_staff
from api.permissions import SignedInWithRole


class SchemaView(SpectacularAPIView):
    """/api/schema/ for every signed-in role: it lists operations, not data. Agency staff, whose role uses a single
    resource, get the operations they may call (their agency's cases), so the docs page offers them nothing that
    answers 403; the others the whole API. A refusal is the API's JSON {"detail": ...}, not a YAML document."""

    permission_classes = [SignedInWithRole]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        # Not public: drf-spectacular keeps only the operations whose permissions let this user in.
        self.serve_public = not is_agency_staff(request.user)
        return super().get(request, *args, **kwargs)

    def handle_exception(self, exc):
        # The schema's renderers are YAML and OpenAPI's JSON; an error is answered as the rest of the API answers.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _("โทเค็น API ส่วนบุคคล (สร้างที่หน้าบัญชี > โทเค็น API): Authorization: Bearer asr_…"),
        }


class PortalSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.PortalSessionAuthentication"
    name = "portalSession"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": _("สิ่งที่ผิดพลาด เป็นภาษาไทย")},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": _("ข้อผิดพลาดรายช่อง (เฉพาะ 400)"),
        },
    },
    "required": ["detail"],
}

# Lazy: the schema is made per request, in the reader's language (drf-spectacular resolves them after the hooks).
ALWAYS = {
    "400": _("ข้อมูลหรือพารามิเตอร์ไม่ถูกต้อง"),
    "401": _("ไม่ได้ส่งโทเค็น หรือโทเค็นผิดรูปแบบ หมดอายุ หรือถูกเพิกถอน"),
    "403": _("ไม่มีสิทธิ์ (เช่น โทเค็นอ่านอย่างเดียว หรือบทบาทที่ดูได้อย่างเดียว)"),
    "429": _("ส่งคำขอเกินกำหนดของโทเค็น"),
}
ON_ONE_OBJECT = {"404": _("ไม่พบ หรืออยู่นอกจังหวัดที่ท่านมีสิทธิ์")}
ON_UPDATE = {"412": _("ข้อมูลถูกแก้ไขไปแล้วหลังจากรุ่นที่ส่งใน If-Match"), "428": _("ไม่ได้ส่ง If-Match")}


def add_error_responses(result, generator, request, public):
    """Every operation documents the JSON errors it may answer, so clients (and the schema tests) know their shape."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            wanted = dict(ALWAYS)
            if "{" in path:
                wanted.update(ON_ONE_OBJECT)
            if method == "patch":
                wanted.update(ON_UPDATE)
            elif path.startswith("/api/v1/volunteers/") and path.endswith("/status/"):
                # If-Match is optional there (412 when sent and stale); a case's status steps take none.
                wanted["412"] = ON_UPDATE["412"]
            if path.endswith("/check-in/"):
                wanted["409"] = _("uuid นี้ใช้กับการลงชื่ออื่นไปแล้ว")
            responses = operation.setdefault("responses", {})
            for code, description in wanted.items():
                existing = responses.get(code, {})
                responses[code] = {"description": existing.get("description") or description, "content": reference}
    return result
