"""What the API shows of each resource, and the shape of what it takes. Input is checked for its types here and then
by the pages' own forms and services (api/writes.py), so the rules and their Thai messages are the pages'."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import thai
from core.thai import mask_national_id
from mentors.models import Mentor
from provinces.models import Agency, District, Province, Region, Subdistrict
from rosters.models import ImportJob
from trainings.models import Attendance, Category, Event, EventDay, EventTarget, Registration, Topic
from volunteers import rules
from volunteers.models import Term, Volunteer
from volunteers.selectors import terms_of
from volunteers.services import EDITABLE_FIELDS


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name_th", "name_en"]


class ProvinceSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Province
        fields = ["id", "code", "name_th", "name_en", "region"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "code", "name_th", "name_en", "province"]


class SubdistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subdistrict
        fields = ["id", "code", "name_th", "name_en", "district", "province", "postcodes"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "province", "kind", "name_th"]


class MaskedNationalIdField(serializers.ReadOnlyField):
    """The national ID as the pages show it to everyone: `1-2345-xxxxx-xx-1`. The full ID is read through the
    national-id action, which asks the purpose and records the view."""

    def to_representation(self, value):
        return mask_national_id(value) if value else ""


# Masked as the pages show it; null when none is on record (mentors may have none).
MASKED_ID_SCHEMA = {"type": "string", "nullable": True, "example": "1-2345-xxxxx-xx-1"}


class VolunteerSerializer(serializers.ModelSerializer):
    national_id = extend_schema_field(MASKED_ID_SCHEMA)(MaskedNationalIdField)()
    # Blank when not on record, which an "email" format would refuse.
    email = serializers.CharField(read_only=True)
    district = serializers.IntegerField(source="subdistrict.district_id", read_only=True)
    display_status = serializers.ChoiceField(
        choices=[*rules.Status.choices, (rules.TERM_ENDED, rules.TERM_ENDED_LABEL)],
        read_only=True,
        help_text=gettext_lazy("สถานะที่หน้าเว็บแสดง: “ครบวาระ” (term_ended) เมื่อวาระสิ้นสุดแล้วยังไม่ได้แต่งตั้งใหม่"),
    )

    class Meta:
        model = Volunteer
        fields = [
            "id",
            "national_id",
            "title",
            "title_other",
            "first_name",
            "last_name",
            "first_name_en",
            "last_name_en",
            "gender",
            "birth_date",
            "phone",
            "line_id",
            "email",
            "house_no",
            "village_no",
            "village_name",
            "subdistrict",
            "district",
            "province",
            "appointed_on",
            "appointment_order",
            "mentor",
            "tier",
            "term_ends_on",
            "status",
            "display_status",
            "status_changed_on",
            "skills",
            "education",
            "occupation",
            "notes",
            "consent_recorded_on",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields


class TermSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(read_only=True, help_text=gettext_lazy("วาระที่ (นับจากวาระแรก)"))
    is_current = serializers.BooleanField(read_only=True)
    is_upcoming = serializers.BooleanField(read_only=True)

    class Meta:
        model = Term
        fields = ["number", "order_no", "starts_on", "ends_on", "is_current", "is_upcoming"]
        read_only_fields = fields


class VolunteerDetailSerializer(VolunteerSerializer):
    """One volunteer, with the terms of office as the page lists them (volunteers.selectors.terms_of), newest first."""

    terms = serializers.SerializerMethodField()

    class Meta(VolunteerSerializer.Meta):
        fields = [*VolunteerSerializer.Meta.fields, "terms"]
        read_only_fields = fields

    @extend_schema_field(TermSerializer(many=True))
    def get_terms(self, volunteer):
        return TermSerializer(terms_of(volunteer), many=True).data


class FullNationalIdSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    national_id = serializers.CharField(help_text=gettext_lazy("เลขประจำตัวประชาชนเต็ม 13 หลัก"))


class RevealSerializer(serializers.Serializer):
    purpose = serializers.CharField(help_text=gettext_lazy("วัตถุประสงค์ของการเปิดดู (core.reveal.PURPOSES)"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming them, instead of ignoring a typo silently."""

    def validate(self, attrs):
        unknown = sorted(set(getattr(self, "initial_data", {}) or {}) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [
                        _("ไม่รู้จักช่อง “%(name)s” ช่องที่รับได้: %(known)s") % {"name": name, "known": ", ".join(self.fields)}
                    ]
                    for name in unknown
                }
            )
        return attrs

    def validate_empty_values(self, data):
        # A body of JSON null: DRF says "No data provided" in English only.
        if data is None and not self.allow_null:
            raise serializers.ValidationError({"non_field_errors": [_("ข้อมูลที่ส่งต้องเป็นออบเจกต์ JSON ({...})")]})
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": [_("ข้อมูลที่ส่งต้องเป็นออบเจกต์ JSON ({...})")]})
        return super().to_internal_value(data)


