"""API writes through the pages' own forms and services: the same checks, the same Thai messages, the same history.

The API's JSON is turned into what the page's form would have received (dates as ISO text, ids as text), the form
validates it as it does on the page, and the service the page calls does the write."""

import datetime as dt

from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from rest_framework import serializers

from api.errors import PreconditionFailed, PreconditionRequired
from provinces.models import Province, Subdistrict
from volunteers.forms import StatusChangeForm, VolunteerForm
from volunteers.models import Volunteer
from volunteers.services import EDITABLE_FIELDS


def _as_form_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _checked(form):
    if not form.is_valid():
        errors = {("non_field_errors" if k == "__all__" else k): v for k, v in form.errors.items()}
        raise serializers.ValidationError(errors)
    return form


def province_of_subdistrict(subdistrict_id) -> Province | None:
    subdistrict = Subdistrict.objects.select_related("province").filter(pk=subdistrict_id).first()
    return subdistrict.province if subdistrict else None


def new_volunteer_form(data: dict, *, province: Province) -> VolunteerForm:
    """The registration form, filled from the API's validated data, checked."""
    return _checked(VolunteerForm({k: _as_form_value(v) for k, v in data.items()}, province=province))


def edit_volunteer_form(volunteer: Volunteer, data: dict, *, version: int) -> VolunteerForm:
    """The edit form as if opened now and changed in the fields sent (the others as they are), checked."""
    current = model_to_dict(volunteer, fields=EDITABLE_FIELDS)
    merged = {**current, **data}
    values = {k: _as_form_value(v) for k, v in merged.items()}
    values["version"] = str(version)
    return _checked(VolunteerForm(values, instance=volunteer, province=volunteer.province))


def status_change_form(volunteer: Volunteer, data: dict) -> StatusChangeForm:
    return _checked(StatusChangeForm({k: _as_form_value(v) for k, v in data.items()}, volunteer=volunteer))


def version_from(request, current_version: int, *, required: bool = True) -> int | None:
    """The version the client read, from `If-Match: <version>` (quotes and W/ allowed, as an ETag): 428 when
    missing, 400 when not a number, 412 when the record has moved on since."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired(
                _("กรุณาส่งส่วนหัว If-Match พร้อมรุ่นของข้อมูล (version หรือ ETag จากการอ่านครั้งล่าสุด) เพื่อไม่ให้ทับการแก้ไขของผู้อื่น")
            )
        return None
    text = header.removeprefix("W/").strip('"')
    if not (text.isascii() and text.isdigit()):
        raise serializers.ValidationError(
            {
                "If-Match": [
                    _('ส่วนหัว If-Match ต้องเป็นเลขรุ่นของข้อมูล (version) เช่น "3" ไม่ใช่ “%(value)s”') % {"value": header[:40]}
                ]
            }
        )
    version = int(text)
    if version != current_version:
        raise PreconditionFailed(
            _("ข้อมูลนี้ถูกแก้ไขไปแล้ว (รุ่นปัจจุบัน %(current)s แต่ที่ส่งมาคือรุ่น %(sent)s) กรุณาอ่านข้อมูลล่าสุดแล้วแก้ไขอีกครั้ง")
            % {"current": current_version, "sent": version}
        )
    return version
