"""The API's resources under /api/v1/. Each queryset starts from the same `visible_to(user)` as the pages; single
objects come through the pages' access helpers (404 for missing and another province's alike, 403 when read-only);
writes go through the pages' forms and services (api/writes.py)."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.scope import can_write_anywhere, is_national, runs_national_events
from api import serializers as s
from api import training_writes, writes
from api.errors import Conflict
from api.models import CheckInKey
from api.ordering import OrderedList
from core import audit, reveal, search
from core.provinces import requested_province
from mentors import access as mentor_access
from mentors import services as mentor_services
from mentors.models import Mentor
from provinces.models import Agency, District, Province, Region, Subdistrict
from rosters.models import ImportJob
from trainings import access as training_access
from trainings import services as training_services
from trainings.models import Event, Registration
from volunteers import access as volunteer_access
from volunteers import services as volunteer_services
from volunteers.filters import SORTS, VolunteerFilterForm
from volunteers.models import Volunteer

# Ids are digits: anything else matches no route (a JSON 404) rather than reaching a lookup by a non-number.
ID = "[0-9]+"

# ----------------------------------------------------------------------------------------- reference data


class ReferenceViewSet(OrderedList, viewsets.ReadOnlyModelViewSet):
    """Places and Ministry offices: public reference data (DOPA codes), the same for every role."""

    lookup_value_regex = ID


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("ภาค")), retrieve=extend_schema(summary=gettext_lazy("ภาค"))
)
class RegionViewSet(ReferenceViewSet):
    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("จังหวัด")), retrieve=extend_schema(summary=gettext_lazy("จังหวัด"))
)
class ProvinceViewSet(ReferenceViewSet):
    queryset = Province.objects.select_related("region")
    serializer_class = s.ProvinceSerializer


def _int_param(request, name):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    # Longer than any id: int() would refuse a text of thousands of digits with a 500.
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        raise serializers.ValidationError({name: [_("ต้องเป็นรหัส (id) ที่เป็นตัวเลข")]})
    return int(value)


# Fiscal years (BE) a filter may name: the programme began in 2548; anything far outside is a typing error.
FISCAL_YEARS = range(2540, 2700)


def fiscal_year_param(request) -> int | None:
    """?fiscal_year= of a list: a พ.ศ. year, or a Thai 400 (a ค.ศ. year would otherwise list nothing, silently)."""
    value = request.query_params.get("fiscal_year")
    if value in (None, ""):
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4 and int(value) in FISCAL_YEARS):
        raise serializers.ValidationError({"fiscal_year": [_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569")]})
    return int(value)


BY_PROVINCE = OpenApiParameter("province", int, description=gettext_lazy("รหัส (id) จังหวัด"))
BY_DISTRICT = OpenApiParameter("district", int, description=gettext_lazy("รหัส (id) อำเภอ/เขต"))
# Lists scoped like the pages: national users name a province by its DOPA code; staff see their own whatever they name.
BY_PROVINCE_CODE = OpenApiParameter(
    "province", str, description=gettext_lazy("รหัสจังหวัด 2 หลัก (ผู้ใช้ระดับประเทศ) เจ้าหน้าที่จังหวัดเห็นเฉพาะจังหวัดของตน")
)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("อำเภอ/เขต"), parameters=[BY_PROVINCE]),
    retrieve=extend_schema(summary=gettext_lazy("อำเภอ/เขต")),
)
class DistrictViewSet(ReferenceViewSet):
    serializer_class = s.DistrictSerializer

    def get_queryset(self):
        rows = District.objects.all()
        if (province := _int_param(self.request, "province")) is not None:
            rows = rows.filter(province_id=province)
        return rows


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("ตำบล/แขวง"), parameters=[BY_PROVINCE, BY_DISTRICT]),
    retrieve=extend_schema(summary=gettext_lazy("ตำบล/แขวง")),
)
class SubdistrictViewSet(ReferenceViewSet):
    serializer_class = s.SubdistrictSerializer

    def get_queryset(self):
        rows = Subdistrict.objects.all()
        if (province := _int_param(self.request, "province")) is not None:
            rows = rows.filter(province_id=province)
        if (district := _int_param(self.request, "district")) is not None:
            rows = rows.filter(district_id=district)
        return rows


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("หน่วยงานของกระทรวงแรงงานในจังหวัด"), parameters=[BY_PROVINCE]),
    retrieve=extend_schema(summary=gettext_lazy("หน่วยงาน")),
)
class AgencyViewSet(ReferenceViewSet):
    serializer_class = s.AgencySerializer

    def get_queryset(self):
        rows = Agency.objects.all()
        if (province := _int_param(self.request, "province")) is not None:
            rows = rows.filter(province_id=province)
        return rows


# ----------------------------------------------------------------------------------------- volunteers


def _filter_parameters() -> list[OpenApiParameter]:
    """The volunteer list page's filters (volunteers.filters.VolunteerFilterForm), documented from the form itself."""
    form = VolunteerFilterForm.base_fields
    return [
        OpenApiParameter(
            "q",
            str,
            description=gettext_lazy(
                "ชื่อ นามสกุล หรือเบอร์โทรศัพท์ (เลขประจำตัวประชาชน 13 หลัก ค้นด้วย POST /volunteers/search/)"
            ),
        ),
        BY_PROVINCE_CODE,
        OpenApiParameter("district", int, description=gettext_lazy("รหัส (id) อำเภอ/เขต ในจังหวัดที่เลือก")),
        OpenApiParameter("subdistrict", int, description=gettext_lazy("รหัส (id) ตำบล/แขวง ในจังหวัดที่เลือก")),
        OpenApiParameter("status", str, enum=[c for c, _label in form["status"].choices if c]),
        OpenApiParameter("tier", str, enum=[c for c, _label in form["tier"].choices if c]),
        OpenApiParameter("mentor", str, description=gettext_lazy("รหัส (id) พี่เลี้ยง หรือ none = ยังไม่มีพี่เลี้ยง")),
    ]