class EitherEraDateField(serializers.DateField):
    """A date as YYYY-MM-DD with the year in either era ("2543-02-29" is 29 Feb 2000), read as the forms read a
    date (core.thai.parse_date). DRF's own field reads every year as the Christian one first, so it refused each
    real 29 February written in พ.ศ. (a พ.ศ. leap year is never a leap year read as ค.ศ.) as a wrong format."""

    def to_internal_value(self, value):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return thai.parse_date(value.strip())
            except thai.ThaiDateError as error:
                raise serializers.ValidationError(str(error), code="invalid") from None
        return super().to_internal_value(value)


def _text(max_length: int, **kwargs):
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, trim_whitespace=False, **kwargs
    )


class VolunteerWriteSerializer(StrictSerializer):
    """A volunteer's details as the registration and edit forms take them (volunteers.forms.VolunteerForm)."""

    national_id = serializers.CharField(max_length=30, help_text=gettext_lazy("13 หลัก มีขีดหรือไม่มีก็ได้"))
    title = serializers.ChoiceField(choices=Volunteer.Title.choices)
    title_other = _text(40)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    first_name_en = _text(100)
    last_name_en = _text(100)
    gender = serializers.ChoiceField(choices=Volunteer.Gender.choices, required=False, allow_blank=True)
    birth_date = EitherEraDateField(required=False, allow_null=True)
    phone = _text(20)
    line_id = _text(50)
    email = _text(254)
    house_no = _text(30)
    village_no = serializers.IntegerField(
        required=False, allow_null=True, min_value=rules.VILLAGE_NO_MIN, max_value=rules.VILLAGE_NO_MAX
    )
    village_name = _text(100)
    subdistrict = serializers.IntegerField(help_text=gettext_lazy("รหัส (id) ตำบล/แขวง จาก /api/v1/subdistricts/"))
    appointed_on = EitherEraDateField(required=False, allow_null=True)
    appointment_order = _text(100)
    tier = serializers.ChoiceField(choices=Volunteer.Tier.choices, required=False)
    mentor = serializers.IntegerField(
        required=False, allow_null=True, help_text=gettext_lazy("รหัส (id) พี่เลี้ยงในจังหวัดเดียวกัน")
    )
    skills = _text(5000)
    education = _text(100)
    occupation = _text(100)
    notes = _text(5000)
    consent_recorded_on = EitherEraDateField(required=False, allow_null=True)
    term_ends_on = EitherEraDateField(
        required=False, allow_null=True, help_text=gettext_lazy("ลงทะเบียนใหม่เท่านั้น: วันสิ้นสุดวาระแรก เว้นว่างได้")
    )

    assert set(EDITABLE_FIELDS) <= set(locals()), "every field the service edits is taken here"


