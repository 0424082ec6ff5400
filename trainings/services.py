"""Writes that span models: events with their days and targets, registrations, check-in and attendance."""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.scope import can_write_anywhere, can_write_in, runs_national_events
from core.templatetags.thai import be_date, be_date_long, be_datetime, year_shown
from core.thai import current_fiscal_year, fiscal_year, fiscal_year_bounds
from trainings import selectors
from trainings.models import Attendance, Category, CertificateBatch, Event, EventDay, EventTarget, Registration
from volunteers import rules as volunteer_rules
from volunteers.models import Volunteer
from volunteers.services import out_of_office_on, out_of_office_on_days, out_of_office_on_many

MAX_EVENT_DAYS = 31
# Events are planned in the budget of this fiscal year or the next; one starting later than this many fiscal years
# after the current one is almost surely a mistyped year (2600 for 2570), as one before the programme is.
MAX_FISCAL_YEARS_AHEAD = 2

# The fields an event form may set, in the order the form shows them.
EVENT_FIELDS = [
    "title",
    "project",
    "kind",
    "topics",
    "level",
    "host_province",
    "venue",
    "start_date",
    "end_date",
    "presiding_official",
    "presiding_position",
    "objectives",
    "budget",
    "status",
    "certificate_signatory",
    "certificate_signatory_position",
]


@dataclass
class RegistrationResult:
    created: list = field(default_factory=list)
    already_registered: list = field(default_factory=list)
    # (name, why) of each person chosen who cannot be registered; the others are registered all the same.
    not_registered: list[tuple[str, str]] = field(default_factory=list)
    # (name, note) of each volunteer registered who will be out of office on a later day of the event: registered all
    # the same, but the desk cannot mark them present that day (attendance_cut_short says which days and why).
    cut_short: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CheckInResult:
    registration: Registration
    attendance: Attendance
    created: bool

    @property
    def message(self) -> str:
        name = self.registration.display_name
        if self.created:
            return gettext("บันทึกการเข้าร่วมของ %(name)s แล้ว") % {"name": name}
        at = timezone.localtime(self.attendance.checked_in_at)
        return gettext("%(name)s ลงทะเบียนเข้างานวันนี้ไปแล้วเมื่อ %(time)s น. (ไม่ต้องบันทึกซ้ำ)") % {
            "name": name,
            "time": f"{at:%H:%M}",
        }


# Events ----------------------------------------------------------------------------------------------


def _check_may_manage(by, event: Event) -> None:
    if event.level == Event.Level.NATIONAL:
        if not runs_national_events(by):
            raise PermissionDenied(gettext("กิจกรรมระดับประเทศจัดการได้เฉพาะเจ้าหน้าที่ส่วนกลางและผู้ดูแลระบบ"))
        return
    if not can_write_in(by, event.host_province_id):
        raise PermissionDenied(gettext("ท่านจัดการได้เฉพาะกิจกรรมของจังหวัดที่ท่านดูแล"))


def validate_event(event: Event) -> None:
    """Check an event about to be saved, and derive its fiscal year: the dates in order and within a month, not held
    before it starts, no day with attendance left outside the dates, no negative budget. The one check of the pages,
    the API (through the pages' services) and the admin."""
    if event.budget is not None and event.budget < 0:
        raise ValidationError({"budget": gettext("งบประมาณต้องไม่ติดลบ")})
    if error := volunteer_rules.before_programme_error(event.start_date, what=gettext("วันเริ่ม")):
        raise ValidationError({"start_date": error})
    if error := too_far_ahead_error(event.start_date):
        raise ValidationError({"start_date": error})
    if event.start_date and event.end_date:
        if event.end_date < event.start_date:
            raise ValidationError({"end_date": end_before_start(event.start_date, event.end_date)})
        if (event.end_date - event.start_date).days >= MAX_EVENT_DAYS:
            raise ValidationError(
                {
                    "end_date": gettext("กิจกรรมยาวเกิน %(days)s วัน ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง")
                    % {"days": MAX_EVENT_DAYS}
                }
            )
        event.fiscal_year = fiscal_year(event.start_date)
    elif event.fiscal_year is None:
        event.fiscal_year = 0  # so that full_clean reports the missing date, not a derived field
    if event.status == Event.Status.DONE and event.start_date and event.start_date > timezone.localdate():
        raise ValidationError(
            {
                "status": gettext("กิจกรรมที่ยังไม่ถึงวันเริ่ม (%(start)s) บันทึกว่า “%(status)s” ไม่ได้")
                % {"start": be_date(event.start_date), "status": Event.Status.DONE.label}
            }
        )
    event.full_clean()
    _check_days_kept(event)


