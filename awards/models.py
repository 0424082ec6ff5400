"""Outstanding volunteers (อสร. ดีเด่น): a province nominates with a citation each fiscal year, HQ selects."""

import secrets

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.scope import ProvinceScopedQuerySet
from core import thai
from volunteers.rules import PROGRAMME_BEGAN, before_programme_error

CITATION_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 500
# No award is older than the programme: the first is of the fiscal year in which it began (2548).
FIRST_FISCAL_YEAR = thai.fiscal_year(PROGRAMME_BEGAN)
BE_YEAR_MESSAGE = _("ปีงบประมาณต้องเป็นปี พ.ศ.")


def fiscal_year_error(fiscal_year: int | None) -> str | None:
    """None unless `fiscal_year` (BE) ended before the programme began (volunteers.rules.before_programme_error)."""
    if fiscal_year is None or fiscal_year >= FIRST_FISCAL_YEAR:
        return None
    try:
        last_day = thai.fiscal_year_bounds(fiscal_year)[1]
    except ValueError:  # before the calendar's first year: no year in either era
        return str(BE_YEAR_MESSAGE)
    return before_programme_error(last_day, what=gettext("ปีงบประมาณ พ.ศ. %(year)s ซึ่งสิ้นสุดวันที่") % {"year": fiscal_year})


def _new_verification_code() -> str:
    # The certificate's QR code is public: this code, not the row's id, is what it carries.
    return secrets.token_urlsafe(16)


class NominationQuerySet(ProvinceScopedQuerySet):
    def of_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def current(self):
        """Nominations that count: all but those the province withdrew."""
        return self.exclude(status=Nomination.Status.WITHDRAWN)

    def selected(self):
        return self.filter(status=Nomination.Status.SELECTED)

    def awaiting_review(self):
        return self.filter(status=Nomination.Status.NOMINATED)

    def for_list(self):
        return self.select_related(
            "volunteer__subdistrict__district", "province__region", "nominated_by", "reviewed_by"
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(condition=pghistory.AnyChange()), pghistory.DeleteEvent()
)
class Nomination(models.Model):
    """One volunteer put forward by their province for one fiscal year's award, and HQ's decision on it."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("เสนอชื่อ")
        SELECTED = "selected", _("ได้รับคัดเลือก")
        DECLINED = "declined", _("ไม่ได้รับคัดเลือก")
        WITHDRAWN = "withdrawn", _("ถอนการเสนอชื่อ")

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("อาสาสมัคร")
    )
    # Always the volunteer's province at the time of nomination (set in save()); kept for scoping without a join,
    # and so that an award stays with the province that nominated even if the volunteer moves later.
    province = models.ForeignKey(
        "provinces.Province", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("จังหวัด")
    )
    citation = models.TextField(_("ผลงานโดยสังเขป"), max_length=CITATION_MAX_LENGTH)
    status = models.CharField(_("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOMINATED)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เสนอชื่อ"),
    )
    nominated_at = models.DateTimeField(_("เสนอชื่อเมื่อ"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้พิจารณา"),
    )
    reviewed_at = models.DateTimeField(_("พิจารณาเมื่อ"), null=True, blank=True)
    review_note = models.TextField(_("หมายเหตุการพิจารณา"), max_length=NOTE_MAX_LENGTH, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ถอนการเสนอชื่อ"),
    )
    withdrawn_at = models.DateTimeField(_("ถอนเมื่อ"), null=True, blank=True)
    verification_code = models.CharField(
        _("รหัสตรวจสอบเกียรติบัตร"), max_length=32, unique=True, default=_new_verification_code, editable=False
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "province", "nominated_at"]
        # The plain message is the list page's name (plural in English).
        verbose_name = pgettext_lazy("singular", "การเสนอชื่ออาสาสมัครแรงงานดีเด่น")
        verbose_name_plural = pgettext_lazy("plural", "การเสนอชื่ออาสาสมัครแรงงานดีเด่น")
        indexes = [models.Index(fields=["fiscal_year", "province", "status"], name="nomination_year_prov_status")]
        constraints = [
            # A withdrawn nomination is kept as a record, and the province may put the same person forward again.
            models.UniqueConstraint(
                fields=["fiscal_year", "volunteer"],
                condition=~Q(status="withdrawn"),
                name="one_nomination_per_volunteer_per_year",
                violation_error_message=_("อาสาสมัครคนนี้ได้รับการเสนอชื่อในปีงบประมาณนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR) & Q(fiscal_year__lte=2700),
                name="nomination_fiscal_year_be",
                violation_error_message=BE_YEAR_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} ({self.get_status_display()} ปีงบประมาณ {self.fiscal_year})"

    @property
    def is_awaiting_review(self) -> bool:
        return self.status == self.Status.NOMINATED

    @property
    def is_selected(self) -> bool:
        return self.status == self.Status.SELECTED

    def clean(self):
        # Before the database's check (nomination_fiscal_year_be), whose message cannot say which rule was broken.
        if error := fiscal_year_error(self.fiscal_year):
            raise ValidationError({"fiscal_year": error})

    def save(self, *args, **kwargs):
        if self.volunteer_id and not self.province_id:
            self.province_id = self.volunteer.province_id
        super().save(*args, **kwargs)
