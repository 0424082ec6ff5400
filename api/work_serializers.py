"""What the API shows of the monthly activity reports, their kinds of work and the cases, and the shape of what it takes.
The types are checked here; the rules and their Thai messages stay with activity.services and the cases' form and
services (api/work_views.py passes the input on to them)."""

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activity import rules as activity_rules
from activity.models import MonthlyReport, WorkKind
from api.serializers import MASKED_ID_SCHEMA, EitherEraDateField, MaskedNationalIdField, StrictSerializer
from cases.models import Case, Status
from core.history import event_model_for, object_history, tracked_fields

BIG_ID = 2**63 - 1
MONTH_HELP = gettext_lazy("เดือนในรูปแบบ ปปปป-ดด ปี ค.ศ. หรือ พ.ศ. เช่น 2026-10 หรือ 2569-10")


class WorkKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkKind
        fields = ["id", "code", "name_th", "name_en", "group", "sort_order", "is_active", "need_th", "need_en"]
        read_only_fields = fields


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField(source="label", help_text=gettext_lazy("insert = เพิ่ม, update = แก้ไข, delete = ลบ"))
    by = serializers.CharField(source="username", help_text=gettext_lazy("ผู้บันทึก"))
    changes = serializers.SerializerMethodField(help_text=gettext_lazy("ช่องที่เปลี่ยน: ชื่อช่อง ค่าเดิม ค่าใหม่"))

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "old": {"type": "string"}, "new": {"type": "string"}},
            },
        }
    )
    def get_changes(self, entry) -> list:
        return [{"field": str(name), "old": str(old), "new": str(new)} for name, old, new in entry.changes]


class MonthlyReportSerializer(serializers.ModelSerializer):
    month = serializers.SerializerMethodField(help_text=MONTH_HELP)
    month_label = serializers.SerializerMethodField(
        help_text=gettext_lazy("เดือนตามภาษาของผู้อ่าน: พฤศจิกายน 2569 หรือ Nov 2026 ในภาษาอังกฤษ")
    )
    volunteer_name = serializers.CharField(source="volunteer.full_name", read_only=True)
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=gettext_lazy("จำนวนตามรหัสประเภทงาน (/api/v1/work-kinds/)"),
    )

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "volunteer",
            "volunteer_name",
            "province",
            "district",
            "month",
            "month_label",
            "counts",
            "problems",
            "referrals",
            "received_on",
            "on_time",
            "entered_by",
            "entered_at",
        ]
        read_only_fields = fields

    def get_month(self, report) -> str:
        return report.month.strftime("%Y-%m")

    def get_month_label(self, report) -> str:
        # As the pages show it, in the request's language (a Thai month and พ.ศ. year, or English and ค.ศ.).
        return activity_rules.month_shown(report.month)


class MonthlyReportDetailSerializer(MonthlyReportSerializer):
    """One report with its history (who entered and corrected it, and what changed), newest first."""

    history = serializers.SerializerMethodField()

    class Meta(MonthlyReportSerializer.Meta):
        fields = [*MonthlyReportSerializer.Meta.fields, "history"]
        read_only_fields = fields

    @extend_schema_field(HistoryEntrySerializer(many=True))
    def get_history(self, report) -> list:
        # The volunteer is the report's own and never changes; naming it would read the registry outside the scope.
        event_model = event_model_for(MonthlyReport)
        fields = [f for f in tracked_fields(MonthlyReport, event_model) if f.name != "volunteer"]
        return HistoryEntrySerializer(object_history(report, fields=fields), many=True).data


# A typed count: a whole number, or the text a paper form was read as ("12", "๑๒", ""); the rules say what is wrong.
COUNT_SCHEMA = {"oneOf": [{"type": "integer"}, {"type": "string", "maxLength": 20}]}


@extend_schema_field({"type": "object", "additionalProperties": COUNT_SCHEMA})
class CountsField(serializers.DictField):
    def to_internal_value(self, data):
        counts = super().to_internal_value(data)
        errors = {}
        for code, value in counts.items():
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                errors[code] = [_("ต้องเป็นตัวเลข 0 ถึง %(max)s") % {"max": f"{activity_rules.MAX_COUNT:,}"}]
            elif isinstance(value, str) and len(value) > 20:
                errors[code] = [_("ยาวเกินไป ต้องเป็นตัวเลข 0 ถึง %(max)s") % {"max": f"{activity_rules.MAX_COUNT:,}"}]
            elif isinstance(value, str) and any(ch.isdigit() and not ch.isdecimal() for ch in value):
                # "²" passes str.isdigit() but not int(): the rule would fail on it instead of explaining.
                errors[code] = [_("“%(value)s” ไม่ใช่จำนวนเต็ม") % {"value": value}]
        if errors:
            raise serializers.ValidationError(errors)
        return counts


