"""English mode reads as English (issue 13): no Thai left on the sign-in pages, a space between a title and a Thai
first name ("Mrs กาญจนา", as Thai writes "นางกาญจนา" without one), years in CE where Thai shows BE, and counts
with the right plural ("1 volunteer", "2 volunteers")."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from conftest import current_totp, totp_device_for
from core.people import titled_first_name
from core.templatetags.thai import fiscal_year
from mentors.tests.factories import MentorFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

THAI = re.compile(r"[\u0E00-\u0E7F]+")

# The page's markup (text, titles, labels, placeholders) without the language switch, whose "ภาษาไทย" is meant to
# be Thai, and without the scripts.
MARKUP_WITHOUT_SWITCH = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll('form[action$="/i18n/setlang/"], script').forEach((e) => e.remove());
  return copy.outerHTML;
}"""


def thai_left(page) -> list[str]:
    return sorted(set(THAI.findall(page.evaluate(MARKUP_WITHOUT_SWITCH))))


def sign_in_in_english(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_sign_in_pages_in_english_have_no_thai_but_the_switch_back(page, live_server, hq_analyst):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert thai_left(page) == []
    expect(page.get_by_role("button", name="ภาษาไทย")).to_be_visible()

    page.get_by_label("Username").fill(hq_analyst.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
    assert thai_left(page) == []

    # HQ's second step, and a wrong code on it.
    device = totp_device_for(hq_analyst)
    page.get_by_label("Username").fill(hq_analyst.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/2fa/**")
    # The signed-in user's own name, from the account, is data and may be Thai.
    name = set(THAI.findall(hq_analyst.get_full_name()))
    assert set(thai_left(page)) <= name
    code = page.locator("input[name=token]")
    code.fill("000000" if current_totp(device) != "000000" else "111111")
    code.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("input[name=token]")).to_be_visible()
    assert set(thai_left(page)) <= name


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_volunteer_in_english_has_a_spaced_title_and_a_ce_birth_year(page, live_server, lampang, lampang_officer):
    volunteer = VolunteerFactory(
        province=lampang,
        title=Volunteer.Title.MRS,
        first_name="กาญจนา",
        last_name="ศรีวิชัย",
        gender=Volunteer.Gender.FEMALE,
        birth_date=dt.date(1985, 3, 9),
        appointed_on=dt.date(2020, 11, 2),
    )
    sign_in_in_english(page, live_server, lampang_officer)
    page.goto(f"{live_server.url}{reverse('volunteers:detail', args=[volunteer.pk])}")
    expect(page.get_by_test_id("volunteer-name")).to_have_text("Mrs กาญจนา ศรีวิชัย")
    expect(page.get_by_test_id("birth-date")).to_contain_text("9 Mar 1985")
    expect(page.get_by_test_id("appointed-on")).to_have_text("2 Nov 2020")
    # Appointed in November 2020: the Thai government's fiscal year 2564, which is FY 2021.
    expect(page.locator("dd", has_text="2021")).to_have_count(1)
    assert page.title().startswith("Mrs กาญจนา ศรีวิชัย")

    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.get_by_test_id("volunteer-name")).to_have_text("นางกาญจนา ศรีวิชัย")
    expect(page.get_by_test_id("birth-date")).to_contain_text("9 มีนาคม 2528")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_volunteer_list_in_english_counts_one_volunteer_and_many_volunteers(
    page, live_server, lampang, lampang_officer
):
    VolunteerFactory(province=lampang, first_name="กาญจนา", last_name="ศรีวิชัย")
    VolunteerFactory(province=lampang, first_name="สมหมาย", last_name="ขยันยิ่ง")
    sign_in_in_english(page, live_server, lampang_officer)
    page.goto(f"{live_server.url}{reverse('volunteers:list')}")
    expect(page.get_by_test_id("result-count")).to_have_text("2 volunteers found")
    page.goto(f"{live_server.url}{reverse('volunteers:list')}?q=กาญจนา")
    expect(page.get_by_test_id("result-count")).to_have_text("1 volunteer found")
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 1 คน")


@pytest.mark.django_db
def test_the_mentor_list_and_the_dashboard_count_in_english(client_for, lampang, lampang_officer, hq_analyst):
    MentorFactory(province=lampang, title="ดร.", first_name="วิไล", last_name="พี่เลี้ยงดี")
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("mentors:list")).text
    assert "1 mentor found" in html and "Dr วิไล" in html
    client = client_for(hq_analyst)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:dashboard")).text
    # No event yet: nobody took part, and the target is nobody.
    assert "0 participants<" in html and "Target: 0 people<" in html


@override_settings(LANGUAGE_CODE="th")
def test_titles_join_the_thai_way_in_thai_and_with_a_space_in_english():
    with translation.override("th"):
        assert titled_first_name("นาง", "กาญจนา") == "นางกาญจนา"
        assert titled_first_name("ว่าที่ร้อยตรี", "สมชาย") == "ว่าที่ร้อยตรีสมชาย"
        assert fiscal_year(dt.date(2020, 11, 2)) == 2564
    with translation.override("en"):
        assert titled_first_name("นาง", "กาญจนา") == "Mrs กาญจนา"
        assert titled_first_name("นางสาว", "กาญจนา") == "Miss กาญจนา"
        assert titled_first_name("ว่าที่ร้อยตรี", "สมชาย") == "ว่าที่ร้อยตรี สมชาย"
        assert titled_first_name("", "สมชาย") == "สมชาย"
        assert fiscal_year(dt.date(2020, 11, 2)) == 2021


def test_the_maps_legend_counts_one_person_and_many_people_in_english():
    from reports.thailand_map import class_labels

    with translation.override("th"):
        assert class_labels([2, 3, 6], percent=False, lowest=1) == ["1 คน", "2 คน", "3–5 คน", "6 คน ขึ้นไป"]
    with translation.override("en"):
        assert class_labels([2, 3, 6], percent=False, lowest=1) == [
            "1 person",
            "2 people",
            "3–5 people",
            "6 people or more",
        ]
        assert class_labels([2], percent=False, lowest=0)[-1] == "2 people or more"
        assert class_labels([1], percent=False, lowest=0) == ["0 people", "1 person or more"]


def test_the_change_history_shows_ce_dates_in_english(lampang):
    from core.history import display_value, format_datetime

    birth_date = Volunteer._meta.get_field("birth_date")
    with translation.override("th"):
        assert display_value(birth_date, "1985-03-09") == "9 มี.ค. 2528"
        assert format_datetime("2020-01-07T07:05:00+00:00") == "7 ม.ค. 2563 14:05 น."
    with translation.override("en"):
        assert display_value(birth_date, "1985-03-09") == "9 Mar 1985"
        assert format_datetime("2020-01-07T07:05:00+00:00") == "7 Jan 2020 14:05"


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_the_standalone_error_pages_have_no_thai_in_english(settings, client):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"
    response = client.get("/_test/crash/")
    assert response.status_code == 500 and "LV" in response.text
    assert THAI.findall(response.text) == []


@pytest.mark.django_db
def test_the_two_factor_setup_page_has_no_thai_in_english(client, hq_officer):
    client.force_login(hq_officer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    html = re.sub(r'<form action="/i18n/setlang/".*?</form>|<script.*?</script>', "", response.text, flags=re.S)
    assert set(THAI.findall(html)) <= set(THAI.findall(hq_officer.get_full_name()))


@pytest.mark.django_db
def test_the_reports_fiscal_year_is_ce_in_english_and_be_in_thai(client_for, hq_analyst, lampang_officer):
    from core.thai import current_fiscal_year

    fy = current_fiscal_year()
    client = client_for(hq_analyst)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:dashboard")).text
    assert f"Fiscal year {fy - 543}" in html and f"Fiscal year {fy}" not in html
    # The picker still asks the server for the year by its BE number.
    assert f'<option value="{fy}" selected>{fy - 543}</option>' in html
    client.cookies["django_language"] = "th"
    html = client.get(reverse("reports:dashboard")).text
    assert f"ปีงบประมาณ {fy}" in html and f'<option value="{fy}" selected>{fy}</option>' in html
