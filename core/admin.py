"""The admin site in Thai, like the portal: Thai names for the other apps' models, dates typed and shown in พ.ศ.
(the portal's own parser, which also takes a CE year typed by mistake), and history pages in Thai and local time.

Every ModelAdmin of the project derives from PortalModelAdmin (inlines from PortalTabularInline/PortalStackedInline);
the third-party apps' admins are registered again below as Thai subclasses, their models named from the tables here.
Django's own missing Thai (messages, "Show counts") is in locale/th/LC_MESSAGES. In English mode every Thai name and
heading here reads as its English in core/locale/en (the msgids are the Thai), and dates are in CE.

A request altered by hand (an autocomplete field posted as text, an events list asked about an unknown model or a
key that cannot be one, the view-on-site redirect of a row without a page) answers the form's Thai refusal or the
Thai 404 page, not a 500."""

import binascii
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import helpers, widgets
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from pghistory import models as pghistory_models
from pghistory.admin import EventsAdmin
from pghistory.admin import core as pgh_admin

from core import history, thai
from core.forms import ThaiDateField, ThaiDateInput, add_service_errors
from core.models import AuditEvent
from core.people import page_in_thai
from core.row_names import EVENT_LABELS, permission_label, task_title, tracked_model
from core.templatetags.thai import be_datetime

