"""Checks of the volunteer registry that every path writing volunteers shares (the forms, the services and the roster
import): whether a national ID is already registered, and where. The rules both registries share (phone numbers,
control characters) are in core.phone and core.editing."""

from django.utils.translation import gettext

from core import thai
from provinces.models import province_named
from volunteers.models import Volunteer


def national_id_taken_message(province_name: str) -> str:
    """What an officer reads when the ID is already registered: the province that holds it and nothing else."""
    return gettext(
        "เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นอาสาสมัครแรงงานแล้วที่%(province)s "
        "หากบุคคลนี้ย้ายมาอยู่ในจังหวัดของท่าน โปรดติดต่อส่วนกลางเพื่อย้ายข้อมูล"
    ) % {"province": province_name}


def provinces_holding_national_ids(national_ids, *, exclude_pk=None) -> dict[str, str]:
    """{national_id: province name as the reader's language says it} for the IDs already registered, in one query
    (for imports)."""
    ids = {thai.normalize_national_id(n) for n in national_ids if n}
    if not ids:
        return {}
    rows = Volunteer.objects.across_provinces("a national ID is registered once in the whole country").filter(
        national_id__in=ids
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    names = {}
    for national_id, code, name_th, name_en in rows.values_list(
        "national_id", "province__code", "province__name_th", "province__name_en"
    ):
        names[national_id] = province_named(code, name_th, name_en)
    return names


def national_id_conflict(national_id, *, exclude_pk=None) -> str | None:
    """None when the ID is free; otherwise the message naming the province that holds it."""
    holder = provinces_holding_national_ids([national_id], exclude_pk=exclude_pk)
    if not holder:
        return None
    return national_id_taken_message(next(iter(holder.values())))
