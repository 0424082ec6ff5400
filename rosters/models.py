"""Imports and exports of rosters: who brought in or took out which file, when, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scope import ProvinceScopedQuerySet
from mentors.models import Mentor
from rosters.columns import MENTORS, REPORTS, VOLUNTEERS
from volunteers.models import Volunteer


class Kind(models.TextChoices):
    VOLUNTEERS = VOLUNTEERS, _("อาสาสมัครแรงงาน")
    MENTORS = MENTORS, _("พี่เลี้ยงอาสาสมัครแรงงาน")
    REPORTS = REPORTS, _("รายงานผลการปฏิบัติงานประจำเดือน")


class ImportJobQuerySet(ProvinceScopedQuerySet):
    pass


def upload_path(job, filename):
    return f"rosters/imports/{job.province.code}/{timezone.now():%Y%m}/{job.token}.{job.file_format}"


def failed_rows_path(job, filename):
    return f"rosters/failed/{job.province.code}/{timezone.now():%Y%m}/{job.token}-failed.xlsx"


def parsed_rows_path(job, filename):
    return f"rosters/parsed/{job.province.code}/{timezone.now():%Y%m}/{job.token}.bin"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED_CHECK = "queued_check", _("รอตรวจสอบ")
        CHECKING = "checking", _("กำลังตรวจสอบไฟล์")
        PREVIEW = "preview", _("รอยืนยัน")
        REJECTED = "rejected", _("ไฟล์ใช้ไม่ได้")
        QUEUED_IMPORT = "queued_import", _("รอนำเข้า")
        IMPORTING = "importing", _("กำลังนำเข้า")
        DONE = "done", _("นำเข้าสำเร็จ")
        FAILED = "failed", _("นำเข้าไม่สำเร็จ")
        # Asked to stop while writing: the worker rolls its write back at the next batch and ends "cancelled".
        CANCELLING = "cancelling", _("กำลังยกเลิก…")
        CANCELLED = "cancelled", pgettext_lazy("status", "ยกเลิก")

    # The phase a queued job shows, stored in its language (in_its_language): the msgids here.
    QUEUED_PHASES: dict[str, str] = {
        Status.QUEUED_CHECK: gettext_noop("รอคิวตรวจสอบ"),
        Status.QUEUED_IMPORT: gettext_noop("รอคิวนำเข้า"),
    }

    WORKING = {Status.QUEUED_CHECK, Status.CHECKING, Status.QUEUED_IMPORT, Status.IMPORTING, Status.CANCELLING}

    token = models.CharField(max_length=32, unique=True, editable=False)
    kind = models.CharField(_("ข้อมูล"), max_length=12, choices=Kind.choices, default=Kind.VOLUNTEERS)
    # The month a file of monthly reports is for (its first day); empty for rosters.
    month = models.DateField(_("เดือนที่รายงาน"), null=True, blank=True)
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="import_jobs",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of the (province, -created_at) index below
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้อัปโหลด"),
    )
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True, db_index=True)
    file = models.FileField(_("ไฟล์"), upload_to=upload_path, max_length=300)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    file_format = models.CharField(_("ชนิดไฟล์"), max_length=4)
    file_size = models.PositiveBigIntegerField(_("ขนาดไฟล์ (ไบต์)"), default=0)

    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices, default=Status.QUEUED_CHECK)
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (%)"), default=0)
    phase = models.CharField(_("ขั้นตอน"), max_length=200, blank=True)
    message = models.TextField(_("ข้อความ"), blank=True)
    # The uploader's language: the worker checks and writes in it, so the messages it stores (row errors, phases,
    # the failed-rows file's reasons) are in the language of whoever uploaded the file.
    language = models.CharField(_("ภาษา"), max_length=8, default="th", editable=False)

    sheet_name = models.CharField(_("แผ่นงาน"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("แถวหัวตาราง"), null=True, blank=True)
    columns = models.JSONField(_("คอลัมน์ที่รู้จัก"), default=list, blank=True)
    unknown_columns = models.JSONField(_("คอลัมน์ที่ไม่รู้จัก"), default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("จำนวนแถว"), default=0)
    new_count = models.PositiveIntegerField(_("เพิ่มใหม่"), default=0)
    updated_count = models.PositiveIntegerField(_("ปรับปรุง"), default=0)
    unchanged_count = models.PositiveIntegerField(_("ไม่เปลี่ยนแปลง"), default=0)
    error_count = models.PositiveIntegerField(_("แถวที่ผิด"), default=0)
    # Monthly reports: rows left blank (no report that month), neither written nor counted as zero.
    no_report_count = models.PositiveIntegerField(_("แถวที่ไม่มีรายงาน"), default=0)
    errors = models.JSONField(_("ข้อผิดพลาด"), default=list, blank=True)
    update_sample = models.JSONField(_("ตัวอย่างการปรับปรุง"), default=list, blank=True)
    failed_file = models.FileField(_("ไฟล์แถวที่ผิด"), upload_to=failed_rows_path, max_length=300, blank=True)
    # The preview's checked rows, reused by the write so that a large file is read and checked once.
    parsed_file = models.FileField(upload_to=parsed_rows_path, max_length=300, blank=True, editable=False)

    checked_at = models.DateTimeField(_("ตรวจสอบเสร็จเมื่อ"), null=True, blank=True)
    check_seconds = models.FloatField(_("เวลาตรวจสอบ (วินาที)"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ยืนยันนำเข้า"),
    )
    confirmed_at = models.DateTimeField(_("ยืนยันเมื่อ"), null=True, blank=True)
    started_at = models.DateTimeField(_("เริ่มนำเข้าเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    import_seconds = models.FloatField(_("เวลานำเข้า (วินาที)"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("การนำเข้าข้อมูล")
        verbose_name_plural = pgettext_lazy("plural", "การนำเข้าข้อมูล")
        indexes = [models.Index(fields=["province", "-created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.original_name}"

    def in_its_language(self, message: str) -> str:
        """A message (a msgid) as the job stores it: in its uploader's language, as its worker stores its own."""
        with translation.override(self.language):
            return gettext(message)

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def all_or_nothing(self) -> bool:
        """A file of monthly reports is written whole or not at all: one wrong row stops the rest."""
        return self.kind == Kind.REPORTS

    @property
    def can_confirm(self) -> bool:
        if self.all_or_nothing and self.error_count:
            return False
        return self.status == self.Status.PREVIEW and (self.new_count + self.updated_count) > 0

    @property
    def month_shown(self) -> str:
        from activity.rules import month_shown

        return month_shown(self.month) if self.month else ""

    @property
    def can_cancel(self) -> bool:
        """Cancelling still keeps every row out: before the write, or while it runs (until its commit sets
        finished_at)."""
        if self.status == self.Status.IMPORTING:
            return self.finished_at is None
        return self.status in {
            self.Status.QUEUED_CHECK,
            self.Status.PREVIEW,
            self.Status.REJECTED,
            self.Status.QUEUED_IMPORT,
        }

    @property
    def written_rows(self) -> int:
        return self.new_count + self.updated_count


