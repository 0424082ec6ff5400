"""Terms of office (issue 14): the rules and the services behind every page and import that writes a term."""

import collections
import datetime as dt
import re
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.tests.national_ids import valid_national_id
from volunteers import rules, services
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

TODAY = timezone.localdate


def register(officer, subdistrict, appointed_on, **extra):
    data = {
        "national_id": extra.pop("national_id", valid_national_id(4242)),
        "title": Volunteer.Title.MRS,
        "first_name": "บุญศรี",
        "last_name": "แก้วมูล",
        "subdistrict": subdistrict,
        "appointed_on": appointed_on,
        "appointment_order": "คำสั่งจังหวัดลำปาง ที่ 1234/2566",
    }
    return services.register_volunteer(data=data, by=officer, **extra)


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (dt.date(2023, 10, 1), dt.date(2026, 9, 30)),  # a fiscal year's first day: three fiscal years
        (dt.date(2024, 2, 29), dt.date(2027, 2, 28)),  # no 29 February three years later
        (dt.date(2024, 3, 1), dt.date(2027, 2, 28)),
        (dt.date(2023, 12, 31), dt.date(2026, 12, 30)),
    ],
)
def test_a_term_lasts_three_years_to_the_day_before_the_anniversary(starts_on, ends_on):
    assert rules.default_term_end(starts_on) == ends_on


def test_the_term_length_is_a_setting(settings):
    settings.VOLUNTEER_TERM_YEARS = 4
    assert rules.default_term_end(dt.date(2023, 10, 1)) == dt.date(2027, 9, 30)


def test_serving_on_the_last_day_of_the_term_and_term_ended_the_day_after(lampang):
    last_day = TODAY()
    volunteer = VolunteerFactory(province=lampang, term_ends_on=last_day)
    assert volunteer.is_serving and volunteer.status_display == "ปฏิบัติหน้าที่"
    assert list(Volunteer.objects.serving()) == [volunteer]

    volunteer.term_ends_on = last_day - dt.timedelta(days=1)
    volunteer.save()
    assert not volunteer.is_serving and volunteer.status_display == "ครบวาระ"
    assert not Volunteer.objects.serving().exists()
    assert list(Volunteer.objects.term_ended()) == [volunteer]
    assert list(Volunteer.objects.with_display_status(rules.TERM_ENDED)) == [volunteer]
    assert not Volunteer.objects.with_display_status(Volunteer.Status.ACTIVE).exists()


def test_resigned_and_deceased_keep_their_status_whatever_the_term(lampang):
    ended = TODAY() - dt.timedelta(days=30)
    resigned = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED, term_ends_on=ended)
    assert resigned.status_display == "ลาออก/พ้นสภาพ"
    assert not Volunteer.objects.term_ended().exists()


def test_registering_starts_the_first_term(lampang, lampang_officer):
    subdistrict = lampang.subdistricts.order_by("code").first()
    volunteer = register(lampang_officer, subdistrict, dt.date(2024, 1, 15))
    term = volunteer.terms.get()
    assert (term.starts_on, term.ends_on) == (dt.date(2024, 1, 15), dt.date(2027, 1, 14))
    assert term.order_no == "คำสั่งจังหวัดลำปาง ที่ 1234/2566"
    volunteer.refresh_from_db()
    assert volunteer.term_ends_on == dt.date(2027, 1, 14)


def test_registering_with_a_term_that_ends_before_it_starts_saves_nothing(lampang, lampang_officer):
    subdistrict = lampang.subdistricts.order_by("code").first()
    with pytest.raises(ValidationError) as refused:
        register(lampang_officer, subdistrict, dt.date(2024, 1, 15), term_ends_on=dt.date(2023, 1, 15))
    assert "ต้องอยู่หลังวันเริ่มวาระ" in str(refused.value)
    assert not Volunteer.objects.across_provinces("test").exists()
    assert not Term.objects.exists()


def test_correcting_the_appointment_date_moves_the_only_term(lampang, lampang_officer):
    subdistrict = lampang.subdistricts.order_by("code").first()
    volunteer = register(lampang_officer, subdistrict, dt.date(2024, 1, 15))
    services.update_volunteer(volunteer=volunteer, data={"appointed_on": dt.date(2024, 2, 1)}, by=lampang_officer)
    assert list(volunteer.terms.values_list("starts_on", "ends_on")) == [(dt.date(2024, 2, 1), dt.date(2027, 1, 31))]
    assert Volunteer.objects.across_provinces("test").get().term_ends_on == dt.date(2027, 1, 31)


