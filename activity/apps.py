from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("รายงานผลการปฏิบัติงานของ อสร.")

    def ready(self):
        from activity.kinds import forget_need_names
        from activity.models import WorkKind
        from activity.status_checks import months_reported_while_out
        from volunteers import recorded_work

        post_save.connect(forget_need_names, sender=WorkKind, dispatch_uid="activity.forget_need_names.save")
        post_delete.connect(forget_need_names, sender=WorkKind, dispatch_uid="activity.forget_need_names.delete")
        recorded_work.register(months_reported_while_out)
