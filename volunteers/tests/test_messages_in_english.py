"""An officer reading in English who makes a mistake in the registry is told why in English, with dates in the
Christian era and provinces by their English names; in Thai the same mistake gives the same Thai words as before.
The rules are asked in the language active when the message is made: the roster import asks them inside the
uploader's language."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from core.thai import format_date_en, format_date_numeric_be, national_id_with_check_digit
from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from tests.english import THAI, field_errors, in_english
from volunteers import rules, services
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, with_terms

pytestmark = pytest.mark.django_db


def alerts(response) -> list[str]:
    """The text of the alerts a page shows (messages and form-wide errors), tags stripped."""
    html = response.content.decode()
    blocks = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", block)).split()) for block in blocks]


def without(text: str, *data: str) -> str:
    """The message with the data put inside it (people's names) taken out, to look for Thai in the words only."""
    for value in data:
        text = text.replace(value, "")
    return text


def typed(date: dt.date) -> str:
    return format_date_numeric_be(date)


@pytest.fixture
def registration(lampang, chiang_mai, lampang_mentor):
    """A registration form with four mistakes: no first name, a birth date next year, a number in the United States,
    and a subdistrict of Chiang Mai posted by hand."""
    next_year = timezone.localdate().year + 1
    return {
        "national_id": national_id_with_check_digit("152010007788"),
        "title": "miss",
        "first_name": "",
        "last_name": "ศรีนวลแก้ว",
        "gender": "female",
        "birth_date": f"01/01/{next_year + 543}",
        "phone": "+1 202 555 0143",
        "subdistrict": Subdistrict.objects.filter(province=chiang_mai).order_by("code").first().pk,
        "appointed_on": "07/01/2563",
        "mentor": lampang_mentor.pk,
    }


def test_registration_mistakes_are_explained_in_english_with_ce_dates(client_for, lampang_officer, registration):
    next_year = timezone.localdate().year + 1

    response = in_english(client_for(lampang_officer)).post(reverse("volunteers:create"), registration)

    errors = field_errors(response)
    assert errors["first_name"] == ["Please enter the first name"]
    assert errors["subdistrict"] == [
        "The selected subdistrict is not in Lampang. Choose a subdistrict of this province"
    ]
    assert errors["birth_date"] == [
        f"The birth date 1 Jan {next_year} is in the future. A birth date cannot be after today"
    ]
    assert errors["phone"] == [
        "“+1 202 555 0143” is not a phone number in Thailand. Enter a Thai number, e.g. 081-234-5678"
    ]
    assert not [message for messages in errors.values() for message in messages if THAI.search(message)]
    assert not Volunteer.objects.filter(last_name="ศรีนวลแก้ว").exists()


def test_the_same_registration_mistakes_in_thai_keep_the_thai_words(client_for, lampang_officer, registration):
    next_year = timezone.localdate().year + 1

    errors = field_errors(client_for(lampang_officer).post(reverse("volunteers:create"), registration))

    assert errors["first_name"] == ["กรุณากรอกชื่อ"]
    assert errors["subdistrict"] == ["ตำบล/แขวงที่เลือกไม่อยู่ในจังหวัดลำปาง เลือกได้เฉพาะตำบล/แขวงในจังหวัดนี้"]
    assert errors["birth_date"] == [f"วันเกิด 1 ม.ค. {next_year + 543} เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้"]
    assert errors["phone"] == ["“+1 202 555 0143” ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย กรอกหมายเลขไทย เช่น 081-234-5678"]


def test_an_id_registered_in_another_province_names_it_in_english(
    client_for, lampang_officer, registration, lampang, chiang_mai
):
    other = VolunteerFactory(province=chiang_mai)
    data = {
        **registration,
        "national_id": other.national_id,
        "first_name": "ดวงพร",
        "birth_date": "15/08/2530",
        "phone": "089-123-4567",
        "subdistrict": Subdistrict.objects.filter(province=lampang).order_by("code").first().pk,
    }

    errors = field_errors(in_english(client_for(lampang_officer)).post(reverse("volunteers:create"), data))

    assert errors == {
        "national_id": [
            "This national ID is already registered as a labour volunteer in Chiang Mai. If the person has moved to "
            "your province, please contact HQ to move the record"
        ]
    }


def test_a_record_changed_meanwhile_is_explained_in_english(client_for, lampang_officer, lampang_volunteer):
    client = in_english(client_for(lampang_officer))
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    opened_at = client.get(url).context["form"]["version"].value()
    services.update_volunteer(volunteer=lampang_volunteer, data={"notes": "แก้โดยอีกคน"}, by=lampang_officer)
    lampang_volunteer.refresh_from_db()
    data = {
        "national_id": lampang_volunteer.national_id,
        "title": lampang_volunteer.title,
        "first_name": lampang_volunteer.first_name,
        "last_name": lampang_volunteer.last_name,
        "subdistrict": lampang_volunteer.subdistrict_id,
        "version": opened_at,
    }

    response = client.post(url, data)

    stale = re.search(r'data-testid="stale-edit">(.*?)<a ', response.content.decode(), re.S)[1]
    stale = " ".join(unescape(re.sub(r"<[^>]+>", " ", stale)).split())
    assert stale.startswith(f"The details of Mr {lampang_volunteer.first_name} {lampang_volunteer.last_name} were ")
    assert "Your changes have not been saved" in stale
    assert str(timezone.localdate().year) in stale
    assert not THAI.search(without(stale, lampang_volunteer.first_name, lampang_volunteer.last_name))


def test_status_change_refusals_are_in_english(client_for, lampang_officer, lampang_volunteer):
    lampang_volunteer.appointed_on = dt.date(2022, 1, 1)
    lampang_volunteer.save()
    client = in_english(client_for(lampang_officer))
    url = reverse("volunteers:status", args=[lampang_volunteer.pk])

    too_early = field_errors(client.post(url, {"to_status": "suspended", "changed_on": "01/01/2563", "reason": "x"}))
    no_reason = field_errors(client.post(url, {"to_status": "suspended", "changed_on": "01/01/2567"}))

    assert too_early == {"changed_on": ["The effective date must not be before the appointment date (1 Jan 2022)"]}
    assert no_reason == {"reason": ["Please give the reason for the status change"]}
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status="deceased")
    back = field_errors(client.post(url, {"to_status": "active", "changed_on": "01/01/2567", "reason": "ผิดพลาด"}))
    assert back == {"to_status": ["The status cannot change from “Deceased” to the selected status"]}


