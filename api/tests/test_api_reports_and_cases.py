"""The volunteers' work through the API: the kinds of work, the monthly activity reports (read per scope, saved as the
grid saves a row) and the spot-screen-refer cases (flagged ones seen only by the anti-trafficking officer of the
province, HQ and administrators; agency staff see and move on only their agency's cases)."""

import datetime as dt

import pytest
from django.utils import timezone

from activity import rules, services
from activity.kinds import seed_work_kinds
from activity.models import MonthClosure, MonthlyReport
from cases.models import Case
from cases.tests.factories import CaseFactory
from provinces.models import Agency
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/monthly-reports/"
CASES = "/api/v1/cases/"


def last_month() -> dt.date:
    return rules.previous_month(timezone.localdate())


@pytest.fixture
def kinds(db):
    seed_work_kinds()


@pytest.fixture
def worker(lampang, kinds):
    return VolunteerFactory(province=lampang, first_name="บุญมี", last_name="ทำงานดี", appointed_on=dt.date(2024, 1, 15))


@pytest.fixture
def chiangmai_worker(chiang_mai, kinds):
    return VolunteerFactory(
        province=chiang_mai, first_name="คำแปง", last_name="ไชยวงศ์", appointed_on=dt.date(2024, 1, 15)
    )


@pytest.fixture
def lampang_report(worker, lampang_officer):
    return services.save_report(volunteer=worker, month=last_month(), counts={"info_jobs": "4"}, by=lampang_officer)


@pytest.fixture
def chiangmai_report(chiangmai_worker, chiangmai_officer):
    return services.save_report(
        volunteer=chiangmai_worker, month=last_month(), counts={"info_jobs": "9"}, by=chiangmai_officer
    )


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# ----------------------------------------------------------------------------------------- kinds of work


def test_every_role_reads_the_kinds_of_work_with_their_codes(api_as, kinds, lampang_viewer, hq_analyst):
    for user in (lampang_viewer, hq_analyst):
        rows = api_as(user).get("/api/v1/work-kinds/").json()["results"]
        codes = {row["code"] for row in rows}
        assert {"info_jobs", "job_seekers", "complaints"} <= codes
        jobs = next(row for row in rows if row["code"] == "info_jobs")
        assert jobs["name_th"] == "การมีงานทำ" and jobs["group"] == "information"


# ----------------------------------------------------------------------------------------- monthly reports: reading


def test_province_staff_list_only_their_provinces_reports_and_hq_lists_all(
    api_as, lampang_report, chiangmai_report, lampang_officer, lampang_viewer, hq_analyst
):
    assert ids(api_as(lampang_officer).get(REPORTS)) == {lampang_report.pk}
    assert ids(api_as(lampang_viewer).get(REPORTS)) == {lampang_report.pk}
    assert ids(api_as(hq_analyst).get(REPORTS)) == {lampang_report.pk, chiangmai_report.pk}
    assert ids(api_as(hq_analyst).get(REPORTS, {"province": "50"})) == {chiangmai_report.pk}


def test_reports_filter_by_district_volunteer_month_and_fiscal_year(
    api_as, lampang_report, chiangmai_report, worker, hq_analyst
):
    month = last_month()
    api = api_as(hq_analyst)
    assert ids(api.get(REPORTS, {"district": lampang_report.district_id})) == {lampang_report.pk}
    assert ids(api.get(REPORTS, {"volunteer": worker.pk})) == {lampang_report.pk}
    assert ids(api.get(REPORTS, {"month": month.strftime("%Y-%m")})) == {lampang_report.pk, chiangmai_report.pk}
    assert ids(api.get(REPORTS, {"month": rules.previous_month(month).strftime("%Y-%m")})) == set()
    from core import thai

    year = thai.fiscal_year(month)
    assert ids(api.get(REPORTS, {"fiscal_year": year})) == {lampang_report.pk, chiangmai_report.pk}
    assert ids(api.get(REPORTS, {"fiscal_year": year - 1})) == set()
    refused = api.get(REPORTS, {"month": "ตุลา"})
    assert refused.status_code == 400 and "ปปปป-ดด" in refused.json()["detail"]
    # The year of a month is read in either era, as a date's is: "2569-10" is not a month of the year 2569.
    in_buddhist_era = f"{thai.to_be_year(month.year)}-{month:%m}"
    assert ids(api.get(REPORTS, {"month": in_buddhist_era})) == {lampang_report.pk, chiangmai_report.pk}
    for wrong in ("abc", str(year - 543), "02569", "9" * 5000):
        refused = api.get(REPORTS, {"fiscal_year": wrong})
        assert refused.status_code == 400 and "ปีงบประมาณต้องเป็นปี พ.ศ." in refused.json()["detail"], wrong


