"""Cases of "spot, screen, refer" (ชี้เป้า คัดกรอง ส่งต่อ, issue 15): a person in need a volunteer spotted, what they
need, the agency of the province they were referred to, and how far the agency got.

Personal data is kept to the minimum (PDPA): the person's name and contact are optional, a national ID only when the
referral needs one, and all three are erased CASE_PERSONAL_DATA_DAYS after the case closed (cases.services); the row
stays, so every count stays. The history (pghistory) never records those three fields, so erasing them on the case
leaves no copy behind.

A case flagged as suspected forced labour or trafficking is seen only by the province's anti-trafficking officer,
HQ and administrators (accounts.scope.FLAGGED_CASE_READERS): `visible_to` leaves it out for everyone else, the
agency it was referred to included.
"""

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scope import (
    ADMIN,
    AGENCY_STAFF,
    ANTI_TRAFFICKING,
    NATIONAL_ROLES,
    OFFICER,
    VIEWER,
    ProvinceScopedQuerySet,
    home_agency_id,
    home_province_id,
    role_of,
)
from activity.kinds import need_names
from core import thai
from core.people import page_in_thai

PERSONAL_FIELDS = ("person_name", "person_contact", "national_id")


class Status(models.TextChoices):
    REFERRED = "referred", _("ส่งต่อแล้ว")
    ACCEPTED = "accepted", _("รับเรื่องแล้ว")
    DONE = "done", _("ดำเนินการเสร็จ")
    NOT_REFERABLE = "not_referable", _("ส่งต่อไม่ได้")


OPEN_STATUSES = (Status.REFERRED, Status.ACCEPTED)
CLOSED_STATUSES = (Status.DONE, Status.NOT_REFERABLE)
# The steps a case may take from each status; nothing goes back, and a closed case stays closed.
NEXT_STATUSES = {
    Status.REFERRED: (Status.ACCEPTED, Status.NOT_REFERABLE),
    Status.ACCEPTED: (Status.DONE, Status.NOT_REFERABLE),
    Status.DONE: (),
    Status.NOT_REFERABLE: (),
}


def overdue_cutoff(today: dt.date) -> dt.date:
    """A case still open that was referred before this day is overdue (open longer than CASE_OVERDUE_DAYS)."""
    return today - dt.timedelta(days=settings.CASE_OVERDUE_DAYS)


class CaseQuerySet(ProvinceScopedQuerySet):
    def visible_to(self, user):
        """Flagged cases: the province's anti-trafficking officer, HQ and administrators only. Agency staff: the
        cases referred to their agency. Officers and viewers: their province's cases that are not flagged."""
        role = role_of(user)
        if role in NATIONAL_ROLES:
            return self.all()
        province_id = home_province_id(user)
        if province_id is None:
            return self.none()
        if role == ANTI_TRAFFICKING:
            return self.in_province(province_id)
        if role in (OFFICER, VIEWER):
            return self.in_province(province_id).filter(flagged=False)
        if role == AGENCY_STAFF:
            return self.in_province(province_id).filter(agency_id=home_agency_id(user), flagged=False)
        return self.none()

    def editable_by(self, user):
        """Who records a case's steps: officers (not flagged cases), the anti-trafficking officer of the province,
        administrators, and the staff of the agency it was referred to (the status only: no other page writes)."""
        role = role_of(user)
        if role == ADMIN:
            return self.all()
        province_id = home_province_id(user)
        if province_id is None:
            return self.none()
        if role == ANTI_TRAFFICKING:
            return self.in_province(province_id)
        if role == OFFICER:
            return self.in_province(province_id).filter(flagged=False)
        if role == AGENCY_STAFF:
            return self.in_province(province_id).filter(agency_id=home_agency_id(user), flagged=False)
        return self.none()

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(referred_on__lt=overdue_cutoff(today))

    def for_list(self):
        return self.select_related("volunteer", "subdistrict__district", "agency", "province")


