from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import scope


class Role(models.TextChoices):
    PROVINCE_OFFICER = scope.OFFICER, _("เจ้าหน้าที่สำนักงานแรงงานจังหวัด")
    PROVINCE_VIEWER = scope.VIEWER, _("ผู้ดูข้อมูลระดับจังหวัด")
    HQ_ANALYST = scope.HQ, _("เจ้าหน้าที่ส่วนกลาง (ดูข้อมูลทุกจังหวัด)")
    HQ_OFFICER = scope.HQ_OFFICER, _("เจ้าหน้าที่ส่วนกลาง (จัดการกิจกรรมระดับประเทศ)")
    ADMINISTRATOR = scope.ADMIN, _("ผู้ดูแลระบบ")


PROVINCE_ROLES = {Role.PROVINCE_OFFICER, Role.PROVINCE_VIEWER}


class StaffProfile(models.Model):
    """Ties a staff account to its role and, for province staff, to its province."""

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
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("ข้อมูลเจ้าหน้าที่")
        verbose_name_plural = _("ข้อมูลเจ้าหน้าที่")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=[scope.OFFICER, scope.VIEWER]) | models.Q(province__isnull=False),
                name="province_staff_have_a_province",
            )
        ]

    def __str__(self):
        return f"{self.user.get_username()} ({self.get_role_display()})"

    def clean(self):
        if self.role in PROVINCE_ROLES and not self.province_id:
            raise ValidationError({"province": _("เจ้าหน้าที่ระดับจังหวัดต้องระบุจังหวัด")})
        if self.role not in PROVINCE_ROLES:
            self.province = None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from accounts.roles import apply_role

        apply_role(self.user, self.role)