def test_a_report_reads_with_its_counts_and_history_and_another_province_gets_404(
    api_as, lampang_report, chiangmai_report, lampang_viewer, chiangmai_officer
):
    data = api_as(lampang_viewer).get(f"{REPORTS}{lampang_report.pk}/").json()
    assert data["counts"]["info_jobs"] == 4
    assert data["month"] == last_month().strftime("%Y-%m")
    assert data["history"][0]["action"] == "insert"
    missing = api_as(chiangmai_officer).get(f"{REPORTS}{lampang_report.pk}/")
    assert missing.status_code == 404
    assert "ไม่พบ" in missing.json()["detail"]


# ----------------------------------------------------------------------------------------- monthly reports: saving


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"counts": []}, "counts", 'ต้องเป็นออบเจกต์ JSON ({...}) แต่ได้รับ "list"'),
        ({"problems": ["ค้างค่าจ้าง"]}, "problems", "ต้องเป็นข้อความ (string)"),
    ],
)
def test_a_report_of_the_wrong_json_types_is_refused_in_thai(api_as, worker, lampang_officer, body, field, message):
    sent = {"volunteer": worker.pk, "month": last_month().strftime("%Y-%m"), "counts": {"info_jobs": 1}, **body}
    response = api_as(lampang_officer).post(REPORTS, sent, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]


