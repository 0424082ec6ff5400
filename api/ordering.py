"""`?ordering=` on the API's lists: one of the view's sort keys, descending with a leading minus.

A key is a model field (`ordering_fields`) or a named sort (`ordering_sorts`, e.g. `name`: the pages' Thai dictionary
order, core.thai.thai_sort_field). The id always ends the order, so it is strict and the cursor pages
(api.pagination) neither skip nor repeat rows whose names are the same."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.filters import OrderingFilter


class ApiOrdering(OrderingFilter):
    def keys(self, view) -> list[str]:
        names = [*getattr(view, "ordering_fields", []), *getattr(view, "ordering_sorts", {})]
        return [key for name in names for key in (name, f"-{name}")]

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
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": _(
                    "เรียงตาม: name = ชื่อ ก–ฮ ตามหน้ารายชื่อ (ชื่อ นามสกุล), id, updated_at (แก้ไขล่าสุด) "
                    "ใส่ - ข้างหน้าเพื่อเรียงจากมากไปน้อย ไม่ระบุ = id"
                ),
                "schema": {"type": "string", "enum": self.keys(view)},
            }
        ]