class VolunteerUpdateSerializer(VolunteerWriteSerializer):
    """Any of the details; the ones not sent stay as they are. The If-Match header carries the version read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["term_ends_on"]
        for field in self.fields.values():
            field.required = False


class StatusChangeSerializer(StrictSerializer):
    to_status = serializers.ChoiceField(choices=rules.Status.choices)
    changed_on = EitherEraDateField()
    reason = serializers.CharField(max_length=1000)


class MentorSerializer(serializers.ModelSerializer):
    national_id = extend_schema_field(MASKED_ID_SCHEMA)(MaskedNationalIdField)()
    email = serializers.CharField(read_only=True)

    class Meta:
        model = Mentor
        fields = [
            "id",
            "national_id",
            "title",
            "first_name",
            "last_name",
            "position",
            "agency",
            "province",
            "phone",
            "email",
            "is_active",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields


class EventDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = EventDay
        fields = ["id", "date"]


class EventSerializer(serializers.ModelSerializer):
    days = EventDaySerializer(many=True, read_only=True)
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Event._meta.get_field("topics").base_field.choices)
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "project",
            "kind",
            "topics",
            "level",
            "host_province",
            "venue",
            "start_date",
            "end_date",
            "fiscal_year",
            "status",
            "days",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "category",
            "volunteer",
            "mentor",
            "display_name",
            "home_province",
            "code",
            "registered_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "province",
            "status",
            "original_name",
            "file_format",
            "total_rows",
            "new_count",
            "updated_count",
            "unchanged_count",
            "error_count",
            "created_at",
            "confirmed_at",
            "finished_at",
        ]
        read_only_fields = fields


class CheckInSerializer(StrictSerializer):
    uuid = serializers.UUIDField(help_text=gettext_lazy("รหัส UUID ที่เครื่องลูกข่ายสร้างต่อการลงชื่อหนึ่งครั้ง ส่งซ้ำได้โดยไม่บันทึกซ้ำ"))
    registration = serializers.IntegerField(
        required=False, help_text=gettext_lazy("รหัส (id) การลงทะเบียน หรือส่ง code แทน")
    )
    code = serializers.CharField(required=False, max_length=40, help_text=gettext_lazy("รหัสลงทะเบียนบนบัตร (QR)"))
    method = serializers.ChoiceField(choices=Attendance.Method.choices, default=Attendance.Method.TICK)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not attrs.get("registration") and not attrs.get("code"):
            raise serializers.ValidationError(
                {"registration": [_("กรุณาระบุการลงทะเบียน (registration) หรือรหัสลงทะเบียน (code)")]}
            )
        return attrs


class CheckInResultSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    created = serializers.BooleanField(help_text=gettext_lazy("true เมื่อการลงชื่อนี้บันทึกการเข้าร่วมใหม่"))
    message = serializers.CharField()
    registration = serializers.IntegerField()
    day = serializers.IntegerField()
    name = serializers.CharField()
    checked_in_at = serializers.DateTimeField()


class VolunteerSearchSerializer(StrictSerializer):
    """The list's filters in the body, so a national ID searched for never appears in a URL (core.search)."""

    q = _text(100, help_text=gettext_lazy("ชื่อ นามสกุล เลขประจำตัวประชาชน 13 หลัก หรือเบอร์โทรศัพท์"))
    province = _text(2, help_text=gettext_lazy("รหัสจังหวัด 2 หลัก (ผู้ใช้ระดับประเทศ)"))
    district = serializers.IntegerField(required=False, allow_null=True)
    subdistrict = serializers.IntegerField(required=False, allow_null=True)
    status = _text(20)
    tier = _text(8)
    mentor = _text(20, help_text=gettext_lazy("รหัส (id) พี่เลี้ยง หรือ none"))


# ----------------------------------------------------------------------------------------- mentor, event and
# registration writes (api/training_writes.py): types here, the rules and their Thai messages in the pages' forms


class MentorWriteSerializer(StrictSerializer):
    """A mentor's details as the mentor registration and edit form takes them (mentors.forms.MentorForm)."""

    title = _text(40, help_text=gettext_lazy("เช่น นาย นาง นางสาว"))
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    national_id = _text(30, help_text=gettext_lazy("13 หลัก มีขีดหรือไม่มีก็ได้ เว้นว่างได้"))
    position = _text(200)
    agency = serializers.IntegerField(help_text=gettext_lazy("รหัส (id) หน่วยงานในจังหวัดของพี่เลี้ยง จาก /api/v1/agencies/"))
    phone = _text(20)
    email = _text(254)
    is_active = serializers.BooleanField(default=True, help_text=gettext_lazy("ยังปฏิบัติหน้าที่"))


