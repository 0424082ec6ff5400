from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("บัญชีผู้ใช้และบทบาท")

    def ready(self):
        from accounts import signals
        from accounts.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")
        signals.connect()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin site, behind the portal's own login and its second factor."""

    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
