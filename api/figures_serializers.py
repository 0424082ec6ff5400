"""The shapes of /api/v1/figures/: the national dashboard's and a province report's figures, as reports/selectors.py
and reports/results.py compute them for the pages, under stable English keys.

Aggregates only: no list here names a volunteer or a mentor (the province report's leavers are left out, see
api/figures.py). Percentages are numbers from 0 to 100 with one decimal, or null when there is nothing to divide
by; Thai labels are values, never keys."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

Int = serializers.IntegerField
Str = serializers.CharField

# The pages' "วาระสิ้นสุดในปีงบประมาณ ยังไม่ต่อวาระ": a term renewed before the year's end is not in it.
TERMS_ENDING = _("อาสาสมัครที่วาระปัจจุบันสิ้นสุดในปีงบประมาณ และยังไม่ได้แต่งตั้งวาระใหม่")


class Translated(serializers.CharField):
    """A label the cached figures keep as its Thai source text (read by readers of either language), given in the
    reader's language, as the pages translate it."""

    def to_representation(self, value):
        return gettext(super().to_representation(value))


def Percent(**kwargs):
    return serializers.FloatField(allow_null=True, **kwargs)


# -------------------------------------------------------------------------------------------- shared pieces


class FiguresMonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text=_("วันแรกของเดือน"))
    label = Str(help_text=_("ชื่อเดือนเต็ม พ.ศ. เช่น ตุลาคม 2568"))
    column = Str(help_text=_("ชื่อเดือนย่อ เช่น ต.ค. 68"))
    label_en = Str()
    column_en = Str()


class FiguresRateFields(serializers.Serializer):
    expected = Int(help_text=_("รายงานที่คาดว่าจะได้รับ"))
    received = Int(help_text=_("รายงานที่ได้รับ"))
    on_time = Int(help_text=_("รายงานที่ได้รับตรงเวลา"))
    percent = Percent(help_text=_("อัตราการส่งรายงาน (ร้อยละ)"))
    on_time_percent = Percent(help_text=_("อัตราการส่งตรงเวลา (ร้อยละ)"))


class FiguresRateMonthSerializer(FiguresMonthSerializer, FiguresRateFields):
    due = serializers.BooleanField(help_text=_("เดือนที่ถึงวันครบกำหนดส่งแล้ว (นับในปี)"))


class FiguresCaseCountFields(serializers.Serializer):
    referred = Int(help_text=_("เรื่องที่ส่งต่อ"))
    open = Int(help_text=_("เรื่องที่ยังเปิดอยู่"))
    done = Int(help_text=_("เรื่องที่ดำเนินการเสร็จ"))
    not_referable = Int()
    resolved_percent = Percent(help_text=_("สัดส่วนที่แก้ไขแล้ว (ร้อยละ)"))


class FiguresCaseTotalSerializer(FiguresCaseCountFields):
    median_days = Percent(help_text=_("มัธยฐานจำนวนวันจากส่งต่อถึงเสร็จ"))


class FiguresCaseMonthSerializer(FiguresMonthSerializer, FiguresCaseTotalSerializer):
    pass


class FiguresAgencyCasesSerializer(FiguresCaseCountFields):
    name = Translated(help_text=_("ชื่อหน่วยงาน (จังหวัด) หรือประเภทหน่วยงาน (ระดับประเทศ)"))


class FiguresWorkKindSerializer(serializers.Serializer):
    code = Str()
    name_th = Str()
    name_en = Str()
    is_active = serializers.BooleanField()
    people = serializers.BooleanField(help_text=_("นับเป็นคน (รวมในผู้รับบริการ) หรือนับเป็นแห่ง"))
    months = serializers.ListField(child=Int(), help_text=_("จำนวนต่อเดือน ตามลำดับ months"))
    year = Int()


class FiguresPeopleReachedSerializer(serializers.Serializer):
    months = FiguresMonthSerializer(many=True)
    kinds = FiguresWorkKindSerializer(many=True)
    people_months = serializers.ListField(child=Int(), help_text=_("ผู้รับบริการต่อเดือน"))
    people = Int(help_text=_("ผู้รับบริการทั้งปี"))


class FiguresCasesSerializer(serializers.Serializer):
    agencies = FiguresAgencyCasesSerializer(many=True)
    months = FiguresCaseMonthSerializer(many=True)
    total = FiguresCaseTotalSerializer()


class FiguresNotesSerializer(serializers.Serializer):
    rate = Translated()
    people = Translated()
    cases = Translated()


# ----------------------------------------------------------------------------------------------- national


class FiguresCountryFields(serializers.Serializer):
    active = Int(help_text=_("อสร. ปฏิบัติหน้าที่ ณ สิ้นปีงบประมาณ"))
    serving = Int()
    total = Int()
    appointed = Int()
    leavers = Int()
    subdistricts = Int()
    covered = Int()
    coverage = Percent()
    quota = Int()
    filled = Int()
    vacancies = Int()
    quota_coverage = Percent()
    districts_uncovered = Int()
    serving_lead = Int()
    serving_network = Int()
    terms_ending = Int(help_text=TERMS_ENDING)
    term_ended = Int()
    outstanding = Int()
    mentors = Int()
    per_mentor = Percent(help_text=_("อสร. ต่อพี่เลี้ยงหนึ่งคน"))
    events = Int()
    target = Int()
    registered = Int()
    attended = Int()
    attendance_rate = Percent()
    people_trained = Int()


