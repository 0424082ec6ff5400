from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The roles are defined once, in accounts.scope, next to the rules that use them.
from accounts.scope import AGENCY_STAFF, PROVINCE_BOUND_ROLES, PROVINCE_ROLES, Role

__all__ = ["PROVINCE_ROLES", "Role", "StaffProfile"]


class StaffProfile(models.Model):
    """Ties a staff account to its role and, for province and agency staff, to its province (and agency)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    role = models.CharField(_("บทบาท"), max_length=16, choices=Role.choices)
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("จังหวัด"),
    )
    # Agency staff only: the Ministry office whose referred cases they see and update.
    agency = models.ForeignKey(
        "provinces.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("หน่วยงาน"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("ข้อมูลเจ้าหน้าที่")
        verbose_name_plural = pgettext_lazy("plural", "ข้อมูลเจ้าหน้าที่")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(PROVINCE_BOUND_ROLES)) | models.Q(province__isnull=False),
                name="province_staff_have_a_province",
                violation_error_message=_("ผู้ใช้ในบทบาทนี้ต้องระบุจังหวัดที่สังกัด"),
            ),
            models.CheckConstraint(
                condition=models.Q(role=AGENCY_STAFF, agency__isnull=False)
                | (~models.Q(role=AGENCY_STAFF) & models.Q(agency__isnull=True)),
                name="agency_staff_have_an_agency",
                violation_error_message=_("เจ้าหน้าที่หน่วยงานต้องระบุหน่วยงานที่สังกัด และผู้ใช้ในบทบาทอื่นต้องไม่ระบุหน่วยงาน"),
            ),
        ]

    def __str__(self):
        return f"{self.user.get_username()} ({self.get_role_display()})"

    def clean(self):
        if self.role == AGENCY_STAFF:
            if not self.agency_id:
                raise ValidationError({"agency": _("เจ้าหน้าที่หน่วยงานต้องระบุหน่วยงานที่สังกัด")})
            agency = self.agency
            assert agency is not None  # agency_id is set
            if self.province_id and self.province_id != agency.province_id:
                raise ValidationError({"agency": _("หน่วยงานที่เลือกไม่อยู่ในจังหวัดของเจ้าหน้าที่ กรุณาเลือกหน่วยงานในจังหวัดเดียวกัน")})
            self.province_id = agency.province_id
        else:
            self.agency = None
        if self.role in PROVINCE_BOUND_ROLES and not self.province_id:
            raise ValidationError({"province": _("เจ้าหน้าที่ระดับจังหวัดต้องระบุจังหวัด")})
        if self.role not in PROVINCE_BOUND_ROLES:
            self.province = None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from accounts.roles import apply_role

        apply_role(self.user, self.role)