def place_errors(*, province, agency, subdistrict, volunteer=None) -> dict:
    """The volunteer who spotted a case, the agency it is referred to and the subdistrict where it was spotted are of
    the case's province: the case pages, the API and the admin refuse them otherwise, with these messages."""
    errors = {}
    in_thai = page_in_thai()
    # Places by their names in the reader's language (ลำปาง, Lampang); an agency's name is Thai only.
    province_name = province.name_th if in_thai else (province.name_en or province.name_th)
    if volunteer is not None and volunteer.province_id != province.pk:
        theirs = volunteer.province
        errors["volunteer"] = _(
            "%(name)s เป็นอาสาสมัครของจังหวัด%(theirs)s ไม่ใช่จังหวัด%(province)s ของเรื่องนี้ เลือกได้เฉพาะอาสาสมัครของจังหวัดเดียวกัน"
        ) % {
            "name": volunteer.full_name,
            "theirs": theirs.name_th if in_thai else (theirs.name_en or theirs.name_th),
            "province": province_name,
        }
    if agency is not None and agency.province_id != province.pk:
        errors["agency"] = _(
            "หน่วยงาน “%(agency)s” ไม่อยู่ในจังหวัด%(province)s ของเรื่องนี้ เลือกได้เฉพาะหน่วยงานในจังหวัดเดียวกัน"
        ) % {"agency": agency.name_th, "province": province_name}
    if subdistrict is not None and subdistrict.province_id != province.pk:
        errors["subdistrict"] = _("ตำบล/แขวง “%(name)s” ไม่อยู่ในจังหวัด%(province)s ของเรื่องนี้") % {
            "name": subdistrict.name_th if in_thai else (subdistrict.name_en or subdistrict.name_th),
            "province": province_name,
        }
    return errors


