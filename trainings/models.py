"""Training events (workshops, seminars, courses), their targets, registrations and daily attendance."""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scope import (
    ADMIN,
    HQ_OFFICER,
    OFFICER,
    ProvinceScopedQuerySet,
    home_province_id,
    is_province_staff,
    role_of,
)
from core.thai import fiscal_year


class Category(models.TextChoices):
    """Participant categories, each with its own target and capacity at an event."""

    VOLUNTEER = "volunteer", _("อาสาสมัครแรงงาน")
    MENTOR = "mentor", _("พี่เลี้ยงอาสาสมัครแรงงาน")
    ANTI_TRAFFICKING = "anti_trafficking", _("เจ้าหน้าที่ด้านการป้องกันการค้ามนุษย์ด้านแรงงาน")
    CENTRAL = "central", _("เจ้าหน้าที่ส่วนกลาง")
    SPEAKER = "speaker", _("วิทยากร")
    OFFICIAL = "official", _("ข้าราชการ/เจ้าหน้าที่")
    OBSERVER = "observer", _("ผู้สังเกตการณ์")
    OTHER = "other", _("อื่น ๆ")


class Topic(models.TextChoices):
    ANTI_TRAFFICKING = "anti_trafficking", _("การป้องกันและแก้ไขปัญหาการค้ามนุษย์ด้านแรงงาน")
    FORCED_LABOUR = "forced_labour", _("การบังคับใช้แรงงาน")
    CHILD_LABOUR = "child_labour", _("แรงงานเด็ก")
    LABOUR_LAW = "labour_law", _("กฎหมายแรงงาน")
    SOCIAL_SECURITY = "social_security", _("ประกันสังคม")
    EMPLOYMENT = "employment", _("การจัดหางาน")
    SKILLS = "skills", _("การพัฒนาฝีมือแรงงาน")
    NETWORK = "network", _("เครือข่ายอาสาสมัครแรงงาน")


class EventQuerySet(ProvinceScopedQuerySet):
    province_field = "host_province"

    def visible_to(self, user):
        """Province staff see what their province hosts and every national event (to register their people)."""
        if is_province_staff(user):
            return self.filter(Q(host_province_id=home_province_id(user)) | Q(level=Event.Level.NATIONAL))
        return super().visible_to(user)

    def editable_by(self, user):
        """National events belong to HQ: HQ officers and administrators run them, whichever province hosts the hall;
        provincial events belong to their province's officers."""
        role = role_of(user)
        if role == OFFICER:
            return super().editable_by(user).filter(level=Event.Level.PROVINCIAL)
        if role == HQ_OFFICER:
            return self.filter(level=Event.Level.NATIONAL)
        return super().editable_by(user)

    def in_fiscal_year(self, fy_be: int):
        return self.filter(fiscal_year=fy_be)


