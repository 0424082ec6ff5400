"""Labour volunteers (อสร.): citizens appointed in a village or subdistrict who bring Ministry services to people."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import DateRangeField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scope import ProvinceScopedQuerySet
from core import thai
from core.bulk_history import insert_event, update_event
from core.people import titled_first_name
from core.phone import format_thai_phone, thai_phone_error
from volunteers import rules


class DateRange(Func):
    """daterange(start, end, '[]') in SQL, for migration 0009's exclusion constraint on terms (now 0015's trigger)."""

    function = "daterange"
    output_field = DateRangeField()


class VolunteerQuerySet(ProvinceScopedQuerySet):
    def active(self):
        """Active by status, whatever the term (see serving())."""
        return self.filter(status=Volunteer.Status.ACTIVE)

    def serving(self, on=None):
        """Active and in a term that has not ended on `on` (today by default): who may be nominated, counted, sent."""
        on = on or timezone.localdate()
        return self.filter(rules.serving_on(on))

    def term_ended(self, on=None):
        """In office by status, but the term ended before `on` without re-appointment ("ครบวาระ")."""
        on = on or timezone.localdate()
        return self.filter(status__in=rules.IN_OFFICE, term_ends_on__lt=on)

    def with_display_status(self, status: str, on=None):
        """The list filter's status: "ครบวาระ" is derived from the date, and the stored statuses exclude it."""
        on = on or timezone.localdate()
        if status == rules.TERM_ENDED:
            return self.term_ended(on)
        if status in rules.IN_OFFICE:
            return self.filter(status=status).filter(rules.term_running_at(on, "term_ends_on"))
        return self.filter(status=status)

    def without_mentor(self):
        return self.filter(mentor__isnull=True)

    def for_list(self):
        """What a list row shows, in a fixed number of queries whatever the page size."""
        return self.select_related("subdistrict__district", "province", "mentor")


# History is written by PostgreSQL triggers, so bulk writes (imports, mass updates) are recorded too.
# The edit counter says nothing to a reader of the history, and a save that changes nothing else is no event.
UNTRACKED = ["version", "first_name_sort", "last_name_sort", "absent_from", "absent_until", "absence_status"]