class FiguresCountryTotalsSerializer(FiguresCountryFields):
    provinces = Int()


class FiguresRegionRowSerializer(FiguresCountryTotalsSerializer):
    code = Str()
    name = Str()
    name_en = Str()


class FiguresProvinceRowSerializer(FiguresCountryFields):
    id = Int(source="pk")
    code = Str()
    name = Str()
    name_en = Str()
    map_code = Str()
    region = Str(help_text=_("รหัสภาค"))
    region_name = Str()
    reporting_rate = Percent()


class FiguresNationalTrendSerializer(serializers.Serializer):
    fiscal_year = Int(source="fy")
    active = Int()
    appointed = Int()
    leavers = Int()
    events = Int()
    target = Int()


class FiguresResultsSumFields(FiguresRateFields):
    people = Int(help_text=_("ผู้รับบริการ"))
    referred = Int()
    open = Int()
    done = Int()
    not_referable = Int()
    resolved_percent = Percent()
    median_days = Percent()


class FiguresResultsProvinceSerializer(FiguresResultsSumFields):
    id = Int(source="pk")
    code = Str()
    name = Str()
    name_en = Str()
    region = Str()


class FiguresResultsRegionSerializer(FiguresResultsSumFields):
    code = Str()
    name = Str()
    name_en = Str()


class FiguresNationalRatesSerializer(serializers.Serializer):
    months = FiguresRateMonthSerializer(many=True)
    total = FiguresRateFields()


class FiguresNationalResultsSerializer(serializers.Serializer):
    rates = FiguresNationalRatesSerializer()
    people = FiguresPeopleReachedSerializer()
    cases = FiguresCasesSerializer(help_text=_("agencies: ตามประเภทหน่วยงาน"))
    provinces = FiguresResultsProvinceSerializer(many=True)
    regions = FiguresResultsRegionSerializer(many=True)
    total = FiguresResultsSumFields()
    notes = FiguresNotesSerializer()


class NationalFiguresSerializer(serializers.Serializer):
    fiscal_year = Int(source="fy")
    as_at = serializers.DateField(help_text=_("วันที่นับ: วันสิ้นปีงบประมาณ หรือวันนี้ถ้าปียังไม่จบ"))
    computed_at = serializers.DateTimeField(help_text=_("เวลาที่คำนวณ (ตัวเลขเก็บไว้ชั่วคราวไม่เกินสิบนาที)"))
    provinces = FiguresProvinceRowSerializer(many=True, source="rows")
    regions = FiguresRegionRowSerializer(many=True)
    country = FiguresCountryTotalsSerializer()
    trend = FiguresNationalTrendSerializer(many=True, help_text=_("ห้าปีงบประมาณล่าสุด"))
    results = FiguresNationalResultsSerializer(help_text=_("ผลการปฏิบัติงาน: อัตราการส่งรายงาน ผู้รับบริการ การส่งต่อ"))


# ----------------------------------------------------------------------------------------------- province


class FiguresCoverageSerializer(serializers.Serializer):
    subdistricts = Int()
    covered = Int()
    quota = Int()
    filled = Int()
    vacancies = Int()
    percent = Percent(help_text=_("ตำบลที่แกนนำครบโควตา (ร้อยละ)"))
    quota_coverage = Percent()


class FiguresHeadlineSerializer(serializers.Serializer):
    active = Int()
    suspended = Int()
    term_ended = Int()
    resigned = Int()
    deceased = Int()
    serving = Int()
    total = Int()
    appointed = Int()
    serving_lead = Int()
    serving_network = Int()
    terms_ending = Int(help_text=TERMS_ENDING)
    leavers = Int()
    coverage = FiguresCoverageSerializer()
    active_mentors = Int()
    per_mentor = Percent()
    without_mentor = Int()
    events = Int()
    attended = Int()
    attendance_rate = Percent()
    outstanding = Int()


class FiguresStatusRowSerializer(serializers.Serializer):
    status = Str(help_text=_("active, suspended, term_ended, resigned, deceased"))
    label = Str()
    count = Int()


class FiguresDistrictRowSerializer(serializers.Serializer):
    code = Str()
    name = Str()
    name_en = Str()
    subdistricts = Int()
    covered = Int()
    quota = Int()
    filled = Int()
    vacancies = Int()
    active = Int()
    total = Int()
    leads = Int()
    network = Int()
    terms_ending = Int(help_text=TERMS_ENDING)
    coverage = Percent()
    quota_coverage = Percent()
    mentors = Int()


class FiguresAgencyMentorsSerializer(serializers.Serializer):
    agency = Str()
    kind = Str()
    mentors = Int()
    active_mentors = Int()
    volunteers = Int()
    per_mentor = Percent()