class Event(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("ประชุมเชิงปฏิบัติการ")
        SEMINAR = "seminar", _("สัมมนา")
        COURSE = "course", _("ฝึกอบรม")
        MEETING = "meeting", _("ประชุม")

    class Level(models.TextChoices):
        NATIONAL = "national", _("ส่วนกลาง (ระดับประเทศ)")
        PROVINCIAL = "provincial", _("จังหวัด")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        OPEN = "open", _("เปิดรับลงทะเบียน")
        CLOSED = "closed", _("ปิดรับลงทะเบียน")
        DONE = "done", _("จัดเสร็จแล้ว")
        CANCELLED = "cancelled", pgettext_lazy("status", "ยกเลิก")

    title = models.CharField(_("ชื่อกิจกรรม"), max_length=300)
    project = models.CharField(_("โครงการ"), max_length=300, blank=True)
    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    topics = ArrayField(
        models.CharField(max_length=20, choices=Topic.choices), verbose_name=_("หัวข้อ"), default=list, blank=True
    )
    level = models.CharField(_("ระดับผู้จัด"), max_length=12, choices=Level.choices, default=Level.PROVINCIAL)
    host_province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="hosted_events",
        verbose_name=_("จังหวัดที่จัด"),
        db_index=False,  # the first column of the (host_province, …) index below
    )
    venue = models.CharField(_("สถานที่"), max_length=300)
    start_date = models.DateField(_("วันเริ่ม"))
    end_date = models.DateField(_("วันสิ้นสุด"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), editable=False, db_index=True)
    presiding_official = models.CharField(_("ประธานพิธีเปิด"), max_length=200, blank=True)
    presiding_position = models.CharField(_("ตำแหน่งประธาน"), max_length=300, blank=True)
    objectives = models.TextField(_("วัตถุประสงค์"), blank=True)
    budget = models.DecimalField(_("งบประมาณ (บาท)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    certificate_signatory = models.CharField(_("ผู้ลงนามในเกียรติบัตร"), max_length=200, blank=True)
    certificate_signatory_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking, as volunteers and mentors: an edit (page or API) names the version it read, and the save
    # is refused if someone saved the event since.
    version = models.PositiveIntegerField(_("รุ่นของข้อมูล"), default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        # The plain message is the menu's and the list page's name (plural in English).
        verbose_name = pgettext_lazy("singular", "กิจกรรมฝึกอบรม")
        verbose_name_plural = pgettext_lazy("plural", "กิจกรรมฝึกอบรม")
        indexes = [models.Index(fields=["host_province", "fiscal_year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("วันสิ้นสุดกิจกรรมต้องไม่ก่อนวันเริ่มกิจกรรม"),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fiscal_year = fiscal_year(self.start_date)
        super().save(*args, **kwargs)

    def calendar_dates(self) -> list[dt.date]:
        """Every day from the start to the end: one attendance day (EventDay) each."""
        return [self.start_date + dt.timedelta(days=n) for n in range((self.end_date - self.start_date).days + 1)]

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [labels.get(topic, topic) for topic in self.topics]


class EventDay(models.Model):
    """One day of an event; attendance is taken per day."""

    # Indexed first in one_day_row_per_date.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days", db_index=False)
    date = models.DateField(_("วันที่"))

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="one_day_row_per_date")]

    def __str__(self):
        return f"{self.event} {self.date}"

    @property
    def is_future(self) -> bool:
        """Not yet come in Thailand (Asia/Bangkok), so nobody can have been present: no attendance is taken."""
        return self.date > timezone.localdate()


class EventTarget(models.Model):
    # Indexed first in one_target_per_category.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="targets", db_index=False)
    category = models.CharField(_("ประเภทผู้เข้าร่วม"), max_length=20, choices=Category.choices)
    target = models.PositiveIntegerField(_("เป้าหมาย (คน)"), default=0)
    capacity = models.PositiveIntegerField(_("รับได้สูงสุด (คน)"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "category"], name="one_target_per_category")]

    def __str__(self):
        return f"{self.event}: {self.get_category_display()} {self.target}"

    def clean(self):
        super().clean()
        if message := capacity_below_target(self.get_category_display(), self.target, self.capacity):
            raise ValidationError({"capacity": message})


def capacity_below_target(label: str, target: int | None, capacity: int | None) -> str | None:
    """The message for a category's capacity set below its target (the event form's and the admin's rule)."""
    if target and capacity is not None and capacity < target:
        return gettext("%(category)s: จำนวนรับสูงสุด (%(capacity)s) น้อยกว่าเป้าหมาย (%(target)s)") % {
            "category": label,
            "capacity": capacity,
            "target": target,
        }
    return None


class RegistrationQuerySet(ProvinceScopedQuerySet):
    """A provincial event belongs to its host province: its officers see everyone in it, whichever province a guest
    comes from, and no other province sees anyone in it. In a national event each province sees its own people only,
    the host province of the hall included: the event's roll, sheets and certificates are HQ's."""

    province_field = "home_province"

    @staticmethod
    def _of_province(pid):
        return Q(event__level=Event.Level.PROVINCIAL, event__host_province_id=pid) | Q(
            event__level=Event.Level.NATIONAL, home_province_id=pid
        )

    def visible_to(self, user):
        if is_province_staff(user):
            return self.filter(self._of_province(home_province_id(user)))
        return super().visible_to(user)

    def editable_by(self, user):
        """Officers change every registration in their province's own events and their own people's in national
        ones; HQ officers every registration in a national event."""
        role = role_of(user)
        if role == ADMIN:
            return self.all()
        if role == HQ_OFFICER:
            return self.filter(event__level=Event.Level.NATIONAL)
        if role == OFFICER:
            return self.filter(self._of_province(home_province_id(user)))
        return self.none()

    def active(self):
        return self.filter(cancelled_at__isnull=True)


def _new_code() -> str:
    return secrets.token_hex(5).upper()


def _new_certificate_token() -> str:
    # The certificate's QR code is public: this token, not the row's id, is what it carries.
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """A person registered for an event: someone from the registry, or a guest typed in by hand."""

    # Indexed first in the (event, …) index below.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", db_index=False)
    category = models.CharField(_("ประเภทผู้เข้าร่วม"), max_length=20, choices=Category.choices)
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, null=True, blank=True, related_name="registrations"
    )
    mentor = models.ForeignKey(
        "mentors.Mentor", on_delete=models.PROTECT, null=True, blank=True, related_name="registrations"
    )
    # Guests who are not in the registry (officers of other agencies, speakers, observers).
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    agency_name = models.CharField(_("หน่วยงาน"), max_length=300, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    home_province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("จังหวัดของผู้เข้าร่วม"),
        db_index=False,  # the first column of registration_home_event
    )
    code = models.CharField(_("รหัสลงทะเบียน"), max_length=12, unique=True, default=_new_code)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    certificate_token = models.CharField(max_length=32, unique=True, default=_new_certificate_token, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "registered_at"]
        indexes = [
            models.Index(fields=["event", "category"]),
            # The foreign key's index, with the event: "has this province people in that event?" is one probe of it
            # (a province report's national events: 13 ms → 3 ms on bench/dashboard.py's 500,000 registrations).
            models.Index(fields=["home_province", "event"], name="registration_home_event"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "volunteer"],
                condition=Q(volunteer__isnull=False, cancelled_at__isnull=True),
                name="volunteer_once_per_event",
                violation_error_message=_("อาสาสมัครคนนี้ลงทะเบียนในกิจกรรมนี้แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["event", "mentor"],
                condition=Q(mentor__isnull=False, cancelled_at__isnull=True),
                name="mentor_once_per_event",
                violation_error_message=_("พี่เลี้ยงคนนี้ลงทะเบียนในกิจกรรมนี้แล้ว"),
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.event})"

    @property
    def display_name(self) -> str:
        person = self.volunteer or self.mentor
        return person.full_name if person else self.name

    def name_parts(self) -> tuple[str, str]:
        """(title and first name, last name), for names that wrap only between the two (core.people.name_html)."""
        from core.people import name_parts

        return name_parts(self.volunteer or self.mentor or self.name)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def position_display(self) -> str:
        if self.volunteer_id:
            return str(Category.VOLUNTEER.label)
        if self.mentor_id:
            return self.mentor.position or str(Category.MENTOR.label)
        return self.position

    @property
    def agency_display(self) -> str:
        """Where the person comes from, as a sign-in sheet prints it."""
        if self.volunteer_id:
            subdistrict = self.volunteer.subdistrict
            return f"{subdistrict.name_th} {subdistrict.district.name_th} {self.home_province.name_th}"
        if self.mentor_id:
            return self.mentor.agency.name_th
        return self.agency_name


class AttendanceQuerySet(models.QuerySet):
    def present(self):
        """Who counts as present: attendance of registrations not cancelled (a tick taken before the registration
        was cancelled stays recorded but counts nowhere). The desk's counters, the offline sync and the event page
        count these."""
        return self.filter(registration__cancelled_at__isnull=True)


class Attendance(models.Model):
    class Method(models.TextChoices):
        TICK = "tick", _("ติ๊กรายชื่อ")
        QR = "qr", _("สแกน QR")
        CODE = "code", _("พิมพ์รหัส")
        SHEET = "sheet", _("บันทึกจากใบลงทะเบียน")

    # Indexed first in present_once_a_day.
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances", db_index=False)
    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="attendances")
    checked_in_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=8, choices=Method.choices, default=Method.TICK)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="present_once_a_day")]

    def __str__(self):
        return f"{self.registration} @ {self.day.date}"


