"""The trainings' part of the rule on a time out of office (volunteers.recorded_work): a day a volunteer is recorded
present at an event shows them at work, so a resignation or a death dated on or before it, or a return from a
suspension that leaves it inside the suspension, would have the registry say they were out of office that day.
Attendance itself is refused on a day they were out (trainings.services.out_of_office_error). Registered by
TrainingsConfig.ready()."""

import datetime as dt

from django.utils.translation import ngettext

from core.templatetags.thai import be_date
from trainings.models import Attendance


def attended_while_out(out: dict[int, tuple]) -> dict[int, str]:
    """{volunteer pk: why} for those of `out` ({pk: (first day out, day back or None)}) recorded present at an event
    on a day of the span; one query for all of them. A tick of a cancelled registration counts nowhere and is not
    asked (Attendance.objects.present)."""
    rows = (
        Attendance.objects.present()
        .filter(registration__volunteer_id__in=list(out), day__date__gte=min(start for start, _back in out.values()))
        .order_by("day__date", "day__event__title")
        .values_list("registration__volunteer_id", "day__date", "day__event__title")
    )
    attended: dict[int, list[tuple[dt.date, str]]] = {}
    for pk, date, title in rows:
        start, back = out[pk]
        if start <= date and (back is None or date < back):
            attended.setdefault(pk, []).append((date, title))
    found = {}
    for pk, days in attended.items():
        start, back = out[pk]
        if back is None:
            latest, title = days[-1]
            found[pk] = ngettext(
                "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม %(count)s วันในหรือหลังวันที่มีผล %(date)s "
                "ล่าสุดคือ “%(event)s” เมื่อ %(day)s วันที่มีผลต้องอยู่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้การบันทึกการเข้าร่วมที่ผิดก่อน",
                "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม %(count)s วันในหรือหลังวันที่มีผล %(date)s "
                "ล่าสุดคือ “%(event)s” เมื่อ %(day)s วันที่มีผลต้องอยู่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้การบันทึกการเข้าร่วมที่ผิดก่อน",
                len(days),
            ) % {"count": len(days), "date": be_date(start), "event": title, "day": be_date(latest)}
        else:
            first, title = days[0]
            found[pk] = ngettext(
                "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม %(count)s วันระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ %(date)s "
                "วันแรกคือ “%(event)s” เมื่อ %(day)s วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้การบันทึกการเข้าร่วมที่ผิดก่อน",
                "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม %(count)s วันระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ %(date)s "
                "วันแรกคือ “%(event)s” เมื่อ %(day)s วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้การบันทึกการเข้าร่วมที่ผิดก่อน",
                len(days),
            ) % {"count": len(days), "date": be_date(start), "event": title, "day": be_date(first)}
    return found
