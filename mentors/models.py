"""Mentor officers (พี่เลี้ยง อสร.): Ministry officers in a province who coach a group of volunteers."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import ProvinceScopedQuerySet
from core.bulk_history import insert_event, update_event
from core.people import titled_first_name
from core.phone import format_thai_phone, thai_phone_error
from core.thai import thai_sort_field


class MentorQuerySet(ProvinceScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_volunteer_counts(self):
        """Each mentor's volunteers, all and active, counted per mentor in the (mentor, status) index: a page of
        mentors reads only their index entries instead of the whole province's volunteers."""
        from django.db.models import Count, IntegerField, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        # The volunteers app depends on this one (a volunteer has a mentor), not the other way: the model comes
        # from the relation.
        Volunteer = self.model._meta.get_field("volunteers").related_model

        def count(**only):
            per_mentor = Volunteer.objects.filter(mentor=OuterRef("pk"), **only).order_by().values("mentor")
            return Coalesce(Subquery(per_mentor.annotate(n=Count("*")).values("n"), output_field=IntegerField()), 0)

        return self.annotate(volunteer_count=count(), active_volunteer_count=count(status="active"))


# The edit counter says nothing to a reader of the history, and a save that changes nothing else is no event.
UNTRACKED = ["version", "first_name_sort", "last_name_sort"]


@pghistory.track(
    insert_event(),
    update_event(exclude=UNTRACKED),
    pghistory.DeleteEvent(),
    exclude=UNTRACKED,
)
class Mentor(models.Model):
    title = models.CharField(_("คำนำหน้า"), max_length=40, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    # Thai dictionary order (core.thai.thai_sort_key), filled by PostgreSQL on every write.
    first_name_sort = thai_sort_field("first_name", 100)
    last_name_sort = thai_sort_field("last_name", 100)
    national_id = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, unique=True, null=True, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "provinces.Agency", on_delete=models.PROTECT, related_name="mentors", verbose_name=_("หน่วยงาน")
    )
    # Always the agency's province; kept on the row so that scoping needs no join.
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        related_name="mentors",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of the (province, …) indexes below
    )
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    is_active = models.BooleanField(_("ยังปฏิบัติหน้าที่"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit form carries the version it was opened at, and the save is refused if it moved on.
    version = models.PositiveIntegerField(_("รุ่นของข้อมูล"), default=0, editable=False)

    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["first_name_sort", "last_name_sort"]
        verbose_name = _("พี่เลี้ยงอาสาสมัครแรงงาน")
        verbose_name_plural = _("พี่เลี้ยงอาสาสมัครแรงงาน")
        indexes = [models.Index(fields=["province", "is_active"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{titled_first_name(self.title, self.first_name)} {self.last_name}".strip()

    def name_parts(self) -> tuple[str, str]:
        """(title and first name, last name): the two pieces a name may wrap between (core.people.name_html)."""
        return titled_first_name(self.title, self.first_name), self.last_name

    @property
    def phone_display(self) -> str:
        return format_thai_phone(self.phone)

    def clean(self):
        from core import thai

        errors = {}
        if self.national_id:
            error = thai.national_id_error(self.national_id)
            if error:
                errors["national_id"] = error
        if self.phone:
            error = thai_phone_error(self.phone)
            if error:
                errors["phone"] = error
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The province follows the agency, so a mentor can never sit in one province and be counted in another.
        if self.agency_id:
            self.province_id = self.agency.province_id
        moved = (
            self.pk is not None
            and Mentor.objects.across_provinces("this mentor's own row: did the save move it to another province")
            .filter(pk=self.pk)
            .exclude(province_id=self.province_id)
            .exists()
        )
        super().save(*args, **kwargs)
        if moved:
            # Moved to another province's agency (the admin site allows it): their volunteers stay in their own
            # province, left without a mentor as a volunteer who moves is; otherwise the mentor's page would list
            # them to the officers of the new province.
            self.volunteers.exclude(province_id=self.province_id).update(
                mentor=None, updated_at=timezone.now(), version=models.F("version") + 1
            )
