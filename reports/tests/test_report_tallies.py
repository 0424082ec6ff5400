"""The report tallies stay equal to a fresh count of the registry, whatever writes it: saves, status changes, moves,
deletions, bulk_create, bulk_update, QuerySet.update, COPY, cancellations, check-ins and TRUNCATE, re-appointments,
corrected term ends and tier changes.

The expected figures are counted here in Python from the source rows, independently of the triggers' SQL."""

import csv
import datetime as dt
import io
import random
from collections import Counter, defaultdict

import pytest
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, F
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.national_ids import valid_national_id
from core.thai import fiscal_year
from provinces.models import Subdistrict
from reports import tallies
from reports.models import (
    EventTally,
    LeaverTally,
    LeaverYear,
    TrainingProvinceTally,
    TrainingTally,
    VolunteerTally,
)
from reports.tests.factories import event_days, leave, register
from reports.tests.test_volunteer_year_tally import by_definition, by_roll_up, by_term_definition, by_term_roll_up
from trainings.models import Attendance, Category, Event, EventTarget, Registration
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

LEFT = ("resigned", "deceased")


def fy_or_zero(day):
    return fiscal_year(day) if day else 0


def term_step(day):
    """Two steps a month, the second for its last day alone; 0 for no term (worked out here, not by tallies.py)."""
    if day is None:
        return 0
    return 2 * (day.year * 12 + day.month - 1) + ((day + dt.timedelta(days=1)).month != day.month)


def expected() -> dict:
    """Every tally, counted from scratch in Python."""
    volunteers = Counter(
        (
            v.province_id,
            v.status,
            fy_or_zero(v.appointed_on),
            fy_or_zero(v.status_changed_on),
            term_step(v.term_ends_on),
            v.tier,
        )
        for v in Volunteer.objects.all()
    )
    leaver_years = {
        (c.volunteer_id, fiscal_year(c.changed_on), c.volunteer.province_id)
        for c in StatusChange.objects.filter(to_status__in=LEFT).select_related("volunteer")
    }
    training = defaultdict(lambda: [0, 0])
    for r in (
        Registration.objects.filter(cancelled_at__isnull=True)
        .exclude(event__status="cancelled")
        .select_related("event")
    ):
        key = (r.event_id, r.home_province_id, r.category, r.event.fiscal_year, r.event.host_province_id)
        training[key][0] += 1
        training[key][1] += r.attendances.exists()
    per_province = defaultdict(lambda: [0, 0])
    for (_, home, _, fy, host), (registered, attended) in training.items():
        per_province[(fy, host, home)][0] += registered
        per_province[(fy, host, home)][1] += attended
    events = defaultdict(lambda: [0, 0])
    for event in Event.objects.exclude(status="cancelled").prefetch_related("targets"):
        events[(event.fiscal_year, event.host_province_id)][0] += 1
        events[(event.fiscal_year, event.host_province_id)][1] += sum(t.target for t in event.targets.all())
    return {
        "volunteers": dict(volunteers),
        "leaver_years": leaver_years,
        "leavers": dict(Counter((province, fy) for _, fy, province in leaver_years)),
        "training": {k: tuple(v) for k, v in training.items()},
        "training_per_province": {k: tuple(v) for k, v in per_province.items()},
        "events": {k: tuple(v) for k, v in events.items()},
    }


def actual() -> dict:
    """The tallies as the triggers left them (rows that came down to zero count as absent)."""
    return {
        "volunteers": {
            (t.province_id, t.status, t.appointed_fy, t.changed_fy, t.term_end_key, t.tier): t.volunteers
            for t in VolunteerTally.objects.exclude(volunteers=0)
        },
        "leaver_years": set(LeaverYear.objects.values_list("volunteer_id", "fiscal_year", "province_id")),
        "leavers": {(t.province_id, t.fiscal_year): t.volunteers for t in LeaverTally.objects.exclude(volunteers=0)},
        "training": {
            (t.event_id, t.home_province_id, t.category, t.fiscal_year, t.host_province_id): (t.registered, t.attended)
            for t in TrainingTally.objects.all()
        },
        "training_per_province": {
            (t.fiscal_year, t.host_province_id, t.home_province_id): (t.registered, t.attended)
            for t in TrainingProvinceTally.objects.exclude(registered=0, attended=0)
        },
        "events": {
            (t.fiscal_year, t.host_province_id): (t.events, t.target)
            for t in EventTally.objects.exclude(events=0, target=0)
        },
    }


def assert_tallies_exact():
    assert actual() == expected()
    # The roll-ups follow the tally through every kind of write (reports/tests/test_volunteer_year_tally.py).
    assert by_roll_up() == by_definition()
    assert by_term_roll_up() == by_term_definition()