def too_far_ahead_error(start: dt.date | None) -> str | None:
    """None unless the event starts after the last fiscal year it may be planned in (MAX_FISCAL_YEARS_AHEAD)."""
    last_year = current_fiscal_year() + MAX_FISCAL_YEARS_AHEAD
    last_day = fiscal_year_bounds(last_year)[1]
    if start is None or start <= last_day:
        return None
    return gettext(
        "วันเริ่ม %(date)s อยู่ในปีงบประมาณ %(year)s เกิน %(ahead)s ปีงบประมาณข้างหน้า (รับได้ถึง %(last_day)s) ตรวจสอบปี พ.ศ. อีกครั้ง"
    ) % {
        "date": be_date(start),
        "year": year_shown(fiscal_year(start)),
        "ahead": MAX_FISCAL_YEARS_AHEAD,
        "last_day": be_date(last_day),
    }


def end_before_start(start: dt.date, end: dt.date) -> str:
    """The message for an event ending before it starts (the event form's and the service's)."""
    return gettext("วันสิ้นสุด (%(end)s) อยู่ก่อนวันเริ่ม (%(start)s) กรุณาตรวจสอบวันที่") % {
        "end": be_date(end),
        "start": be_date(start),
    }


def _unknown_category(category) -> str:
    return gettext("ไม่รู้จักประเภทผู้เข้าร่วม “%(category)s”") % {"category": category}


def _clean_targets(targets: dict | None) -> dict[str, tuple[int, int | None]]:
    cleaned = {}
    labels = dict(Category.choices)
    for category, (target, capacity) in (targets or {}).items():
        if category not in labels:
            raise ValidationError(_unknown_category(category))
        target = int(target or 0)
        if target < 0:
            raise ValidationError(gettext("เป้าหมายของ%(category)sต้องไม่ติดลบ") % {"category": labels[category]})
        if capacity is not None and capacity != "":
            capacity = int(capacity)
            if capacity < 0:
                raise ValidationError(gettext("จำนวนรับสูงสุดของ%(category)sต้องไม่ติดลบ") % {"category": labels[category]})
        else:
            capacity = None
        cleaned[category] = (target, capacity)
    return cleaned


def check_capacities(event: Event, targets: dict[str, tuple[int, int | None]]) -> None:
    """Refuse a capacity below the people of its category already registered (the pages' and the admin's check)."""
    if event.pk is None:
        return
    with transaction.atomic():
        # Locked as a registration locks it (_lock_event_for_registering): none is made between this count and the
        # save of the new capacity, whose transaction holds the lock.
        Event.objects.across_provinces("the event whose capacity is checked").select_for_update().filter(
            pk=event.pk
        ).exists()
        registered = Counter(event.registrations.active().values_list("category", flat=True))
    labels = dict(Category.choices)
    for category, (_target, capacity) in targets.items():
        if capacity is not None and registered[category] > capacity:
            raise ValidationError(
                gettext(
                    "%(category)sลงทะเบียนไว้แล้ว %(registered)s คน มากกว่าจำนวนรับสูงสุดใหม่ (%(capacity)s คน) "
                    "ยกเลิกการลงทะเบียนบางคนก่อน"
                )
                % {"category": labels[category], "registered": registered[category], "capacity": capacity}
            )


def _save_targets(event: Event, targets: dict[str, tuple[int, int | None]]) -> None:
    check_capacities(event, targets)
    for category, (target, capacity) in targets.items():
        if target == 0 and capacity is None:
            event.targets.filter(category=category).delete()
        else:
            EventTarget.objects.update_or_create(
                event=event, category=category, defaults={"target": target, "capacity": capacity}
            )


def _check_days_kept(event: Event) -> None:
    if event.pk is None:
        return
    dropped = event.days.exclude(date__in=event.calendar_dates()).filter(attendances__isnull=False).first()
    if dropped is not None:
        raise ValidationError(
            gettext("มีการบันทึกการเข้าร่วมของวันที่ %(date)s แล้ว จึงตัดวันนั้นออกจากกิจกรรมไม่ได้") % {"date": be_date(dropped.date)}
        )


def sync_days(event: Event) -> None:
    """One attendance day per calendar day of the saved event; a day with attendance is never dropped."""
    _check_days_kept(event)  # again: attendance may have been taken since validate_event
    wanted = set(event.calendar_dates())
    event.days.exclude(date__in=wanted).delete()
    existing = set(event.days.values_list("date", flat=True))
    EventDay.objects.bulk_create([EventDay(event=event, date=date) for date in sorted(wanted - existing)])