# The personal fields are left out of the history, so that erasing them leaves no copy in the event table.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=pghistory.AnyChange(exclude_auto=True)),
    pghistory.DeleteEvent(),
    exclude=list(PERSONAL_FIELDS),
)
class Case(models.Model):
    """A person a volunteer spotted and referred to an agency of the province, with each step's date."""

    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of case_province_status
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, related_name="cases", verbose_name=_("อาสาสมัครผู้พบ")
    )
    spotted_on = models.DateField(_("วันที่พบ"))
    subdistrict = models.ForeignKey(
        "provinces.Subdistrict", on_delete=models.PROTECT, related_name="cases", verbose_name=_("ตำบล/แขวง")
    )
    # Codes of the monthly report's kinds of work (activity.WorkKind.code), the ones named as a need.
    needs = ArrayField(models.CharField(max_length=40), verbose_name=_("สิ่งที่ต้องการ"), default=list)
    agency = models.ForeignKey(
        "provinces.Agency",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("หน่วยงานที่ส่งต่อ"),
        db_index=False,  # the first column of case_agency_status
    )
    flagged = models.BooleanField(_("สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์"), default=False)

    person_name = models.CharField(_("ชื่อผู้รับบริการ"), max_length=200, blank=True)
    person_contact = models.CharField(_("ช่องทางติดต่อ"), max_length=200, blank=True)
    national_id_needed = models.BooleanField(_("จำเป็นต้องใช้เลขประจำตัวประชาชนในการส่งต่อ"), default=False)
    national_id = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, blank=True)
    personal_data_erased_on = models.DateField(_("วันที่ลบข้อมูลส่วนบุคคล"), null=True, blank=True)

    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices, default=Status.REFERRED)
    referred_on = models.DateField(_("วันที่ส่งต่อ"))
    accepted_on = models.DateField(_("วันที่รับเรื่อง"), null=True, blank=True)
    closed_on = models.DateField(_("วันที่ปิดเรื่อง"), null=True, blank=True)
    not_referable_reason = models.CharField(_("เหตุผลที่ส่งต่อไม่ได้"), max_length=500, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        # The plain message is the menu's and the list page's name (plural in English).
        verbose_name = pgettext_lazy("singular", "เรื่องส่งต่อ")
        verbose_name_plural = pgettext_lazy("plural", "เรื่องส่งต่อ")
        indexes = [
            models.Index(fields=["province", "status", "referred_on"], name="case_province_status"),
            models.Index(fields=["agency", "status"], name="case_agency_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_id="") | Q(national_id_needed=True),
                name="case_national_id_only_when_needed",
                violation_error_message=_("บันทึกเลขประจำตัวประชาชนได้เฉพาะเรื่องที่จำเป็นต้องใช้เลขประจำตัวประชาชนในการส่งต่อ"),
            ),
            models.CheckConstraint(
                condition=Q(spotted_on__lte=models.F("referred_on")),
                name="case_referred_after_spotted",
                violation_error_message=_("วันที่ส่งต่อต้องไม่ก่อนวันที่พบ"),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=[Status.ACCEPTED, Status.DONE]) & Q(accepted_on__isnull=False))
                | (Q(status__in=[Status.REFERRED, Status.NOT_REFERABLE])),
                name="case_accepted_has_its_date",
                violation_error_message=_("เรื่องที่หน่วยงานรับแล้วหรือดำเนินการเสร็จแล้วต้องมีวันที่รับเรื่อง"),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=CLOSED_STATUSES) & Q(closed_on__isnull=False))
                | (Q(status__in=OPEN_STATUSES) & Q(closed_on__isnull=True)),
                name="case_closed_has_its_date",
                violation_error_message=_("เรื่องที่ปิดแล้วต้องมีวันที่ปิดเรื่อง และเรื่องที่ยังไม่ปิดต้องไม่มีวันที่ปิดเรื่อง"),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NOT_REFERABLE) | ~Q(not_referable_reason=""),
                name="case_not_referable_has_a_reason",
                violation_error_message=_("เรื่องที่ส่งต่อไม่ได้ต้องระบุเหตุผลที่ส่งต่อไม่ได้"),
            ),
        ]

    def clean(self):
        if self.province_id:
            errors = place_errors(
                province=self.province,
                agency=self.agency if self.agency_id else None,
                subdistrict=self.subdistrict if self.subdistrict_id else None,
                volunteer=self.volunteer if self.volunteer_id else None,
            )
            if errors:
                raise ValidationError(errors)

    def __str__(self):
        return gettext("เรื่องส่งต่อ #%(pk)s") % {"pk": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_open(self, today=None) -> int:
        """Days from the referral to the closing day, or to today while open."""
        end = self.closed_on or today or timezone.localdate()
        return (end - self.referred_on).days

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.referred_on < overdue_cutoff(today)

    @property
    def needs_display(self) -> list[str]:
        names = need_names()
        english = (translation.get_language() or "").startswith("en")
        return [names[code][english] if code in names else code for code in self.needs]

    @property
    def masked_national_id(self) -> str:
        return thai.mask_national_id(self.national_id) if self.national_id else ""

    def next_statuses(self) -> tuple:
        return NEXT_STATUSES[Status(self.status)]

    def steps(self) -> list[tuple[str, dt.date | None]]:
        """The status steps with their dates, for the case page: those reached and those still ahead."""
        steps: list[tuple[str, dt.date | None]] = [(str(Status.REFERRED.label), self.referred_on)]
        if self.status != Status.NOT_REFERABLE or self.accepted_on:
            steps.append((str(Status.ACCEPTED.label), self.accepted_on))
        closing = Status.NOT_REFERABLE if self.status == Status.NOT_REFERABLE else Status.DONE
        steps.append((str(closing.label), self.closed_on))
        return steps


class CaseTallyQuerySet(ProvinceScopedQuerySet):
    pass


class CaseTally(models.Model):
    """Cases per province, agency, month of referral and status: kept by the triggers of cases/tallies.py, so the
    province report and the dashboard count referrals without reading the cases. Counts name nobody, so flagged
    cases are counted too."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    agency = models.ForeignKey(
        "provinces.Agency", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices)
    cases = models.IntegerField(default=0)

    objects = CaseTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "agency", "month", "status"], name="cases_tally_key")
        ]

    def __str__(self):
        return f"{self.agency_id} {self.month} {self.status}: {self.cases}"


class CaseDaysTally(models.Model):
    """Cases done per province, month of closing and days from referral to done: a histogram, kept by the same
    triggers, from which the median days to resolve is exact."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    days = models.IntegerField()
    cases = models.IntegerField(default=0)

    objects = CaseTallyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "month", "days"], name="cases_days_tally_key")]

    def __str__(self):
        return f"{self.province_id} {self.month} {self.days}: {self.cases}"


class CaseYearDaysTally(models.Model):
    """Cases done per province, fiscal year of closing (พ.ศ.) and days to done: the dashboard's year medians per
    province, region and nation read a few thousand rows here instead of every month's histogram."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    fiscal_year = models.IntegerField()
    days = models.IntegerField()
    cases = models.IntegerField(default=0)

    objects = CaseTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "fiscal_year", "days"], name="cases_year_days_tally_key")
        ]

    def __str__(self):
        return f"{self.province_id} {self.fiscal_year} {self.days}: {self.cases}"


class CaseNationDaysTally(models.Model):
    """Cases done in the whole country per month of closing and days to done: the dashboard's monthly medians. A
    count of no province names nobody, so it needs no scope."""

    month = models.DateField()
    days = models.IntegerField()
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "days"], name="cases_nation_days_tally_key")]

    def __str__(self):
        return f"{self.month} {self.days}: {self.cases}"
