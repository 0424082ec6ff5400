"""The volunteers' monthly activity report (รายงานผลการปฏิบัติงานประจำเดือนของ อสร.), issue 15.

Kinds of work are data (WorkKind): HQ adds a kind in the admin, and no code changes.

Storage of the counts, chosen for the benchmark's 12,000,000 reports (1,000,000 volunteers x 12 months):
one row per report with the counts in a JSONB object keyed by the kind's code ({"info_jobs": 12, ...}).
- A counts table (one row per report and kind) would be 10 x 12,000,000 = 120,000,000 rows, each with its own
  24-byte tuple header, foreign keys and index entries; the grid would write 10 rows per volunteer and read 10 per
  row shown. One row per report is what the grid saves, the import writes by COPY, and the unique index checks.
- An integer array by position would break the day HQ adds, reorders or retires a kind; keys by code do not: a new
  kind is simply absent (0) from older reports, and a retired kind's numbers stay readable.
- It stays tally-friendly: the later report tallies (as reports/tallies.py does for volunteers) are kept by a
  statement-level trigger that expands the transition table with jsonb_each_text(counts) and adds
  (province, district, month, kind) sums; reports never read the 12,000,000 rows.
The database refuses counts that are not whole numbers from 0 to MAX_COUNT (a CHECK with a JSON path), beside the
rules that give the Thai message (activity.rules).

The volunteer's province and district are kept on the report (denormalised, as on Volunteer) so that scoping and
per-district counts need no join, and so that a report stays with the province it was made for if the volunteer
moves later.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scope import ProvinceScopedQuerySet
from activity import rules
from core.bulk_history import insert_event
from core.people import page_in_thai

COUNTS_PATH_CHECK = f'strict $.* ? (@.type() != "number" || @ < 0 || @ > {rules.MAX_COUNT} || @.floor() != @)'


class JsonbPathExists(Func):
    function = "jsonb_path_exists"
    output_field = models.BooleanField()


class JsonbTypeof(Func):
    function = "jsonb_typeof"
    output_field = models.CharField()


class WorkKindQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def case_needs(self):
        """The kinds a case may be opened for: active ones the admin has named as a need."""
        return self.active().exclude(need_th="")


class WorkKind(models.Model):
    """A kind of work counted in the monthly report: a topic of labour information given, or a service."""

    class Group(models.TextChoices):
        INFORMATION = "information", _("ให้ข้อมูลข่าวสารด้านแรงงาน")
        SERVICE = "service", _("บริการและการส่งต่อ")

    # The key of the count in every report: never changed once reports use it (the admin shows it read-only).
    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name_th = models.CharField(pgettext_lazy("work kind", "ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200)
    group = models.CharField(_("กลุ่ม"), max_length=12, choices=Group.choices)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # A retired kind leaves the grid; the numbers already reported for it stay.
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    # How the case form names this kind as what a person needs; blank: cases are not opened for it.
    need_th = models.CharField(_("ชื่อเมื่อเป็นสิ่งที่ผู้รับบริการต้องการ"), max_length=200, blank=True)
    need_en = models.CharField(_("ชื่อภาษาอังกฤษเมื่อเป็นสิ่งที่ผู้รับบริการต้องการ"), max_length=200, blank=True)

    objects = WorkKindQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        # The plain message is a heading elsewhere (capitalised in English); the model's name is lower case.
        verbose_name = pgettext_lazy("singular", "ประเภทงานของ อสร.")
        verbose_name_plural = pgettext_lazy("plural", "ประเภทงานของ อสร.")

    def __str__(self):
        return self.name_th

    @property
    def label(self) -> str:
        """The kind's name in the page's language."""
        return self.name_th if page_in_thai() else (self.name_en or self.name_th)

    @property
    def need_label(self) -> str:
        return (self.need_th if page_in_thai() else self.need_en) or self.need_th or self.name_th


class MonthlyReportQuerySet(ProvinceScopedQuerySet):
    def of_month(self, month):
        return self.filter(month=month)


@pghistory.track(insert_event(), pghistory.UpdateEvent(condition=pghistory.AnyChange()), pghistory.DeleteEvent())
class MonthlyReport(models.Model):
    """One volunteer's work in one month, as the province typed it from the paper form."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.PROTECT,
        related_name="monthly_reports",
        verbose_name=_("อาสาสมัคร"),
        db_index=False,  # the unique (volunteer, month) index serves the volunteer's lookups
    )
    # The volunteer's province and district when the report was made (set by the services).
    province = models.ForeignKey(
        "provinces.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด"), db_index=False
    )
    district = models.ForeignKey(
        "provinces.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("อำเภอ/เขต"), db_index=False
    )
    month = models.DateField(_("เดือน"))
    counts = models.JSONField(_("จำนวนตามประเภทงาน"), default=dict, blank=True)
    problems = models.TextField(_("ปัญหาแรงงานในพื้นที่"), max_length=rules.PROBLEMS_MAX_LENGTH, blank=True)
    # The cases app (issue 15, spot-screen-refer) fills this; until then a plain count.
    referrals = models.PositiveIntegerField(_("จำนวนการส่งต่อ"), default=0)
    # The day the report first reached the province; later corrections keep it, so lateness does not change.
    received_on = models.DateField(_("วันที่ได้รับรายงาน"))
    on_time = models.BooleanField(_("ส่งตรงเวลา"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    entered_at = models.DateTimeField(_("บันทึกล่าสุดเมื่อ"), default=timezone.now)

    objects = MonthlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "volunteer"]
        verbose_name = pgettext_lazy("singular", "รายงานผลการปฏิบัติงานประจำเดือน")
        verbose_name_plural = pgettext_lazy("plural", "รายงานผลการปฏิบัติงานประจำเดือน")
        indexes = [
            # A province's month, per district: the summary page, the grid's reports of a district.
            models.Index(fields=["province", "month", "district"], name="activity_report_prov_month"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "month"],
                name="one_activity_report_per_volunteer_month",
                violation_error_message=_("อาสาสมัครคนนี้มีรายงานของเดือนนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="activity_report_month_first_day",
                violation_error_message=_("เดือนที่รายงานต้องเป็นวันที่ 1 ของเดือน"),
            ),
            models.CheckConstraint(
                condition=Exact(JsonbTypeof(F("counts")), Value("object")),
                name="activity_report_counts_object",
                violation_error_message=_("ผลงานต้องบันทึกเป็นจำนวนแยกตามประเภทงาน"),
            ),
            models.CheckConstraint(
                condition=~Q(JsonbPathExists(F("counts"), Value(COUNTS_PATH_CHECK))),
                name="activity_report_counts_whole_0_to_max",
                violation_error_message=_("จำนวนผลงานแต่ละประเภทต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 10,000"),
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} {rules.month_shown(self.month)}"

    @property
    def month_display(self) -> str:
        return rules.month_label(self.month)

    def count_of(self, code: str) -> int:
        return int(self.counts.get(code, 0))


class MonthClosureQuerySet(ProvinceScopedQuerySet):
    def closed(self):
        return self.filter(is_closed=True)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(condition=pghistory.AnyChange()), pghistory.DeleteEvent()
)
class MonthClosure(models.Model):
    """Whether a province's month is closed to entries; each close and reopen (with its reason) is in the history."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด"), db_index=False
    )
    month = models.DateField(_("เดือน"))
    is_closed = models.BooleanField(_("ปิดรับรายงาน"), default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    changed_at = models.DateTimeField(_("เมื่อ"), default=timezone.now)
    # Why the month was opened again (required then); empty when closed.
    reason = models.TextField(_("เหตุผลที่เปิดอีกครั้ง"), max_length=rules.REOPEN_REASON_MAX_LENGTH, blank=True)

    objects = MonthClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "province"]
        verbose_name = _("การปิดรับรายงานประจำเดือน")
        verbose_name_plural = pgettext_lazy("plural", "การปิดรับรายงานประจำเดือน")
        constraints = [
            models.UniqueConstraint(fields=["province", "month"], name="one_closure_per_province_month"),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="activity_closure_month_first_day",
                violation_error_message=_("เดือนที่ปิดรับรายงานต้องเป็นวันที่ 1 ของเดือน"),
            ),
        ]

    def __str__(self):
        state = _("ปิดรับรายงาน") if self.is_closed else _("เปิดรับรายงาน")
        return f"{self.province} {rules.month_label(self.month)}: {state}"


class ReportTallyQuerySet(ProvinceScopedQuerySet):
    pass


class ReportTally(models.Model):
    """Reports received, and received on time, per province, district and month, of the volunteers expected in the
    month, where they are now (never more than expected): kept by the triggers of activity/tallies.py, so the
    reporting-rate board reads a few thousand rows instead of every report."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    district = models.ForeignKey(
        "provinces.District", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    received = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)

    objects = ReportTallyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "district", "month"], name="activity_tally_key")]

    def __str__(self):
        return f"{self.district_id} {self.month}: {self.received} ({self.on_time})"