def copy_volunteers(rows: list[dict]) -> None:
    """COPY volunteers in, as an import tool or psql would: every column not given takes the field's default."""
    fields = [f for f in Volunteer._meta.concrete_fields if not f.primary_key and not f.generated]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        values = []
        for f in fields:
            if f.attname in row:
                value = row[f.attname]
            elif f.has_default() or f.default is not NOT_PROVIDED:
                value = f.get_default()
            elif f.get_internal_type() == "DateTimeField":  # auto_now, which COPY knows nothing of
                value = timezone.now()
            else:
                value = None if f.null else ""
            values.append(r"\N" if value is None else value.isoformat() if hasattr(value, "isoformat") else value)
        writer.writerow(values)
    buffer.seek(0)
    columns = ", ".join(f.column for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY volunteers_volunteer ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
        )


# ---------------------------------------------------------------------------------------------------------------


def test_the_hand_built_province_is_counted_exactly(small_province):
    assert_tallies_exact()
    leavers = {(t.province_id, t.fiscal_year): t.volunteers for t in LeaverTally.objects.all()}
    province = small_province["province"]
    # V6 died in FY2567, V5 resigned in FY2568, V8 in FY2569 (tables worked out in factories.py)
    assert (leavers[(province.pk, 2567)], leavers[(province.pk, 2568)], leavers[(province.pk, 2569)]) == (1, 1, 1)


def test_a_volunteer_who_resigns_and_dies_in_one_year_leaves_once(small_province):
    v1 = small_province["volunteers"][0]
    leave(v1, Volunteer.Status.RESIGNED, dt.date(2025, 2, 1), "ลาออก")
    leave(v1, Volunteer.Status.DECEASED, dt.date(2025, 6, 1), "เสียชีวิต")
    province = small_province["province"]
    assert LeaverTally.objects.get(province=province, fiscal_year=2568).volunteers == 2  # V5 and V1
    assert_tallies_exact()


def test_a_move_to_another_province_takes_the_volunteer_and_their_departures_along(small_province, lampang):
    v5 = small_province["volunteers"][4]  # resigned in FY2568
    v5.subdistrict = lampang.subdistricts.order_by("code").first()
    v5.save()
    assert LeaverTally.objects.get(province=lampang, fiscal_year=2568).volunteers == 1
    assert not LeaverTally.objects.filter(province=small_province["province"], fiscal_year=2568).exclude(volunteers=0)
    assert_tallies_exact()


def test_bulk_writes_and_copy_are_counted_once_per_statement(small_province, lampang, chiang_mai):
    subdistrict = lampang.subdistricts.order_by("code").first()
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                national_id=valid_national_id(9000 + n, prefix="1980"),
                title="mr",
                first_name=f"กลุ่ม{n}",
                last_name="นำเข้า",
                subdistrict=subdistrict,
                province=lampang,
                appointed_on=dt.date(2023, 1 + n % 12, 1),
            )
            for n in range(40)
        ]
    )
    copy_volunteers(
        [
            {
                "national_id": valid_national_id(9500 + n, prefix="1980"),
                "title": "mrs",
                "first_name": f"คัดลอก{n}",
                "last_name": "นำเข้า",
                "gender": "female",
                "subdistrict_id": subdistrict.pk,
                "province_id": lampang.pk,
                "appointed_on": dt.date(2024, 10, 1) if n % 2 else None,
                "status": "resigned" if n % 5 == 0 else "active",
                "status_changed_on": dt.date(2025, 3, 3) if n % 5 == 0 else None,
            }
            for n in range(25)
        ]
    )
    assert_tallies_exact()
    lampang_volunteers = list(Volunteer.objects.filter(province=lampang).order_by("pk"))
    for n, v in enumerate(lampang_volunteers):
        v.status = "suspended" if n % 3 == 0 else v.status
        v.status_changed_on = dt.date(2025, 5, 5) if n % 3 == 0 else v.status_changed_on
        v.appointed_on = dt.date(2020, 2, 2) if n % 4 == 0 else v.appointed_on
    Volunteer.objects.bulk_update(lampang_volunteers, ["status", "status_changed_on", "appointed_on"], batch_size=17)
    assert_tallies_exact()
    cm_subdistrict = chiang_mai.subdistricts.order_by("code").first()
    Volunteer.objects.filter(province=lampang, first_name__startswith="กลุ่ม").update(
        subdistrict=cm_subdistrict, province=chiang_mai
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            volunteer=v, from_status="active", to_status="resigned", changed_on=dt.date(2025, 7, 7), reason="-"
        )
        for v in Volunteer.objects.filter(province=chiang_mai)
    )
    assert_tallies_exact()
    Volunteer.objects.filter(first_name__startswith="คัดลอก").delete()
    StatusChange.objects.filter(changed_on=dt.date(2025, 7, 7)).update(changed_on=dt.date(2023, 7, 7))
    assert_tallies_exact()
    assert tallies.volunteer_count() == Volunteer.objects.count()
    assert tallies.volunteer_count(lampang.pk) == Volunteer.objects.filter(province=lampang).count()


