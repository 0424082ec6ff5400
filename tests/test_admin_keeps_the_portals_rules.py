"""The admin site, where administrators may do everything, still refuses in Thai what the portal's rules refuse, and
shows no one's second factor (found by probing the admin)."""

import datetime as dt

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import CheckConstraint
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from activity import services as activity_services
from activity.imports import spec_for_month
from activity.kinds import seed_work_kinds
from activity.models import MonthClosure, MonthlyReport, WorkKind
from activity.rules import MAX_COUNT
from awards.models import Nomination
from awards.tests.factories import NominationFactory
from cases.tests.factories import CaseFactory
from core import thai
from core.models import AuditEvent
from provinces.models import Agency, Subdistrict
from rosters.tests.factories import nid
from tests.admin_forms import form_as_posted
from volunteers import services
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MAY = dt.date(2026, 5, 1)
PORTAL_APPS = {app.split(".")[0] for app in settings.INSTALLED_APPS if not app.startswith("django")} & {
    config.label for config in apps.get_app_configs() if str(settings.BASE_DIR) in str(config.path)
}


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def work_kinds():
    seed_work_kinds()  # seeded by a migration; again when a live-server test emptied the tables
    return list(WorkKind.objects.active())


def test_a_second_nomination_of_the_year_is_refused_in_thai_not_with_a_server_error(admin_client, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    first = NominationFactory(volunteer=volunteer)

    response = admin_client.post(
        reverse("admin:awards_nomination_add"),
        {"volunteer": volunteer.pk, "fiscal_year": first.fiscal_year, "citation": "เสนอซ้ำ"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "อาสาสมัครคนนี้ได้รับการเสนอชื่อในปีงบประมาณนี้แล้ว" in page
    # Django's Thai catalogue has this banner only as two singular messages; the form asks for one plural message.
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in page and "Please correct" not in page
    assert Nomination.objects.count() == 1


def test_a_nomination_the_pages_refuse_is_refused_in_the_admin_and_one_made_keeps_its_person_and_year(
    admin_client, lampang, chiang_mai
):
    resigned = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7), status=Volunteer.Status.RESIGNED)
    person = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    nominated = NominationFactory(volunteer=person)
    year = nominated.fiscal_year
    other = VolunteerFactory(province=chiang_mai, appointed_on=dt.date(2020, 1, 7))

    added = admin_client.post(
        reverse("admin:awards_nomination_add"),
        {"volunteer": resigned.pk, "fiscal_year": nominated.fiscal_year, "citation": "ผลงานดี"},
    )
    url = reverse("admin:awards_nomination_change", args=[nominated.pk])
    admin_client.post(url, {**form_as_posted(admin_client, url), "volunteer": other.pk, "fiscal_year": 2600})

    assert "เสนอชื่อได้เฉพาะอาสาสมัครที่ปฏิบัติหน้าที่อยู่" in added.content.decode()
    assert not Nomination.objects.filter(volunteer=resigned).exists()
    nominated.refresh_from_db()
    assert (nominated.volunteer_id, nominated.fiscal_year) == (person.pk, year)


def test_the_list_of_changes_opens_with_its_counts_shown(admin_client, lampang):
    VolunteerFactory(province=lampang)
    response = admin_client.get(reverse("admin:pghistory_events_changelist"), {"_facets": "True"})
    assert response.status_code == 200


def test_no_ones_authenticator_key_or_qr_code_is_shown(admin_client, lampang_officer):
    device = TOTPDevice.objects.create(user=lampang_officer, name="โทรศัพท์", confirmed=True)

    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    listed = admin_client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()

    assert device.key not in page and "คิวอาร์โค้ด" not in listed
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 403


def test_a_closed_months_reports_and_its_closure_are_not_deleted_in_the_admin(admin_client, admin_user, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    report = MonthlyReport.objects.create(
        volunteer=volunteer,
        province=lampang,
        district=volunteer.subdistrict.district,
        month=MAY,
        counts={},
        received_on=MAY,
        on_time=True,
    )
    activity_services.close_month(province=lampang, month=MAY, by=admin_user, today=dt.date(2026, 6, 10))
    closure = MonthClosure.objects.get(province=lampang, month=MAY)

    assert (
        admin_client.post(reverse("admin:activity_monthlyreport_delete", args=[report.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert (
        admin_client.post(reverse("admin:activity_monthclosure_delete", args=[closure.pk]), {"post": "yes"}).status_code
        == 403
    )
    listed = admin_client.get(reverse("admin:activity_monthlyreport_changelist")).content.decode()
    assert 'value="delete_selected"' not in listed
    assert MonthlyReport.objects.filter(pk=report.pk).exists() and MonthClosure.objects.filter(pk=closure.pk).exists()


@pytest.mark.parametrize(
    "changelist",
    ["admin:volunteers_volunteer_changelist", "admin:auth_user_changelist", "admin:api_apitoken_changelist"],
)
def test_a_list_action_on_rows_that_are_not_rows_is_refused_in_thai(admin_client, lampang, changelist):
    volunteer = VolunteerFactory(province=lampang)

    response = admin_client.post(
        reverse(changelist),
        {"action": "delete_selected", "_selected_action": ["abc", "1e5", "99999999999999999999"], "index": "0"},
    )

    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "รายการที่เลือกไม่ถูกต้อง" in page
    assert volunteer.__class__.objects.filter(pk=volunteer.pk).exists()


def test_a_case_referred_before_it_was_spotted_is_refused_in_words_not_by_the_rules_name(admin_client, lampang):
    case = CaseFactory(volunteer=VolunteerFactory(province=lampang))
    data = form_as_posted(admin_client, reverse("admin:cases_case_change", args=[case.pk]))
    data["spotted_on"] = thai.format_date_numeric_be(case.referred_on + dt.timedelta(days=2))

    response = admin_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)

    page = response.content.decode()
    assert "วันที่ส่งต่อต้องไม่ก่อนวันที่พบ" in page
    assert "case_referred_after_spotted" not in page


def test_no_rule_of_the_database_is_shown_to_a_user_by_its_name():
    # Django shows a check (or a conditional unique rule) that has no message of its own by its name, in Thai words
    # around it: "ข้อมูลขัดกับเงื่อนไข “event_ends_after_it_starts”". Each rule a form can meet has its own message.
    unnamed = [
        f"{model._meta.label}.{constraint.name}"
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        for constraint in model._meta.constraints
        if (isinstance(constraint, CheckConstraint) or constraint.condition is not None or constraint.expressions)
        and constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert unnamed == []
    counts_rule = next(c for c in MonthlyReport._meta.constraints if c.name == "activity_report_counts_whole_0_to_max")
    assert f"{MAX_COUNT:,}" in str(counts_rule.violation_error_message)


def test_a_case_is_not_referred_to_another_provinces_agency_in_the_admin(admin_client, lampang, chiang_mai):
    case = CaseFactory(volunteer=VolunteerFactory(province=lampang))
    elsewhere = Agency.objects.filter(province=chiang_mai).first()
    data = form_as_posted(admin_client, reverse("admin:cases_case_change", args=[case.pk]))
    data["agency"] = elsewhere.pk

    page = admin_client.post(reverse("admin:cases_case_change", args=[case.pk]), data).content.decode()

    assert f"หน่วยงาน “{elsewhere.name_th}” ไม่อยู่ในจังหวัดลำปาง ของเรื่องนี้" in page
    case.refresh_from_db()
    assert case.agency.province == lampang


def test_status_steps_and_attendance_are_recorded_on_the_portals_pages_not_added_in_the_admin(admin_client):
    # A status step added here would contradict the volunteer's status; an attendance could be on another event's day.
    assert admin_client.get(reverse("admin:volunteers_statuschange_add")).status_code == 403
    assert admin_client.get(reverse("admin:trainings_attendance_add")).status_code == 403


def test_a_volunteer_added_in_the_admin_gets_the_first_term_of_their_appointment(admin_client, lampang):
    subdistrict = Subdistrict.objects.filter(province=lampang).first()
    data = form_as_posted(admin_client, reverse("admin:volunteers_volunteer_add"))
    data.update(
        national_id=nid(777),
        title="mr",
        first_name="ทดสอบ",
        last_name="ผู้ดูแลระบบ",
        gender="male",
        subdistrict=subdistrict.pk,
        appointed_on="07/01/2563",
        appointment_order="ที่ 1/2563",
        tier="network",
    )

    response = admin_client.post(reverse("admin:volunteers_volunteer_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    volunteer = Volunteer.objects.across_provinces("test").get(national_id=nid(777))
    term = volunteer.terms.get()
    assert (term.starts_on, term.order_no) == (dt.date(2020, 1, 7), "ที่ 1/2563")
    assert volunteer.term_ends_on == term.ends_on


# Both admin pages that edit a volunteer: the registry's, and the administrators' roster import/export.
VOLUNTEER_CHANGE_PAGES = ["admin:volunteers_volunteer_change", "admin:rosters_volunteerroster_change"]


@pytest.mark.parametrize("change_page", VOLUNTEER_CHANGE_PAGES)
def test_a_volunteer_given_another_provinces_subdistrict_in_the_admin_is_moved_by_the_move_step(
    admin_client, lampang, chiang_mai, change_page
):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    url = reverse(change_page, args=[volunteer.pk])
    data = form_as_posted(admin_client, url)
    data["subdistrict"] = Subdistrict.objects.filter(province=chiang_mai).first().pk

    assert admin_client.post(url, data).status_code == 302

    volunteer.refresh_from_db()
    assert volunteer.province == chiang_mai
    moved = AuditEvent.objects.get(action="move_province")
    assert (moved.object_id, moved.province) == (str(volunteer.pk), chiang_mai)


@pytest.mark.parametrize("change_page", VOLUNTEER_CHANGE_PAGES)
def test_an_appointment_corrected_in_the_admin_corrects_the_first_term_with_it(
    admin_client, admin_user, lampang, change_page
):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7), appointment_order="ที่ 1/2563")
    services.sync_first_term(volunteer, by=admin_user)
    url = reverse(change_page, args=[volunteer.pk])
    data = {**form_as_posted(admin_client, url), "appointed_on": "17/01/2563", "appointment_order": "ที่ 2/2563"}

    assert admin_client.post(url, data).status_code == 302

    term = volunteer.terms.get()
    assert (term.starts_on, term.order_no) == (dt.date(2020, 1, 17), "ที่ 2/2563")
    volunteer.refresh_from_db()
    assert volunteer.term_ends_on == term.ends_on == dt.date(2023, 1, 16)


@pytest.mark.parametrize(
    ("code", "name_th", "refused"),
    [
        ("problems", "ให้คำปรึกษาเรื่องหนี้", "ใช้เป็นชื่อภายในของหน้าบันทึกรายงานแล้ว"),
        ("__all__", "ให้คำปรึกษาเรื่องหนี้", "ใช้เป็นชื่อภายในของหน้าบันทึกรายงานแล้ว"),
        ("debt_advice", "ตำบล/แขวง", "ซ้ำกับหัวคอลัมน์ “ตำบล/แขวง” ของไฟล์รายงานประจำเดือน"),
        ("debt_advice", "เลขประจำตัวประชาชน", "ซ้ำกับหัวคอลัมน์"),
    ],
)
def test_a_kind_of_work_the_report_file_or_grid_would_mistake_for_another_column_is_refused(
    admin_client, work_kinds, code, name_th, refused
):
    response = admin_client.post(
        reverse("admin:activity_workkind_add"),
        {
            "code": code,
            "name_th": name_th,
            "name_en": "Debt advice",
            "group": "service",
            "sort_order": 99,
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert refused in response.content.decode()
    assert not WorkKind.objects.filter(code=code).exists()


def test_a_kind_named_as_another_kind_is_refused_and_a_new_name_becomes_a_column_of_the_report_file(
    admin_client, work_kinds
):
    taken = work_kinds[0]
    add = reverse("admin:activity_workkind_add")
    fields = {"code": "debt_advice", "name_en": "Debt advice", "group": "service", "sort_order": 99, "is_active": "on"}

    twin = admin_client.post(add, {**fields, "name_th": taken.name_th})
    added = admin_client.post(add, {**fields, "name_th": "ให้คำปรึกษาเรื่องหนี้นอกระบบ"})

    assert f"ซ้ำกับหัวคอลัมน์ “{taken.name_th}”" in twin.content.decode()
    assert added.status_code == 302
    headers = [column.header for column in spec_for_month(MAY).columns]
    assert "ให้คำปรึกษาเรื่องหนี้นอกระบบ" in headers and headers.count(taken.name_th) == 1


def test_a_retired_kind_brought_back_in_the_list_under_a_name_now_taken_is_refused(admin_client, work_kinds):
    retired = WorkKind.objects.create(
        code="old_jobs", name_th=work_kinds[0].name_th, name_en="Old jobs", group="service", is_active=False
    )
    url = reverse("admin:activity_workkind_changelist")
    formset = admin_client.get(url).context["cl"].formset
    management = formset.management_form
    data = {management.add_prefix(name): management[name].value() for name in management.fields}
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:  # a sort order of 0 is posted
                data[form.add_prefix(name)] = value.pk if isinstance(value, WorkKind) else value
    data[next(f for f in formset.forms if f.instance == retired).add_prefix("is_active")] = "on"

    response = admin_client.post(url, {**data, "_save": "บันทึก"})

    assert f"ซ้ำกับหัวคอลัมน์ “{work_kinds[0].name_th}”" in response.content.decode()
    retired.refresh_from_db()
    assert not retired.is_active
