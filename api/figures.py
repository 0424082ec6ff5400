"""/api/v1/figures/: the national dashboard's and a province report's figures for a fiscal year (issue 16).

The same cached call as the pages (reports.caching.dashboard_figures and province_figures), so the API and the pages
show the same numbers, computed once; the same rules for who sees what, through the pages' own helpers:
- the national figures: national roles (HQ analysts, HQ officers, administrators), as reports.views.dashboard
  (accounts.scope.require_national); province staff get 404, as on the page, so they do not learn it exists;
- a province's figures: whoever may open its report page (provinces.access.get_province_for): national roles every
  province, province staff their own; an unknown code and another province alike get 404;
- ?fiscal_year=: the years the pages offer (reports.fiscal_years.fiscal_year_asked), the current one when absent; any
  other value is refused with 400 (the page falls back to the current year with a message, which an API cannot show).

Aggregates only. The province report's list of the year's leavers (names, places, dates) is left out, and so are the
counts of their reasons, which are free text typed for each departure and, counted once, describe one person.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scope import require_national
from api import figures_serializers as fs
from api.schema import ERROR
from provinces.access import get_province_for
from reports.caching import dashboard_figures, province_figures
from reports.fiscal_years import fiscal_year_asked, fiscal_year_choices

FISCAL_YEAR = OpenApiParameter(
    "fiscal_year",
    int,
    description=gettext_lazy("ปีงบประมาณ พ.ศ. เช่น 2569 (ย้อนหลังได้สิบปี) ไม่ระบุ = ปีงบประมาณปัจจุบัน"),
)


def fiscal_year_of(request) -> int:
    """?fiscal_year= as the pages choose it; 400 with the years that can be asked for."""
    raw = request.query_params.get("fiscal_year", "")
    fy = fiscal_year_asked(raw)
    if fy is None:
        years = fiscal_year_choices()
        message = _("ปีงบประมาณ “%(value)s” ใช้ไม่ได้ เลือกได้ตั้งแต่ %(first)s ถึง %(last)s (พ.ศ.)") % {
            "value": raw.strip()[:10],
            "first": years[-1],
            "last": years[0],
        }
        raise serializers.ValidationError({"fiscal_year": [message]})
    return fy


class NationalFiguresView(APIView):
    @extend_schema(
        summary=gettext_lazy("ตัวเลขภาพรวมประเทศ (แดชบอร์ด)"),
        description=gettext_lazy(
            "ตัวเลขเดียวกับหน้าแดชบอร์ดระดับประเทศ: รายจังหวัด รายภาค รวมทั้งประเทศ แนวโน้มห้าปี "
            "และผลการปฏิบัติงาน (อัตราการส่งรายงาน ผู้รับบริการ การส่งต่อ) เฉพาะเจ้าหน้าที่ส่วนกลางและผู้ดูแลระบบ "
            "บทบาทระดับจังหวัดได้ 404 เช่นเดียวกับหน้าเว็บ ตัวเลขรวมเท่านั้น ไม่มีรายชื่อบุคคล"
        ),
        parameters=[FISCAL_YEAR],
        responses={
            200: fs.NationalFiguresSerializer,
            404: OpenApiResponse(ERROR, description=gettext_lazy("บทบาทระดับจังหวัด: ไม่มีที่อยู่นี้สำหรับท่าน")),
        },
    )
    def get(self, request):
        require_national(request.user)
        fy = fiscal_year_of(request)
        entry = dashboard_figures(fy)
        # A new dict over the cached one: the cached figures are shared with the pages and must stay as they are.
        figures = {**entry["data"], "computed_at": entry["computed_at"]}
        return Response(fs.NationalFiguresSerializer(figures).data)


class ProvinceFiguresView(APIView):
    @extend_schema(
        summary=gettext_lazy("ตัวเลขรายงานจังหวัด"),
        description=gettext_lazy(
            "ตัวเลขเดียวกับหน้ารายงานจังหวัด: สถานภาพ อสร. ความครอบคลุมรายอำเภอ พี่เลี้ยง อายุและเพศ กิจกรรม "
            "แนวโน้มห้าปี และผลการปฏิบัติงาน ดูได้เฉพาะจังหวัดที่ท่านเปิดหน้ารายงานได้ (จังหวัดอื่นหรือรหัสที่ไม่มีได้ 404) "
            "ตัวเลขรวมเท่านั้น: ไม่มีรายชื่อผู้พ้นสภาพและเหตุผลรายคน"
        ),
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, description=gettext_lazy("รหัสจังหวัด (DOPA) เช่น 52")),
            FISCAL_YEAR,
        ],
        responses={200: fs.ProvinceFiguresSerializer},
    )
    def get(self, request, code):
        province = get_province_for(request.user, code)
        fy = fiscal_year_of(request)
        entry = province_figures(province, fy)
        figures = {**entry["data"], "computed_at": entry["computed_at"], "province": province}
        return Response(fs.ProvinceFiguresSerializer(figures).data)