@transaction.atomic
def create_event(*, by, targets: dict | None = None, **fields) -> Event:
    """A new event with one attendance day per calendar day and a target per participant category."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event(created_by=by, **fields)
    _check_may_manage(by, event)
    validate_event(event)
    cleaned_targets = _clean_targets(targets)
    event.save()
    sync_days(event)
    _save_targets(event, cleaned_targets)
    return event


@transaction.atomic
def update_event(
    *, event: Event, by, targets: dict | None = None, expected_version: int | None = None, **fields
) -> Event:
    """Change an event (refused if it changed since `expected_version`); its days follow the new dates, but days
    with attendance are never dropped."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = (
        Event.objects.across_provinces("the event the view let this user change").select_for_update().get(pk=event.pk)
    )
    _check_may_manage(by, event)
    if expected_version is not None and event.version != expected_version:
        raise ValidationError(
            {
                "version": gettext(
                    "กิจกรรม “%(title)s” ถูกแก้ไขไปแล้วเมื่อ %(at)s หลังจากที่ท่านเปิดแบบฟอร์มนี้ "
                    "การแก้ไขของท่านยังไม่ได้บันทึก โปรดเปิดหน้าแก้ไขใหม่เพื่อดูข้อมูลล่าสุด แล้วแก้ไขอีกครั้ง"
                )
                % {"title": event.title, "at": be_datetime(event.updated_at)}
            },
            code="stale",
        )
    event.version += 1
    for name, value in fields.items():
        setattr(event, name, value)
    _check_may_manage(by, event)
    validate_event(event)
    cleaned_targets = _clean_targets(targets)
    event.save()
    sync_days(event)
    _save_targets(event, cleaned_targets)
    return event


def attended(event: Event) -> bool:
    """Whether anyone's attendance of the event is recorded: what makes it training history, cancelled rather than
    deleted (deletion_refused says why)."""
    return Attendance.objects.filter(day__event=event).exists()


def deletion_refused(event: Event) -> list[str]:
    """Why the event may not be deleted, one sentence a reason; none when it may. Deleting an event deletes its days,
    registrations and attendance with it: once anyone's attendance is recorded the event is training history, which
    the reports of its fiscal year count and its certificates' QR codes are checked against, and it is cancelled
    instead (its status on the event's page), which keeps who came. The portal's pages never delete an event; the
    admin deletes one nobody attended, entered by mistake."""
    if not attended(event):
        return []
    attendance = Attendance.objects.filter(day__event=event)
    days = attendance.values("day").distinct().count()
    people = attendance.values("registration").distinct().count()
    reasons = [
        ngettext(
            "บันทึกการเข้าร่วมไว้แล้ว %(days)s วัน มีผู้เข้าร่วม %(people)s คน",
            "บันทึกการเข้าร่วมไว้แล้ว %(days)s วัน มีผู้เข้าร่วม %(people)s คน",
            days,
        )
        % {"days": days, "people": people}
    ]
    registrations = Registration.objects.across_provinces("every participant of the event to be deleted")
    certified = selectors.certificate_holders(registrations.filter(event=event), event).count()
    if certified:
        reasons.append(
            gettext("ผู้เข้าร่วมครบทุกวัน %(people)s คนมีเกียรติบัตรของกิจกรรมนี้แล้ว และรหัส QR บนเกียรติบัตรตรวจสอบกับกิจกรรมนี้")
            % {"people": certified}
        )
    return reasons


def registration_deletion_refused(registration: Registration) -> list[str]:
    """Why the registration may not be deleted, one sentence a reason; none when it may. Deleting a registration
    deletes its attendance with it: once a day of it is recorded it is the person's training history, cancelled on the
    event's page instead (a tick taken by mistake is taken back at the desk), as an attended event is
    (deletion_refused). The admin deletes one with nothing recorded, entered by mistake."""
    dates = list(registration.attendances.order_by("day__date").values_list("day__date", flat=True))
    if not dates:
        return []
    name = registration.display_name
    reasons = [
        ngettext(
            "บันทึกการเข้าร่วมของ %(name)s ไว้แล้ว %(days)s วัน (%(dates)s)",
            "บันทึกการเข้าร่วมของ %(name)s ไว้แล้ว %(days)s วัน (%(dates)s)",
            len(dates),
        )
        % {"name": name, "days": len(dates), "dates": ", ".join(be_date(date) for date in dates)}
    ]
    if selectors.has_certificate(registration):
        reasons.append(
            gettext("%(name)s เข้าร่วมครบทุกวันและมีเกียรติบัตรของกิจกรรมนี้แล้ว และรหัส QR บนเกียรติบัตรตรวจสอบกับการลงทะเบียนนี้")
            % {"name": name}
        )
    return reasons


# Registration ----------------------------------------------------------------------------------------


