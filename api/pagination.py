"""Cursor pages: stable under inserts and cheap on a million rows (no OFFSET, no COUNT)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
    invalid_cursor_message = _("ตัวชี้หน้า (cursor) ไม่ถูกต้อง ใช้ลิงก์ next/previous จากคำตอบก่อนหน้าตามที่ได้รับ อย่าแก้ไข")

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