NOT_FOUND = OpenApiResponse(description=gettext_lazy("ไม่พบ หรืออยู่นอกจังหวัดที่ท่านมีสิทธิ์"))


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("รายชื่ออาสาสมัคร (ตัวกรองเดียวกับหน้ารายชื่อ)"), parameters=_filter_parameters()),
    retrieve=extend_schema(summary=gettext_lazy("ข้อมูลอาสาสมัคร (เลขประจำตัวประชาชนปิดบังบางส่วน)")),
)
class VolunteerViewSet(OrderedList, viewsets.GenericViewSet):
    serializer_class = s.VolunteerSerializer
    lookup_value_regex = ID
    ordering_fields = ["id", "updated_at"]
    # `name`: the list page's Thai dictionary order (volunteers.filters.SORTS).
    ordering_sorts = {"name": SORTS["name"]}
    http_method_names = ["get", "post", "patch", "head", "options"]
    # A POST that only reads (its filters are in the body to keep national IDs out of URLs): read-only tokens may.
    read_actions = {"search"}

    def get_queryset(self):
        return Volunteer.objects.visible_to(self.request.user).for_list()

    def _filtered(self, params):
        text = params.get("q", "")
        if search.holds_national_id(text) and self.action == "list":
            raise serializers.ValidationError(
                {
                    "q": [
                        _(
                            "ค้นหาด้วยเลขประจำตัวประชาชนผ่าน POST /api/v1/volunteers/search/ เพื่อไม่ให้เลขปรากฏในที่อยู่ (URL) และบันทึกของเซิร์ฟเวอร์"
                        )
                    ]
                }
            )
        form = VolunteerFilterForm(params, user=self.request.user)
        if not form.is_valid():
            errors = {k: v for k, v in form.errors.items() if k not in ("per_page", "sort")}
            if errors:
                raise serializers.ValidationError(errors)
        return self.filter_queryset(form.filter(self.get_queryset()))

    def list(self, request):
        page = self.paginate_queryset(self._filtered(request.query_params))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary=gettext_lazy("ค้นหาอาสาสมัคร (รวมถึงด้วยเลขประจำตัวประชาชน) ตัวกรองอยู่ในเนื้อคำขอ ไม่ใช่ใน URL"),
        request=s.VolunteerSearchSerializer,
        responses=s.VolunteerSerializer(many=True),
    )
    @action(detail=False, methods=["post"], url_path="search")
    def search(self, request):
        body = s.VolunteerSearchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        params = {k: str(v) for k, v in body.validated_data.items() if v not in (None, "")}
        page = self.paginate_queryset(self._filtered(params))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _respond(self, volunteer, code=status.HTTP_200_OK):
        response = Response(
            s.VolunteerDetailSerializer(volunteer, context=self.get_serializer_context()).data, status=code
        )
        response["ETag"] = f'"{volunteer.version}"'
        return response

    @extend_schema(responses={200: s.VolunteerDetailSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk=None):
        return self._respond(volunteer_access.get_volunteer_for(request.user, pk))

    @extend_schema(
        summary=gettext_lazy("ลงทะเบียนอาสาสมัครใหม่ (กฎเดียวกับแบบฟอร์มลงทะเบียน)"),
        request=s.VolunteerWriteSerializer,
        responses={201: s.VolunteerDetailSerializer},
    )
    def create(self, request):
        if not can_write_anywhere(request.user):
            raise PermissionDenied(_("บัญชีของท่านดูข้อมูลได้อย่างเดียว"))
        body = s.VolunteerWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        # Officers register in their own province (another province's subdistrict is refused by the form, as on the
        # page); administrators in the province of the subdistrict they name.
        province = (
            writes.province_of_subdistrict(data["subdistrict"])
            if is_national(request.user)
            else requested_province(request.user)
        )
        if province is None:
            raise serializers.ValidationError({"subdistrict": [_("ไม่พบตำบล/แขวงที่เลือก")]})
        form = writes.new_volunteer_form(data, province=province)
        volunteer = volunteer_services.register_volunteer(
            data=form.service_data(), by=request.user, term_ends_on=form.cleaned_data.get("term_ends_on")
        )
        return self._respond(volunteer_access.get_volunteer_for(request.user, volunteer.pk), status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("แก้ไขข้อมูลอาสาสมัคร (ต้องส่ง If-Match: <version>)"),
        request=s.VolunteerUpdateSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)],
        responses={200: s.VolunteerDetailSerializer, 404: NOT_FOUND},
    )
    def partial_update(self, request, pk=None):
        volunteer = volunteer_access.get_editable_volunteer_for(request.user, pk)
        body = s.VolunteerUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        version = writes.version_from(request, volunteer.version)
        form = writes.edit_volunteer_form(volunteer, dict(body.validated_data), version=version)
        if not set(form.changed_data) & set(writes.EDITABLE_FIELDS):
            # Nothing of the record differs (the district picker only narrows the subdistricts): no edit to record,
            # and the version others hold stays valid.
            return self._respond(volunteer_access.get_volunteer_for(request.user, pk))
        volunteer_services.update_volunteer(
            volunteer=volunteer, data=form.service_data(), expected_version=version, by=request.user
        )
        return self._respond(volunteer_access.get_volunteer_for(request.user, pk))

    @extend_schema(
        summary=gettext_lazy("เปลี่ยนสถานะอาสาสมัคร (If-Match ไม่บังคับ: ถ้าส่งมาและข้อมูลเปลี่ยนไปแล้วจะได้ 412)"),
        request=s.StatusChangeSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER)],
        responses={200: s.VolunteerDetailSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        volunteer = volunteer_access.get_editable_volunteer_for(request.user, pk)
        body = s.StatusChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        writes.version_from(request, volunteer.version, required=False)
        form = writes.status_change_form(volunteer, dict(body.validated_data))
        volunteer_services.change_status(volunteer=volunteer, by=request.user, **form.cleaned_data)
        return self._respond(volunteer_access.get_volunteer_for(request.user, pk))

    @extend_schema(
        summary=gettext_lazy("เลขประจำตัวประชาชนเต็ม (ต้องระบุวัตถุประสงค์ ระบบบันทึกการเปิดดูเช่นเดียวกับหน้าเว็บ)"),
        request=s.RevealSerializer,
        responses={200: s.FullNationalIdSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="national-id")
    def national_id(self, request, pk=None):
        return _reveal(request, volunteer_access.get_editable_volunteer_for(request.user, pk))


def _reveal(request, person):
    """The page's purpose form (core.reveal.RevealForm), and the view recorded as the page records it."""
    body = s.RevealSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    form = reveal.RevealForm(body.validated_data)
    if not form.is_valid():
        raise serializers.ValidationError(form.errors)
    audit.record_national_id_view(
        request,
        person,
        purpose=form.cleaned_data["purpose"],
        purpose_label=form.purpose_label(),
        note=form.cleaned_data["note"],
        via="api",
    )
    return Response({"id": person.pk, "national_id": person.national_id})


# ----------------------------------------------------------------------------------------- mentors, events, imports


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("พี่เลี้ยง"), parameters=[BY_PROVINCE]),
    retrieve=extend_schema(
        summary=gettext_lazy("พี่เลี้ยง (ETag = version)"), responses={200: s.MentorSerializer, 404: NOT_FOUND}
    ),
)
class MentorViewSet(OrderedList, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID
    serializer_class = s.MentorSerializer
    ordering_fields = ["id", "updated_at"]
    # `name`: the mentor pages' Thai dictionary order (Mentor.Meta.ordering).
    ordering_sorts = {"name": [*Mentor._meta.ordering, "id"]}

    def get_object(self):
        return mentor_access.get_mentor_for(self.request.user, self.kwargs["pk"])

    def get_queryset(self):
        rows = Mentor.objects.visible_to(self.request.user)
        if (province := _int_param(self.request, "province")) is not None:
            rows = rows.filter(province_id=province)
        return rows

    def _respond(self, mentor, code=status.HTTP_200_OK):
        response = Response(s.MentorSerializer(mentor, context=self.get_serializer_context()).data, status=code)
        response["ETag"] = f'"{mentor.version}"'
        return response

    def retrieve(self, request, pk=None):
        return self._respond(self.get_object())

    @extend_schema(
        summary=gettext_lazy("ลงทะเบียนพี่เลี้ยงใหม่ (กฎเดียวกับแบบฟอร์มลงทะเบียนพี่เลี้ยง)"),
        request=s.MentorWriteSerializer,
        responses={201: s.MentorSerializer},
    )
    def create(self, request):
        if not can_write_anywhere(request.user):
            raise PermissionDenied(_("บัญชีของท่านดูข้อมูลได้อย่างเดียว"))
        body = s.MentorWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        form = training_writes.new_mentor_form(data, province=training_writes.mentor_province(request.user, data))
        mentor = mentor_services.register_mentor(data=form.service_data(), by=request.user)
        return self._respond(mentor_access.get_mentor_for(request.user, mentor.pk), status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("แก้ไขข้อมูลพี่เลี้ยง (ต้องส่ง If-Match: <version>)"),
        request=s.MentorUpdateSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)],
        responses={200: s.MentorSerializer, 404: NOT_FOUND},
    )
    def partial_update(self, request, pk=None):
        mentor = mentor_access.get_editable_mentor_for(request.user, pk)
        body = s.MentorUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        version = writes.version_from(request, mentor.version)
        form = training_writes.edit_mentor_form(mentor, dict(body.validated_data), version=version)
        mentor_services.update_mentor(
            mentor=mentor, data=form.service_data(), expected_version=version, by=request.user
        )
        return self._respond(mentor_access.get_mentor_for(request.user, pk))

    @extend_schema(
        summary=gettext_lazy("เลขประจำตัวประชาชนเต็มของพี่เลี้ยง (ต้องระบุวัตถุประสงค์ ระบบบันทึกการเปิดดู)"),
        request=s.RevealSerializer,
        responses={200: s.FullNationalIdSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="national-id")
    def national_id(self, request, pk=None):
        return _reveal(request, mentor_access.get_editable_mentor_for(request.user, pk))


BY_FISCAL_YEAR = OpenApiParameter("fiscal_year", int, description=gettext_lazy("ปีงบประมาณ พ.ศ. เช่น 2569"))


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("กิจกรรมฝึกอบรม"), parameters=[BY_FISCAL_YEAR]),
    retrieve=extend_schema(
        summary=gettext_lazy("กิจกรรมฝึกอบรม"), responses={200: s.EventDetailSerializer, 404: NOT_FOUND}
    ),
)
class EventViewSet(OrderedList, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID
    serializer_class = s.EventSerializer
    ordering_fields = ["id", "start_date", "updated_at"]

    def get_queryset(self):
        rows = Event.objects.visible_to(self.request.user).prefetch_related("days")
        if (year := fiscal_year_param(self.request)) is not None:
            rows = rows.in_fiscal_year(year)
        return rows

    def _detail(self, event, code=status.HTTP_200_OK):
        event = training_access.get_event_for(self.request.user, event.pk)
        response = Response(s.EventDetailSerializer(event, context=self.get_serializer_context()).data, status=code)
        response["ETag"] = f'"{event.version}"'
        return response

    def retrieve(self, request, pk=None):
        return self._detail(training_access.get_event_for(request.user, pk))

    @extend_schema(
        summary=gettext_lazy("สร้างกิจกรรม (กฎเดียวกับแบบฟอร์มสร้างกิจกรรม วันของกิจกรรมสร้างตามวันเริ่มถึงวันสิ้นสุด)"),
        request=s.EventWriteSerializer,
        responses={201: s.EventDetailSerializer},
    )
    def create(self, request):
        # Who may open the page that creates events (trainings.views.event_create); the service decides the rest.
        if not (can_write_anywhere(request.user) or runs_national_events(request.user)):
            raise PermissionDenied(_("ไม่มีสิทธิ์สร้างกิจกรรม"))
        body = s.EventWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        form = training_writes.event_form(request.user, data)
        event = training_services.create_event(
            by=request.user, targets=form.targets(), **training_writes.event_fields(form, data)
        )
        return self._detail(event, status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy(
            "แก้ไขกิจกรรม (ต้องส่ง If-Match: <version> ส่งเฉพาะช่องที่เปลี่ยน วันของกิจกรรมเปลี่ยนตามวันเริ่มและวันสิ้นสุด)"
        ),
        request=s.EventUpdateSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)],
        responses={200: s.EventDetailSerializer, 404: NOT_FOUND},
    )
    def partial_update(self, request, pk=None):
        event = training_access.get_managed_event_for(request.user, pk)
        body = s.EventUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        version = writes.version_from(request, event.version)
        form = training_writes.event_form(request.user, data, event=event, version=version)
        training_services.update_event(
            event=event,
            by=request.user,
            targets=form.targets(),
            expected_version=version,
            **training_writes.event_fields(form, data),
        )
        return self._detail(event)

    @extend_schema(
        summary=gettext_lazy("ลงชื่อเข้างานหนึ่งคนในวันหนึ่ง (ส่งซ้ำด้วย uuid เดิมได้คำตอบเดิมโดยไม่บันทึกซ้ำ)"),
        request=s.CheckInSerializer,
        responses={
            201: s.CheckInResultSerializer,
            200: s.CheckInResultSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(description=gettext_lazy("uuid นี้ใช้กับการลงชื่อของคนอื่นหรือวันอื่นไปแล้ว")),
        },
    )
    @action(detail=True, methods=["post"], url_path=r"days/(?P<day_pk>\d+)/check-in")
    def check_in(self, request, pk=None, day_pk=None):
        event = training_access.get_managed_event_for(request.user, pk)
        day = training_access.get_day_of(event, day_pk)
        body = s.CheckInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        registration = None
        if data.get("registration"):
            registration = get_object_or_404(event.registrations.all(), pk=data["registration"])
        return _check_in_once(request, day=day, registration=registration, data=data)