def test_reappointment_is_a_new_term_and_the_old_one_is_kept(lampang, lampang_officer):
    subdistrict = lampang.subdistricts.order_by("code").first()
    volunteer = register(lampang_officer, subdistrict, dt.date(2021, 1, 15))
    assert volunteer.status_display == "ครบวาระ"

    services.reappoint(
        volunteers=[volunteer], starts_on=dt.date(2024, 2, 1), order_no="คำสั่ง ที่ 88/2567", by=lampang_officer
    )
    volunteer.refresh_from_db()
    assert list(volunteer.terms.order_by("starts_on").values_list("starts_on", "ends_on", "order_no")) == [
        (dt.date(2021, 1, 15), dt.date(2024, 1, 14), "คำสั่งจังหวัดลำปาง ที่ 1234/2566"),
        (dt.date(2024, 2, 1), dt.date(2027, 1, 31), "คำสั่ง ที่ 88/2567"),
    ]
    assert volunteer.term_ends_on == dt.date(2027, 1, 31)
    # The first appointment stays the date the person joined the network.
    assert volunteer.appointed_on == dt.date(2021, 1, 15)
    assert volunteer.is_serving


def test_an_overlapping_reappointment_is_refused_and_nothing_is_saved(lampang, lampang_officer):
    subdistrict = lampang.subdistricts.order_by("code").first()
    volunteer = register(lampang_officer, subdistrict, dt.date(2024, 1, 15))
    with pytest.raises(ValidationError) as refused:
        services.reappoint(
            volunteers=[volunteer], starts_on=dt.date(2026, 6, 1), order_no="ที่ 9/2569", by=lampang_officer
        )
    assert "ซ้อนกับวาระเดิม" in str(refused.value)
    assert volunteer.terms.count() == 1


def test_the_database_refuses_overlapping_terms_written_by_any_door(lampang):
    volunteer = VolunteerFactory(province=lampang)
    Term.objects.create(volunteer=volunteer, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2022, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(volunteer=volunteer, starts_on=dt.date(2022, 12, 31), ends_on=dt.date(2025, 12, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(volunteer=volunteer, starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2029, 1, 1))
    # Two new terms overlapping each other in one statement, and a term moved onto another by an update.
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.bulk_create(
            [
                Term(volunteer=volunteer, starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2026, 12, 31)),
                Term(volunteer=volunteer, starts_on=dt.date(2026, 12, 31), ends_on=dt.date(2028, 12, 30)),
            ]
        )
    later = Term.objects.create(volunteer=volunteer, starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.filter(pk=later.pk).update(starts_on=dt.date(2022, 12, 1))
    assert list(volunteer.terms.order_by("starts_on").values_list("starts_on", flat=True)) == [
        dt.date(2020, 1, 1),
        dt.date(2023, 1, 1),
    ]
    # Another person's term on the same days is theirs to have.
    Term.objects.create(
        volunteer=VolunteerFactory(province=lampang), starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2022, 12, 31)
    )


@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_persons_overlapping_terms_at_once_save_only_the_first(lampang):
    """The database's check runs in the writer's own snapshot, which cannot see a term another writer has not yet
    committed: the second writer waits for the first (the province's write lock) and is then refused."""
    volunteer = VolunteerFactory(province=lampang)
    first_written, outcome = threading.Event(), {}

    def write(name, starts_on, ends_on, hold=0.0):
        try:
            with transaction.atomic():
                Term.objects.create(volunteer_id=volunteer.pk, starts_on=starts_on, ends_on=ends_on)
                first_written.set()
                time.sleep(hold)
            outcome[name] = ("saved", time.monotonic())
        except IntegrityError:
            outcome[name] = ("refused", time.monotonic())
        finally:
            connection.close()

    first = threading.Thread(target=write, args=("first", dt.date(2020, 1, 1), dt.date(2022, 12, 31), 1.0))
    first.start()
    assert first_written.wait(10)
    second = threading.Thread(target=write, args=("second", dt.date(2022, 6, 1), dt.date(2025, 5, 31)))
    second.start()
    first.join(30)
    second.join(30)

    assert outcome["first"][0] == "saved"
    assert outcome["second"][0] == "refused"
    assert outcome["second"][1] >= outcome["first"][1], "the second writer waited for the first to commit"
    assert list(Term.objects.filter(volunteer=volunteer).values_list("starts_on", flat=True)) == [dt.date(2020, 1, 1)]


def test_a_deceased_volunteer_cannot_be_reappointed(lampang, lampang_officer):
    volunteer = VolunteerFactory(province=lampang, status=Volunteer.Status.DECEASED)
    with pytest.raises(ValidationError) as refused:
        services.reappoint(volunteers=[volunteer], starts_on=TODAY(), order_no="ที่ 1/2570", by=lampang_officer)
    assert "เสียชีวิต" in str(refused.value)
    assert not Term.objects.exists()


def test_a_resigned_volunteer_reappointed_is_active_again_with_the_change_on_record(lampang, lampang_officer):
    volunteer = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED)
    services.reappoint(volunteers=[volunteer], starts_on=TODAY(), order_no="ที่ 1/2570", by=lampang_officer)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    change = volunteer.status_changes.get()
    assert (change.from_status, change.to_status) == (Volunteer.Status.RESIGNED, Volunteer.Status.ACTIVE)
    assert "ที่ 1/2570" in change.reason