def test_the_service_refuses_a_status_step_in_english_and_in_thai(lampang_officer, lampang_volunteer):
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status="deceased")
    step = {"volunteer": lampang_volunteer, "to_status": "active", "changed_on": days(0), "reason": "x"}

    with translation.override("en"), pytest.raises(ValidationError) as english:
        services.change_status(**step, by=lampang_officer)
    with translation.override("th"), pytest.raises(ValidationError) as thai:
        services.change_status(**step, by=lampang_officer)

    assert english.value.message_dict["to_status"] == [
        "The status cannot change from “Deceased” to “Active”. A deceased volunteer stays “Deceased” for good"
    ]
    assert thai.value.message_dict["to_status"] == [
        "เปลี่ยนสถานะจาก “เสียชีวิต” เป็น “ปฏิบัติหน้าที่” ไม่ได้ ผู้ที่เสียชีวิตแล้วคงสถานะ “เสียชีวิต” ตลอดไป"
    ]


def test_reappointment_refusals_are_in_english(client_for, lampang_officer, lampang_volunteer):
    start, end = dt.date(2024, 10, 1), dt.date(2027, 9, 30)
    with_terms(lampang_volunteer, (start, end))
    client = in_english(client_for(lampang_officer))
    url = reverse("volunteers:reappoint", args=[lampang_volunteer.pk])

    overlapping = client.post(url, {"order_no": "LP 1/2026", "starts_on": typed(dt.date(2026, 1, 1))})

    message = field_errors(overlapping)["starts_on"][0]
    name = f"Mr {lampang_volunteer.first_name} {lampang_volunteer.last_name}"
    assert message == (
        f"{name}: The term 1 Jan 2026 – 31 Dec 2028 overlaps the earlier term 1 Oct 2024 – 30 Sep 2027. "
        "A new term must start after the earlier one ends"
    )
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status="deceased")
    refused = client.get(url)
    assert "A deceased volunteer cannot be appointed for another term" in refused.content.decode()
    assert "แต่งตั้งผู้ที่เสียชีวิตแล้ว" not in refused.content.decode()