def _lock_event_for_registering(event: Event, by, *, cancelling: bool = False) -> Event:
    """The event, locked, when `by` may register people in it now, or with `cancelling` cancel a registration (which
    its organisers may do after the event too: a certificate of someone registered by mistake is taken back so). The
    row lock serialises registrations into one event, so two desks cannot both take the last seat."""
    event = (
        Event.objects.across_provinces("the event the view let this user register people in")
        .select_for_update()
        .select_related("host_province")
        .get(pk=event.pk)
    )
    if not _takes_registrations_from(by, event):
        raise PermissionDenied(gettext("ท่านลงทะเบียนและยกเลิกได้เฉพาะในกิจกรรมของจังหวัดที่ท่านดูแลและกิจกรรมระดับประเทศ"))
    if why := registration_closed(event, by, cancelling=cancelling):
        raise ValidationError(why)
    return event


def _takes_registrations_from(by, event: Event) -> bool:
    # A provincial event is its host province's (and administrators'); into a national one HQ officers register
    # anyone and every province's officers their own people.
    if Event.objects.editable_by(by).filter(pk=event.pk).exists():
        return True
    return event.level == Event.Level.NATIONAL and can_write_anywhere(by)


def registration_closed(event: Event, by, *, cancelling: bool = False) -> str:
    """Why `by` may not register people into the event now (with `cancelling`: cancel a registration of it), "" when
    they may: the service refuses with it, the pages offer the buttons only when it is "". Who may act in the event at
    all is checked apart (_takes_registrations_from)."""
    status = {"status": event.get_status_display()}
    if not cancelling and event.status in {Event.Status.CANCELLED, Event.Status.DONE}:
        return gettext("กิจกรรมนี้%(status)s จึงลงทะเบียนเพิ่มไม่ได้") % status
    if event.level != Event.Level.NATIONAL or event.status == Event.Status.OPEN:
        return ""
    # A national event's registration is the provinces' only while HQ keeps it open.
    if Event.objects.editable_by(by).filter(pk=event.pk).exists():
        return ""
    if event.status == Event.Status.DRAFT:
        return gettext("ส่วนกลางยังไม่เปิดรับลงทะเบียนกิจกรรมนี้")
    closed = event.status == Event.Status.CLOSED
    if cancelling and closed:
        return gettext("ส่วนกลางปิดรับลงทะเบียนกิจกรรมนี้แล้ว จึงยกเลิกการลงทะเบียนไม่ได้ หากจำเป็นกรุณาติดต่อผู้จัดกิจกรรมส่วนกลาง")
    if closed:
        return gettext("ส่วนกลางปิดรับลงทะเบียนกิจกรรมนี้แล้ว จึงลงทะเบียนเพิ่มไม่ได้ หากจำเป็นกรุณาติดต่อผู้จัดกิจกรรมส่วนกลาง")
    if cancelling:
        return gettext("กิจกรรมนี้%(status)s จึงยกเลิกการลงทะเบียนไม่ได้ หากจำเป็นกรุณาติดต่อผู้จัดกิจกรรมส่วนกลาง") % status
    return gettext("กิจกรรมนี้%(status)s จึงลงทะเบียนเพิ่มไม่ได้ หากจำเป็นกรุณาติดต่อผู้จัดกิจกรรมส่วนกลาง") % status


# The categories a mentor from the registry may be registered in (a speaker or an observer is typed in as a guest).
MENTOR_CATEGORIES = frozenset(Category.values) - {Category.VOLUNTEER, Category.SPEAKER, Category.OBSERVER}


def _check_capacity(event: Event, adding: Counter) -> None:
    limits = {t.category: t.capacity for t in event.targets.all() if t.capacity is not None}
    if not limits:
        return
    registered = Counter(event.registrations.active().values_list("category", flat=True))
    labels = dict(Category.choices)
    for category, count in adding.items():
        limit = limits.get(category)
        if limit is not None and registered[category] + count > limit:
            room = max(limit - registered[category], 0)
            raise ValidationError(
                gettext(
                    "เกินจำนวนรับ: %(category)sรับได้สูงสุด %(limit)s คน ลงทะเบียนแล้ว %(registered)s คน "
                    "เหลือที่ว่าง %(room)s คน แต่เลือกมา %(count)s คน"
                )
                % {
                    "category": labels[category],
                    "limit": limit,
                    "registered": registered[category],
                    "room": room,
                    "count": count,
                }
            )


def brings_anyone(by, event: Event) -> bool:
    """Who runs a national event registers people from every province; everyone else brings their own."""
    return event.level == Event.Level.NATIONAL and runs_national_events(by)


def _check_people(by, event: Event, people) -> None:
    if brings_anyone(by, event):
        return
    outsiders = [p for p in people if not can_write_in(by, p.province_id)]
    if outsiders:
        names = ", ".join(f"{p.full_name} ({p.province})" for p in outsiders[:5])
        if len(outsiders) > 5:
            names += " " + and_more(len(outsiders) - 5)
        raise ValidationError(gettext("ลงทะเบียนได้เฉพาะผู้เข้าร่วมในจังหวัดที่ท่านดูแล: %(names)s อยู่ต่างจังหวัด") % {"names": names})