# Enough people for their terms to span pages, so that a probe per person is cheaper than reading them all.
PEOPLE_THE_PLANNER_LOOPS_OVER = 1500


def test_terms_written_right_after_a_bulk_load_are_checked_reading_each_table_once(lampang, tables_recorded_as_empty):
    """An autovacuum ANALYZE that ran while a bulk load was uncommitted leaves the registry and the terms recorded as
    empty. The overlap check looked each new term's province up on its own, and was then planned as a full scan of
    an index per term: one batch of 10,000 imported volunteers ran for minutes instead of under a second. The check
    must read each table once per statement, whatever the statistics say."""
    subdistrict = lampang.subdistricts.order_by("code").first()
    people = Volunteer.objects.bulk_create(
        VolunteerFactory.build_batch(PEOPLE_THE_PLANNER_LOOPS_OVER, subdistrict=subdistrict, province=lampang)
    )
    Term.objects.bulk_create(
        Term(volunteer=v, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2022, 12, 31)) for v in people
    )
    tables_recorded_as_empty("volunteers_volunteer", "volunteers_term")
    plans = collections.deque()
    connection.connection.notices = plans
    with connection.cursor() as cursor:
        # Loading a module needs a superuser too, which tables_recorded_as_empty has found.
        cursor.execute("LOAD 'auto_explain'")
        for name, value in [
            ("auto_explain.log_min_duration", "0"),
            ("auto_explain.log_analyze", "on"),
            ("auto_explain.log_nested_statements", "on"),
            ("auto_explain.log_level", "notice"),
        ]:
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])

    Term.objects.bulk_create(
        Term(volunteer=v, starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31)) for v in people
    )
    written = list(plans)

    assert Term.objects.filter(starts_on=dt.date(2023, 1, 1)).count() == len(people)
    reads = [
        line
        for plan in written
        for line in plan.splitlines()
        if re.search(r"Scan.* on volunteers_(volunteer|term)\b", line)
    ]
    # The provinces to lock, and the people's terms in order: one read each (a read per term before).
    assert len(reads) == 2, "\n".join(reads)
    assert all(re.search(r"loops=1\)", line) for line in reads), "\n".join(reads)


def test_bulk_reappointment_is_all_or_nothing(lampang, lampang_officer):
    serving = VolunteerFactory(province=lampang, term_ends_on=TODAY() + dt.timedelta(days=10))
    deceased = VolunteerFactory(province=lampang, status=Volunteer.Status.DECEASED)
    with pytest.raises(ValidationError) as refused:
        services.reappoint(
            volunteers=[serving, deceased],
            starts_on=TODAY() + dt.timedelta(days=11),
            order_no="ที่ 5/2570",
            by=lampang_officer,
        )
    assert deceased.full_name in str(refused.value)
    assert not Term.objects.exists()
    serving.refresh_from_db()
    assert serving.term_ends_on == TODAY() + dt.timedelta(days=10)


def test_another_province_cannot_reappoint(lampang, chiangmai_officer):
    volunteer = VolunteerFactory(province=lampang)
    with pytest.raises(PermissionDenied):
        services.reappoint(volunteers=[volunteer], starts_on=TODAY(), order_no="ที่ 1/2570", by=chiangmai_officer)
    assert not Term.objects.exists()


@pytest.mark.parametrize("quota", [-1, 51, None])
def test_a_quota_outside_0_to_50_is_refused(quota):
    assert "0 ถึง 50" in rules.quota_error(quota)


def test_bangkok_wards_have_three_leads_and_other_subdistricts_one(lampang, bangkok):
    assert set(bangkok.subdistricts.values_list("quota", flat=True)) == {3}
    assert bangkok.subdistricts.count() * 3 == 540
    assert set(lampang.subdistricts.values_list("quota", flat=True)) == {1}
