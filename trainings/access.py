"""One access helper per object kind: 404 for missing and another province's alike, 403 when visible but not writable."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.scope import can_write_anywhere, get_editable_or_404, get_visible_or_404, runs_national_events
from mentors.models import Mentor
from trainings.models import Event, EventDay, Registration
from trainings.services import brings_anyone
from volunteers.models import Volunteer


def get_event_for(user, pk) -> Event:
    """An event the user may see: their province's, or a national one."""
    return get_visible_or_404(Event.objects.select_related("host_province"), user, pk=pk)


def get_managed_event_for(user, pk) -> Event:
    """An event the user runs (edit, check-in, attendance): officers their province's own, administrators any."""
    return get_editable_or_404(Event.objects.select_related("host_province"), user, pk=pk)


def may_register_into(user, event: Event) -> bool:
    """Officers bring their own people, even into national events; HQ officers register anyone into national ones."""
    return can_write_anywhere(user) or (event.level == Event.Level.NATIONAL and runs_national_events(user))


def get_event_for_registering(user, pk) -> Event:
    """An event the user may register people into (may_register_into)."""
    event = get_event_for(user, pk)
    if not may_register_into(user, event):
        raise PermissionDenied(_("ไม่มีสิทธิ์ลงทะเบียนผู้เข้าร่วม"))
    return event


def people_to_register(user, event: Event):
    """(volunteers, mentors) the user may register into the event: their own province's, or anyone's into a national
    event they run."""
    if brings_anyone(user, event):
        return Volunteer.objects.visible_to(user), Mentor.objects.visible_to(user)
    return Volunteer.objects.editable_by(user), Mentor.objects.editable_by(user)


def people_chosen(user, event: Event, *, volunteer_ids, mentor_ids) -> tuple[list, list]:
    """The volunteers and mentors named, among those the user may register into the event (people_to_register), in
    the order named; a ValidationError, and no one registered, if any of them is not there (the page and the API)."""
    volunteers, mentors = people_to_register(user, event)
    volunteer_ids, mentor_ids = list(dict.fromkeys(volunteer_ids)), list(dict.fromkeys(mentor_ids))
    chosen_volunteers = list(volunteers.filter(pk__in=volunteer_ids).select_related("province"))
    chosen_mentors = list(mentors.filter(pk__in=mentor_ids).select_related("province"))
    missing = len(volunteer_ids) - len(chosen_volunteers) + len(mentor_ids) - len(chosen_mentors)
    if missing:
        raise ValidationError(
            _("ไม่พบผู้เข้าร่วม %(n)s คนที่เลือกในทะเบียนของจังหวัดที่ท่านดูแล จึงยังไม่ได้ลงทะเบียนใคร") % {"n": missing}
        )
    volunteer_order = {pk: n for n, pk in enumerate(volunteer_ids)}
    mentor_order = {pk: n for n, pk in enumerate(mentor_ids)}
    chosen_volunteers.sort(key=lambda v: volunteer_order[v.pk])
    chosen_mentors.sort(key=lambda m: mentor_order[m.pk])
    return chosen_volunteers, chosen_mentors


def get_day_of(event: Event, day_pk) -> EventDay:
    """One day of an event already checked for access; another event's day is missing here."""
    return get_object_or_404(EventDay.objects.select_related("event"), event=event, pk=day_pk)


def get_registration_for(user, pk) -> Registration:
    """A registration the user may see: everyone in their province's own events, their own people in national ones."""
    return get_visible_or_404(
        Registration.objects.select_related(
            "event__host_province", "home_province", "volunteer__subdistrict__district", "mentor__agency"
        ),
        user,
        pk=pk,
    )


def get_editable_registration_for(user, pk) -> Registration:
    """A registration the user may cancel."""
    return get_editable_or_404(
        Registration.objects.select_related("event__host_province", "home_province", "volunteer", "mentor"),
        user,
        pk=pk,
    )
