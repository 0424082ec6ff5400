import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mentors.tests.factories import MentorFactory
from trainings.models import Event
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_officer_runs_a_workshop_from_planning_to_certificate(browser_login, live_server, lampang_officer, lampang):
    mentor = MentorFactory(province=lampang, first_name="ประยุทธ", last_name="ขยันดี")
    VolunteerFactory(province=lampang, mentor=mentor, first_name="บุญมี", last_name="ศรีสุข")
    VolunteerFactory(province=lampang, mentor=mentor, first_name="มาลี", last_name="ทองคำ", title="mrs")
    page = browser_login(lampang_officer)

    # Plan the event.
    page.goto(f"{live_server.url}/trainings/")
    page.get_by_role("link", name="สร้างกิจกรรม").click()
    page.locator("[name=title]").fill("ประชุมเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงาน จังหวัดลำปาง")
    page.locator("[name=kind]").select_option("workshop")
    page.locator("[name=venue]").fill("ห้องประชุมล้อมรัก โรงแรม ณ บ้านแม่ รีสอร์ท")
    page.locator("[name=start_date]").fill("07/01/2563")
    page.locator("[name=end_date]").fill("07/01/2563")
    page.locator("[name=status]").select_option("open")
    page.locator("[name=presiding_official]").fill("รศ.ดร.จักษ์ พันธ์ชูเพชร")
    page.locator("[name=target_volunteer]").fill("100")
    page.locator("[name=target_mentor]").fill("14")
    page.get_by_label("เครือข่ายอาสาสมัครแรงงาน").check()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_test_id("event-title")).to_have_text("ประชุมเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงาน จังหวัดลำปาง")
    expect(page.get_by_test_id("event-dates")).to_have_text("7 มกราคม 2563")
    event = Event.objects.get()
    assert event.fiscal_year == 2563

    # Register the mentor's whole group.
    page.get_by_role("link", name="ลงทะเบียนผู้เข้าร่วม").first.click()
    page.get_by_test_id(f"register-group-{mentor.pk}").click()
    expect(page.locator(".alert-success")).to_contain_text("ลงทะเบียนแล้ว 3 คน")
    codes = {r.display_name: r.code for r in event.registrations.all()}
    assert set(codes) == {"นายประยุทธ ขยันดี", "นายบุญมี ศรีสุข", "นางมาลี ทองคำ"}

    # Check two people in at the desk by typing their codes.
    page.goto(f"{live_server.url}/trainings/{event.pk}/")
    page.get_by_role("link", name="เช็คอิน QR").click()
    code_box = page.get_by_label("รหัสลงทะเบียน")
    code_box.fill(codes["นายบุญมี ศรีสุข"].lower())
    code_box.press("Enter")
    expect(page.get_by_test_id("checkin-result")).to_contain_text("บันทึกการเข้าร่วมของ นายบุญมี ศรีสุข แล้ว")
    expect(code_box).to_have_value("")
    code_box.fill(codes["นายประยุทธ ขยันดี"])
    page.get_by_role("button", name="เช็คอิน").click()
    expect(page.get_by_test_id("checkin-result")).to_contain_text("นายประยุทธ ขยันดี")
    expect(page.get_by_test_id("present-count")).to_have_text("2")
    code_box.fill(codes["นายบุญมี ศรีสุข"])
    code_box.press("Enter")
    expect(page.get_by_test_id("checkin-result")).to_contain_text("ลงทะเบียนเข้างานวันนี้ไปแล้ว")
    expect(page.get_by_test_id("present-count")).to_have_text("2")

    # Print the sign-in sheet.
    page.goto(f"{live_server.url}/trainings/{event.pk}/")
    page.locator("a[href$='/sheet/']", has_text="ใบลงทะเบียน").click()
    sheet = page.get_by_test_id("sign-in-sheet")
    expect(sheet).to_contain_text("วันที่ 7 มกราคม 2563")
    expect(sheet).to_contain_text("นางมาลี ทองคำ")
    pdf_url = page.get_by_test_id("print-sheet").get_attribute("href")
    assert pdf_url.endswith("/sheet.pdf")
    printed = page.request.get(f"{live_server.url}{pdf_url}")
    assert printed.headers["content-type"] == "application/pdf"
    assert "ลายมือชื่อ" in PdfReader(io.BytesIO(printed.body())).pages[0].extract_text()
    page.emulate_media(media="print")
    expect(page.locator(".portal-topbar")).to_be_hidden()
    expect(page.get_by_test_id("print-sheet")).to_be_hidden()
    expect(sheet.locator("th", has_text="ลายมือชื่อ")).to_be_visible()
    page.emulate_media(media="screen")

    # Download a certificate and read it.
    page.goto(f"{live_server.url}/trainings/{event.pk}/registrations/")
    with page.expect_download() as download:
        page.get_by_test_id(f"certificate-{codes['นายบุญมี ศรีสุข']}").click()
    with open(download.value.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "นายบุญมี ศรีสุข" in text
    assert "7 มกราคม พ.ศ. 2563" in text
    # Only those present every day get one.
    expect(page.get_by_test_id(f"certificate-{codes['นางมาลี ทองคำ']}")).to_have_count(0)


def test_the_tick_list_filters_as_you_type_and_marks_with_one_tap(browser_login, live_server, lampang_officer, lampang):
    from trainings.tests.factories import EventFactory, RegistrationFactory

    event = EventFactory(host_province=lampang)
    for name in ["นายสมชาย ใจดี", "นางสาวสุดา แก้วมณี", "นายวีระ ทองอินทร์"]:
        RegistrationFactory(event=event, name=name)
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/trainings/{event.pk}/days/{event.days.get().pk}/tick/")
    page.get_by_placeholder("พิมพ์ชื่อ หน่วยงาน หรือรหัส เพื่อค้นหา").fill("สุดา")
    rows = page.locator("tr.tick-row:visible")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(page.locator("tr.tick-row.is-present")).to_have_count(1)
    expect(page.get_by_test_id("present-count")).to_have_text("1")
    assert event.days.get().attendances.get().registration.name == "นางสาวสุดา แก้วมณี"


def test_the_picker_shows_status_and_names_who_could_not_be_registered(
    browser_login, live_server, lampang_officer, lampang
):
    from trainings.tests.factories import EventFactory
    from volunteers.models import Volunteer

    event = EventFactory(host_province=lampang)
    group = [VolunteerFactory(province=lampang, first_name="สมใจ", last_name=f"รักงาน{n}") for n in range(8)]
    VolunteerFactory(province=lampang, first_name="สมใจ", last_name="ลาออกไป", status=Volunteer.Status.RESIGNED)
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/trainings/{event.pk}/register/")
    page.get_by_label("ค้นหาชื่อ").fill("สมใจ")
    page.get_by_role("button", name="ค้นหา").click()
    results = page.get_by_test_id("volunteer-results")
    expect(results.locator("tbody tr")).to_have_count(8)
    expect(results.locator("tbody tr[data-status=active] .badge")).to_have_text(["ปฏิบัติหน้าที่"] * 8)
    expect(page.get_by_test_id("hidden-inactive")).to_contain_text("ไม่แสดงผู้ที่ไม่ได้ปฏิบัติหน้าที่ 1 คน")

    # Shown on request, with the status, but not offered.
    page.get_by_label("แสดงผู้ที่ไม่ได้ปฏิบัติหน้าที่ด้วย").check()
    page.get_by_role("button", name="ค้นหา").click()
    resigned_row = results.locator("tbody tr", has_text="นายสมใจ ลาออกไป")
    expect(resigned_row.locator(".badge")).to_have_text("ลาออก/พ้นสภาพ")
    expect(resigned_row.locator("input[type=checkbox]")).to_have_count(0)

    # One of the eight resigns while the page is open: the seven are registered and the page names the eighth.
    page.locator("[data-picker=volunteer]").get_by_role("button", name="เลือกทั้งหมดที่แสดง").click()
    Volunteer.objects.filter(pk=group[3].pk).update(status=Volunteer.Status.RESIGNED)
    page.get_by_role("button", name="ลงทะเบียนคนที่เลือก").click()
    expect(page.locator(".alert-success")).to_contain_text("ลงทะเบียนแล้ว 7 คน")
    expect(page.locator(".alert-warning")).to_contain_text(
        f"ลงทะเบียนไม่ได้ 1 คน เพราะรับเฉพาะผู้ที่ยังปฏิบัติหน้าที่: {group[3].full_name} (สถานะ “ลาออก/พ้นสภาพ”)"
    )
    assert set(event.registrations.values_list("volunteer_id", flat=True)) == {v.pk for v in group} - {group[3].pk}