def test_a_reappointment_says_in_english_when_the_new_term_ends(client_for, lampang_officer, lampang_volunteer):
    with_terms(lampang_volunteer, (days(-3 * 365), days(-5)))
    client = in_english(client_for(lampang_officer))

    response = client.post(
        reverse("volunteers:reappoint", args=[lampang_volunteer.pk]),
        {"order_no": "LP 77/2026", "starts_on": typed(days(0))},
        follow=True,
    )

    [success] = [text for text in alerts(response) if "re-appointed" in text]
    assert success.endswith(
        f"re-appointed for another term, ending on {format_date_en(rules.default_term_end(days(0)))}"
    )


def test_a_move_to_the_wrong_province_and_a_move_done_are_told_in_english(client_for, admin_user, lampang_volunteer):
    client = in_english(client_for(admin_user))
    url = reverse("volunteers:move", args=[lampang_volunteer.pk])
    lampang_place = Subdistrict.objects.filter(province__code="52").order_by("code").first()
    chiang_mai_place = Subdistrict.objects.filter(province__code="50").order_by("code").first()

    wrong = field_errors(client.post(url, {"province": "50", "subdistrict": lampang_place.pk}))
    done = client.post(url, {"province": "50", "subdistrict": chiang_mai_place.pk}, follow=True)

    assert wrong == {"subdistrict": [f"The subdistrict {lampang_place.name_en} is not in Chiang Mai"]}
    assert [text for text in alerts(done) if text.endswith("moved to Chiang Mai")]


def test_a_mentor_who_no_longer_serves_is_refused_in_english(lampang, lampang_officer, lampang_volunteer):
    retired = MentorFactory(province=lampang, first_name="อดีต", last_name="พี่เลี้ยง", is_active=False)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assign_mentor(volunteers=[lampang_volunteer], mentor=retired, by=lampang_officer)

    [message] = refused.value.message_dict["mentor"]
    assert message.endswith(" no longer serves as a mentor")
    assert not THAI.search(without(message, retired.first_name, retired.last_name))


def test_the_rules_answer_in_the_language_asked_at_the_time_as_the_roster_import_asks_them():
    """volunteers.rules is imported once; each message is made when asked, in that moment's language."""
    today = dt.date(2026, 3, 1)
    born = dt.date(2027, 1, 7)

    with translation.override("en"):
        english = rules.birth_date_error(born, today=today)
        english_term = rules.term_error(dt.date(2026, 1, 1), dt.date(2025, 12, 31))
        english_quota = rules.quota_error(-1)
    with translation.override("th"):
        thai = rules.birth_date_error(born, today=today)

    assert english == "The birth date 7 Jan 2027 is in the future. A birth date cannot be after today"
    assert english_term == "The term's end date 31 Dec 2025 must be after its start date 1 Jan 2026"
    assert english_quota == f"The quota must be a whole number from 0 to {rules.MAX_QUOTA} people"
    assert thai == "วันเกิด 7 ม.ค. 2570 เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้"


def test_the_village_number_on_the_list_follows_the_language(client_for, lampang_officer, lampang_volunteer):
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(village_no=4)
    client = client_for(lampang_officer)

    thai = client.get(reverse("volunteers:list")).content.decode()
    english = in_english(client).get(reverse("volunteers:list")).content.decode()

    assert ">ม.4</span>" in thai
    assert ">Moo 4</span>" in english and ">ม.4</span>" not in english
