"""The status dates of a roster's rows (วันที่เปลี่ยนสถานะ): the day a row's status took effect, checked by the status
form's rule (volunteers.rules.status_date_error) and written as a step of the volunteer's lifecycle.

1. A new person with a status other than active needs the date, as the status page asks for one: the reports count
   the status from it (the figures by status, the year's leavers). The write records the step as the page would,
   the record's status date and a StatusChange to the status from none (rosters.pipeline.write_first_statuses). An
   active new person's date, when given, is kept as their status date.
2. A known person whose status the row changes: the step takes effect on the row's date; without one, on the new
   term's first day for a resigned volunteer appointed again (as volunteers.services.reappoint dates it), else on the
   day of the write. A date is checked against the registry's appointment and latest status change, and a step out
   of office against the work recorded of them after it, the cases spotted and the months reported (Basis: read for
   the dated rows only).
3. A known person whose status stays: the registry's date, or a blank, changes nothing. A date for a status other
   than active that the registry holds without one (imported before the date was asked for) dates it, as in 2. Any
   other date is refused: an import does not rewrite a step already recorded.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.templatetags.thai import be_date
from volunteers import recorded_work, rules
from volunteers.models import Volunteer

ACTIVE = Volunteer.Status.ACTIVE


def new_person_error(status, changed_on, *, appointed_on, today: dt.date, header: str, in_file: bool) -> str | None:
    """Why a new person's status date cannot be (None when it can): missing for a status other than active, or refused
    by the status form's rule against the row's appointment."""
    if changed_on is not None:
        return rules.status_date_error(changed_on, today=today, appointed_on=appointed_on)
    if status == ACTIVE:
        return None
    values = {"status": rules.STATUS_LABELS.get(status, status), "column": header}
    if in_file:
        return _("สถานะ “%(status)s” ต้องมีวันที่ที่สถานะนี้มีผล กรุณากรอก%(column)s (วว/ดด/ปปปป)") % values
    return _("สถานะ “%(status)s” ต้องมีวันที่ที่สถานะนี้มีผล กรุณาเพิ่มคอลัมน์ “%(column)s” แล้วกรอกวันที่ (วว/ดด/ปปปป)") % values


def kept_status_error(status, since, typed: dt.date) -> str:
    """Why a date for a status the row does not change is refused (3 of the module's docstring)."""
    values = {"status": rules.STATUS_LABELS.get(status, status), "typed": be_date(typed)}
    if since is None:
        return (
            _(
                "สถานะยังเป็น “%(status)s” ตามที่บันทึกไว้ โดยไม่มีวันที่เปลี่ยนสถานะ การนำเข้าบันทึกวันที่ %(typed)s "
                "ให้เฉพาะสถานะที่เปลี่ยน หรือสถานะอื่นที่ยังไม่มีวันที่ กรุณาเว้นว่าง"
            )
            % values
        )
    return _(
        "สถานะยังเป็น “%(status)s” ตามที่บันทึกไว้ตั้งแต่ %(since)s แต่ไฟล์ระบุวันที่ %(typed)s "
        "การนำเข้าไม่แก้วันที่ของการเปลี่ยนสถานะที่บันทึกแล้ว กรุณาเว้นว่างหรือใส่วันเดียวกับที่บันทึกไว้"
    ) % {**values, "since": be_date(since)}


@dataclass
class Basis:
    """What the dates a file gives known people are checked against, read for those rows only (most files date
    nobody, or a few): {pk: (appointment, status, status date)} as the registry holds them, and why the time out of
    office the file dates (a departure, a return from a suspension) covers work recorded of them
    (volunteers.recorded_work: the cases they spotted, the months they reported). One query, and one per recorded-work check, none for a file without dates."""

    of_volunteer: dict[int, tuple] = field(default_factory=dict)
    work_while_out: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, good: list, existing: dict, date_at: int | None, status_at: int | None, province_pk: int) -> "Basis":
        """For the rows `good` [(number, values)] matched to `existing` (RegistryLookup: {national ID: (pk,
        province, ...)}), the file's status date at `date_at` and status at `status_at`."""
        basis = cls()
        if date_at is None:
            return basis
        dated = {}
        for _number, values in good:
            changed_on = values[date_at]
            if changed_on is not None and (known := existing.get(values[0])) is not None and known[1] == province_pk:
                dated[known[0]] = (changed_on, None if status_at is None else values[status_at])
        if not dated:
            return basis
        basis.of_volunteer = {
            pk: (appointed_on, status, since)
            for pk, appointed_on, status, since in Volunteer.objects.across_provinces(
                "the importer's volunteers whose status a roster dates"
            )
            .filter(pk__in=list(dated))
            .values_list("pk", "appointed_on", "status", "status_changed_on")
        }
        # A departure (the row's status, or the one on record when the row keeps it), or a return from a suspension.
        out = {}
        for pk, (changed_on, status) in dated.items():
            if pk in basis.of_volunteer:
                _appointed_on, held, since = basis.of_volunteer[pk]
                if span := rules.out_of_office_span(held, since, status or held, changed_on):
                    out[pk] = span
        basis.work_while_out = recorded_work.work_while_out(out)
        return basis

    def step_error(self, step: tuple, changed_on: dt.date, record: tuple, today: dt.date) -> str | None:
        """The status form's rule on the date a row gives a known person's step `step` (pk, from, to): after their
        appointment and latest change (`record`: of_volunteer's), and a time out of office that covers no work recorded
        of them (work_while_out, read for the same date)."""
        appointed_on, status, since = record
        if error := rules.status_date_error(
            changed_on, today=today, appointed_on=appointed_on, since=since, since_status=status
        ):
            return error
        if rules.out_of_office_span(step[1], since, step[2], changed_on) and (
            found := self.work_while_out.get(step[0])
        ):
            return " ".join(found)
        return None
