"""`?ordering=` on the API's lists: one of the view's sort keys, descending with a leading minus; any other is refused
(400, naming the keys) rather than ignored. Every list takes it through OrderedList, so none ignores it.

A key is a model field (`ordering_fields`) or a named sort (`ordering_sorts`, e.g. `name`: the pages' Thai dictionary
order, core.thai.thai_sort_field). The id always ends the order, so it is strict and the cursor pages
(api.pagination) neither skip nor repeat rows whose names are the same."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.filters import OrderingFilter

# What a key means, for the schema's description of `ordering` (a key not named here is described by its name alone).
KEY_MEANINGS = {
    "name": gettext_lazy("ชื่อ ก–ฮ ตามหน้ารายชื่อ (ชื่อ นามสกุล)"),
    "updated_at": gettext_lazy("แก้ไขล่าสุด"),
    "start_date": gettext_lazy("วันเริ่มกิจกรรม"),
    "registered_at": gettext_lazy("ลงทะเบียนเมื่อ"),
    "created_at": gettext_lazy("อัปโหลดเมื่อ"),
    "month": gettext_lazy("เดือนของรายงาน"),
    "entered_at": gettext_lazy("บันทึกล่าสุดเมื่อ"),
    "referred_on": gettext_lazy("วันที่ส่งต่อ"),
}


class ApiOrdering(OrderingFilter):
    def names(self, view) -> list[str]:
        return [*getattr(view, "ordering_fields", []), *getattr(view, "ordering_sorts", {})]

    def keys(self, view) -> list[str]:
        return [key for name in self.names(view) for key in (name, f"-{name}")]

    def filter_queryset(self, request, queryset, view):
        # One object (a detail's lookup goes through filter_queryset too): nothing to sort, nothing to refuse.
        if getattr(view, "detail", False):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_ordering(self, request, queryset, view):
        value = request.query_params.get(self.ordering_param, "").strip()
        if not value:
            return self.get_default_ordering(view)
        if value not in self.keys(view):
            raise serializers.ValidationError(
                {
                    self.ordering_param: [
                        _("เรียงตาม “%(value)s” ไม่ได้ เลือกได้: %(keys)s")
                        % {"value": value[:40], "keys": ", ".join(self.keys(view))}
                    ]
                }
            )
        name = value.removeprefix("-")
        fields = list(getattr(view, "ordering_sorts", {}).get(name, [name]))
        if "id" not in fields:
            fields.append("id")
        return [f"-{field}" if value.startswith("-") else field for field in fields]

    def get_schema_operation_parameters(self, view):
        described = [f"{name} = {KEY_MEANINGS[name]}" if name in KEY_MEANINGS else name for name in self.names(view)]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": _("เรียงตาม: %(keys)s ใส่ - ข้างหน้าเพื่อเรียงจากมากไปน้อย ไม่ระบุ = id")
                % {"keys": ", ".join(described)},
                "schema": {"type": "string", "enum": self.keys(view)},
            }
        ]


class OrderedList:
    """A list's `?ordering=`, the same on every list: its keys are `ordering_fields` (and `ordering_sorts`), id by
    default; any other key is a 400 naming them. Put before the DRF view class, which would otherwise win."""

    filter_backends = [ApiOrdering]
    ordering_fields = ["id"]
    ordering = ["id"]