# Names the other apps' models carry in English (or not at all), in Thai, with their English in core's catalogue.
# Set on the models' metadata at start-up: Django's migrations read Meta and field names from what the class
# declared (Options.original_attrs, Field._verbose_name), so this creates no migration in those apps.
APP_NAMES = {
    "axes": _("การป้องกันการเดารหัสผ่าน"),
    "otp_totp": _("การยืนยันตัวตนสองขั้นตอน"),
    "django_tasks_database": _("งานเบื้องหลัง"),
    "pghistory": _("ประวัติการเปลี่ยนแปลงข้อมูล"),
}
# (singular, plural): the plural has a context of its own, as Thai often says both the same way and English does not;
# so has the singular where its plain message names something else too (a field, an app), whose English is a heading
# and starts with a capital, not a model's name, which is lower case mid-sentence.
MODEL_NAMES = {
    "axes.accessattempt": (
        pgettext_lazy("singular", "การเข้าสู่ระบบที่ผิดพลาด"),
        _("การเข้าสู่ระบบที่ผิดพลาด (นับเพื่อล็อก)"),
    ),
    "axes.accesslog": (_("ประวัติการเข้าสู่ระบบ"), pgettext_lazy("plural", "ประวัติการเข้าสู่ระบบ")),
    "axes.accessfailurelog": (_("การเข้าสู่ระบบที่ล้มเหลว"), _("ประวัติการเข้าสู่ระบบที่ล้มเหลว")),
    "axes.accessattemptexpiration": (_("เวลาหมดอายุของการล็อก"), pgettext_lazy("plural", "เวลาหมดอายุของการล็อก")),
    "otp_totp.totpdevice": (_("แอปยืนยันตัวตน (TOTP)"), pgettext_lazy("plural", "แอปยืนยันตัวตน (TOTP)")),
    "django_tasks_database.dbtaskresult": (
        pgettext_lazy("singular", "งานเบื้องหลัง"),
        pgettext_lazy("plural", "งานเบื้องหลัง"),
    ),
    "pghistory.events": (_("ประวัติการเปลี่ยนแปลง"), pgettext_lazy("plural", "ประวัติการเปลี่ยนแปลง")),
    # The project's own models that still lack a Thai name. Their models are being changed in other work (issue 13);
    # these belong in the models' Meta and fields, and leave this table when they get there.
    "trainings.eventday": (_("วันของกิจกรรม"), pgettext_lazy("plural", "วันของกิจกรรม")),
    "trainings.eventtarget": (_("เป้าหมายผู้เข้าร่วม"), pgettext_lazy("plural", "เป้าหมายผู้เข้าร่วม")),
    "trainings.registration": (pgettext_lazy("singular", "การลงทะเบียน"), pgettext_lazy("plural", "การลงทะเบียน")),
    "trainings.attendance": (_("การลงชื่อเข้าร่วม"), pgettext_lazy("plural", "การลงชื่อเข้าร่วม")),
    "volunteers.volunteerevent": (
        _("ประวัติข้อมูลอาสาสมัครแรงงาน"),
        pgettext_lazy("plural", "ประวัติข้อมูลอาสาสมัครแรงงาน"),
    ),
    "mentors.mentorevent": (_("ประวัติข้อมูลพี่เลี้ยง"), pgettext_lazy("plural", "ประวัติข้อมูลพี่เลี้ยง")),
    "pghistory.context": (
        pgettext_lazy("singular", "บริบทของการเปลี่ยนแปลง"),
        pgettext_lazy("plural", "บริบทของการเปลี่ยนแปลง"),
    ),
    "pghistory.middlewareevents": (
        _("ประวัติการเปลี่ยนแปลงพร้อมผู้ทำ"),
        pgettext_lazy("plural", "ประวัติการเปลี่ยนแปลงพร้อมผู้ทำ"),
    ),
    "reports.volunteertally": (
        _("ยอดอาสาสมัครแรงงาน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดอาสาสมัครแรงงาน (สรุปสำหรับรายงาน)"),
    ),
    "reports.leaveryear": (
        _("ผู้พ้นสภาพรายปี (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ผู้พ้นสภาพรายปี (สรุปสำหรับรายงาน)"),
    ),
    "reports.leavertally": (
        _("ยอดผู้พ้นสภาพ (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดผู้พ้นสภาพ (สรุปสำหรับรายงาน)"),
    ),
    "reports.trainingtally": (
        _("ยอดผู้เข้าอบรม (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดผู้เข้าอบรม (สรุปสำหรับรายงาน)"),
    ),
    "reports.trainingprovincetally": (
        _("ยอดผู้เข้าอบรมรายจังหวัด (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดผู้เข้าอบรมรายจังหวัด (สรุปสำหรับรายงาน)"),
    ),
    "reports.volunteeryeartally": (
        _("ยอดอาสาสมัครแรงงานรายปี (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดอาสาสมัครแรงงานรายปี (สรุปสำหรับรายงาน)"),
    ),
    "reports.volunteertermtally": (
        _("ยอดอาสาสมัครแรงงานที่วาระสิ้นสุดในปี (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดอาสาสมัครแรงงานที่วาระสิ้นสุดในปี (สรุปสำหรับรายงาน)"),
    ),
    "reports.eventtally": (
        _("ยอดกิจกรรม (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดกิจกรรม (สรุปสำหรับรายงาน)"),
    ),
    "reports.provincekindtally": (
        _("ยอดผลการปฏิบัติงานรายจังหวัดตามประเภทงาน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดผลการปฏิบัติงานรายจังหวัดตามประเภทงาน (สรุปสำหรับรายงาน)"),
    ),
    "reports.deletion": (
        _("การลบข้อมูลที่รายงานนับ (สำหรับรายงาน)"),
        pgettext_lazy("plural", "การลบข้อมูลที่รายงานนับ (สำหรับรายงาน)"),
    ),
    "cases.casetally": (
        _("ยอดเรื่องส่งต่อ (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดเรื่องส่งต่อ (สรุปสำหรับรายงาน)"),
    ),
    "cases.casedaystally": (
        _("จำนวนวันจนเรื่องส่งต่อเสร็จ รายเดือน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "จำนวนวันจนเรื่องส่งต่อเสร็จ รายเดือน (สรุปสำหรับรายงาน)"),
    ),
    "cases.caseyeardaystally": (
        _("จำนวนวันจนเรื่องส่งต่อเสร็จ รายปี (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "จำนวนวันจนเรื่องส่งต่อเสร็จ รายปี (สรุปสำหรับรายงาน)"),
    ),
    "cases.casenationdaystally": (
        _("จำนวนวันจนเรื่องส่งต่อเสร็จ ทั้งประเทศ (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "จำนวนวันจนเรื่องส่งต่อเสร็จ ทั้งประเทศ (สรุปสำหรับรายงาน)"),
    ),
    "activity.reporttally": (
        _("ยอดรายงานที่ได้รับ (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดรายงานที่ได้รับ (สรุปสำหรับรายงาน)"),
    ),
    "activity.reportkindtally": (
        _("ยอดผลการปฏิบัติงานตามประเภทงาน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ยอดผลการปฏิบัติงานตามประเภทงาน (สรุปสำหรับรายงาน)"),
    ),
    "activity.servingtally": (
        _("ช่วงเดือนที่อาสาสมัครแรงงานปฏิบัติหน้าที่ (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "ช่วงเดือนที่อาสาสมัครแรงงานปฏิบัติหน้าที่ (สรุปสำหรับรายงาน)"),
    ),
    "activity.servingmonthdelta": (
        _("การเปลี่ยนแปลงจำนวนผู้ปฏิบัติหน้าที่รายเดือน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "การเปลี่ยนแปลงจำนวนผู้ปฏิบัติหน้าที่รายเดือน (สรุปสำหรับรายงาน)"),
    ),
    "activity.servingprovincemonthdelta": (
        _("การเปลี่ยนแปลงจำนวนผู้ปฏิบัติหน้าที่รายจังหวัดรายเดือน (สรุปสำหรับรายงาน)"),
        pgettext_lazy("plural", "การเปลี่ยนแปลงจำนวนผู้ปฏิบัติหน้าที่รายจังหวัดรายเดือน (สรุปสำหรับรายงาน)"),
    ),
    # The histories of the project's tracked models, as the permissions list names them.
    "volunteers.termevent": (_("ประวัติวาระของอาสาสมัครแรงงาน"), pgettext_lazy("plural", "ประวัติวาระของอาสาสมัครแรงงาน")),
    "provinces.subdistrictquotaevent": (_("ประวัติโควตาของตำบล"), pgettext_lazy("plural", "ประวัติโควตาของตำบล")),
    "awards.nominationevent": (_("ประวัติการเสนอชื่อ"), pgettext_lazy("plural", "ประวัติการเสนอชื่อ")),
    "cases.caseevent": (_("ประวัติเรื่องส่งต่อ"), pgettext_lazy("plural", "ประวัติเรื่องส่งต่อ")),
    "activity.monthlyreportevent": (
        _("ประวัติรายงานผลการปฏิบัติงานประจำเดือน"),
        pgettext_lazy("plural", "ประวัติรายงานผลการปฏิบัติงานประจำเดือน"),
    ),
    "activity.monthclosureevent": (
        _("ประวัติการปิดรับรายงานประจำเดือน"),
        pgettext_lazy("plural", "ประวัติการปิดรับรายงานประจำเดือน"),
    ),
    # The rows Django makes for a user's groups and permissions, which a user's or group's deletion lists.
    "auth.user_groups": (_("การสังกัดกลุ่มของผู้ใช้"), pgettext_lazy("plural", "การสังกัดกลุ่มของผู้ใช้")),
    "auth.user_user_permissions": (_("สิทธิ์เฉพาะของผู้ใช้"), pgettext_lazy("plural", "สิทธิ์เฉพาะของผู้ใช้")),
    "auth.group_permissions": (_("สิทธิ์ของกลุ่ม"), pgettext_lazy("plural", "สิทธิ์ของกลุ่ม")),
}
# By app label, or by model label for one model. A name whose msgid the pages use for something else (a heading,
# a button) has the context "field".
FIELD_NAMES = {
    "axes": {
        "user_agent": _("เบราว์เซอร์ (User-Agent)"),
        "ip_address": _("ที่อยู่ IP"),
        "username": _("ชื่อผู้ใช้"),
        "path_info": _("หน้าที่เรียก"),
        "attempt_time": _("เวลา"),
        "get_data": _("ข้อมูล GET"),
        "post_data": _("ข้อมูล POST"),
        "failures_since_start": _("จำนวนครั้งที่ผิด"),
        "logout_time": _("เวลาออกจากระบบ"),
        "session_hash": _("รหัสเซสชัน (แฮช SHA-256)"),
        "locked_out": _("ถูกล็อก"),
        "access_attempt": _("การเข้าสู่ระบบที่ผิดพลาด"),
        "http_accept": _("ชนิดข้อมูลที่เบราว์เซอร์รับ (HTTP Accept)"),
        "expires_at": _("หมดอายุเมื่อ"),
    },
    "otp_totp": {
        "user": _("ผู้ใช้"),
        "name": _("ชื่ออุปกรณ์"),
        "confirmed": _("ยืนยันแล้ว"),
        "throttling_failure_timestamp": _("เวลาที่ใส่รหัสผิดล่าสุด"),
        "throttling_failure_count": _("จำนวนครั้งที่ใส่รหัสผิดติดกัน"),
        "created_at": _("เพิ่มเมื่อ"),
        "last_used_at": _("ใช้ล่าสุดเมื่อ"),
        "key": _("กุญแจลับ"),
        "step": _("ช่วงเวลาของรหัส (วินาที)"),
        "t0": _("เวลาเริ่มนับ (t0)"),
        "digits": _("จำนวนหลักของรหัส"),
        "tolerance": _("จำนวนช่วงเวลาที่ยอมให้คลาดเคลื่อน"),
        "drift": _("ความคลาดเคลื่อนของนาฬิกา"),
        "last_t": _("ช่วงเวลาของรหัสที่ใช้ล่าสุด"),
    },
    "django_tasks_database": {
        "id": _("รหัสงาน"),
        "status": _("สถานะ"),
        "enqueued_at": _("เข้าคิวเมื่อ"),
        "started_at": _("เริ่มเมื่อ"),
        "finished_at": _("เสร็จเมื่อ"),
        "args_kwargs": _("ข้อมูลที่ส่งให้งาน"),
        "priority": _("ลำดับความสำคัญ"),
        "task_path": _("งาน"),
        "worker_ids": _("ตัวประมวลผล"),
        "queue_name": _("คิว"),
        "backend_name": _("ระบบคิว"),
        "run_after": _("เริ่มได้หลัง"),
        "return_value": _("ผลลัพธ์"),
        "exception_class_path": _("ประเภทข้อผิดพลาด"),
        "traceback": _("รายละเอียดข้อผิดพลาด"),
    },
    "trainings": {
        "event": _("กิจกรรม"),
        "volunteer": pgettext_lazy("field", "อาสาสมัครแรงงาน"),
        "mentor": pgettext_lazy("field", "พี่เลี้ยงอาสาสมัครแรงงาน"),
        "created_by": _("สร้างโดย"),
        "created_at": _("สร้างเมื่อ"),
        "updated_at": _("แก้ไขล่าสุดเมื่อ"),
        "registered_by": _("ลงทะเบียนโดย"),
        "registered_at": _("ลงทะเบียนเมื่อ"),
        "cancelled_at": _("ยกเลิกเมื่อ"),
        "cancelled_by": _("ยกเลิกโดย"),
        "certificate_token": _("รหัสเกียรติบัตร"),
        "registration": _("การลงทะเบียน"),
        "day": _("วัน"),
        "checked_in_at": _("ลงชื่อเมื่อ"),
        "method": _("วิธีลงชื่อ"),
        "recorded_by": _("บันทึกโดย"),
    },
    "mentors.mentor": {"created_at": _("เพิ่มเมื่อ"), "updated_at": _("แก้ไขล่าสุดเมื่อ")},
    "rosters.importjob": {"token": _("รหัสอ้างอิง"), "parsed_file": _("ไฟล์ที่อ่านแล้ว")},
    "provinces.region": {"sort_order": pgettext_lazy("field", "ลำดับ")},
    "volunteers.statuschange": {"volunteer": pgettext_lazy("field", "อาสาสมัครแรงงาน")},
    "accounts.staffprofile": {"user": _("ผู้ใช้")},
    "cases.case": {"created_by": _("บันทึกโดย"), "created_at": _("สร้างเมื่อ"), "updated_at": _("แก้ไขล่าสุดเมื่อ")},
    "pghistory.events": {
        "pgh_slug": _("รหัสประวัติ"),
        "pgh_model": _("ตารางประวัติ"),
        "pgh_id": _("ลำดับในตารางประวัติ"),
        "pgh_created_at": _("เวลา"),
        "pgh_label": _("การกระทำ"),
        "pgh_data": _("ข้อมูลหลังการเปลี่ยนแปลง"),
        "pgh_diff": _("การเปลี่ยนแปลง"),
        "pgh_context_id": _("รหัสบริบท"),
        "pgh_context": _("บริบทของการเปลี่ยนแปลง"),
        "pgh_obj_model": _("ประเภทข้อมูล"),
        "pgh_obj_id": _("รหัสรายการ"),
    },
}
HELP_TEXTS = {
    "otp_totp": {
        "user": _("ผู้ใช้ที่เป็นเจ้าของอุปกรณ์นี้"),
        "name": _("ชื่อที่ผู้ใช้เห็น"),
        "confirmed": _("ใช้งานได้แล้วหรือไม่"),
        "key": _("กุญแจลับแบบเลขฐานสิบหก ยาวไม่เกิน 40 ไบต์"),
        "step": _("รหัสเปลี่ยนทุกกี่วินาที"),
        "t0": _("เวลา Unix ที่เริ่มนับช่วงเวลา"),
        "digits": _("จำนวนหลักของรหัส"),
        "tolerance": _("จำนวนช่วงเวลาก่อนหรือหลังที่ยังยอมรับ"),
        "drift": _("จำนวนช่วงเวลาที่นาฬิกาของแอปคลาดจากของระบบ"),
        "last_t": _("ช่วงเวลาของรหัสล่าสุดที่ยืนยันแล้ว รหัสถัดไปต้องอยู่ในช่วงเวลาที่หลังกว่านี้"),
        "throttling_failure_timestamp": _("เวลาที่ใส่รหัสผิดครั้งล่าสุด"),
        "throttling_failure_count": _("จำนวนครั้งที่ใส่รหัสผิดติดกัน"),
        "created_at": _("วันเวลาที่เพิ่มอุปกรณ์นี้"),
        "last_used_at": _("วันเวลาที่ใช้ล่าสุด"),
    },
    "pghistory": {
        "pgh_slug": _("รหัสที่ไม่ซ้ำกันในตารางประวัติทุกตาราง"),
        "pgh_model": _("ตารางที่เก็บประวัตินี้"),
        "pgh_id": _("ลำดับของประวัตินี้ในตารางของมัน"),
        "pgh_label": _("เพิ่ม แก้ไข หรือลบ"),
        "pgh_data": _("ค่าทุกช่องของรายการหลังการเปลี่ยนแปลง"),
        "pgh_diff": _("ช่องที่เปลี่ยนจากประวัติครั้งก่อน: ค่าเดิมและค่าใหม่"),
        "pgh_context_id": _("รหัสของคำขอหรืองานที่ทำการเปลี่ยนแปลง"),
        "pgh_context": _("ผู้ทำและหน้าที่ใช้ในการเปลี่ยนแปลง"),
        "pgh_obj_model": _("ประเภทของรายการที่เปลี่ยน"),
        "pgh_obj_id": _("รหัสของรายการที่เปลี่ยน"),
    },
}


def _has_thai(text) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in str(text))


def name_other_apps_in_thai() -> None:
    """Only names without Thai are replaced, so a name given in a model later wins over this table."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        names = MODEL_NAMES.get(opts.label_lower)
        with translation.override("th"):
            named_in_thai = _has_thai(opts.verbose_name)
        if names and not named_in_thai:
            opts.verbose_name, opts.verbose_name_plural = names
        field_names = {**FIELD_NAMES.get(opts.app_label, {}), **FIELD_NAMES.get(opts.label_lower, {})}
        for field in opts.get_fields():
            thai_name = field_names.get(field.name)
            if thai_name and hasattr(field, "verbose_name"):
                with translation.override("th"):
                    if _has_thai(field.verbose_name):
                        continue
                field.verbose_name = thai_name


# --- Autocomplete boxes that an altered form does not break ----------------------------------------------------


def _could_be_key(key_field: models.Field, value) -> bool:
    try:
        key_field.to_python(value)
    except ValidationError:
        return False
    return True


class CheckedKeysAutocomplete(widgets.AutocompleteMixin):
    """An autocomplete box drawn with a chosen key that cannot be a key (only an altered form posts `province=abc`)
    shows nothing chosen: Django looks the chosen rows up to draw the box and answered 500, where the field's own
    check already refuses the value with its Thai "select a valid choice"."""

    def optgroups(self, name, value, attr=None):
        remote_opts = self.field.remote_field.model._meta
        key_field = remote_opts.get_field(getattr(self.field.remote_field, "field_name", remote_opts.pk.attname))
        return super().optgroups(name, [v for v in value if _could_be_key(key_field, v)], attr)


class CheckedAutocompleteSelect(CheckedKeysAutocomplete, widgets.AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedKeysAutocomplete, widgets.AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteMixin(admin.options.BaseModelAdmin):
    """The admin's autocomplete fields (`autocomplete_fields`) drawn with the checked boxes above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- The redirect to a row's page on the site ----------------------------------------------------------------


_django_view_on_site = contenttype_views.shortcut


def view_on_site(request, content_type_id, object_id):
    """Django's redirect from the admin to a row's page (/admin/r/<content type>/<key>/), for kinds of rows that have
    a page: Django reads the row first, and a kind without a table (pghistory's list of events) answered 500."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        model._meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404 from None
    return _django_view_on_site(request, content_type_id, object_id)


# The admin site takes the view by name when it builds its URLs (AdminSite.get_urls), after this module is imported.
contenttype_views.shortcut = view_on_site


# --- Dates in พ.ศ. ---------------------------------------------------------------------------------------------


_django_display_for_field = admin_utils.display_for_field


def display_for_field(value, field, empty_value_display, avoid_link=False):
    """Django's, but in Thai mode a date reads `7 ม.ค. 2563` and a date-time `7 ม.ค. 2563 14:05 น.` in local time:
    Django's Thai formats keep the Gregorian year. Used for the admin's lists and read-only fields, every app's."""
    if value is not None and page_in_thai() and not getattr(field, "flatchoices", None):
        if isinstance(field, models.DateTimeField):
            return be_datetime(value)
        if isinstance(field, models.DateField):
            return thai.format_date_be(value)
    return _django_display_for_field(value, field, empty_value_display, avoid_link)


# The admin's list and read-only field renderers import the function by name; both take this one.
admin_list.display_for_field = display_for_field  # type: ignore[attr-defined]
helpers.display_for_field = display_for_field  # type: ignore[attr-defined]


class AdminThaiDateInput(ThaiDateInput):
    """The portal's date box (07/01/2563), sized for the admin, without its calendar (which would write CE)."""

    def __init__(self, attrs=None):
        super().__init__({"class": "thai-date", "size": 12, **(attrs or {})})


class ThaiSplitDateTimeWidget(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, the date in พ.ศ."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [AdminThaiDateInput(), widgets.AdminTimeWidget()], attrs)


class ThaiSplitDateTimeField(forms.SplitDateTimeField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        date_field = ThaiDateField(required=False, disabled=self.disabled)
        date_field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
        self.fields = (date_field, self.fields[1])


THAI_DATE_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.DateField: {"form_class": ThaiDateField, "widget": AdminThaiDateInput},
    models.DateTimeField: {"form_class": ThaiSplitDateTimeField, "widget": ThaiSplitDateTimeWidget},
}


class ThaiDatesMixin(CheckedAutocompleteMixin):
    """Taken by every admin of the project (PortalModelAdmin, the inlines, the user, roster and TOTP admins): dates in
    พ.ศ., and through it the checked autocomplete boxes."""

    formfield_overrides: ClassVar[Mapping[type[models.Field], Mapping[str, Any]]] = THAI_DATE_FIELDS


# --- The project's admin classes --------------------------------------------------------------------------------


OPENED_AT_VERSION = "_opened_at_version"


def _versioned(obj) -> bool:
    """A row the pages edit with optimistic locking (a `version` the services move at each save)."""
    return obj is not None and any(field.name == "version" for field in obj._meta.concrete_fields)


class CheckedByServiceForm(forms.ModelForm):
    """An admin form saved under an app's own rule: `service_check(row)` (its services.py's, the one the pages call)
    runs after the model's own checks, on the row as it would be saved, and its Thai ValidationError is shown on the
    form (as Django's UserCreationForm checks the password in _post_clean)."""

    service_check: Callable[[models.Model], None]
    # True: the check runs beside the model's own refusals too, once every field was read, so that one save lists
    # every mistake. A field the model already refused keeps its message, and a constraint of the model that holds a
    # rule the check refused on one of its fields is not told again: the check says it in the pages' words.
    check_beside_model_errors = False

    def _post_clean(self):
        read_well = not self.errors
        super()._post_clean()  # type: ignore[misc]  # Django's, not in its stubs
        if not self.errors:
            try:
                type(self).service_check(self.instance)
            except ValidationError as error:
                add_service_errors(self, error)
        elif read_well and self.check_beside_model_errors:
            try:
                type(self).service_check(self.instance)
            except ValidationError as error:
                self._add_errors_beside_the_models(error)

    def _add_errors_beside_the_models(self, error: ValidationError) -> None:
        refused = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        repeated = {
            constraint.get_violation_error_message()
            for constraint in self._meta.model._meta.constraints
            if isinstance(constraint, models.CheckConstraint)
            and isinstance(constraint.condition, models.Q)
            and constraint.condition.referenced_base_fields & refused.keys()
        }
        told = self.errors.pop(NON_FIELD_ERRORS, self.error_class())
        for message in told.as_data():
            if not repeated & set(message.messages):
                self.add_error(None, message)
        for field, messages in refused.items():
            if field not in self.fields:
                self.add_error(None, messages)
            elif field not in self.errors:
                self.add_error(field, messages)


class _OpenedAtVersion(forms.ModelForm):
    """Refuses the save of a form opened before the row was saved elsewhere (PortalModelAdmin.get_form)."""

    opened_at = ""

    def clean(self):
        cleaned = super().clean()
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        version, updated_at = rows.values_list("version", "updated_at").get()
        if str(version) != self.opened_at:
            raise forms.ValidationError(
                gettext(
                    "ข้อมูลนี้ถูกแก้ไขไปแล้วเมื่อ %(when)s หลังจากที่ท่านเปิดแบบฟอร์มนี้ การแก้ไขของท่านยังไม่ได้บันทึก "
                    "โปรดเปิดหน้านี้ใหม่เพื่อดูข้อมูลล่าสุด แล้วแก้ไขอีกครั้ง"
                )
                % {"when": be_datetime(updated_at)},
                code="stale",
            )
        return cleaned


class PortalModelAdmin(ThaiDatesMixin, admin.ModelAdmin):
    """The admin of every project model: dates in พ.ศ., and a history page that shows each field's change in Thai.

    A row the pages edit with optimistic locking (volunteers, mentors, events) is edited here under the same lock: a
    save moves its version, so a page opened before it is refused as out of date, and a form of this site opened
    before a save elsewhere is refused the same way (the version it was opened at goes back with it:
    templates/admin/change_form.html)."""

    def field_history(self, obj) -> list:
        return history.object_history(obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, admin_utils.unquote(object_id))
        context = {**(extra_context or {})}
        if obj is not None and self.has_view_or_change_permission(request, obj):
            context["field_history"] = self.field_history(obj)
        return super().history_view(request, object_id, extra_context=context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not (change and _versioned(obj) and request.method == "POST"):
            return form
        return type(form.__name__, (_OpenedAtVersion, form), {"opened_at": request.POST.get(OPENED_AT_VERSION, "")})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and _versioned(obj):
            # Shown again after a refusal: still the version first opened, so that only a fresh page saves.
            context["opened_at_version"] = request.POST.get(OPENED_AT_VERSION, obj.version)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_model(self, request, obj, form, change):
        if change and _versioned(obj):
            obj.version += 1
        super().save_model(request, obj, form, change)


class PortalInlineFormSet(BaseInlineFormSet):
    """Rows of an inline that repeat what must differ are named by the fields' Thai labels: Django's message names the
    fields by their code names ("category")."""

    def get_unique_error_message(self, unique_check):
        # Every row has the inline's own key (the event of its targets): not a field to tell apart.
        opts = self.fk.model._meta
        labels = [
            str(getattr(opts.get_field(name), "verbose_name", name)) for name in unique_check if name != self.fk.name
        ]
        return gettext("%(fields)sซ้ำกันในหลายแถว แต่ละแถวต้องมี%(fields)sไม่ซ้ำกัน") % {
            "fields": get_text_list(labels, gettext("และ"))
        }


class PortalTabularInline(ThaiDatesMixin, admin.TabularInline):
    formset = PortalInlineFormSet


class PortalStackedInline(ThaiDatesMixin, admin.StackedInline):
    formset = PortalInlineFormSet


class ThaiPermissionsMixin:
    """For the user and group admins: permissions listed by their Thai names."""

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest | None = None, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        # A mixin: the user or group admin it is mixed into has the method.
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and db_field.name in {"permissions", "user_permissions"}:
            field.label_from_instance = permission_label
        return field


def held_rows(obj, relations: Iterable[tuple[type[models.Model], str]]) -> list[tuple[str, int]]:
    """(kind, count) of the rows that refer to `obj`, for each (model, lookup to obj) of `relations`, the kinds without
    rows left out: what a refused delete page lists."""
    held = []
    for model, lookup in relations:
        # The base manager: the registries' own managers ask for a province scope, and these rows are any.
        count = model._base_manager.filter(**{lookup: obj}).count()
        if count:
            held.append((str(capfirst(model._meta.verbose_name_plural)), count))
    return held


def delete_refused_page(
    model_admin: admin.ModelAdmin, request: HttpRequest, obj, template: str, relations, **context
) -> TemplateResponse:
    """The delete page of a row no account may delete, a superuser's included: answered 403 with the template (which
    extends admin/delete_refused.html: why, what refers to the row, what to do instead), so a POST deletes nothing.
    Django's own 403 page told a superuser to ask an administrator for a permission that no account has."""
    opts = model_admin.opts
    page = {
        **model_admin.admin_site.each_context(request),
        "title": capfirst(gettext("ลบ%(kind)s “%(name)s” ไม่ได้") % {"kind": opts.verbose_name, "name": obj}),
        "subtitle": None,
        "object_name": str(opts.verbose_name),
        "object": obj,
        "opts": opts,
        "app_label": opts.app_label,
        "held_rows": held_rows(obj, relations),
        **context,
    }
    return TemplateResponse(request, template, page, status=403)


class RefusesSomeDeletes:
    """A model admin some of whose rows no account may delete: for such a row (deletion_refused() gives its page's
    context), the delete page says why, what refers to it and what to do instead, and deletes nothing
    (delete_refused_page); other rows are deleted as Django deletes them. No selection is deleted at once: each row
    goes through its delete page. Put it before the ModelAdmin class it refines."""

    refused_template = "admin/delete_refused.html"

    def deletion_refused(self, obj) -> dict | None:
        """The refused delete page's context for `obj` ("relations": (model, lookup) of what refers to it; why,
        reasons, instead, cancel_url, cancel_label), or None when it may be deleted."""
        raise NotImplementedError

    def get_actions(self, request):
        actions = super().get_actions(request)  # type: ignore[misc]
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
        if obj is not None and self.has_view_permission(request, obj):  # type: ignore[attr-defined]
            refused = self.deletion_refused(obj)
            if refused is not None:
                relations = refused.pop("relations")
                return delete_refused_page(
                    self,  # type: ignore[arg-type]
                    request,
                    obj,
                    self.refused_template,
                    relations,
                    **refused,
                    **(extra_context or {}),
                )
        return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]


class ReadOnlyModelAdmin(PortalModelAdmin):
    """Rows written by the portal itself (the audit record, geography): shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_id", "province", "ip_address"]
    list_filter = ["action", "province__region", "province"]
    search_fields = ["username", "object_id", "path", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["province"]


# --- The other apps' admins, in Thai ---------------------------------------------------------------------------


class ThaiLabelFilter(pgh_admin.LabelFilter):
    title = _("การกระทำ")  # type: ignore[assignment]

    def lookups(self, request, model_admin):
        return [(value, str(EVENT_LABELS.get(value, label))) for value, label in super().lookups(request, model_admin)]


class ThaiEventModelFilter(pgh_admin.EventModelFilter):
    title = _("ประเภทข้อมูล")  # type: ignore[assignment]

    def lookups(self, request, model_admin):
        choices = []
        for value, _label in super().lookups(request, model_admin):
            event_model = apps.get_model(value)
            tracked = getattr(event_model, "pgh_tracked_model", None) or event_model
            choices.append((value, capfirst(tracked._meta.verbose_name)))
        return choices


class ThaiMethodFilter(pgh_admin.MethodFilter):
    title = _("ขอบเขต")  # type: ignore[assignment]

    def lookups(self, request, model_admin):
        return (("tracks", _("การเปลี่ยนแปลงของรายการนี้")), ("references", _("รายการที่อ้างถึงรายการนี้")))


class ThaiObjFilter(pgh_admin.ObjFilter):
    title = pgettext_lazy("filter", "รายการ")  # type: ignore[assignment]

    def lookups(self, request, model_admin):
        return [(value, _object_name(value)) for value, _label in super().lookups(request, model_admin)]


class ThaiModelFilter(pgh_admin.ModelFilter):
    title = _("ประเภทข้อมูล")  # type: ignore[assignment]

    def lookups(self, request, model_admin):
        choices = []
        for value, label in super().lookups(request, model_admin):
            model = pgh_admin._get_model(value)
            choices.append((value, capfirst(model._meta.verbose_name) if model else label))
        return choices


THAI_EVENT_FILTERS = {
    pgh_admin.LabelFilter: ThaiLabelFilter,
    pgh_admin.EventModelFilter: ThaiEventModelFilter,
    pgh_admin.MethodFilter: ThaiMethodFilter,
    pgh_admin.ObjFilter: ThaiObjFilter,
    pgh_admin.ModelFilter: ThaiModelFilter,
}


EVENTS_METHODS = {"tracks", "references"}


def _known_model(label: str | None):
    """The model named `volunteers.Volunteer` (any case), or None."""
    try:
        return apps.get_model(label or "")
    except (LookupError, ValueError):
        return None


def _events_subject(request) -> tuple[Any, Any, Any]:
    """(model, key) of the row an events list is asked about (?obj=volunteers.Volunteer:12) and the model of the rows
    (?model=...), each None when not asked. A parameter none of the admin's links would write (an unknown model, a key
    that cannot be one, an unknown method or event model) answers 404, as an unknown page does."""
    params = request.GET
    obj_model = key = model = None
    if "obj" in params:
        label, sep, raw_key = params["obj"].partition(":")
        obj_model = _known_model(label) if sep else None
        if obj_model is None:
            raise Http404
        try:
            key = obj_model._meta.pk.to_python(raw_key)
        except ValidationError:
            raise Http404 from None
    if "model" in params:
        model = _known_model(params["model"])
        if model is None:
            raise Http404
    if "method" in params and params["method"] not in EVENTS_METHODS:
        raise Http404
    if "event_model" in params:
        event_model = _known_model(params["event_model"])
        if event_model is None or not issubclass(event_model, pghistory_models.Event):
            raise Http404
    return obj_model, key, model


def _row_name(model, key) -> str:
    """The row by its own name; a row no longer there by its kind and key, saying whether it was deleted (its history
    or the admin's log records the deletion) or was never found."""
    found = model._default_manager.filter(pk=key).first()
    if found is not None:
        return f"{capfirst(model._meta.verbose_name)} {found}"
    names = {"kind": model._meta.verbose_name, "pk": key}
    if _was_deleted(model, key):
        return capfirst(gettext("%(kind)s %(pk)s (ลบแล้ว)") % names)
    return capfirst(gettext("%(kind)s %(pk)s (ไม่พบรายการนี้)") % names)


def _was_deleted(model, key) -> bool:
    event_model = history.event_model_for(model._meta.concrete_model)
    if event_model is not None and event_model.objects.filter(pgh_obj_id=key, pgh_label="delete").exists():
        return True
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=str(key),
        action_flag=DELETION,
    ).exists()


def _object_name(model_pk: str) -> str:
    """`volunteers.Volunteer:12` as the row's own name, which is how the filters and the subtitle show it."""
    label, _sep, raw_key = model_pk.partition(":")
    model = _known_model(label)
    if model is None:
        return model_pk
    try:
        return _row_name(model, model._meta.pk.to_python(raw_key))
    except ValidationError:
        return model_pk


class ThaiEventsAdmin(EventsAdmin):
    """pghistory's list of every change: who, when in local time, and the changed fields by their Thai names,
    instead of the raw JSON. pghistory registers it (settings.PGHISTORY_ADMIN_CLASS)."""

    change_list_template = "admin/pghistory_events_change_list.html"
    # "Show counts" answered 500: pghistory's list does not take the arguments Django 5 passes for facets.
    show_facets = admin.ShowFacets.NEVER

    def get_list_display(self, request):
        return ["changed_at", "object_kind", "object_id", "action", "changed_by", "changes"]

    def get_fields(self, request, obj=None):
        # One change read as the list shows it (its action and fields in Thai, local time, who), then every field of
        # the row after it; not pghistory's raw label ("quota_change"), model path and context key.
        return ["pgh_slug", "changed_at", "object_kind", "object_id", "action", "changed_by", "changes", "pgh_data"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The fields are read-only, whose help the form's Meta gives (pghistory's own is English).
        return super().get_form(request, obj, change=change, help_texts=HELP_TEXTS["pghistory"], **kwargs)

    def get_list_filter(self, request):
        return [THAI_EVENT_FILTERS.get(f, f) for f in super().get_list_filter(request)]

    def changelist_view(self, request, extra_context=None):
        obj_model, key, model = _events_subject(request)
        if obj_model is not None and "method" not in request.GET:
            # Without a method pghistory lists every row's changes under this row's name: list this row's own.
            query = request.GET.copy()
            query["method"] = "tracks"
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        context = {"title": capfirst(self.model._meta.verbose_name_plural), **(extra_context or {})}
        # pghistory's subtitle reads "Tracks volunteers.Volunteer:12"; name the row or the kind of rows instead.
        if obj_model is not None:
            context["subtitle"] = _row_name(obj_model, key)
        elif model is not None:
            context["subtitle"] = capfirst(model._meta.verbose_name_plural)
        back = request.GET.get("back")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            context["pgh_back"] = back
        # Not pghistory's own changelist_view (BaseEventAdmin), which only sets the context above, and reloads the row
        # first: a deleted row's history, when one needs it most, answered 500.
        return admin.ModelAdmin.changelist_view(self, request, extra_context=context)

    @admin.display(description=_("เวลา"), ordering="pgh_created_at")
    def changed_at(self, event):
        return be_datetime(event.pgh_created_at)

    @admin.display(description=_("ข้อมูล"))
    def object_kind(self, event):
        model = tracked_model(event)
        return capfirst(model._meta.verbose_name) if model else event.pgh_obj_model

    @admin.display(description=_("รหัสรายการ"), ordering="pgh_obj_id")
    def object_id(self, event):
        return event.pgh_obj_id

    @admin.display(description=_("การกระทำ"))
    def action(self, event):
        return str(EVENT_LABELS.get(event.pgh_label, event.pgh_label))

    @admin.display(description=_("ผู้ทำ"))
    def changed_by(self, event):
        from django.contrib.auth import get_user_model

        from core import people

        user_id = (event.pgh_context or {}).get("user")
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        return people.display_name(user, "deleted" if user_id else "system")

    @admin.display(description=_("การเปลี่ยนแปลง"))
    def changes(self, event):
        lines = history.diff_lines(tracked_model(event), event.pgh_diff)
        if not lines:
            return "-"
        rows = format_html_join("", "<li>{}: {} → {}</li>", ((n, o or "-", v or "-") for n, o, v in lines))
        return format_html('<ul class="pgh-changes">{}</ul>', rows)


class TOTPDeviceForm(forms.ModelForm):
    def clean_key(self):
        # django-otp's own check refuses in English, naming the key as Python bytes ("b'zz' is not valid hex-encoded
        # data."); a key refused here is not checked again by the model.
        key = self.cleaned_data["key"]
        try:
            binascii.unhexlify(key)
        except (binascii.Error, ValueError):
            raise ValidationError(
                gettext("กุญแจลับต้องเป็นเลขฐานสิบหก (ตัวเลข 0–9 และตัวอักษร a–f) ที่มีจำนวนหลักเป็นเลขคู่ เช่น 3132333435"),
                code="invalid",
            ) from None
        return key


class ThaiTOTPDeviceAdmin(ThaiDatesMixin, TOTPDeviceAdmin):
    search_help_text = _("ค้นหาด้วยชื่อผู้ใช้หรืออีเมล")
    FIELDSET_TITLES: ClassVar[dict[str, Any]] = {
        "Identity": _("อุปกรณ์"),
        "Timestamps": _("เวลา"),
        "Configuration": _("การตั้งค่า"),
        "State": _("สถานะ"),
        "Throttling": _("การใส่รหัสผิด"),
    }

    def get_fieldsets(self, request, obj=None):
        titles: dict[Any, Any] = self.FIELDSET_TITLES  # a fieldset's title may be None
        return [(titles.get(title, title), options) for title, options in super().get_fieldsets(request, obj)]

    form = TOTPDeviceForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        # Through the form's Meta, so that the read-only fields (added, last used) have their Thai help too.
        return super().get_form(request, obj, change=change, help_texts=HELP_TEXTS["otp_totp"], **kwargs)

    @admin.display(description=_("คิวอาร์โค้ด"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, gettext("คิวอาร์โค้ด"))


class ThaiAccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("หมดอายุเมื่อ"))
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description=_("สถานะ"))
    def status(self, obj):
        return super().status(obj)


class ThaiDBTaskResultAdmin(DBTaskResultAdmin):
    # The task by what it does, as the link to its page: not its key (a UUID) as django-tasks' list has it.
    list_display = ("task_name", "status", "enqueued_at", "started_at", "finished_at", "priority", "queue_name", "id")

    @admin.display(description=_("งาน"), ordering="task_path")
    def task_name(self, obj):
        return task_title(obj)

    @admin.display(description=_("รายละเอียดข้อผิดพลาด"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("เริ่มได้หลัง"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)


def register_again(model, admin_class) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, admin_class)


name_other_apps_in_thai()
register_again(TOTPDevice, ThaiTOTPDeviceAdmin)
register_again(DBTaskResult, ThaiDBTaskResultAdmin)
if admin.site.is_registered(AccessAttempt):  # axes registers its admins unless AXES_ENABLE_ADMIN is off
    register_again(AccessAttempt, ThaiAccessAttemptAdmin)