class MonthlyReportCorrectionSerializer(StrictSerializer):
    """A report's numbers as the grid's row takes them: every kind on the grid, a kind not sent is 0."""

    counts = CountsField(
        help_text=gettext_lazy(
            "จำนวนตามรหัสประเภทงานที่ใช้งานอยู่ (/api/v1/work-kinds/) ประเภทที่ไม่ส่งมาเท่ากับ 0 (เหมือนช่องว่างในตาราง)"
        )
    )
    problems = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text=gettext_lazy("ปัญหาแรงงานในพื้นที่")
    )


class MonthlyReportWriteSerializer(MonthlyReportCorrectionSerializer):
    """One volunteer's report of one month: saved new, or replacing the report already there for that month."""

    volunteer = serializers.IntegerField(min_value=1, max_value=BIG_ID, help_text=gettext_lazy("รหัส (id) อาสาสมัคร"))
    month = serializers.CharField(max_length=7, help_text=MONTH_HELP)

    def validate_month(self, value):
        return month_of(value)


def month_of(text: str):
    """ "2026-10" as the month's first day, the grid's month picker's value; a Thai 400 for anything else."""
    month = activity_rules.parse_month(text) if len(text) == 7 else None
    if month is None:
        raise serializers.ValidationError(_("เดือนต้องอยู่ในรูปแบบ ปปปป-ดด ปี ค.ศ. หรือ พ.ศ. เช่น 2026-10 หรือ 2569-10"))
    return month


class CaseSerializer(serializers.ModelSerializer):
    """A case as the pages show it: the national ID masked (the full one through the page, with its purpose), the
    person's name and contact blank once erased after the retention period (personal_data_erased_on)."""

    national_id = extend_schema_field(MASKED_ID_SCHEMA)(MaskedNationalIdField)()
    district = serializers.IntegerField(source="subdistrict.district_id", read_only=True)
    volunteer_name = serializers.CharField(source="volunteer.full_name", read_only=True)
    agency_name = serializers.CharField(source="agency.name_th", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField(help_text=gettext_lazy("ยังไม่ปิดเรื่องและส่งต่อมานานเกินกำหนด"))

    class Meta:
        model = Case
        fields = [
            "id",
            "province",
            "district",
            "subdistrict",
            "volunteer",
            "volunteer_name",
            "spotted_on",
            "needs",
            "agency",
            "agency_name",
            "flagged",
            "person_name",
            "person_contact",
            "national_id_needed",
            "national_id",
            "personal_data_erased_on",
            "status",
            "status_display",
            "referred_on",
            "accepted_on",
            "closed_on",
            "not_referable_reason",
            "overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, case) -> bool:
        return case.is_overdue()


class CaseWriteSerializer(StrictSerializer):
    """A new case as its form takes it (cases.forms.CaseForm)."""

    volunteer = serializers.IntegerField(min_value=1, max_value=BIG_ID, help_text=gettext_lazy("รหัส (id) อาสาสมัครผู้พบ"))
    spotted_on = EitherEraDateField()
    referred_on = EitherEraDateField(required=False, allow_null=True, help_text=gettext_lazy("ว่าง = ส่งต่อในวันที่พบ"))
    subdistrict = serializers.IntegerField(
        min_value=1, max_value=BIG_ID, help_text=gettext_lazy("รหัส (id) ตำบล/แขวงที่พบ")
    )
    needs = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=50,
        help_text=gettext_lazy("รหัสประเภทงานที่ผู้รับบริการต้องการ (/api/v1/work-kinds/ ที่มี need_th)"),
    )
    agency = serializers.IntegerField(
        min_value=1, max_value=BIG_ID, help_text=gettext_lazy("รหัส (id) หน่วยงานในจังหวัดเดียวกัน")
    )
    person_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    person_contact = serializers.CharField(max_length=200, required=False, allow_blank=True)
    national_id_needed = serializers.BooleanField(required=False, default=False)
    national_id = serializers.CharField(max_length=30, required=False, allow_blank=True)
    flagged = serializers.BooleanField(
        required=False,
        default=False,
        help_text=gettext_lazy("สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์: เฉพาะเจ้าหน้าที่ป้องกันการค้ามนุษย์และผู้ดูแลระบบ"),
    )
    uuid = serializers.UUIDField(
        required=False,
        help_text=gettext_lazy(
            "รหัส UUID ที่เครื่องลูกข่ายสร้างต่อเรื่องหนึ่งเรื่อง ส่งซ้ำด้วยรหัสเดิมได้โดยไม่บันทึกซ้ำ: ได้เรื่องที่บันทึกไว้ครั้งแรก (200)"
        ),
    )


class CaseStatusSerializer(StrictSerializer):
    """The case's next step, as the status page's form takes it (cases.forms.StatusForm)."""

    # Text, not a choice: a step backwards or a closed case gets the status rule's own Thai message.
    to_status = serializers.CharField(
        max_length=16,
        # Lazy with its values: formatting a gettext_lazy here would fix it in Thai when the module is imported.
        help_text=lazy(lambda: _("สถานะใหม่: %(values)s") % {"values": ", ".join(Status.values)}, str)(),
    )
    changed_on = EitherEraDateField(help_text=gettext_lazy("วันที่ของขั้นนี้"))
    reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text=gettext_lazy("ต้องระบุเมื่อเป็น not_referable")
    )