def and_more(count: int) -> str:
    """What follows a list of names cut short: และอีก 3 คน, "and 3 more"."""
    return gettext("และอีก %(n)s คน") % {"n": count}


def serving_day(event: Event) -> dt.date:
    """The day a volunteer must be serving on to be registered into the event: its first day. An event ahead takes
    nobody whose term ends before it begins (unless the new term is on record); one held already takes those who
    were serving when it began, though their term has ended since."""
    return event.start_date


def _serving_at(event: Event, volunteers) -> set[int]:
    """The pks of `volunteers` serving on the event's serving_day, by the registry's one rule (Volunteer.serving)."""
    if not volunteers:
        return set()
    return set(
        Volunteer.objects.across_provinces("the volunteers the view let this user register")
        .serving(on=serving_day(event))
        .filter(pk__in=[v.pk for v in volunteers])
        .values_list("pk", flat=True)
    )


def _why_not_serving(volunteer, event: Event) -> str:
    if not volunteer.is_active:
        return gettext("สถานะ “%(status)s”") % {"status": volunteer.status_display}
    start = {"start": be_date(event.start_date)}
    if volunteer_rules.term_ended(volunteer.status, volunteer.term_ends_on, serving_day(event)):
        return gettext("ครบวาระ: วาระสิ้นสุด %(end)s ก่อนวันเริ่มกิจกรรม %(start)s") % {
            "end": be_date(volunteer.term_ends_on),
            **start,
        }
    # A status changed since the list was read, or a condition the registry's rule (serving_on) comes to add.
    return gettext("ไม่ได้ปฏิบัติหน้าที่ในวันเริ่มกิจกรรม %(start)s") % start


@transaction.atomic
def register_people(*, event: Event, volunteers=(), mentors=(), category: str | None = None, by) -> RegistrationResult:
    """Register people from the registry: those already in the event are skipped, those not serving when it begins
    (serving_day) are left out and named with the reason (result.not_registered), and everyone else is registered;
    of those, the volunteers out of office on a later day of the event are named with the last day they can be marked
    present (result.cut_short)."""
    event = _lock_event_for_registering(event, by)
    volunteers, mentors = list(dict.fromkeys(volunteers)), list(dict.fromkeys(mentors))
    if not volunteers and not mentors:
        raise ValidationError(gettext("ยังไม่ได้เลือกผู้เข้าร่วม"))
    if category is not None and category not in Category.values:
        raise ValidationError(_unknown_category(category))
    if category is not None and volunteers and category != Category.VOLUNTEER:
        # A category has its own seats and its own line on the certificate: a volunteer takes a volunteer's.
        raise ValidationError(
            gettext("อาสาสมัครแรงงานลงทะเบียนได้ในประเภท “%(category)s” เท่านั้น") % {"category": Category.VOLUNTEER.label}
        )
    if category is not None and mentors and category not in MENTOR_CATEGORIES:
        raise ValidationError(
            gettext("พี่เลี้ยงลงทะเบียนในประเภท “%(category)s” ไม่ได้") % {"category": Category(category).label}
        )
    _check_people(by, event, volunteers + mentors)
    result = RegistrationResult()
    serving = _serving_at(event, volunteers)
    result.not_registered += [(v.full_name, _why_not_serving(v, event)) for v in volunteers if v.pk not in serving]
    result.not_registered += [(m.full_name, gettext("พี่เลี้ยงที่ไม่ได้ปฏิบัติหน้าที่แล้ว")) for m in mentors if not m.is_active]
    volunteers = [v for v in volunteers if v.pk in serving]
    mentors = [m for m in mentors if m.is_active]

    taken = event.registrations.active()
    taken_volunteers = set(taken.filter(volunteer__in=volunteers).values_list("volunteer_id", flat=True))
    taken_mentors = set(taken.filter(mentor__in=mentors).values_list("mentor_id", flat=True))
    new = []
    for volunteer in volunteers:
        if volunteer.pk in taken_volunteers:
            result.already_registered.append(volunteer.full_name)
            continue
        new.append(
            Registration(
                event=event,
                volunteer=volunteer,
                category=category or Category.VOLUNTEER,
                home_province_id=volunteer.province_id,
                registered_by=by,
            )
        )
    for mentor in mentors:
        if mentor.pk in taken_mentors:
            result.already_registered.append(mentor.full_name)
            continue
        new.append(
            Registration(
                event=event,
                mentor=mentor,
                category=category or Category.MENTOR,
                home_province_id=mentor.province_id,
                registered_by=by,
            )
        )
    _check_capacity(event, Counter(r.category for r in new))
    try:
        with transaction.atomic():
            result.created = Registration.objects.bulk_create(new)
    except IntegrityError:
        raise ValidationError(gettext("มีผู้เข้าร่วมบางคนเพิ่งถูกลงทะเบียนในกิจกรรมนี้ กรุณาลองอีกครั้ง")) from None
    notes = attendance_cut_short(event, [r.volunteer for r in result.created if r.volunteer_id is not None])
    result.cut_short = [
        (r.volunteer.full_name, notes[r.volunteer_id]) for r in result.created if r.volunteer_id in notes
    ]
    return result