@pghistory.track(
    insert_event(),
    update_event(exclude=UNTRACKED),
    pghistory.DeleteEvent(),
    exclude=UNTRACKED,
)
class Volunteer(models.Model):
    class Title(models.TextChoices):
        MR = "mr", _("นาย")
        MRS = "mrs", _("นาง")
        MISS = "miss", _("นางสาว")
        OTHER = "other", _("อื่น ๆ")

    class Gender(models.TextChoices):
        MALE = "male", _("ชาย")
        FEMALE = "female", _("หญิง")
        OTHER = "other", _("อื่น ๆ / ไม่ระบุ")

    # Defined with its lifecycle rule in volunteers.rules.
    Status = rules.Status
    Tier = rules.Tier

    # Identity
    # Unique through Meta.constraints, not unique=True: on PostgreSQL, unique=True also builds a second index for
    # LIKE (varchar_pattern_ops) that no lookup of an ID uses, and every import would write it.
    national_id = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13)
    title = models.CharField(_("คำนำหน้า"), max_length=8, choices=Title.choices)
    title_other = models.CharField(_("คำนำหน้าอื่น"), max_length=40, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    # Thai dictionary order (core.thai.thai_sort_key), filled by PostgreSQL on every write.
    first_name_sort = thai.thai_sort_field("first_name", 100)
    last_name_sort = thai.thai_sort_field("last_name", 100)
    first_name_en = models.CharField(_("ชื่อ (ภาษาอังกฤษ)"), max_length=100, blank=True)
    last_name_en = models.CharField(_("นามสกุล (ภาษาอังกฤษ)"), max_length=100, blank=True)
    gender = models.CharField(_("เพศ"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("วันเกิด"), null=True, blank=True)
    phone = models.CharField(_("โทรศัพท์มือถือ"), max_length=20, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)

    # Where
    house_no = models.CharField(_("บ้านเลขที่"), max_length=30, blank=True)
    village_no = models.PositiveSmallIntegerField(_("หมู่ที่"), null=True, blank=True)
    village_name = models.CharField(_("ชื่อหมู่บ้าน"), max_length=100, blank=True)
    # One foreign key of both columns checks them (migration 0013, volunteer_subdistrict_in_province): the subdistrict
    # exists and is in the volunteer's province. A key per column would not see the two disagree, and would cost an
    # import of 100,000 volunteers a second check per row (0.5 s measured).
    subdistrict = models.ForeignKey(
        "provinces.Subdistrict",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("ตำบล/แขวง"),
        db_constraint=False,
    )
    # Always the subdistrict's province (set in save()); kept on the row so that scoping needs no join.
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of the (province, …) indexes below
        db_constraint=False,
    )

    # Service
    appointed_on = models.DateField(_("วันที่แต่งตั้ง"), null=True, blank=True)
    appointment_order = models.CharField(_("เลขที่คำสั่งแต่งตั้ง"), max_length=100, blank=True)
    mentor = models.ForeignKey(
        "mentors.Mentor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteers",
        verbose_name=_("พี่เลี้ยง"),
        db_index=False,  # indexed with the status below, which serves the same lookups
    )
    tier = models.CharField(_("ระดับ"), max_length=8, choices=Tier.choices, default=Tier.LEAD)
    # The last day of the current term (the latest Term's end), kept here by volunteers.services so that lists,
    # filters and the report tallies read it without a join; null means no term on record.
    term_ends_on = models.DateField(_("วาระสิ้นสุด"), null=True, blank=True, editable=False)
    skills = models.TextField(_("ทักษะและความสนใจ"), blank=True)
    education = models.CharField(_("การศึกษา"), max_length=100, blank=True)
    occupation = models.CharField(_("อาชีพ"), max_length=100, blank=True)
    notes = models.TextField(_("หมายเหตุ"), blank=True)
    consent_recorded_on = models.DateField(_("วันที่บันทึกความยินยอม (PDPA)"), null=True, blank=True)

    status = models.CharField(_("สถานะ"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    status_changed_on = models.DateField(_("วันที่เปลี่ยนสถานะ"), null=True, blank=True)
    # The latest time the volunteer was out of office and came back (volunteers.absences): from its first day to the
    # day they served again, and what they were meanwhile (suspended, resigned, or between terms). The status above
    # is only the latest step; the reports read these to count a returned volunteer as not serving at the ends of the
    # fiscal years in between. Kept from the status changes and the terms, never typed.
    absent_from = models.DateField(_("ไม่ได้ปฏิบัติหน้าที่ตั้งแต่"), null=True, blank=True, editable=False)
    absent_until = models.DateField(_("กลับมาปฏิบัติหน้าที่เมื่อ"), null=True, blank=True, editable=False)
    absence_status = models.CharField(
        _("สถานะระหว่างที่ไม่ได้ปฏิบัติหน้าที่"), max_length=12, blank=True, default="", db_default="", editable=False
    )

    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    # Optimistic locking: an edit form carries the version it was opened at, and the save is refused if it moved on.
    version = models.PositiveIntegerField(_("รุ่นของข้อมูล"), default=0, editable=False)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["first_name_sort", "last_name_sort"]
        # The plain message heads the menu and the list page (capitalised in English); the model's name is lower case.
        verbose_name = pgettext_lazy("singular", "อาสาสมัครแรงงาน")
        verbose_name_plural = pgettext_lazy("plural", "อาสาสมัครแรงงาน")
        constraints = [
            # The form and the services name the province holding a taken ID (volunteers.validation), before saving
            # and again when the database refuses a save that lost the race; this message is the admin's.
            models.UniqueConstraint(
                fields=["national_id"],
                name="volunteer_national_id_unique",
                violation_error_message=_("เลขประจำตัวประชาชนนี้ลงทะเบียนแล้ว"),
                violation_error_code="unique",
            )
        ]
        # (province, status) is the start of reports_volunteer_report (reports/migrations), which serves those
        # lookups too: a second index of the same start would cost every insert and serve nothing more.
        indexes = [
            # A province's list in Thai dictionary order, read from the index.
            models.Index(fields=["province", "first_name_sort", "last_name_sort"], name="volunteer_prov_name_sort"),
            # Ordering of the national list (HQ, administrators) without sorting a million rows.
            models.Index(fields=["first_name_sort", "last_name_sort", "id"], name="volunteer_name_sort_order"),
            models.Index(fields=["province", "appointed_on"], name="volunteer_prov_appointed"),
            # Terms ending soon in a province, and the terms that ended (ครบวาระ).
            models.Index(fields=["province", "term_ends_on"], name="volunteer_prov_term_end"),
            models.Index(fields=["phone"], name="volunteer_phone"),
            # "Latest edits first", and the reports' change stamp (max(updated_at)) for a province and nationally.
            models.Index(fields=["province", "updated_at"], name="volunteer_prov_updated"),
            # A mentor's volunteers, and how many of them are serving (active, term not ended), without reading the
            # rows (the mentor list): without the term's end in the index, counting Nakhon Ratchasima's ten mentors
            # of a page read 26,485 heap blocks (105 ms of a 127 ms page on the load benchmark's fill).
            models.Index(fields=["mentor", "status"], include=["term_ends_on"], name="volunteer_mentor_status"),
            # Part-of-a-name search (ILIKE '%...%') through pg_trgm, which works on Thai text.
            GinIndex(OpClass("first_name", name="gin_trgm_ops"), name="volunteer_first_name_trgm"),
            GinIndex(OpClass("last_name", name="gin_trgm_ops"), name="volunteer_last_name_trgm"),
            # Patterns shorter than three characters have no trigram; they are searched as prefixes.
            models.Index(OpClass("first_name", name="varchar_pattern_ops"), name="volunteer_first_name_prefix"),
            models.Index(OpClass("last_name", name="varchar_pattern_ops"), name="volunteer_last_name_prefix"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def title_display(self) -> str:
        if self.title == self.Title.OTHER:
            return self.title_other
        # A dict lookup: get_title_display() rebuilds the choices dict on every call, and list pages call it often.
        return str(TITLE_LABELS.get(self.title, self.title))

    @property
    def display_status(self) -> str:
        """The status as shown: "term_ended" when the term's last day has passed without re-appointment."""
        return rules.display_status(self.status, self.term_ends_on, timezone.localdate())

    @property
    def status_display(self) -> str:
        status = self.display_status
        if status == rules.TERM_ENDED:
            return str(rules.TERM_ENDED_LABEL)
        return str(STATUS_LABELS.get(status, status))

    @property
    def tier_display(self) -> str:
        return str(rules.TIER_LABELS.get(self.tier, self.tier))

    @property
    def is_serving(self) -> bool:
        return self.status == self.Status.ACTIVE and not rules.term_ended(
            self.status, self.term_ends_on, timezone.localdate()
        )

    @property
    def full_name(self) -> str:
        return f"{titled_first_name(self.title_display, self.first_name)} {self.last_name}"

    def name_parts(self) -> tuple[str, str]:
        """(title and first name, last name): the two pieces a name may wrap between (core.people.name_html)."""
        return titled_first_name(self.title_display, self.first_name), self.last_name

    @property
    def full_name_en(self) -> str:
        return f"{self.first_name_en} {self.last_name_en}".strip()

    @property
    def address(self) -> str:
        """House number, village and place in the Thai order: 12/3 หมู่ที่ 4 บ้านสบตุ๋ย ตำบลสบตุ๋ย อำเภอเมืองลำปาง ..."""
        parts = [self.house_no.strip()]
        if self.village_no:
            parts.append(f"{gettext('หมู่ที่')} {self.village_no}")
        parts += [thai.village_display(self.village_name), self.subdistrict.full_name]
        return " ".join(part for part in parts if part)

    @property
    def phone_display(self) -> str:
        return format_thai_phone(self.phone)

    @property
    def age(self) -> int | None:
        if not self.birth_date:
            return None
        today = timezone.localdate()
        return (
            today.year
            - self.birth_date.year
            - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
        )

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def allowed_next_statuses(self) -> list[str]:
        return rules.allowed_next_statuses(self.status)

    def clean(self):
        errors = {}
        if self.national_id:
            error = thai.national_id_error(self.national_id)
            if error:
                errors["national_id"] = error
        if self.phone:
            error = thai_phone_error(self.phone)
            if error:
                errors["phone"] = error
        error = rules.birth_date_error(self.birth_date) or rules.appointment_age_error(
            self.birth_date, self.appointed_on
        )
        if error:
            errors["birth_date"] = error
        today = timezone.localdate()
        if error := rules.appointment_date_error(self.appointed_on, today):
            errors["appointed_on"] = error
        if error := rules.village_no_error(self.village_no):
            errors["village_no"] = error
        if error := rules.consent_date_error(self.consent_recorded_on, today):
            errors["consent_recorded_on"] = error
        if self.title == self.Title.OTHER and not self.title_other:
            errors["title_other"] = gettext("กรุณาระบุคำนำหน้า เมื่อเลือก “อื่น ๆ”")
        if self.mentor_id and self.subdistrict_id and self.mentor.province_id != self.subdistrict.province_id:
            errors["mentor"] = gettext("พี่เลี้ยงต้องสังกัดหน่วยงานในจังหวัดเดียวกับอาสาสมัคร")
        elif self.mentor_id and (error := rules.mentor_ended_error(self.mentor)):
            errors["mentor"] = error
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.subdistrict_id:
            self.province_id = self.subdistrict.province_id
        super().save(*args, **kwargs)


class StatusChange(models.Model):
    """One step of a volunteer's lifecycle: when, why and by whom."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("สถานะเดิม"), max_length=12, choices=Volunteer.Status.choices, blank=True)
    to_status = models.CharField(_("สถานะใหม่"), max_length=12, choices=Volunteer.Status.choices)
    changed_on = models.DateField(_("วันที่มีผล"))
    reason = models.TextField(_("เหตุผล"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้บันทึก")
    )
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded_at"]
        verbose_name = _("การเปลี่ยนสถานะ")
        verbose_name_plural = pgettext_lazy("plural", "การเปลี่ยนสถานะ")

    def __str__(self):
        return f"{self.volunteer}: {self.get_to_status_display()} ({self.changed_on})"


@pghistory.track(insert_event(), pghistory.UpdateEvent(condition=pghistory.AnyChange()), pghistory.DeleteEvent())
class Term(models.Model):
    """One term of office: an appointment order, its first and last day. A re-appointment is a new Term; the old ones
    stay as the volunteer's record."""

    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.CASCADE,
        related_name="terms",
        verbose_name=_("อาสาสมัคร"),
        db_index=False,  # the first column of term_volunteer_start
    )
    order_no = models.CharField(_("เลขที่คำสั่งแต่งตั้ง"), max_length=100, blank=True)
    starts_on = models.DateField(_("วันเริ่มวาระ"))
    ends_on = models.DateField(_("วันสิ้นสุดวาระ"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้บันทึก")
    )
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["volunteer", "-starts_on"]
        # The plain message is the heading of a volunteer's terms (plural in English).
        verbose_name = pgettext_lazy("singular", "วาระการดำรงตำแหน่ง")
        verbose_name_plural = pgettext_lazy("plural", "วาระการดำรงตำแหน่ง")
        indexes = [models.Index(fields=["volunteer", "starts_on"], name="term_volunteer_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="term_ends_after_start",
                violation_error_message=_("วันสิ้นสุดวาระต้องอยู่หลังวันเริ่มวาระ"),
            ),
        ]
        # Two terms of one person never overlap, whichever door wrote them (the services check first, in Thai): the
        # database refuses it by the statement triggers of migration 0015 (term_no_overlap; their function is
        # 0017's), not by an exclusion constraint, whose GiST index made 100,000 imported first terms 2 s slower than
        # the rest of their write.

    def __str__(self):
        return f"{self.volunteer_id}: {self.starts_on} – {self.ends_on}"

    @property
    def has_ended(self) -> bool:
        return self.ends_on < timezone.localdate()


TITLE_LABELS = dict(Volunteer.Title.choices)
STATUS_LABELS = rules.STATUS_LABELS
