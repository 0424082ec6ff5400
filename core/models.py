"""The audit record: who did what that matters under PDPA, when and from where."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("เข้าสู่ระบบ")
        LOGIN_FAILED = "login_failed", _("เข้าสู่ระบบไม่สำเร็จ")
        LOGOUT = "logout", _("ออกจากระบบ")
        REFUSED = "refused", _("ถูกปฏิเสธการเข้าถึง")
        VIEW_NATIONAL_ID = "view_national_id", _("ดูเลขประจำตัวประชาชนเต็ม")
        IMPORT = "import", _("นำเข้าข้อมูล")
        EXPORT = "export", _("ส่งออกข้อมูล")
        MOVE_PROVINCE = "move_province", _("ย้ายจังหวัด")
        API_TOKEN_CREATED = "api_token_created", _("สร้างโทเค็น API")
        API_TOKEN_REVOKED = "api_token_revoked", _("เพิกถอนโทเค็น API")
        PASSWORD_CHANGED = "password_changed", _("เปลี่ยนรหัสผ่าน")

    at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ใช้"),
    )
    username = models.CharField(_("ชื่อผู้ใช้"), max_length=150, blank=True)
    action = models.CharField(_("การกระทำ"), max_length=24, choices=Action.choices, db_index=True)
    ip_address = models.GenericIPAddressField(_("ที่อยู่ IP"), null=True, blank=True)
    path = models.CharField(_("หน้า"), max_length=500, blank=True)
    object_type = models.CharField(_("ประเภทข้อมูล"), max_length=100, blank=True)
    object_id = models.CharField(_("รหัสข้อมูล"), max_length=64, blank=True)
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("จังหวัด"),
    )
    detail = models.JSONField(_("รายละเอียด"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("บันทึกการใช้งาน")
        verbose_name_plural = pgettext_lazy("plural", "บันทึกการใช้งาน")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