def attendance_cut_short(event: Event, volunteers) -> dict[int, str]:
    """{pk: note} for each of `volunteers` (registered in `event`) who will be out of office on a day of it after the
    first, by the registry's one rule (volunteers.services.out_of_office_on): the last day they can be marked present
    and why. Registration asks only the first day (serving_day), attendance asks each day (out_of_office_error), so
    the officer is told at registration and on the event's page. All read at once, however many people and days."""
    later_days = [day for day in event.calendar_dates() if day > serving_day(event)]
    if not later_days:
        return {}
    out = out_of_office_on_days(volunteers, later_days)
    return {pk: _cut_short_note(event, by_day) for pk, by_day in out.items() if pk is not None}


def _cut_short_note(event: Event, by_day: dict[dt.date, volunteer_rules.OutOfOffice]) -> str:
    first_out = min(by_day)
    why = volunteer_rules.out_of_office_reason(by_day[first_out])
    if len(by_day) == (event.end_date - first_out).days + 1:
        return gettext("บันทึกการเข้าร่วมได้ถึงวันที่ %(last)s เท่านั้น เพราะ%(why)s") % {
            "last": be_date(first_out - dt.timedelta(days=1)),
            "why": why,
        }
    # Back in office before the event ends (a suspension lifted, the next term begun): the days missed, not a last day.
    return gettext("บันทึกการเข้าร่วมของวันที่ %(days)s ไม่ได้ เพราะ%(why)s") % {
        "days": ", ".join(be_date(day) for day in sorted(by_day)),
        "why": why,
    }


def register_mentor_group(*, event: Event, mentor, by, include_mentor: bool = True) -> RegistrationResult:
    """A mentor's whole group of active volunteers at once, with the mentor; those whose term ends before the event
    are named, not registered (register_people)."""
    volunteers = list(mentor.volunteers.filter(status="active").select_related("province"))
    return register_people(event=event, volunteers=volunteers, mentors=[mentor] if include_mentor else [], by=by)


def clean_guest_name(*, event: Event, name: str, registration: Registration | None = None) -> str:
    """A guest's name with its spaces tidied, refused when empty or when another guest of the event has it (the
    guest registration page's and the admin's check)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": gettext("กรุณากรอกชื่อ-นามสกุลของผู้เข้าร่วม")})
    others = event.registrations.active().filter(name=name, volunteer__isnull=True, mentor__isnull=True)
    if registration is not None:
        others = others.exclude(pk=registration.pk)
    if others.exists():
        raise ValidationError({"name": gettext("%(name)s ลงทะเบียนในกิจกรรมนี้ไว้แล้ว") % {"name": name}})
    return name


@transaction.atomic
def register_guest(
    *,
    event: Event,
    category: str,
    name: str,
    home_province,
    by,
    position: str = "",
    agency_name: str = "",
    phone: str = "",
) -> Registration:
    """Someone who is not in the registry: an officer of another agency, a speaker, an observer."""
    event = _lock_event_for_registering(event, by)
    if category == Category.VOLUNTEER:
        raise ValidationError({"category": gettext("อาสาสมัครแรงงานต้องเลือกจากทะเบียน อสร. (เมนูลงทะเบียนจากทะเบียน)")})
    if category not in Category.values:
        raise ValidationError({"category": _unknown_category(category)})
    hosts_event = brings_anyone(by, event) or (
        event.level == Event.Level.PROVINCIAL and can_write_in(by, event.host_province_id)
    )
    # The host province invites speakers and guests from anywhere; into others' events, officers bring their own.
    if not hosts_event and not can_write_in(by, home_province.pk):
        raise ValidationError(
            {
                "home_province": gettext("ลงทะเบียนได้เฉพาะผู้เข้าร่วมในจังหวัดที่ท่านดูแล (%(province)s ไม่ใช่)")
                % {"province": home_province}
            }
        )
    name = clean_guest_name(event=event, name=name)
    _check_capacity(event, Counter({category: 1}))
    registration = Registration(
        event=event,
        category=category,
        name=name,
        position=position.strip(),
        agency_name=agency_name.strip(),
        phone=phone.strip(),
        home_province=home_province,
        registered_by=by,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, reason: str, by) -> Registration:
    """Cancel with a reason; the seat is freed and the person may be registered again later. In a national event a
    province's staff cancel only while HQ keeps registration open, as they register."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("กรุณาระบุเหตุผลที่ยกเลิกการลงทะเบียน")})
    # The event first, as a registration locks it.
    _lock_event_for_registering(registration.event, by, cancelling=True)
    registration = (
        Registration.objects.across_provinces("the registration the view let this user change")
        .select_for_update()
        .get(pk=registration.pk)
    )
    if not Registration.objects.editable_by(by).filter(pk=registration.pk).exists():
        raise PermissionDenied(gettext("ท่านยกเลิกได้เฉพาะการลงทะเบียนที่ท่านดูแล"))
    if registration.is_cancelled:
        raise ValidationError(gettext("การลงทะเบียนนี้ถูกยกเลิกไปแล้ว"))
    registration.cancelled_at = timezone.now()
    registration.cancel_reason = reason
    registration.cancelled_by = by
    registration.save(update_fields=["cancelled_at", "cancel_reason", "cancelled_by"])
    return registration