def _repeat(key: CheckInKey, day, registration, code: str):
    same = key.day_id == day.pk and (
        (registration is not None and key.registration_id == registration.pk)
        or (registration is None and key.result.get("code") == training_services.normalize_code(code))
    )
    if not same:
        raise Conflict(_("รหัส uuid นี้ใช้กับการลงชื่อของคนอื่นหรือวันอื่นไปแล้ว กรุณาสร้าง uuid ใหม่สำหรับการลงชื่อแต่ละครั้ง"))
    return Response(key.result["answer"], status=status.HTTP_200_OK)


def _check_in_once(request, *, day, registration, data):
    """trainings.services.check_in, once per client UUID: a repeat gets the first answer, and nothing is written."""
    uuid = data["uuid"]
    key = CheckInKey.objects.filter(pk=uuid).first()
    if key is not None:
        return _repeat(key, day, registration, data.get("code", ""))
    try:
        with transaction.atomic():
            result = training_services.check_in(
                day=day, registration=registration, code=data.get("code", ""), method=data["method"], by=request.user
            )
            answer = {
                "uuid": str(uuid),
                "created": result.created,
                "message": result.message,
                "registration": result.registration.pk,
                "day": day.pk,
                "name": result.registration.display_name,
                "checked_in_at": result.attendance.checked_in_at.isoformat(),
            }
            CheckInKey.objects.create(
                key=uuid,
                user=request.user,
                attendance=result.attendance,
                day=day,
                registration=result.registration,
                result={"answer": answer, "code": result.registration.code},
            )
    except IntegrityError:
        # The same UUID arrived twice at once: the other request wrote it; answer as it did.
        return _repeat(CheckInKey.objects.get(pk=uuid), day, registration, data.get("code", ""))
    return Response(answer, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("การลงทะเบียนเข้าร่วมกิจกรรม"), parameters=[OpenApiParameter("event", int)]),
    retrieve=extend_schema(
        summary=gettext_lazy("การลงทะเบียน"), responses={200: s.RegistrationSerializer, 404: NOT_FOUND}
    ),
)
class RegistrationViewSet(OrderedList, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID
    serializer_class = s.RegistrationSerializer
    ordering_fields = ["id", "registered_at"]

    def get_queryset(self):
        rows = Registration.objects.visible_to(self.request.user).select_related("volunteer", "mentor")
        if (event := _int_param(self.request, "event")) is not None:
            rows = rows.filter(event_id=event)
        return rows

    @extend_schema(
        summary=gettext_lazy(
            "ลงทะเบียนอาสาสมัคร/พี่เลี้ยงจากทะเบียนเข้ากิจกรรม: ผู้ที่ลงทะเบียนได้จะลงทะเบียนทันที "
            "ผู้ที่ลงทะเบียนไม่ได้ (เช่น ไม่ได้ปฏิบัติหน้าที่แล้ว) แจ้งชื่อและเหตุผล"
        ),
        request=s.RegisterPeopleSerializer,
        responses={
            201: s.RegistrationBatchSerializer,
            200: OpenApiResponse(s.RegistrationBatchSerializer, description=gettext_lazy("ไม่มีผู้ใดลงทะเบียนเพิ่มในครั้งนี้")),
            404: OpenApiResponse(description=gettext_lazy("ไม่พบกิจกรรม หรือกิจกรรมอยู่นอกจังหวัดที่ท่านมีสิทธิ์")),
        },
    )
    def create(self, request):
        body = s.RegisterPeopleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        event = training_access.get_event_for_registering(request.user, data["event"])
        volunteers, mentors = training_access.people_chosen(
            request.user, event, volunteer_ids=data.get("volunteers", []), mentor_ids=data.get("mentors", [])
        )
        result = training_services.register_people(
            event=event, volunteers=volunteers, mentors=mentors, category=data.get("category"), by=request.user
        )
        answer = {
            "registered": s.RegistrationSerializer(result.created, many=True).data,
            "already_registered": result.already_registered,
            "not_registered": [{"name": name, "reason": why} for name, why in result.not_registered],
            "cut_short": [{"name": name, "reason": note} for name, note in result.cut_short],
        }
        return Response(answer, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)

    @extend_schema(
        summary=gettext_lazy("ยกเลิกการลงทะเบียน (ต้องระบุเหตุผล)"),
        request=s.CancelRegistrationSerializer,
        responses={200: s.RegistrationDetailSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="cancel")
    def cancel(self, request, pk=None):
        registration = training_access.get_editable_registration_for(request.user, pk)
        body = s.CancelRegistrationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = training_writes.cancel_form(dict(body.validated_data))
        training_services.cancel_registration(
            registration=registration, reason=form.cleaned_data["reason"], by=request.user
        )
        registration = training_access.get_registration_for(request.user, pk)
        return Response(s.RegistrationDetailSerializer(registration).data)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("งานนำเข้ารายชื่อ")),
    retrieve=extend_schema(
        summary=gettext_lazy("งานนำเข้ารายชื่อ"), responses={200: s.ImportJobSerializer, 404: NOT_FOUND}
    ),
)
class ImportJobViewSet(OrderedList, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID
    serializer_class = s.ImportJobSerializer
    ordering_fields = ["id", "created_at"]

    def get_queryset(self):
        return ImportJob.objects.visible_to(self.request.user)