def test_registrations_cancellations_check_ins_and_event_changes(small_province, lampang, chiang_mai):
    e1, e2, e3, e4, e5 = small_province["events"]
    day = e5.days.first()
    Registration.objects.filter(event=e1, category=Category.VOLUNTEER).update(cancelled_at=timezone.now())
    Attendance.objects.bulk_create(Attendance(registration=r, day=day) for r in e5.registrations.all())
    assert_tallies_exact()
    e4.status = Event.Status.DONE  # the cancelled event comes back, with its registration and attendance
    e4.save()
    e2.start_date = e2.end_date = dt.date(2024, 11, 1)  # moves into FY2568
    e2.host_province = lampang
    e2.save()
    assert_tallies_exact()
    Attendance.objects.filter(registration__event=e1).delete()
    Registration.objects.filter(event=e3).delete()
    e1.status = Event.Status.CANCELLED
    e1.save()
    assert_tallies_exact()
    with connection.cursor() as cursor:  # TRUNCATE fires no DELETE trigger; the tallies are told all the same
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred foreign-key check
        cursor.execute("TRUNCATE trainings_attendance CASCADE")  # and the API's check-in keys that point at it
    assert_tallies_exact()


def test_re_appointments_corrected_term_ends_and_tier_changes_move_the_counts(small_province):
    from accounts.tests.factories import StaffFactory
    from volunteers import services

    officer = StaffFactory(username="test.officer", role="officer", province=small_province["province"])
    v1, v2, v3 = small_province["volunteers"][:3]
    Volunteer.objects.filter(pk=v1.pk).update(term_ends_on=dt.date(2025, 9, 30))  # a month's last day: its own step
    Volunteer.objects.filter(pk=v2.pk).update(term_ends_on=dt.date(2025, 9, 29))
    assert_tallies_exact()
    services.reappoint(volunteers=[v1], starts_on=dt.date(2025, 10, 1), order_no="12/2568", by=officer)
    assert Volunteer.objects.get(pk=v1.pk).term_ends_on == dt.date(2028, 9, 30)
    assert_tallies_exact()
    v3.tier = Volunteer.Tier.NETWORK
    v3.save()
    Volunteer.objects.filter(pk=v2.pk).update(term_ends_on=None, tier="network")
    assert_tallies_exact()
    newcomer = VolunteerFactory(
        subdistrict=v1.subdistrict, tier="network", appointed_on=dt.date(2024, 2, 29), term_ends_on=dt.date(2027, 2, 28)
    )
    assert_tallies_exact()
    newcomer.delete()
    assert_tallies_exact()


def test_event_targets_count_with_their_event_wherever_it_moves(small_province, lampang):
    e1, e2, e3, e4, e5 = small_province["events"]
    EventTarget.objects.create(event=e2, category=Category.MENTOR, target=7)
    EventTarget.objects.filter(event__in=[e1, e2]).update(target=F("target") + 1)
    assert_tallies_exact()
    e2.status = Event.Status.CANCELLED  # its targets leave the year's sum with it
    e2.save()
    EventTarget.objects.create(event=e2, category=Category.ANTI_TRAFFICKING, target=3)  # counts once it is restored
    assert_tallies_exact()
    e2.status = Event.Status.DONE
    e2.host_province = lampang
    e2.start_date = e2.end_date = dt.date(2025, 12, 1)
    e2.save()
    e3.targets.all().delete()
    e4.delete()
    assert_tallies_exact()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred foreign-key check
        cursor.execute("TRUNCATE trainings_eventtarget")
    assert_tallies_exact()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE trainings_event CASCADE")
    assert_tallies_exact()
    assert not EventTally.objects.exists()


def test_rebuild_gives_the_same_tallies_as_the_triggers(small_province):
    before = actual()
    roll_up, term_roll_up = by_roll_up(), by_term_roll_up()
    tallies.rebuild()
    assert actual() == before == expected()
    assert by_roll_up() == roll_up == by_definition()
    assert by_term_roll_up() == term_roll_up == by_term_definition()


OPERATIONS = [
    "create",
    "resign",
    "die",
    "reinstate",
    "move",
    "bulk_update",
    "delete",
    "undo_change",
    "register",
    "cancel",
    "check_in",
    "uncheck",
    "event",
    "target",
    "delete_event",
    "term",
    "tier",
]


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same sequences each run, as tests/fuzz.py explains
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10**6)), min_size=1, max_size=10))
def test_any_sequence_of_writes_leaves_the_tallies_exact(small_province, steps):
    with transaction.atomic():
        subdistricts = list(Subdistrict.objects.filter(province__code__in=["98", "52", "50"]).order_by("code")[:40])
        for operation, seed in steps:
            apply(operation, random.Random(seed), subdistricts)
        assert_tallies_exact()
        transaction.set_rollback(True)


