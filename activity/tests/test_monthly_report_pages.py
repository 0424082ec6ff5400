"""The monthly report's pages: the Lampang officer types a district's month on the grid (with and without
JavaScript), the viewer and HQ only read, Chiang Mai gets 404, and the month summary shows what is missing."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from activity import services
from activity.models import MonthClosure, MonthlyReport
from core import thai
from provinces.models import District
from rosters.models import ImportJob, Kind
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MONTH = "2026-10"
OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture
def district(lampang):
    return District.objects.get(code="5201")


@pytest.fixture
def two_volunteers(district, work_kinds):
    subdistrict = district.subdistricts.order_by("code").first()
    return [
        VolunteerFactory(province=district.province, subdistrict=subdistrict, first_name="บุญมี", last_name="ทำงานดี"),
        VolunteerFactory(province=district.province, subdistrict=subdistrict, first_name="สายใจ", last_name="ใฝ่ดี"),
    ]


def grid_url(code="52"):
    return reverse("activity:grid", args=[code])


def row_post(volunteer, **counts):
    data = {"volunteer": volunteer.pk, "district": "5201", "month": MONTH, "report": "", "problems": ""}
    data.update({f"k_{code}": value for code, value in counts.items()})
    return data


def reports():
    return MonthlyReport.objects.across_provinces("test")


def test_the_grid_has_a_row_per_serving_volunteer_and_a_number_input_per_kind(
    client_for, lampang_officer, two_volunteers, work_kinds, lampang
):
    VolunteerFactory(
        province=lampang,
        subdistrict=two_volunteers[0].subdistrict,
        first_name="ลาออกแล้ว",
        status="resigned",
        status_changed_on=dt.date(2026, 1, 1),
    )
    response = client_for(lampang_officer).get(grid_url(), {"district": "5201", "month": MONTH})
    assert response.status_code == 200
    page = response.content.decode()
    assert "บุญมี ทำงานดี" in page and "สายใจ ใฝ่ดี" in page
    assert "ลาออกแล้ว" not in page
    assert page.count('name="k_info_jobs"') == 2
    assert page.count("count-input") == 2 * len(work_kinds)
    assert "ให้ข้อมูลข่าวสารด้านแรงงาน" in page and "ยังไม่ส่ง" in page
    assert "activity/grid.js" in page and "<script>" not in page


def test_a_row_saved_by_fetch_answers_json_and_is_kept(client_for, lampang_officer, two_volunteers):
    client = client_for(lampang_officer)
    response = client.post(
        grid_url(), row_post(two_volunteers[0], info_jobs="7", complaints="1"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["message"].startswith("บันทึกแล้ว")
    assert data["counts"]["info_jobs"] == 7 and data["counts"]["job_seekers"] == 0
    report = reports().get(volunteer=two_volunteers[0], month=OCTOBER)
    assert report.counts["complaints"] == 1 and data["report"] == report.pk
    page = client.get(grid_url(), {"district": "5201", "month": MONTH}).content.decode()
    assert 'value="7"' in page and "บันทึกแล้ว" in page


def test_two_officers_correcting_the_same_report_the_later_is_refused_not_written_over_the_earlier(
    client_for, lampang_officer, two_volunteers
):
    volunteer = two_volunteers[0]
    first = client_for(lampang_officer)
    first.post(grid_url(), row_post(volunteer, info_jobs="1"), HTTP_ACCEPT="application/json")
    report = reports().get(volunteer=volunteer, month=OCTOBER)
    # Both officers open the grid now; each page carries when the report it shows was saved.
    page = first.get(grid_url(), {"district": "5201", "month": MONTH}).content.decode()
    saved_at = re.search(r'name="saved_at" value="([^"]+)"', page).group(1)

    shown = {"report": report.pk, "saved_at": saved_at}
    answer = first.post(grid_url(), {**row_post(volunteer, info_jobs="5"), **shown}, HTTP_ACCEPT="application/json")
    assert answer.json()["ok"]
    later = first.post(
        grid_url(), {**row_post(volunteer, complaints="2"), **shown, "problems": "B"}, HTTP_ACCEPT="application/json"
    )

    assert later.status_code == 400
    assert "หลังจากที่ท่านเปิดหน้านี้ ตัวเลขที่ท่านพิมพ์ยังไม่ได้บันทึก" in later.json()["message"]
    report.refresh_from_db()
    assert (report.counts["info_jobs"], report.counts["complaints"], report.problems) == (5, 0, "")
    # The first officer's page goes on saving: each save hands back the new stamp the next one carries.
    again = first.post(
        grid_url(),
        {**row_post(volunteer, info_jobs="6"), "report": report.pk, "saved_at": answer.json()["saved_at"]},
        HTTP_ACCEPT="application/json",
    )
    assert again.json()["ok"]


def test_a_bad_row_answers_the_thai_error_and_saves_nothing(client_for, lampang_officer, two_volunteers):
    response = client_for(lampang_officer).post(
        grid_url(), row_post(two_volunteers[0], info_jobs="7", complaints="50000"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    data = response.json()
    assert not data["ok"]
    assert "complaints" in data["errors"]
    assert "บุญมี ทำงานดี" in data["message"] and "50,000" in data["message"]
    assert not reports().exists()


def test_without_javascript_a_row_is_a_plain_form_post(client_for, lampang_officer, two_volunteers):
    client = client_for(lampang_officer)
    response = client.post(grid_url(), row_post(two_volunteers[1], info_training="4"), follow=True)
    assert response.redirect_chain[-1][0].startswith(grid_url())
    assert "สายใจ ใฝ่ดี: บันทึกแล้ว" in response.content.decode()
    assert reports().get(volunteer=two_volunteers[1]).counts["info_training"] == 4
    # A second new report for the same month (a second officer's stale page) is refused, not written over.
    response = client.post(grid_url(), row_post(two_volunteers[1], info_training="9"), follow=True)
    assert "มีรายงานเดือนตุลาคม 2569 แล้ว" in response.content.decode()
    assert reports().get(volunteer=two_volunteers[1]).counts["info_training"] == 4


def test_the_viewer_and_hq_read_the_grid_but_cannot_write(
    client_for, lampang_viewer, hq_analyst, two_volunteers, lampang_officer
):
    services.save_report(
        volunteer=two_volunteers[0],
        month=OCTOBER,
        counts={"info_jobs": "3"},
        by=lampang_officer,
        today=dt.date(2026, 11, 3),
    )
    for user in (lampang_viewer, hq_analyst):
        client = client_for(user)
        response = client.get(grid_url(), {"district": "5201", "month": MONTH})
        page = response.content.decode()
        assert response.status_code == 200
        assert "ท่านดูรายงานได้อย่างเดียว" in page and "<input form=" not in page
        assert ">3<" in page
        response = client.post(grid_url(), row_post(two_volunteers[1], info_jobs="5"))
        assert response.status_code == 403
    assert reports().count() == 1


def test_another_provinces_grid_and_district_are_missing(
    client_for, chiangmai_officer, lampang_officer, two_volunteers
):
    chiang_mai = client_for(chiangmai_officer)
    assert chiang_mai.get(grid_url("52"), {"district": "5201"}).status_code == 404
    assert chiang_mai.post(grid_url("52"), row_post(two_volunteers[0], info_jobs="1")).status_code == 404
    assert chiang_mai.get(reverse("activity:summary", args=["52"])).status_code == 404
    # Lampang's officer asking for a Chiang Mai district inside Lampang's grid.
    lampang = client_for(lampang_officer)
    assert lampang.get(grid_url("52"), {"district": "5001"}).status_code == 404
    assert not reports().exists()


def test_the_summary_counts_expected_received_on_time_and_late_per_district(
    client_for, lampang_officer, two_volunteers, lampang
):
    services.save_report(
        volunteer=two_volunteers[0], month=OCTOBER, counts={}, by=lampang_officer, today=dt.date(2026, 11, 5)
    )
    other = VolunteerFactory(province=lampang, subdistrict=District.objects.get(code="5202").subdistricts.first())
    services.save_report(volunteer=other, month=OCTOBER, counts={}, by=lampang_officer, today=dt.date(2026, 11, 6))
    from activity.selectors import district_rates

    rates, total = district_rates(lampang_officer, lampang, OCTOBER)
    by_code = {r.key: r for r in rates}
    mueang = by_code[District.objects.get(code="5201").pk]
    assert (mueang.expected, mueang.received, mueang.on_time, mueang.late, mueang.missing) == (2, 1, 1, 0, 1)
    assert mueang.percent == 50.0
    assert (total.expected, total.received, total.on_time, total.late) == (3, 2, 1, 1)
    page = client_for(lampang_officer).get(reverse("activity:summary", args=["52"]), {"month": MONTH})
    assert "อัตราการส่งรายงาน" in page.content.decode()
    assert "66.7%" in page.content.decode()


def test_the_officer_closes_the_month_and_reopens_it_with_a_reason(
    client_for, lampang_officer, lampang_viewer, two_volunteers, lampang
):
    client = client_for(lampang_officer)
    assert (
        client_for(lampang_viewer).post(reverse("activity:close_month", args=["52"]), {"month": MONTH}).status_code
        == 403
    )
    client = client_for(lampang_officer)
    client.post(reverse("activity:close_month", args=["52"]), {"month": MONTH})
    page = client.get(grid_url(), {"district": "5201", "month": MONTH}).content.decode()
    assert "เดือนนี้ปิดรับรายงานแล้ว" in page and "<input form=" not in page
    response = client.post(grid_url(), row_post(two_volunteers[0], info_jobs="1"), HTTP_ACCEPT="application/json")
    assert "ปิดรับรายงานเดือนตุลาคม 2569 แล้ว" in response.json()["message"]

    reopen = reverse("activity:reopen_month", args=["52"])
    response = client.post(reopen, {"month": MONTH, "reason": ""})
    assert response.status_code == 400 and "กรุณาระบุเหตุผล" in response.content.decode()
    response = client.post(reopen, {"month": MONTH, "reason": "อำเภอแจ้งว่าส่งใบรายงานตกหล่น 3 คน"}, follow=True)
    page = response.content.decode()
    assert "เปิดรับรายงานเดือนตุลาคม 2569 อีกครั้งแล้ว" in page
    assert "อำเภอแจ้งว่าส่งใบรายงานตกหล่น 3 คน" in page  # the month's history on the summary page
    assert not MonthClosure.objects.across_provinces("test").get(province=lampang, month=OCTOBER).is_closed
    response = client.post(grid_url(), row_post(two_volunteers[0], info_jobs="1"), HTTP_ACCEPT="application/json")
    assert response.json()["ok"]


@pytest.mark.parametrize(
    ("posted", "said"),
    [("2099-01", "เดือนมกราคม 2642 ยังมาไม่ถึง"), ("2026-13", "ไม่ทราบว่าจะบันทึกเดือนใด"), ("", "ไม่ทราบว่าจะบันทึกเดือนใด")],
)
def test_a_write_for_a_month_not_yet_come_or_unreadable_is_refused_not_put_in_the_month_just_ended(
    client_for, lampang_officer, two_volunteers, lampang, posted, said
):
    client = client_for(lampang_officer)

    saved = client.post(
        grid_url(), {**row_post(two_volunteers[0], info_jobs="9"), "month": posted}, HTTP_ACCEPT="application/json"
    )
    closed = client.post(reverse("activity:close_month", args=["52"]), {"month": posted}, follow=True)

    assert saved.status_code == 400 and said in saved.json()["message"]
    assert said in closed.content.decode()
    assert not reports().exists()
    assert not MonthClosure.objects.across_provinces("test").filter(province=lampang).exists()


def test_the_nav_leads_province_staff_to_their_month_and_hq_to_a_province_list(client_for, lampang_viewer, hq_analyst):
    response = client_for(lampang_viewer).get(reverse("activity:home"))
    assert response.status_code == 302 and response.url == reverse("activity:summary", args=["52"])
    page = client_for(hq_analyst).get(reverse("activity:home")).content.decode()
    assert reverse("activity:summary", args=["50"]) in page and "รายงานประจำเดือน" in page


def test_the_grid_reads_a_fixed_number_of_queries_whatever_the_number_of_volunteers(
    client_for, lampang_officer, district, work_kinds, django_assert_max_num_queries
):
    subdistricts = list(district.subdistricts.order_by("code")[:3])
    client = client_for(lampang_officer)
    VolunteerFactory(province=district.province, subdistrict=subdistricts[0])
    with django_assert_max_num_queries(40) as few:
        client.get(grid_url(), {"district": "5201", "month": MONTH})
    for i in range(30):
        volunteer = VolunteerFactory(province=district.province, subdistrict=subdistricts[i % 3])
        if i % 2:
            services.save_report(
                volunteer=volunteer,
                month=OCTOBER,
                counts={"info_jobs": str(i)},
                by=lampang_officer,
                today=dt.date(2026, 11, 2),
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(grid_url(), {"district": "5201", "month": MONTH}).content.decode()
    assert page.count('data-testid="grid-row"') == 31


def test_hq_reads_any_provinces_month_but_has_no_close_button(client_for, hq_analyst, two_volunteers):
    response = client_for(hq_analyst).get(reverse("activity:summary", args=["52"]), {"month": MONTH})
    page = response.content.decode()
    assert response.status_code == 200 and "จังหวัดลำปาง" in page
    assert "ปิดรับรายงานเดือนนี้" not in page
    assert (
        client_for(hq_analyst).post(reverse("activity:close_month", args=["52"]), {"month": MONTH}).status_code == 403
    )


THAI_MONTH = re.compile("|".join(map(re.escape, thai.MONTHS_LONG + thai.MONTHS_SHORT)))


def test_the_months_pages_in_english_name_their_months_in_english(client_for, lampang_officer, two_volunteers):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    pages = {
        "month picker and summary": reverse("activity:summary", args=["52"]) + f"?month={MONTH}",
        "grid": grid_url() + f"?district=5201&month={MONTH}",
        "reporting rates of the year": reverse("activity:province_rates", args=["52"]),
        "reporting rates of a month": reverse("activity:province_rates", args=["52"]) + f"?month={MONTH}",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = response.content.decode()
        assert THAI_MONTH.findall(page) == [], name
        assert "Oct 2026" in page, name
    assert "Oct 26" in client.get(reverse("activity:province_rates", args=["52"])).content.decode()


def test_the_grid_in_english_heads_and_labels_its_counts_with_the_kinds_english_names(
    client_for, lampang_officer, two_volunteers, work_kinds
):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    page = client.get(grid_url(), {"district": "5201", "month": MONTH}).content.decode()

    headings = re.findall(r'<th scope="col" class="kind-heading">([^<]*)</th>', page)
    assert headings and set(headings) <= {kind.name_en for kind in work_kinds}
    assert f'aria-label="{work_kinds[0].name_en} · ' in page.replace("&#x27;", "'")
    assert work_kinds[0].name_th not in page


def test_an_import_of_a_months_reports_is_listed_with_its_month_in_the_readers_language(
    client_for, lampang_officer, lampang
):
    ImportJob.objects.create(
        token="month".ljust(32, "0"),
        province=lampang,
        kind=Kind.REPORTS,
        month=OCTOBER,
        original_name="รายงาน.xlsx",
        file_format="xlsx",
        created_by=lampang_officer,
    )
    client = client_for(lampang_officer)

    assert "เดือนตุลาคม 2569" in client.get(reverse("rosters:list")).content.decode()
    client.cookies["django_language"] = "en"
    listed = client.get(reverse("rosters:list")).content.decode()
    assert "for Oct 2026" in listed and "ตุลาคม" not in listed