class ExportRecord(models.Model):
    """One file taken out of the registry: by whom, how many rows, with which filters, IDs masked or not."""

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (.xlsx)"
        CSV = "csv", "CSV"

    kind = models.CharField(_("ข้อมูล"), max_length=12, choices=Kind.choices, default=Kind.VOLUNTEERS)
    file_format = models.CharField(_("ชนิดไฟล์"), max_length=4, choices=Format.choices)
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("จังหวัด"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้ส่งออก")
    )
    created_at = models.DateTimeField(_("ส่งออกเมื่อ"), auto_now_add=True, db_index=True)
    rows = models.PositiveIntegerField(_("จำนวนแถว"), default=0)
    filters = models.JSONField(_("ตัวกรอง"), default=dict, blank=True)
    ids_masked = models.BooleanField(_("ปิดบังเลขประจำตัวประชาชน"), default=True)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=200)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("การส่งออกข้อมูล")
        verbose_name_plural = pgettext_lazy("plural", "การส่งออกข้อมูล")

    def __str__(self):
        return self.file_name


class VolunteerRoster(Volunteer):
    """Volunteers as the admin site's import/export (django-import-export) sees them."""

    class Meta:
        proxy = True
        verbose_name = _("นำเข้า/ส่งออกอาสาสมัคร (ผู้ดูแลระบบ)")
        verbose_name_plural = pgettext_lazy("plural", "นำเข้า/ส่งออกอาสาสมัคร (ผู้ดูแลระบบ)")


class MentorRoster(Mentor):
    """Mentors as the admin site's import/export sees them."""

    class Meta:
        proxy = True
        verbose_name = _("นำเข้า/ส่งออกพี่เลี้ยง (ผู้ดูแลระบบ)")
        verbose_name_plural = pgettext_lazy("plural", "นำเข้า/ส่งออกพี่เลี้ยง (ผู้ดูแลระบบ)")
