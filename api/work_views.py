"""The volunteers' work under /api/v1/: the kinds of work, the monthly activity reports and the spot-screen-refer cases.

The same doors as the pages: lists start from the models' `visible_to(user)` (a flagged case is in nobody's list but
the province's anti-trafficking officer's, HQ's and administrators'), single objects come through
accounts.scope.get_visible_or_404 / get_editable_or_404 (404 for missing and not yours alike, 403 when only read),
a report is saved by activity.services.save_report as the grid's row is, and a case is opened through the case page's
form and cases.services, its status moved on through the status page's form and cases.services.change_status.

Saving a monthly report: `POST /api/v1/monthly-reports/` with {volunteer, month: "YYYY-MM", counts, problems} saves
that volunteer's report of that month, new (201) or replacing the one already there (200), as typing the grid's row
again does; `PUT /api/v1/monthly-reports/<id>/` with {counts, problems} corrects a report known by its id. A closed
month answers 409 with the grid's message, and so does a POST that another one of the same volunteer's month, sent at
the same time, beat to it (the message names the report's id; one report is written); nothing is written on any
refusal."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.scope import (
    CASE_WRITING_ROLES,
    FLAGGED_CASE_READERS,
    can_write_anywhere,
    get_editable_or_404,
    get_visible_or_404,
    is_agency_staff,
    is_national,
    role_of,
)
from activity import rules as activity_rules
from activity import services as activity_services
from activity.models import MonthlyReport, WorkKind
from api import work_serializers as ws
from api.errors import Conflict, django_validation_errors
from api.models import CaseKey
from api.ordering import OrderedList
from api.views import BY_FISCAL_YEAR, BY_PROVINCE_CODE, ID, NOT_FOUND, ReferenceViewSet, _int_param, fiscal_year_param
from cases import services as case_services
from cases.forms import CaseFilterForm, CaseForm, StatusForm
from cases.models import Case, Status
from core import thai
from core.people import page_in_thai
from core.provinces import province_from_code, requested_province
from volunteers.models import Volunteer
from volunteers.rules import PROGRAMME_BEGAN

BAD_INPUT = OpenApiResponse(description=gettext_lazy("ข้อมูลไม่ถูกต้อง: detail และ errors บอกเหตุผลเป็นภาษาไทย ไม่มีการบันทึก"))


def _bad(field: str, message: str):
    return serializers.ValidationError({field: [message]})


def _fiscal_year(request) -> tuple[dt.date, dt.date] | None:
    year = fiscal_year_param(request)
    return None if year is None else thai.fiscal_year_bounds(year)


def _month(request) -> dt.date | None:
    """?month= of the reports' list: a month in either era from the programme's first to this one (the months a report
    may be for, activity.rules.month_error), or a 400 naming them, as fiscal_year: a year typed in the other era would
    otherwise list nothing, silently."""
    text = request.query_params.get("month", "")
    if not text:
        return None
    try:
        month = ws.month_of(text)
    except serializers.ValidationError as error:
        raise serializers.ValidationError({"month": error.detail}) from None
    today = timezone.localdate()
    if activity_rules.month_error(month, today=today) is not None:
        raise _bad(
            "month",
            _("เดือน (month) ต้องเป็นเดือนตั้งแต่ %(first)s ที่เริ่มโครงการอาสาสมัครแรงงาน ถึงเดือนนี้ %(last)s ไม่ใช่ %(month)s")
            % {
                "first": _year_month(PROGRAMME_BEGAN),
                "last": _year_month(today),
                "month": activity_rules.month_shown(month),
            },
        )
    return month


def _year_month(day: dt.date) -> str:
    # As the reader counts years: 2548-01 in Thai, 2005-01 in English (either is accepted back).
    year = thai.to_be_year(day.year) if page_in_thai() else day.year
    return f"{year}-{day.month:02d}"


def _national_province(request):
    """The province a national user names by its code (None: every province); province staff see their own anyway,
    whatever they name, as on the pages."""
    code = request.query_params.get("province", "")
    if not code or not is_national(request.user):
        return None
    province = province_from_code(code)
    if province is None:
        raise _bad("province", _("ไม่พบจังหวัดรหัส “%(code)s” (รหัสจังหวัด 2 หลัก เช่น 52)") % {"code": code[:10]})
    return province


# ----------------------------------------------------------------------------------------- kinds of work


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("ประเภทงานของ อสร. (หัวข้อการให้ข้อมูลและงานบริการในรายงานประจำเดือน)")),
    retrieve=extend_schema(summary=gettext_lazy("ประเภทงานของ อสร.")),
)
class WorkKindViewSet(ReferenceViewSet):
    """Reference data: every kind, retired ones too (is_active false), since old reports keep their numbers."""

    queryset = WorkKind.objects.all()
    serializer_class = ws.WorkKindSerializer


# ----------------------------------------------------------------------------------------- monthly reports


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("รายงานผลการปฏิบัติงานประจำเดือน"),
        parameters=[
            BY_PROVINCE_CODE,
            OpenApiParameter("district", int, description=gettext_lazy("รหัส (id) อำเภอ/เขต")),
            OpenApiParameter("volunteer", int, description=gettext_lazy("รหัส (id) อาสาสมัคร")),
            OpenApiParameter("month", str, description=ws.MONTH_HELP),
            BY_FISCAL_YEAR,
        ],
    ),
)
class MonthlyReportViewSet(OrderedList, viewsets.GenericViewSet):
    serializer_class = ws.MonthlyReportSerializer
    lookup_value_regex = ID
    ordering_fields = ["id", "month", "entered_at"]
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return MonthlyReport.objects.visible_to(self.request.user).select_related("volunteer", "entered_by")

    def list(self, request):
        rows = self.get_queryset()
        if (province := _national_province(request)) is not None:
            rows = rows.in_province(province.pk)
        if (district := _int_param(request, "district")) is not None:
            rows = rows.filter(district_id=district)
        if (volunteer := _int_param(request, "volunteer")) is not None:
            rows = rows.filter(volunteer_id=volunteer)
        if (month := _month(request)) is not None:
            rows = rows.filter(month=month)
        if (bounds := _fiscal_year(request)) is not None:
            rows = rows.filter(month__range=bounds)
        page = self.paginate_queryset(self.filter_queryset(rows))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _respond(self, report, code=status.HTTP_200_OK):
        report = get_visible_or_404(
            MonthlyReport.objects.select_related("volunteer", "entered_by"), self.request.user, pk=report.pk
        )
        return Response(ws.MonthlyReportDetailSerializer(report).data, status=code)

    @extend_schema(
        summary=gettext_lazy("รายงานประจำเดือนหนึ่งฉบับ พร้อมประวัติการบันทึกและแก้ไข"),
        responses={200: ws.MonthlyReportDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request, pk=None):
        report = get_visible_or_404(self.get_queryset(), request.user, pk=pk)
        return Response(ws.MonthlyReportDetailSerializer(report).data)

    @extend_schema(
        summary=gettext_lazy("บันทึกรายงานประจำเดือนของอาสาสมัครหนึ่งคน (ใหม่ = 201 หรือแทนรายงานเดือนเดียวกันที่มีอยู่ = 200)"),
        description=gettext_lazy(
            "กฎเดียวกับตารางบันทึกรายงาน: ต้องเป็นเดือนที่อาสาสมัครปฏิบัติหน้าที่ ไม่ใช่เดือนในอนาคต จำนวนเป็นเลขจำนวนเต็ม "
            "0 ถึง 10,000 และเดือนนั้นต้องยังไม่ปิดรับรายงาน (ปิดแล้วได้ 409) ผิดข้อใดไม่บันทึกทั้งแถว"
        ),
        request=ws.MonthlyReportWriteSerializer,
        responses={
            201: ws.MonthlyReportDetailSerializer,
            200: ws.MonthlyReportDetailSerializer,
            400: BAD_INPUT,
            409: OpenApiResponse(
                description=gettext_lazy(
                    "จังหวัดปิดรับรายงานของเดือนนี้แล้ว หรือคำขออื่นที่ส่งมาพร้อมกันบันทึกรายงานเดือนนี้ของอาสาสมัครคนนี้ไปก่อน "
                    "(detail บอกรหัสรายงานที่มีอยู่)"
                )
            ),
        },
    )
    def create(self, request):
        user = request.user
        if not can_write_anywhere(user):
            raise PermissionDenied(_("ท่านดูรายงานได้อย่างเดียว บันทึกหรือแก้ไขไม่ได้"))
        body = ws.MonthlyReportWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        # As the grid's row: only a volunteer the writer may edit (another province's is not found here).
        volunteer = (
            Volunteer.objects.editable_by(user)
            .select_related("province", "subdistrict")
            .filter(pk=data["volunteer"])
            .first()
        )
        if volunteer is None:
            raise _bad("volunteer", _("ไม่พบอาสาสมัครรหัส %(id)s ในจังหวัดที่ท่านบันทึกได้") % {"id": data["volunteer"]})
        existing = (
            MonthlyReport.objects.editable_by(user)
            .filter(volunteer=volunteer, month=data["month"])
            .values_list("pk", flat=True)
            .first()
        )
        report = self._save(volunteer, data["month"], data, report_pk=existing)
        return self._respond(report, status.HTTP_201_CREATED if existing is None else status.HTTP_200_OK)

    @extend_schema(
        summary=gettext_lazy("แก้ไขจำนวนในรายงานประจำเดือนที่มีอยู่ (ประเภทงานที่ไม่ส่งมาเท่ากับ 0)"),
        request=ws.MonthlyReportCorrectionSerializer,
        responses={
            200: ws.MonthlyReportDetailSerializer,
            400: BAD_INPUT,
            404: NOT_FOUND,
            409: OpenApiResponse(description=gettext_lazy("จังหวัดปิดรับรายงานของเดือนนี้แล้ว")),
        },
    )
    def update(self, request, pk=None):
        report = get_editable_or_404(MonthlyReport.objects.select_related("volunteer"), request.user, pk=pk)
        body = ws.MonthlyReportCorrectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        volunteer = Volunteer.objects.editable_by(request.user).select_related("province", "subdistrict")
        volunteer = volunteer.filter(pk=report.volunteer_id).first()
        if volunteer is None:
            raise PermissionDenied(_("บันทึกรายงานได้เฉพาะอาสาสมัครในจังหวัดของท่าน"))
        report = self._save(volunteer, report.month, data, report_pk=report.pk)
        return self._respond(report)

    def _reported_meanwhile(self, volunteer, month, row) -> int | None:
        """The id of `volunteer`'s report of `month` when the service refused a new one because it exists: another
        request of the same month saved it after this one looked (create found none), so the client learns which one to
        correct. None for any other refusal, and for a report this user may not edit."""
        if activity_rules.duplicate_error(volunteer=volunteer.full_name, month=month) not in row:
            return None
        return (
            MonthlyReport.objects.editable_by(self.request.user)
            .filter(volunteer=volunteer, month=activity_rules.month_start(month))
            .values_list("pk", flat=True)
            .first()
        )

    def _save(self, volunteer, month, data, *, report_pk):
        counts = data["counts"]
        kinds = {kind.code for kind in WorkKind.objects.active()}
        unknown = sorted(set(counts) - kinds)
        if unknown:
            known = ", ".join(sorted(kinds))
            raise serializers.ValidationError(
                {
                    "counts": {
                        code: [
                            _("ไม่รู้จักประเภทงาน “%(code)s” หรือเลิกใช้แล้ว ประเภทที่ใช้งานอยู่: %(known)s")
                            % {"code": code[:40], "known": known}
                        ]
                        for code in unknown
                    }
                }
            )
        try:
            return activity_services.save_report(
                volunteer=volunteer,
                month=month,
                counts=counts,
                problems=data.get("problems", ""),
                by=self.request.user,
                report_pk=report_pk,
            )
        except DjangoValidationError as error:
            errors = django_validation_errors(error)
            row = errors.pop("non_field_errors", [])
            if row and activity_services.is_month_closed(volunteer.province_id, month):
                raise Conflict(" ".join(row)) from None
            if row and report_pk is None and (reported := self._reported_meanwhile(volunteer, month, row)):
                raise Conflict(
                    _("%(refusal)s (รายงานรหัส %(id)s ถูกบันทึกโดยคำขออื่นที่ส่งมาพร้อมกัน แก้ไขได้ที่ PUT %(url)s)")
                    % {
                        "refusal": " ".join(row),
                        "id": reported,
                        "url": reverse("api:monthly-report-detail", args=[reported]),
                    }
                ) from None
            shaped: dict = {"counts": {}}
            for field, messages in errors.items():
                if field == activity_services.PROBLEMS:
                    shaped["problems"] = messages
                else:
                    shaped["counts"][field] = messages
            if row:
                shaped = {"non_field_errors": row, **shaped}
            raise serializers.ValidationError({k: v for k, v in shaped.items() if v}) from None


# ----------------------------------------------------------------------------------------- cases


def _case_filter_parameters() -> list[OpenApiParameter]:
    return [
        BY_PROVINCE_CODE,
        OpenApiParameter(
            "status", str, enum=[CaseFilterForm.OPEN, *Status.values], description=gettext_lazy("open = ยังไม่ปิดเรื่อง")
        ),
        OpenApiParameter("overdue", bool, description=gettext_lazy("true = เฉพาะเรื่องที่ยังไม่ปิดและส่งต่อมานานเกินกำหนด")),
        OpenApiParameter("district", int, description=gettext_lazy("รหัส (id) อำเภอ/เขต ในจังหวัดที่เลือก")),
        OpenApiParameter("agency", int, description=gettext_lazy("รหัส (id) หน่วยงานที่ส่งต่อ")),
        OpenApiParameter("agency_kind", str, description=gettext_lazy("ประเภทหน่วยงานที่ส่งต่อ")),
        OpenApiParameter(
            "flagged",
            bool,
            description=gettext_lazy("true = เฉพาะเรื่องที่สงสัยเป็นการค้ามนุษย์ (เฉพาะผู้ที่เห็นเรื่องเหล่านั้น)"),
        ),
        BY_FISCAL_YEAR,
    ]


def _form_errors(form) -> serializers.ValidationError:
    return serializers.ValidationError(
        {("non_field_errors" if k == "__all__" else k): v for k, v in form.errors.items()}
    )


BOOLEAN_WORDS = {"true", "false", "1", "0", "on", "off", ""}


def _refuse_filters_not_offered(request, filters) -> None:
    """A filter this user's list does not offer is refused, not ignored: a list of every case answering ?flagged=true
    reads as the flagged ones. So is a yes/no filter given anything but yes or no."""
    errors = {}
    for name in ("flagged", "agency_kind", "district"):
        if request.query_params.get(name) and name not in filters.fields:
            errors[name] = [
                _("เลือกอำเภอได้เมื่อระบุจังหวัด (province) แล้ว") if name == "district" else _("บัญชีของท่านใช้ตัวกรองนี้ไม่ได้")
            ]
    for name in ("overdue", "flagged"):
        if name in filters.fields and request.query_params.get(name, "").lower() not in BOOLEAN_WORDS:
            errors[name] = [_("ใช้ได้เฉพาะ true หรือ false")]
    if errors:
        raise serializers.ValidationError(errors)


def _checkbox(value: bool) -> str:
    # What a ticked / unticked box of the page's form sends.
    return "on" if value else ""


def _case_opened_by(key: CaseKey, user) -> Response:
    """A repeat of a case's POST: the case its UUID opened, as it is now, and nothing written; another account's UUID
    is refused rather than shown."""
    if key.user_id != user.pk:
        raise Conflict(_("รหัส uuid นี้ใช้บันทึกเรื่องอื่นไปแล้ว กรุณาสร้าง uuid ใหม่สำหรับเรื่องแต่ละเรื่อง"))
    return Response(ws.CaseSerializer(get_visible_or_404(Case.objects.for_list(), user, pk=key.case_id)).data)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("เรื่องส่งต่อ (ชี้เป้า คัดกรอง ส่งต่อ)"), parameters=_case_filter_parameters()),
)
class CaseViewSet(OrderedList, viewsets.GenericViewSet):
    serializer_class = ws.CaseSerializer
    lookup_value_regex = ID
    ordering_fields = ["id", "referred_on", "updated_at"]
    http_method_names = ["get", "post", "head", "options"]
    # The page each action is, for accounts.scope's list of pages agency staff may open (api.permissions asks it).
    pages = {
        "list": "cases:inbox",
        "retrieve": "cases:detail",
        "change_status": "cases:status",
        "create": "cases:create",
    }

    def get_queryset(self):
        return Case.objects.visible_to(self.request.user).for_list()

    def list(self, request):
        user = request.user
        rows = self.get_queryset()
        province = _national_province(request)
        if province is not None:
            rows = rows.in_province(province.pk)
        elif not is_national(user):
            province = requested_province(user)
        filters = CaseFilterForm(
            request.query_params, province=province, show_flagged=role_of(user) in FLAGGED_CASE_READERS
        )
        if is_agency_staff(user):
            del filters.fields["agency_kind"]  # as their inbox: one agency's cases
        _refuse_filters_not_offered(request, filters)
        if not filters.is_valid():
            raise _form_errors(filters)
        rows = filters.filter(rows, timezone.localdate())
        if (agency := _int_param(request, "agency")) is not None:
            rows = rows.filter(agency_id=agency)
        if (bounds := _fiscal_year(request)) is not None:
            rows = rows.filter(referred_on__range=bounds)
        page = self.paginate_queryset(self.filter_queryset(rows))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary=gettext_lazy("เรื่องส่งต่อหนึ่งเรื่อง"), responses={200: ws.CaseSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk=None):
        return Response(ws.CaseSerializer(get_visible_or_404(Case.objects.for_list(), request.user, pk=pk)).data)

    @extend_schema(
        summary=gettext_lazy("บันทึกเรื่องส่งต่อใหม่ (กฎเดียวกับแบบฟอร์มบันทึกเรื่องส่งต่อ)"),
        request=ws.CaseWriteSerializer,
        responses={
            201: ws.CaseSerializer,
            200: OpenApiResponse(ws.CaseSerializer, description=gettext_lazy("ส่งซ้ำด้วย uuid เดิม: เรื่องที่บันทึกไว้ครั้งแรก")),
            400: BAD_INPUT,
            409: OpenApiResponse(description=gettext_lazy("uuid นี้ใช้บันทึกเรื่องของบัญชีอื่นไปแล้ว")),
        },
    )
    def create(self, request):
        user = request.user
        if role_of(user) not in CASE_WRITING_ROLES:
            raise PermissionDenied(_("บัญชีของท่านบันทึกเรื่องส่งต่อไม่ได้"))
        body = ws.CaseWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        uuid = data.get("uuid")
        if uuid is not None and (key := CaseKey.objects.filter(pk=uuid).first()) is not None:
            return _case_opened_by(key, user)
        # The volunteer chooses the province, as the page's ?volunteer=; one the writer cannot see is not offered.
        volunteer = Volunteer.objects.visible_to(user).select_related("province").filter(pk=data["volunteer"]).first()
        if volunteer is None:
            raise _bad("volunteer", str(CaseForm.base_fields["volunteer"].error_messages["invalid_choice"]))
        if not case_services.may_open_cases_in(user, volunteer.province_id):
            raise PermissionDenied(_("ไม่มีสิทธิ์บันทึกเรื่องส่งต่อของจังหวัดนี้"))
        form_data = {
            "volunteer": str(volunteer.pk),
            "spotted_on": data["spotted_on"].isoformat(),
            "referred_on": data["referred_on"].isoformat() if data.get("referred_on") else "",
            "subdistrict": str(data["subdistrict"]),
            "needs": list(data["needs"]),
            "agency": str(data["agency"]),
            "person_name": data.get("person_name", ""),
            "person_contact": data.get("person_contact", ""),
            "national_id_needed": _checkbox(data["national_id_needed"]),
            "national_id": data.get("national_id", ""),
            "flagged": _checkbox(data["flagged"]),
        }
        form = CaseForm(form_data, province=volunteer.province, user=user)
        if not form.is_valid():
            raise _form_errors(form)
        if uuid is None:
            case = case_services.open_case(by=user, **form.service_data())
        else:
            try:
                with transaction.atomic():
                    case = case_services.open_case(by=user, **form.service_data())
                    CaseKey.objects.create(key=uuid, user=user, case=case)
            except IntegrityError:
                # The same UUID arrived twice at once: the other request opened the case; answer as it did.
                return _case_opened_by(CaseKey.objects.get(pk=uuid), user)
        return Response(
            ws.CaseSerializer(get_visible_or_404(Case.objects.for_list(), user, pk=case.pk)).data, status=201
        )

    @extend_schema(
        summary=gettext_lazy("บันทึกขั้นต่อไปของเรื่อง (รับเรื่องแล้ว ดำเนินการเสร็จ หรือส่งต่อไม่ได้พร้อมเหตุผล)"),
        request=ws.CaseStatusSerializer,
        responses={200: ws.CaseSerializer, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        user = request.user
        case = get_editable_or_404(Case.objects.for_list(), user, pk=pk)
        body = ws.CaseStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        form = StatusForm(
            {
                "to_status": data["to_status"],
                "changed_on": data["changed_on"].isoformat(),
                "reason": data.get("reason", ""),
            },
            case=case,
        )
        if not form.is_valid():
            raise _form_errors(form)
        cleaned = form.cleaned_data
        case_services.change_status(
            case=case, to_status=cleaned["to_status"], on=cleaned["changed_on"], reason=cleaned["reason"], by=user
        )
        return Response(ws.CaseSerializer(get_visible_or_404(Case.objects.for_list(), user, pk=case.pk)).data)
