"""Mentor officers (พี่เลี้ยง อสร.): Ministry officers in a province who coach a group of volunteers."""

from dataclasses import dataclass

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scope import ProvinceScopedQuerySet
from core.bulk_history import insert_event, update_event
from core.people import titled_first_name
from core.phone import format_thai_phone, thai_phone_error
from core.thai import thai_sort_field


class MentorQuerySet(ProvinceScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_volunteer_counts(self):
        """Each mentor's volunteers, all and serving (`active_volunteer_count`: Volunteer.objects.serving(), active
        and in a term that has not ended, as every page counts them), counted per mentor through the (mentor, status)
        index: a page of mentors reads only their own volunteers instead of the whole province's."""
        from django.db.models import Count, IntegerField, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        # The volunteers app depends on this one (a volunteer has a mentor), not the other way: the model comes
        # from the relation.
        Volunteer = self.model._meta.get_field("volunteers").related_model

        def count(volunteers):
            per_mentor = volunteers.filter(mentor=OuterRef("pk")).order_by().values("mentor")
            return Coalesce(Subquery(per_mentor.annotate(n=Count("*")).values("n"), output_field=IntegerField()), 0)

        return self.annotate(
            volunteer_count=count(Volunteer.objects.all()), active_volunteer_count=count(Volunteer.objects.serving())
        )

    def release_volunteers(self) -> "Released":
        """Leave without a mentor every volunteer these mentors may no longer have: all of an ended mentor's (a mentor
        officer who retires or moves), and those of another province than the mentor's (the admin site may give a
        mentor another province's agency; the volunteers stay in theirs). They then count as without a mentor and are
        offered for assignment to another. pghistory's trigger records each volunteer's former mentor.

        Every door that ends or moves a mentor comes here: Mentor.save (the pages, the API, the admin site and its
        file import), and a writer that updates mentors in SQL (the staff roster import) must call it after."""
        Volunteer = self.model._meta.get_field("volunteers").related_model
        left = Volunteer.objects.across_provinces("the volunteers of mentors just ended or moved").filter(
            Q(mentor__is_active=False) | ~Q(province_id=F("mentor__province_id")), mentor__in=self.values("pk")
        )
        with transaction.atomic():
            # Locked, so that the rows counted are the rows released.
            rows = list(
                left.select_for_update(of=("self",))
                .order_by("pk")
                .values_list("pk", "status", "subdistrict__district_id", named=True)
            )
            if rows:
                Volunteer.objects.across_provinces("the rows just locked").filter(pk__in=[r.pk for r in rows]).update(
                    mentor=None, updated_at=timezone.now(), version=F("version") + 1
                )
        active = [r for r in rows if r.status == Volunteer.Status.ACTIVE]
        return Released(
            total=len(rows), active=len(active), districts=frozenset(r.subdistrict__district_id for r in active)
        )


@dataclass(frozen=True)
class Released:
    """What a mentor's save left without a mentor: how many volunteers, how many of them active (they need a new
    mentor), and the districts of those."""

    total: int = 0
    active: int = 0
    districts: frozenset[int] = frozenset()


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
    # Set by save(): the volunteers it left without a mentor.
    released = Released()

    class Meta:
        ordering = ["first_name_sort", "last_name_sort"]
        # The plain message is the app's and the list page's name (plural in English).
        verbose_name = pgettext_lazy("singular", "พี่เลี้ยงอาสาสมัครแรงงาน")
        verbose_name_plural = pgettext_lazy("plural", "พี่เลี้ยงอาสาสมัครแรงงาน")
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
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if not adding:
                # Ended, or moved to another province's agency: their volunteers are left without a mentor in the
                # same transaction, whichever door saved. An active mentor's save finds none, through the
                # (mentor, status) index.
                self.released = (
                    Mentor.objects.across_provinces("this mentor's own row").filter(pk=self.pk).release_volunteers()
                )