# Attendance ------------------------------------------------------------------------------------------


def attendance_not_open(day: EventDay) -> str:
    """Why attendance cannot be recorded for this day, or "" when it can: the pages show it, the writes refuse."""
    if day.event.status == Event.Status.CANCELLED:
        return gettext("กิจกรรมนี้ถูกยกเลิกแล้ว จึงบันทึกการเข้าร่วมไม่ได้")
    if day.is_future:
        return gettext("ยังไม่ถึงวันที่ %(date)s จึงยังบันทึกการเข้าร่วมของวันนั้นไม่ได้ บันทึกได้ตั้งแต่วันนั้นเป็นต้นไป") % {
            "date": be_date_long(day.date)
        }
    return ""


def _check_attendance_open(day: EventDay) -> None:
    # Every door (tick list, typed code, QR scan, the paper sheet) writes through check_in or mark_present_bulk.
    if why := attendance_not_open(day):
        raise ValidationError(why)


def out_of_office_error(registration: Registration, day: EventDay) -> str | None:
    """Why the person of `registration` may not be recorded present on `day`, named with the day: a volunteer not
    serving that day by the registry's one rule (volunteers.services.out_of_office_on: not yet appointed, out of office
    by their status, or outside their terms); None when they were, and for a mentor or a guest, whose attendance the
    volunteers' registry does not read. A day present shows the volunteer at work, which the registry would contradict
    (the status page refuses the other way round: trainings.status_checks)."""
    if registration.volunteer_id is None:
        return None
    out = out_of_office_on(registration.volunteer, day.date)
    return None if out is None else _out_of_office_message(registration.volunteer, day, out)


def _out_of_office_message(volunteer: Volunteer, day: EventDay, out: volunteer_rules.OutOfOffice) -> str:
    """out_of_office_error's words for `volunteer`, out of office on `day` as `out` says (why in the registry's words,
    volunteers.rules.out_of_office_reason); the paper sheet, which reads all its volunteers at once, says the same."""
    return gettext("%(name)s ไม่ได้ปฏิบัติหน้าที่ในวันที่ %(day)s เพราะ%(why)s จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้") % {
        "name": volunteer.full_name,
        "day": be_date(day.date),
        "why": volunteer_rules.out_of_office_reason(out),
    }


def out_of_office_errors(registrations, day: EventDay) -> dict[int, str]:
    """out_of_office_error of each of `registrations` (their volunteers loaded) on `day`, read at once however many:
    {registration pk: why} for those whose tick would be refused, in the order given (the tick list and the phone's
    copy show it on their line; a paper sheet refuses with it)."""
    registrations = [r for r in registrations if r.volunteer_id is not None]
    out = out_of_office_on_many([r.volunteer for r in registrations], day.date)
    return {
        r.pk: _out_of_office_message(r.volunteer, day, out[r.volunteer_id])
        for r in registrations
        if r.volunteer_id in out
    }