def test_an_officer_saves_a_report_and_sees_it_in_the_detail_and_its_history(api_as, worker, lampang_officer):
    api = api_as(lampang_officer)
    month = last_month().strftime("%Y-%m")
    created = api.post(
        REPORTS,
        {
            "volunteer": worker.pk,
            "month": month,
            "counts": {"info_jobs": 12, "complaints": "๓"},
            "problems": "ค้างค่าจ้าง",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["counts"]["info_jobs"] == 12
    assert report["counts"]["complaints"] == 3  # Thai digits, as the grid takes them
    assert report["counts"]["job_seekers"] == 0  # a kind not sent is a blank cell
    assert report["entered_by"] == lampang_officer.username

    again = api.post(REPORTS, {"volunteer": worker.pk, "month": month, "counts": {"info_jobs": 20}}, format="json")
    assert again.status_code == 200, again.content
    assert again.json()["id"] == report["id"]
    detail = api.get(f"{REPORTS}{report['id']}/").json()
    assert detail["counts"]["info_jobs"] == 20
    assert [entry["action"] for entry in detail["history"]] == ["update", "insert"]
    correction = {change["field"]: change for change in detail["history"][0]["changes"]}
    assert "20" in correction["จำนวนตามประเภทงาน"]["new"] and "12" in correction["จำนวนตามประเภทงาน"]["old"]
    assert detail["history"][0]["by"]
    assert MonthlyReport.objects.across_provinces("test").filter(volunteer=worker).count() == 1


def test_a_correction_by_id_replaces_the_numbers(api_as, lampang_report, lampang_officer):
    response = api_as(lampang_officer).put(
        f"{REPORTS}{lampang_report.pk}/", {"counts": {"info_jobs": "7", "job_seekers": 2}}, format="json"
    )
    assert response.status_code == 200, response.content
    lampang_report.refresh_from_db()
    assert lampang_report.count_of("info_jobs") == 7 and lampang_report.count_of("job_seekers") == 2


def test_bad_counts_are_refused_in_thai_and_nothing_is_written(api_as, worker, lampang_officer):
    api = api_as(lampang_officer)
    month = last_month().strftime("%Y-%m")
    response = api.post(
        REPORTS,
        {"volunteer": worker.pk, "month": month, "counts": {"info_jobs": -3, "complaints": "ab"}},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "ข้อมูลไม่ถูกต้อง" in body["detail"] and worker.full_name in body["detail"]
    assert "ติดลบ" in body["errors"]["counts.info_jobs"][0]
    assert "ไม่ใช่จำนวนเต็ม" in body["errors"]["counts.complaints"][0]
    squared = api.post(REPORTS, {"volunteer": worker.pk, "month": month, "counts": {"info_jobs": "²"}}, format="json")
    assert squared.status_code == 400 and "ไม่ใช่จำนวนเต็ม" in squared.json()["detail"]
    unknown = api.post(REPORTS, {"volunteer": worker.pk, "month": month, "counts": {"dancing": 1}}, format="json")
    assert unknown.status_code == 400 and "ไม่รู้จักประเภทงาน" in unknown.json()["detail"]
    future = api.post(
        REPORTS,
        {"volunteer": worker.pk, "month": rules.next_month(timezone.localdate()).strftime("%Y-%m"), "counts": {}},
        format="json",
    )
    assert future.status_code == 400 and "ล่วงหน้า" in future.json()["detail"]
    assert not MonthlyReport.objects.across_provinces("test").filter(volunteer=worker).exists()


def test_a_closed_month_refuses_with_409_and_the_grids_message(
    api_as, worker, lampang_report, lampang_officer, lampang
):
    services.close_month(province=lampang, month=last_month(), by=lampang_officer)
    api = api_as(lampang_officer)
    response = api.post(
        REPORTS,
        {"volunteer": worker.pk, "month": last_month().strftime("%Y-%m"), "counts": {"info_jobs": 99}},
        format="json",
    )
    assert response.status_code == 409
    assert "ปิดรับรายงาน" in response.json()["detail"]
    put = api.put(f"{REPORTS}{lampang_report.pk}/", {"counts": {"info_jobs": 99}}, format="json")
    assert put.status_code == 409
    lampang_report.refresh_from_db()
    assert lampang_report.count_of("info_jobs") == 4
    assert MonthClosure.objects.across_provinces("test").get(province=lampang).is_closed


def test_readers_cannot_save_and_other_provinces_cannot_reach_the_volunteer(
    api_as, worker, lampang_report, lampang_viewer, hq_analyst, chiangmai_officer
):
    data = {"volunteer": worker.pk, "month": last_month().strftime("%Y-%m"), "counts": {"info_jobs": 1}}
    for reader in (lampang_viewer, hq_analyst):
        refused = api_as(reader).post(REPORTS, data, format="json")
        assert refused.status_code == 403
        assert "ดูรายงานได้อย่างเดียว" in refused.json()["detail"]
        put = api_as(reader).put(f"{REPORTS}{lampang_report.pk}/", {"counts": {"info_jobs": 1}}, format="json")
        assert put.status_code == 403
    other = api_as(chiangmai_officer)
    refused = other.post(REPORTS, data, format="json")
    assert refused.status_code == 400 and "ไม่พบอาสาสมัคร" in refused.json()["detail"]
    assert other.put(f"{REPORTS}{lampang_report.pk}/", {"counts": {}}, format="json").status_code == 404
    lampang_report.refresh_from_db()
    assert lampang_report.count_of("info_jobs") == 4


# ----------------------------------------------------------------------------------------- cases


@pytest.fixture
def case(worker):
    return CaseFactory(volunteer=worker, national_id_needed=True, national_id="1520100012349")


@pytest.fixture
def flagged(worker):
    return CaseFactory(volunteer=worker, flagged=True, person_name="ผู้เสียหาย ลับมาก")


@pytest.fixture
def labour_office_case(worker, lampang):
    return CaseFactory(volunteer=worker, agency=Agency.objects.get(province=lampang, kind=Agency.Kind.LABOUR))


@pytest.fixture
def chiangmai_case(chiangmai_worker):
    return CaseFactory(volunteer=chiangmai_worker)


def test_a_trafficking_case_is_hidden_from_viewers_and_officers_but_seen_by_the_anti_trafficking_officer_and_hq(
    api_as, case, flagged, lampang_viewer, lampang_officer, lampang_anti_trafficking, hq_analyst, admin_user
):
    for user in (lampang_viewer, lampang_officer):
        api = api_as(user)
        assert ids(api.get(CASES)) == {case.pk}
        assert api.get(f"{CASES}{flagged.pk}/").status_code == 404
        assert (
            api.post(
                f"{CASES}{flagged.pk}/status/",
                {"to_status": "accepted", "changed_on": str(timezone.localdate())},
                format="json",
            ).status_code
            == 404
        )
    for user in (lampang_anti_trafficking, hq_analyst, admin_user):
        api = api_as(user)
        assert ids(api.get(CASES)) == {case.pk, flagged.pk}
        seen = api.get(f"{CASES}{flagged.pk}/")
        assert seen.status_code == 200 and seen.json()["person_name"] == "ผู้เสียหาย ลับมาก"
    assert ids(api_as(hq_analyst).get(CASES, {"flagged": "true"})) == {flagged.pk}


def test_a_case_shows_the_national_id_masked_and_the_erased_personal_data_blank(api_as, case, lampang_officer):
    data = api_as(lampang_officer).get(f"{CASES}{case.pk}/").json()
    assert data["national_id"] != "1520100012349" and "x" in data["national_id"]
    assert data["person_name"] == "นางสาวทดสอบ ผู้รับบริการ"
    Case.objects.across_provinces("test").filter(pk=case.pk).update(
        status="done", accepted_on=case.referred_on, closed_on=case.referred_on
    )
    from cases.services import erase_expired_personal_data

    erase_expired_personal_data(today=timezone.localdate() + dt.timedelta(days=3650))
    erased = api_as(lampang_officer).get(f"{CASES}{case.pk}/").json()
    assert erased["person_name"] == "" and erased["national_id"] == "" and erased["personal_data_erased_on"]


def test_another_province_gets_404_on_a_case_and_does_not_list_it(api_as, case, chiangmai_case, chiangmai_officer):
    api = api_as(chiangmai_officer)
    assert ids(api.get(CASES)) == {chiangmai_case.pk}
    assert api.get(f"{CASES}{case.pk}/").status_code == 404


def test_cases_filter_by_status_agency_overdue_and_fiscal_year(api_as, case, labour_office_case, hq_analyst):
    from core import thai

    Case.objects.across_provinces("test").filter(pk=labour_office_case.pk).update(
        referred_on=timezone.localdate() - dt.timedelta(days=90),
        spotted_on=timezone.localdate() - dt.timedelta(days=90),
    )
    api = api_as(hq_analyst)
    assert ids(api.get(CASES, {"agency": case.agency_id})) == {case.pk}
    assert ids(api.get(CASES, {"overdue": "true"})) == {labour_office_case.pk}
    assert ids(api.get(CASES, {"status": "done"})) == set()
    assert ids(api.get(CASES, {"status": "open"})) == {case.pk, labour_office_case.pk}
    assert ids(api.get(CASES, {"fiscal_year": thai.fiscal_year(case.referred_on)})) >= {case.pk}
    assert ids(api.get(CASES, {"fiscal_year": thai.fiscal_year(case.referred_on) - 5})) == set()
    bad = api.get(CASES, {"status": "lost"})
    assert bad.status_code == 400 and bad.json()["detail"]


def test_agency_staff_see_only_their_agencys_cases_and_move_them_on(
    api_as, case, flagged, labour_office_case, lampang_agency_staff
):
    api = api_as(lampang_agency_staff)
    assert ids(api.get(CASES)) == {case.pk}  # not the labour office's, not the flagged one
    assert api.get(f"{CASES}{labour_office_case.pk}/").status_code == 404
    assert api.get(f"{CASES}{flagged.pk}/").status_code == 404
    moved = api.post(
        f"{CASES}{case.pk}/status/", {"to_status": "accepted", "changed_on": str(timezone.localdate())}, format="json"
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "accepted"
    backwards = api.post(
        f"{CASES}{case.pk}/status/", {"to_status": "referred", "changed_on": str(timezone.localdate())}, format="json"
    )
    assert backwards.status_code == 400 and "ย้อนกลับ" in backwards.json()["detail"]


def test_agency_staff_cannot_open_a_case_nor_use_any_other_api(api_as, worker, case, lampang_agency_staff):
    api = api_as(lampang_agency_staff)
    opened = api.post(
        CASES,
        {
            "volunteer": worker.pk,
            "spotted_on": str(timezone.localdate()),
            "subdistrict": worker.subdistrict_id,
            "needs": ["job_seekers"],
            "agency": case.agency_id,
        },
        format="json",
    )
    assert opened.status_code == 403
    assert "เฉพาะเรื่องส่งต่อ" in opened.json()["detail"]
    for url in ("/api/v1/volunteers/", REPORTS, "/api/v1/work-kinds/", "/api/v1/provinces/"):
        refused = api.get(url)
        assert refused.status_code == 403, url
        assert "ใช้ API ได้เฉพาะเรื่องส่งต่อ" in refused.json()["detail"]
    assert Case.objects.across_provinces("test").count() == 1


def test_an_officer_opens_a_case_through_the_case_forms_rules(api_as, worker, lampang, lampang_officer):
    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT)
    data = {
        "volunteer": worker.pk,
        "spotted_on": str(timezone.localdate()),
        "subdistrict": worker.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": agency.pk,
        "person_name": "นายตกงาน ใหม่",
    }
    api = api_as(lampang_officer)
    opened = api.post(CASES, data, format="json")
    assert opened.status_code == 201, opened.content
    assert opened.json()["status"] == "referred" and opened.json()["agency"] == agency.pk
    flag = api.post(CASES, {**data, "flagged": True}, format="json")
    assert flag.status_code == 400 and "เจ้าหน้าที่ป้องกันการค้ามนุษย์" in flag.json()["detail"]
    no_id = api.post(CASES, {**data, "national_id": "1520100012349"}, format="json")
    assert no_id.status_code == 400 and "ไม่ต้องกรอกเลขประจำตัวประชาชน" in no_id.json()["detail"]
    assert Case.objects.across_provinces("test").count() == 1


def test_readers_and_other_provinces_cannot_open_or_move_cases(
    api_as, worker, case, lampang_viewer, hq_analyst, chiangmai_officer
):
    data = {
        "volunteer": worker.pk,
        "spotted_on": str(timezone.localdate()),
        "subdistrict": worker.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": case.agency_id,
    }
    step = {"to_status": "accepted", "changed_on": str(timezone.localdate())}
    for reader in (lampang_viewer, hq_analyst):
        assert api_as(reader).post(CASES, data, format="json").status_code == 403
        assert api_as(reader).post(f"{CASES}{case.pk}/status/", step, format="json").status_code == 403
    other = api_as(chiangmai_officer)
    refused = other.post(CASES, data, format="json")
    assert refused.status_code == 400 and "อาสาสมัครที่เลือกไม่อยู่ในจังหวัดนี้" in refused.json()["detail"]
    assert other.post(f"{CASES}{case.pk}/status/", step, format="json").status_code == 404
    case.refresh_from_db()
    assert case.status == "referred" and Case.objects.across_provinces("test").count() == 1


def test_a_case_filter_the_list_does_not_offer_is_refused_not_ignored(
    api_as, case, lampang_officer, lampang_agency_staff, hq_analyst
):
    # An officer's ?flagged=true answered every unflagged case, as if they were the flagged ones.
    officer = api_as(lampang_officer).get(CASES, {"flagged": "true"})
    assert officer.status_code == 400 and "บัญชีของท่านใช้ตัวกรองนี้ไม่ได้" in str(officer.json())
    agency = api_as(lampang_agency_staff).get(CASES, {"agency_kind": "welfare"})
    assert agency.status_code == 400
    maybe = api_as(lampang_officer).get(CASES, {"overdue": "maybe"})
    assert maybe.status_code == 400 and "true หรือ false" in str(maybe.json())
    district = api_as(hq_analyst).get(CASES, {"district": case.subdistrict.district_id})
    assert district.status_code == 400 and "province" in str(district.json())
    assert ids(api_as(lampang_officer).get(CASES, {"overdue": "false"})) == {case.pk}


def test_a_case_spotted_before_the_programme_began_is_refused(api_as, worker, lampang, lampang_officer):
    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT)
    data = {
        "volunteer": worker.pk,
        "spotted_on": "1900-01-01",
        "subdistrict": worker.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": agency.pk,
    }
    refused = api_as(lampang_officer).post(CASES, data, format="json")
    assert refused.status_code == 400
    assert "อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)" in str(refused.json())
    assert not Case.objects.across_provinces("test").exists()
