"""The monthly reports' part of the rule on a time out of office (volunteers.recorded_work): a volunteer who leaves
office (resigns or dies) serves in the month they leave and no later one, and one suspended and back serves in no
month wholly inside the suspension (activity.rules), so a span covering a month already reported would leave that
report to someone the grid counts as not serving. Registered by ActivityConfig.ready()."""

import datetime as dt

from django.utils.translation import gettext

from activity.models import MonthlyReport
from activity.rules import month_end
from core.templatetags.thai import be_date
from volunteers import rules as volunteer_rules


def reported_after_error(months, changed_on: dt.date) -> str:
    """Why a step out of office cannot take effect on `changed_on`: the volunteer has monthly reports of `months`,
    after its month (the grid takes a month's report only from someone serving in it)."""
    return gettext(
        "มีรายงานประจำเดือนของ %(months)s หลังวันที่มีผล %(date)s "
        "วันที่มีผลต้องอยู่ในหรือหลังเดือนที่รายงานล่าสุด กรุณาตรวจสอบวันที่ หรือแก้รายงานที่บันทึกผิดก่อน"
    ) % {"months": ", ".join(volunteer_rules.month_names(months)), "date": be_date(changed_on)}


def months_reported_while_out(out: dict[int, tuple]) -> dict[int, str]:
    """{volunteer pk: why} for those of `out` ({pk: (first day out, day back or None)}) with a report of a month the
    span leaves them no day of: after the month they left, or, for a suspension they came back from, a month wholly
    inside it (activity.rules.away_throughout); one query for all of them."""
    rows = (
        MonthlyReport.objects.across_provinces("the reports of the volunteers whose time out of office is checked")
        .filter(volunteer_id__in=list(out), month__gte=min(start for start, _back in out.values()).replace(day=1))
        .order_by("volunteer_id", "month")
        .values_list("volunteer_id", "month")
    )
    reported: dict[int, list[dt.date]] = {}
    for pk, month in rows:
        start, back = out[pk]
        if back is None:
            covered = month > start.replace(day=1)
        else:
            covered = month >= start and month_end(month) < back
        if covered:
            reported.setdefault(pk, []).append(month)
    found = {}
    for pk, months in reported.items():
        start, back = out[pk]
        if back is None:
            found[pk] = reported_after_error(months, start)
        else:
            found[pk] = gettext(
                "มีรายงานประจำเดือนของ %(months)s ซึ่งอาสาสมัครพักการปฏิบัติหน้าที่ตลอดทั้งเดือน (ตั้งแต่ %(date)s) "
                "วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันสุดท้ายของเดือนแรกที่รายงาน (%(last)s) "
                "กรุณาตรวจสอบวันที่ หรือแก้รายงานที่บันทึกผิดก่อน"
            ) % {
                "months": ", ".join(volunteer_rules.month_names(months)),
                "date": be_date(start),
                "last": be_date(month_end(months[0])),
            }
    return found