def certificate_batch_path(batch, filename):
    return f"trainings/certificates/{batch.event_id}/{batch.token}.pdf"


def _new_batch_token() -> str:
    return secrets.token_hex(16)


class CertificateBatch(models.Model):
    """Every certificate of an event the requester may see, made into one PDF by the task worker
    (trainings.tasks.make_certificates): 121 certificates take about 5 s, too long for a request. The file is for
    the person who asked only, and is deleted KEEP_HOURS after it is made."""

    KEEP_HOURS = 24
    # A batch still "working" after this long lost its worker: the page offers to make it again.
    STALE_MINUTES = 15

    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังสร้างเกียรติบัตร")
        DONE = "done", _("พร้อมดาวน์โหลด")
        FAILED = "failed", _("สร้างไม่สำเร็จ")

    WORKING = {Status.QUEUED, Status.RUNNING}

    token = models.CharField(max_length=32, unique=True, editable=False, default=_new_batch_token)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_batches")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    registration_ids = ArrayField(models.BigIntegerField(), default=list)
    # The address of the public check page as the requester reached the site, "{token}" standing for each
    # certificate's token: the worker has no request to build it from.
    verify_url = models.CharField(max_length=300)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=certificate_batch_path, max_length=200, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ชุดเกียรติบัตร")
        verbose_name_plural = pgettext_lazy("plural", "ชุดเกียรติบัตร")

    def __str__(self):
        return f"{self.event} · {self.total} ({self.status})"

    @property
    def progress(self) -> int:
        return 100 if self.status == self.Status.DONE else int(100 * self.done / self.total) if self.total else 0

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING and not self.is_stale

    @property
    def is_stale(self) -> bool:
        age = timezone.now() - self.created_at
        return self.status in self.WORKING and age > dt.timedelta(minutes=self.STALE_MINUTES)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file) and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
