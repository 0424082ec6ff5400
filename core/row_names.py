"""The other apps' rows and the permissions as the admin names them, in Thai: the rows' own names are English
("Attempted Access: 2026-12-05 ...", "Events object (...)", "DBTaskResult object (...)") and not translatable.

CoreConfig.ready() sets the rows' names on their models' __str__, once every app is loaded; in English mode each name
reads as its English in core/locale/en (the msgids are the Thai), with dates in CE."""

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core import history
from core.templatetags.thai import be_datetime

# The history's actions: the project's own labels of a tracked model's events besides insert, update and delete.
EVENT_LABELS = {**history.LABELS, "quota_change": pgettext_lazy("history", "เปลี่ยนโควตา")}

# The background tasks by what they do, by their path (the task's module and function). A task not here is named by
# its function.
TASK_NAMES = {
    "rosters.tasks.check_import": _("ตรวจไฟล์รายชื่อที่อัปโหลดเพื่อนำเข้า"),
    "rosters.tasks.run_import": _("บันทึกรายชื่อที่ยืนยันนำเข้า"),
    "trainings.tasks.make_certificates": _("สร้างไฟล์เกียรติบัตรทั้งชุด"),
    "cases.tasks.erase_personal_data": _("ลบข้อมูลส่วนบุคคลของเรื่องส่งต่อที่ปิดครบกำหนด"),
}

PERMISSION_ACTIONS = {
    "add": _("เพิ่ม%(model)s"),
    "change": _("แก้ไข%(model)s"),
    "delete": _("ลบ%(model)s"),
    "view": _("ดู%(model)s"),
}


def permission_label(permission) -> str:
    """`อาสาสมัครแรงงาน | แก้ไขอาสาสมัครแรงงาน` (in English `Labour volunteers | Can change labour volunteer`): the
    names Django stored when it created the permissions are in the language of that moment, Thai or English."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and model_name == opts.model_name:
        return f"{opts.app_config.verbose_name} | {PERMISSION_ACTIONS[action] % {'model': opts.verbose_name}}"
    return f"{opts.app_config.verbose_name} | {permission.name}"


def tracked_model(event):
    """The model whose row a history event records, or None for a model no longer there."""
    try:
        return apps.get_model(event.pgh_obj_model)
    except (LookupError, ValueError):
        return None


def task_title(result) -> str:
    """A background task by what it does (ตรวจไฟล์รายชื่อที่อัปโหลดเพื่อนำเข้า), else by its function (check_import).
    From the stored path: the task's module is not imported for its name."""
    name = TASK_NAMES.get(result.task_path)
    return str(name) if name else result.task_path.rpartition(".")[2]


def _task_result_name(result) -> str:
    return gettext("%(task)s (%(status)s) เข้าคิวเมื่อ %(when)s") % {
        "task": task_title(result),
        "status": result.get_status_display(),
        "when": be_datetime(result.enqueued_at),
    }


def _joined_rows(row) -> str:
    """A row Django makes to join two (a user and a group): "admin – ผู้ดูแลระบบ", not "User_groups object (3)"."""
    from django.contrib.auth.models import Permission

    ends = [getattr(row, field.name) for field in row._meta.fields if field.is_relation]
    return " – ".join(permission_label(end) if isinstance(end, Permission) else str(end) for end in ends)


def _login_row_name(text: str) -> Callable[[Any], str]:
    """axes' rows of a login (an attempt kept, a log entry, a failure) named by `text` (a msgid) with who and when."""

    def name(row) -> str:
        return gettext(text) % {"username": row.username, "when": be_datetime(row.attempt_time)}

    return name


def _history_event_name(event) -> str:
    model = tracked_model(event)
    # In English the model's name (lower case) starts the line: "Training event 12: changed at ...".
    return capfirst(
        gettext("%(action)s %(kind)s %(pk)s เมื่อ %(when)s")
        % {
            "action": str(EVENT_LABELS.get(event.pgh_label, event.pgh_label)),
            "kind": model._meta.verbose_name if model else event.pgh_obj_model,
            "pk": event.pgh_obj_id,
            "when": be_datetime(event.pgh_created_at),
        }
    )


def name_other_apps_rows_in_thai() -> None:
    """Names the rows as the admin's titles, breadcrumbs and deletion pages show them. Run from CoreConfig.ready():
    the models of every app, and the rows Django makes to join two, are loaded by then."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult
    from pghistory import models as pghistory_models

    names: dict[Any, Callable[[Any], str]] = {
        AccessAttempt: _login_row_name(gettext_noop("การเข้าสู่ระบบที่ผิดพลาดของ %(username)s ล่าสุดเมื่อ %(when)s")),
        AccessLog: _login_row_name(gettext_noop("การเข้าสู่ระบบของ %(username)s เมื่อ %(when)s")),
        AccessFailureLog: _login_row_name(gettext_noop("การเข้าสู่ระบบที่ล้มเหลวของ %(username)s เมื่อ %(when)s")),
        pghistory_models.Events: _history_event_name,
        DBTaskResult: _task_result_name,
    }
    names.update(
        {model: _joined_rows for model in apps.get_models(include_auto_created=True) if model._meta.auto_created}
    )
    for model, name in names.items():
        model.__str__ = name
