"""The monthly reports' part of the leaving-date rule (volunteers.recorded_work): a volunteer who leaves office
(resigns or dies) serves in the month they leave and no later one, so a leaving day before a month
already reported would leave that report to someone the grid counts as not serving. Registered by
ActivityConfig.ready()."""

import datetime as dt

from activity.models import MonthlyReport
from volunteers import rules as volunteer_rules


def months_reported_after_leaving(leaving: dict[int, dt.date]) -> dict[int, str]:
    """{volunteer pk: why} for those of `leaving` ({pk: leaving day}) with a report of a month after their leaving
    day's month, the months named; one query for all of them."""
    rows = (
        MonthlyReport.objects.across_provinces("the reports of the volunteers whose leaving day is checked")
        .filter(volunteer_id__in=list(leaving), month__gt=min(leaving.values()).replace(day=1))
        .order_by("volunteer_id", "month")
        .values_list("volunteer_id", "month")
    )
    reported: dict[int, list[dt.date]] = {}
    for pk, month in rows:
        if month > leaving[pk].replace(day=1):
            reported.setdefault(pk, []).append(month)
    return {pk: volunteer_rules.reported_after_error(months, leaving[pk]) for pk, months in reported.items()}