def normalize_code(text: str) -> str:
    """What people type or scanners send: spaces, dashes and lower case do not matter."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def _registration_for_check_in(*, day: EventDay, registration=None, code=None) -> Registration:
    if registration is None:
        typed = normalize_code(code)
        if not typed:
            raise ValidationError(gettext("กรุณากรอกรหัสลงทะเบียน"))
        # Any province's participant may sign in at the event; the code is checked against the event just below.
        registration = (
            Registration.objects.across_provinces("a participant of this event from any province")
            .select_related("volunteer", "mentor", "event")
            .filter(code=typed)
            .first()
        )
        if registration is None:
            raise ValidationError(gettext("ไม่พบรหัสลงทะเบียน “%(code)s” ตรวจสอบรหัสอีกครั้ง") % {"code": typed})
    if registration.event_id != day.event_id:
        raise ValidationError(gettext("รหัส %(code)s เป็นของกิจกรรมอื่น ไม่ใช่กิจกรรมนี้") % {"code": registration.code})
    if registration.is_cancelled:
        raise ValidationError(gettext("การลงทะเบียนของ %(name)s ถูกยกเลิกแล้ว") % {"name": registration.display_name})
    return registration


@transaction.atomic
def check_in(
    *, day: EventDay, method: str, by, registration: Registration | None = None, code: str = ""
) -> CheckInResult:
    """Mark one person present on one day; doing it twice is harmless and says so. A volunteer out of office that
    day is refused (out_of_office_error)."""
    _check_attendance_open(day)
    registration = _registration_for_check_in(day=day, registration=registration, code=code)
    if why := out_of_office_error(registration, day):
        raise ValidationError(why)
    attendance, created = Attendance.objects.get_or_create(
        registration=registration, day=day, defaults={"method": method, "recorded_by": by}
    )
    return CheckInResult(registration=registration, attendance=attendance, created=created)


@transaction.atomic
def undo_check_in(*, day: EventDay, registration: Registration, by) -> bool:
    """Take back a mistaken tick at the desk; True when there was one."""
    if registration.event_id != day.event_id:
        raise ValidationError(gettext("รหัส %(code)s เป็นของกิจกรรมอื่น ไม่ใช่กิจกรรมนี้") % {"code": registration.code})
    # A cancelled event's record of who came stays as it was when it was called off.
    _check_attendance_open(day)
    deleted, _ = Attendance.objects.filter(registration=registration, day=day).delete()
    return bool(deleted)


@transaction.atomic
def mark_present_bulk(*, day: EventDay, registrations, by, method: str = Attendance.Method.SHEET) -> int:
    """Mark many people present from a paper sheet after the event; returns how many were newly marked. When a
    volunteer chosen was out of office that day, nobody is marked and each such volunteer is named with the reason."""
    _check_attendance_open(day)
    registrations = list(registrations)
    for registration in registrations:
        _registration_for_check_in(day=day, registration=registration)
    # Asked of all the sheet's volunteers at once: a national event's sheet has a thousand of them.
    prefetch_related_objects(registrations, "volunteer")
    refused = list(out_of_office_errors(registrations, day).values())
    if refused:
        raise ValidationError(
            [
                *refused,
                gettext("ยังไม่ได้บันทึกการเข้าร่วมของวันที่ %(date)s ให้ผู้ใด กรุณาเอารายชื่อข้างต้นออกแล้วบันทึกอีกครั้ง")
                % {"date": be_date(day.date)},
            ]
        )
    before = Attendance.objects.filter(day=day).count()
    Attendance.objects.bulk_create(
        [Attendance(registration=r, day=day, method=method, recorded_by=by) for r in registrations],
        ignore_conflicts=True,
    )
    return Attendance.objects.filter(day=day).count() - before


# Certificates made in the background --------------------------------------------------------------------------


def start_certificate_batch(*, event: Event, registrations, by, verify_url: str) -> CertificateBatch:
    """The requester's batch of an event's certificates: the one still being made, the ready one of the very same
    people, or a new one queued for the worker."""
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(gettext("กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตรให้พิมพ์"))
    purge_expired_certificate_batches()
    ids = [r.pk for r in registrations]
    for batch in CertificateBatch.objects.filter(event=event, requested_by=by)[:5]:
        if batch.is_working or (batch.is_ready and batch.registration_ids == ids):
            return batch
    if not ids:
        raise ValidationError(gettext("ยังไม่มีผู้เข้าร่วมครบทุกวัน จึงยังไม่มีเกียรติบัตรให้พิมพ์"))
    batch = CertificateBatch.objects.create(
        event=event, requested_by=by, registration_ids=ids, total=len(ids), verify_url=verify_url
    )
    from trainings.tasks import make_certificates

    make_certificates.enqueue(batch.pk)
    return batch


def purge_expired_certificate_batches() -> int:
    """Delete the batches, and their files of names, past their time (CertificateBatch.KEEP_HOURS)."""
    now = timezone.now()
    expired = CertificateBatch.objects.filter(
        Q(expires_at__lte=now) | Q(created_at__lte=now - dt.timedelta(hours=CertificateBatch.KEEP_HOURS))
    )
    count = 0
    for batch in expired:
        if batch.is_working:
            continue
        if batch.file:
            batch.file.delete(save=False)
        batch.delete()
        count += 1
    return count