class MentorUpdateSerializer(MentorWriteSerializer):
    """Any of the details; the ones not sent stay as they are. The If-Match header carries the version read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class EventTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventTarget
        fields = ["category", "target", "capacity"]
        read_only_fields = fields


class EventTargetWriteSerializer(StrictSerializer):
    category = serializers.ChoiceField(choices=Category.choices)
    target = serializers.IntegerField(required=False, allow_null=True, help_text=gettext_lazy("เป้าหมาย (คน)"))
    capacity = serializers.IntegerField(
        required=False, allow_null=True, help_text=gettext_lazy("รับได้สูงสุด (คน) ว่าง = ไม่จำกัด")
    )


class EventDetailSerializer(EventSerializer):
    """One event with everything its form sets, and its target and capacity per participant category."""

    targets = EventTargetSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "presiding_official",
            "presiding_position",
            "objectives",
            "budget",
            "certificate_signatory",
            "certificate_signatory_position",
            "targets",
            "version",
        ]
        read_only_fields = fields


class EventWriteSerializer(StrictSerializer):
    """An event as its form takes it (trainings.forms.EventForm). Days are not sent: one day per calendar day from
    start_date to end_date, as on the page."""

    title = serializers.CharField(max_length=300)
    project = _text(300)
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False, max_length=20)
    level = serializers.ChoiceField(
        choices=Event.Level.choices,
        required=False,
        help_text=gettext_lazy("national ได้เฉพาะเจ้าหน้าที่ส่วนกลางและผู้ดูแลระบบ เจ้าหน้าที่จังหวัดสร้างได้เฉพาะ provincial"),
    )
    host_province = serializers.IntegerField(
        required=False, help_text=gettext_lazy("รหัส (id) จังหวัดที่จัด เจ้าหน้าที่จังหวัดจัดได้เฉพาะจังหวัดของตน")
    )
    venue = serializers.CharField(max_length=300)
    start_date = EitherEraDateField()
    end_date = EitherEraDateField()
    presiding_official = _text(200)
    presiding_position = _text(300)
    objectives = _text(5000)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Event.Status.choices, required=False)
    certificate_signatory = _text(200)
    certificate_signatory_position = _text(300)
    targets = serializers.ListField(
        child=EventTargetWriteSerializer(),
        required=False,
        max_length=len(Category.choices),
        help_text=gettext_lazy("เป้าหมายและจำนวนรับสูงสุดต่อประเภทผู้เข้าร่วม ประเภทที่ไม่ส่งมาคงเดิม"),
    )


class EventUpdateSerializer(EventWriteSerializer):
    """Any of the fields; the ones not sent stay as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class RegistrationDetailSerializer(RegistrationSerializer):
    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "cancel_reason"]
        read_only_fields = fields


class RegisterPeopleSerializer(StrictSerializer):
    """People from the registry to register into one event, as the register page's choice list sends them."""

    event = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=gettext_lazy("รหัส (id) กิจกรรม"))
    volunteers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=2000
    )
    mentors = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=2000
    )
    category = serializers.ChoiceField(
        choices=Category.choices,
        required=False,
        help_text=gettext_lazy("ประเภทผู้เข้าร่วม ไม่ระบุ = อาสาสมัครแรงงาน/พี่เลี้ยง ตามทะเบียน"),
    )


class NotRegisteredSerializer(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class RegistrationBatchSerializer(serializers.Serializer):
    registered = RegistrationSerializer(many=True, help_text=gettext_lazy("ผู้ที่ลงทะเบียนในครั้งนี้"))
    already_registered = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("ชื่อผู้ที่ลงทะเบียนไว้ก่อนแล้ว (ข้าม)")
    )
    not_registered = NotRegisteredSerializer(
        many=True, help_text=gettext_lazy("ผู้ที่ลงทะเบียนไม่ได้และเหตุผล (เช่น ไม่ได้ปฏิบัติหน้าที่แล้ว) คนอื่นลงทะเบียนตามปกติ")
    )
    cut_short = NotRegisteredSerializer(
        many=True,
        help_text=gettext_lazy(
            "อาสาสมัครที่ลงทะเบียนแล้วแต่ไม่ได้ปฏิบัติหน้าที่ในบางวันของกิจกรรม (เช่น วาระสิ้นสุดก่อนวันสุดท้าย) "
            "พร้อมวันสุดท้ายที่บันทึกการเข้าร่วมได้และเหตุผล"
        ),
    )


class CancelRegistrationSerializer(StrictSerializer):
    reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text=gettext_lazy("เหตุผลที่ยกเลิก (ต้องระบุ)")
    )