def apply(operation: str, rng: random.Random, subdistricts: list) -> None:
    volunteers = list(Volunteer.objects.order_by("pk"))
    registrations = list(Registration.objects.order_by("pk"))
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
    if operation == "create":
        VolunteerFactory(subdistrict=rng.choice(subdistricts), appointed_on=rng.choice([None, day]))
    elif operation in ("resign", "die", "reinstate") and volunteers:
        status = {"resign": "resigned", "die": "deceased", "reinstate": "active"}[operation]
        leave(rng.choice(volunteers), status, day, "ทดสอบ")
    elif operation == "move" and volunteers:
        volunteer = rng.choice(volunteers)
        volunteer.subdistrict = rng.choice(subdistricts)
        volunteer.mentor = None
        volunteer.save()
    elif operation == "bulk_update" and volunteers:
        chosen = rng.sample(volunteers, min(len(volunteers), 3))
        for v in chosen:
            v.appointed_on = rng.choice([None, day])
            v.status_changed_on = rng.choice([None, day])
        Volunteer.objects.bulk_update(chosen, ["appointed_on", "status_changed_on"])
    elif operation == "delete":
        deletable = [v for v in volunteers if not v.registrations.exists()]
        if deletable:
            rng.choice(deletable).delete()
    elif operation == "undo_change":
        changes = list(StatusChange.objects.order_by("pk"))
        if changes:
            change = rng.choice(changes)
            if rng.random() < 0.5:
                change.delete()
            else:
                StatusChange.objects.filter(pk=change.pk).update(changed_on=day, to_status=rng.choice(LEFT))
    elif operation == "register":
        event = rng.choice(list(Event.objects.order_by("pk")))
        register(event, rng.choice(Category.values), province=rng.choice(subdistricts).province, name="ผู้ร่วม")
    elif operation == "cancel" and registrations:
        registration = rng.choice(registrations)
        registration.cancelled_at = None if registration.cancelled_at else timezone.now()
        registration.save()
    elif operation == "check_in" and registrations:
        registration = rng.choice(registrations)
        days = list(registration.event.days.all()) or event_days(registration.event)
        Attendance.objects.get_or_create(registration=registration, day=rng.choice(days))
    elif operation == "uncheck":
        attendance = list(Attendance.objects.order_by("pk"))
        if attendance:
            rng.choice(attendance).delete()
    elif operation == "term" and volunteers:
        # a re-appointment or a corrected end moves the volunteer's term end; a month's last day is a step of its own
        ends_on = rng.choice([None, day, day.replace(day=1) - dt.timedelta(days=1)])
        Volunteer.objects.filter(pk=rng.choice(volunteers).pk).update(term_ends_on=ends_on)
    elif operation == "tier" and volunteers:
        volunteer = rng.choice(volunteers)
        volunteer.tier = "network" if volunteer.tier == "lead" else "lead"
        volunteer.save()
    elif operation == "event":
        event = rng.choice(list(Event.objects.order_by("pk")))
        event.status = rng.choice([Event.Status.DONE, Event.Status.CANCELLED])
        event.start_date = event.end_date = day
        event.host_province = rng.choice(subdistricts).province
        event.save()
    elif operation == "target":
        event = rng.choice(list(Event.objects.order_by("pk")))
        category = rng.choice(Category.values)
        target = event.targets.filter(category=category).first()
        if target is None:
            EventTarget.objects.create(event=event, category=category, target=rng.randrange(1, 200))
        elif rng.random() < 0.5:
            target.delete()
        else:
            EventTarget.objects.filter(pk=target.pk).update(target=rng.randrange(0, 200))
    elif operation == "delete_event":
        # as the events page deletes one: its targets, registrations, days and check-ins go with it (one is kept, for
        # the operations that pick an event)
        events = list(Event.objects.order_by("pk"))
        if len(events) > 1:
            rng.choice(events).delete()


def test_the_unfiltered_volunteer_list_counts_from_the_tally(client_for, hq_analyst, lampang_officer, small_province):
    response = client_for(hq_analyst).get(reverse("volunteers:list"))
    assert response.context["page_obj"].paginator.count == Volunteer.objects.count() == 8
    officer = client_for(lampang_officer).get(reverse("volunteers:list"))
    assert officer.context["page_obj"].paginator.count == 0
    searched = client_for(hq_analyst).get(reverse("volunteers:list") + "?status=resigned")
    assert searched.context["page_obj"].paginator.count == 2
