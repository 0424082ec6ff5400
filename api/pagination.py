"""Cursor pages: stable under inserts and cheap on a million rows (no OFFSET, no COUNT). `?page_size=` is a whole
number from 1 to max_page_size; anything else is refused (400) rather than quietly replaced by another size."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
    invalid_cursor_message = _("ตัวชี้หน้า (cursor) ไม่ถูกต้อง ใช้ลิงก์ next/previous จากคำตอบก่อนหน้าตามที่ได้รับ อย่าแก้ไข")

    def get_page_size(self, request):
        text = request.query_params.get(self.page_size_query_param, "")
        if text == "":
            return self.page_size
        # Digits only, and few of them: int() of thousands of digits is refused with a 500, not a 400.
        if not (text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= self.max_page_size):
            raise serializers.ValidationError(
                {
                    self.page_size_query_param: [
                        gettext(
                            "จำนวนต่อหน้า (page_size) ต้องเป็นจำนวนเต็ม 1 ถึง %(max)s ไม่ระบุ = %(default)s ไม่ใช่ “%(value)s”"
                        )
                        % {"max": self.max_page_size, "default": self.page_size, "value": text[:40]}
                    ]
                }
            )
        return int(text)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = gettext("จำนวนรายการต่อหน้า: จำนวนเต็ม 1 ถึง %(max)s ไม่ระบุ = %(default)s") % {
                    "max": self.max_page_size,
                    "default": self.page_size,
                }
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return parameters

    def refuse_cursor(self):
        return serializers.ValidationError({self.cursor_query_param: [str(self.invalid_cursor_message)]})

    def decode_cursor(self, request):
        # A cursor that does not decode is bad input (400), not a missing page.
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self.refuse_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor that decodes but holds a position of another ordering (a next link rebuilt with other
        # parameters) or an edited one fails only when the database reads the position: the same 400.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, DjangoValidationError):
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise self.refuse_cursor() from None