class ReportKindTally(models.Model):
    """The numbers reported per kind of work (the JSONB counts' code), per province, district and month: kept by
    the same triggers, for the province report and the dashboard's people reached by kind of work."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    district = models.ForeignKey(
        "provinces.District", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    kind = models.CharField(max_length=40)
    amount = models.BigIntegerField(default=0)

    objects = ReportTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "district", "month", "kind"], name="activity_kind_tally_key")
        ]

    def __str__(self):
        return f"{self.district_id} {self.month} {self.kind}: {self.amount}"


class ServingTally(models.Model):
    """Volunteers per province, district and the months they serve: from `first_month` to `last_month` (month
    numbers, year x 12 + month - 1), the reading of activity.rules.serving_in_month as one range per volunteer
    (appointed by the month; active, or changed status in or after it; term not ended before it), split in two around
    the months wholly inside the volunteer's latest absence (activity.tallies._serving_ranges). Kept by the triggers
    of activity/tallies.py; the reporting-rate board's expected reports per month are sums over it."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    district = models.ForeignKey(
        "provinces.District", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    first_month = models.IntegerField()
    last_month = models.IntegerField()
    volunteers = models.IntegerField(default=0)

    objects = ReportTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district", "first_month", "last_month"], name="activity_serving_tally_key"
            )
        ]

    def __str__(self):
        return f"{self.district_id} {self.first_month}-{self.last_month}: {self.volunteers}"