class FiguresAgeBandSerializer(serializers.Serializer):
    band = Translated(help_text=_("ช่วงอายุ"))
    male = Int()
    female = Int()
    other = Int(help_text=_("อื่น ๆ / ไม่ระบุ"))
    total = Int()


class FiguresGenderTotalsSerializer(serializers.Serializer):
    male = Int()
    female = Int()
    other = Int(help_text=_("อื่น ๆ / ไม่ระบุ"))
    total = Int()


class FiguresAgeGenderSerializer(serializers.Serializer):
    rows = FiguresAgeBandSerializer(many=True)
    totals = FiguresGenderTotalsSerializer()


class FiguresEventSummarySerializer(serializers.Serializer):
    id = Int()
    title = Str()
    level = Str()
    status = Str()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    host_province = Int(source="host_province_id", help_text=_("รหัส (id) จังหวัดที่จัด"))


class FiguresCategoryFiguresSerializer(serializers.Serializer):
    category = Str()
    label = Str()
    target = Int()
    registered = Int()
    attended = Int()
    rate = Percent()


class FiguresTargetTotalsSerializer(serializers.Serializer):
    target = Int()
    registered = Int()
    attended = Int()
    rate = Percent()


class FiguresHostedEventSerializer(serializers.Serializer):
    event = FiguresEventSummarySerializer()
    categories = FiguresCategoryFiguresSerializer(many=True)
    totals = FiguresTargetTotalsSerializer()


class FiguresFromElsewhereSerializer(serializers.Serializer):
    province = Str(source="home_province__name_th")
    registered = Int()
    attended = Int()


class FiguresHostedSerializer(serializers.Serializer):
    events = FiguresHostedEventSerializer(many=True)
    totals = FiguresTargetTotalsSerializer()
    from_elsewhere = FiguresFromElsewhereSerializer(many=True, help_text=_("ผู้เข้าร่วมจากจังหวัดอื่น"))


class FiguresAttendanceTotalsSerializer(serializers.Serializer):
    registered = Int()
    attended = Int()


class FiguresNationalCategorySerializer(FiguresAttendanceTotalsSerializer):
    label = Str()


class FiguresNationalEventSerializer(serializers.Serializer):
    event = FiguresEventSummarySerializer()
    categories = FiguresNationalCategorySerializer(many=True)
    totals = FiguresAttendanceTotalsSerializer()


class FiguresNationalParticipationSerializer(serializers.Serializer):
    events = FiguresNationalEventSerializer(many=True)
    totals = FiguresAttendanceTotalsSerializer()


class FiguresProvinceTrendSerializer(serializers.Serializer):
    fiscal_year = Int(source="fy")
    active = Int()
    appointed = Int()
    leavers = Int()
    events = Int()
    attended = Int()


class FiguresDistrictRateSerializer(FiguresRateFields):
    code = Str()
    name = Str()


class FiguresProvinceRatesSerializer(serializers.Serializer):
    months = FiguresRateMonthSerializer(many=True)
    districts = FiguresDistrictRateSerializer(many=True)
    total = FiguresRateFields()


class FiguresProvinceResultsSerializer(serializers.Serializer):
    rates = FiguresProvinceRatesSerializer()
    people = FiguresPeopleReachedSerializer()
    cases = FiguresCasesSerializer(help_text=_("agencies: ตามหน่วยงานของจังหวัด"))
    notes = FiguresNotesSerializer()


class FiguresProvinceRefSerializer(serializers.Serializer):
    id = Int()
    code = Str()
    name = Str(source="name_th")
    name_en = Str()


class ProvinceFiguresSerializer(serializers.Serializer):
    fiscal_year = Int(source="fy")
    as_at = serializers.DateField(help_text=_("วันที่นับ: วันสิ้นปีงบประมาณ หรือวันนี้ถ้าปียังไม่จบ"))
    computed_at = serializers.DateTimeField(help_text=_("เวลาที่คำนวณ (ตัวเลขเก็บไว้ชั่วคราวไม่เกินสิบนาที)"))
    province = FiguresProvinceRefSerializer()
    headline = FiguresHeadlineSerializer()
    status_rows = FiguresStatusRowSerializer(many=True)
    districts = FiguresDistrictRowSerializer(many=True)
    mentor_agencies = FiguresAgencyMentorsSerializer(many=True, source="mentors", help_text=_("พี่เลี้ยงตามหน่วยงาน"))
    age_gender = FiguresAgeGenderSerializer(help_text=_("อสร. ที่ปฏิบัติหน้าที่ ตามช่วงอายุและเพศ"))
    hosted = FiguresHostedSerializer(help_text=_("กิจกรรมที่จังหวัดจัด"))
    national_events = FiguresNationalParticipationSerializer(source="national", help_text=_("การเข้าร่วมกิจกรรมส่วนกลาง"))
    trend = FiguresProvinceTrendSerializer(many=True)
    results = FiguresProvinceResultsSerializer()