class ServingMonthDelta(models.Model):
    """The serving tally as changes per month: +volunteers in the first month of their range, -volunteers in the
    month after the last; the volunteers serving in month m are the sum over months <= m. A few rows per district
    and month of change, kept by triggers on ServingTally itself (activity/tallies.py), so the board's and the
    results' expected reports read these instead of every (first month, last month) range."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    district = models.ForeignKey(
        "provinces.District", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.IntegerField()
    delta = models.IntegerField(default=0)

    objects = ReportTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            # With the change itself in the index, a province's changes (a few thousand of the country's 185,000)
            # are read from it alone: without it the planner scanned the whole table in parallel workers (12-28 ms
            # in three processes of Nakhon Ratchasima's report, 1 ms now). The triggers' upserts of a few rows a
            # write then update it too, as a change can no longer be a heap-only update.
            models.UniqueConstraint(
                fields=["province", "district", "month"], include=["delta"], name="activity_serving_delta_key"
            )
        ]

    def __str__(self):
        return f"{self.district_id} {self.month}: {self.delta:+}"


class ServingProvinceMonthDelta(models.Model):
    """ServingMonthDelta summed per province (a few hundred months x 77 provinces), for the national board and the
    dashboard, which group by province; kept by the same triggers."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.IntegerField()
    delta = models.IntegerField(default=0)

    objects = ReportTallyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "month"], name="activity_serving_province_key")]

    def __str__(self):
        return f"{self.province_id} {self.month}: {self.delta:+}"
