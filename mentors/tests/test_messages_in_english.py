"""An officer reading in English who registers or edits a mentor wrongly is told why in English, the province by
its English name; in Thai the same mistakes give the same Thai words as before."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from mentors import services
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import Agency
from tests.english import THAI, field_errors, in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrong_registration(chiang_mai, lampang_mentor):
    """No names, an agency of Chiang Mai, a number in the United States, and the national ID of a mentor on record."""
    Mentor.objects.filter(pk=lampang_mentor.pk).update(national_id="1520100012349")
    return {
        "title": "นางสาว",
        "first_name": "",
        "last_name": "",
        "agency": Agency.objects.get(province=chiang_mai, kind="labour").pk,
        "phone": "+1 202 555 0143",
        "national_id": "1520100012349",
        "is_active": "on",
    }


def test_mentor_registration_mistakes_are_explained_in_english(client_for, lampang_officer, wrong_registration):
    response = in_english(client_for(lampang_officer)).post(reverse("mentors:create"), wrong_registration)

    assert field_errors(response) == {
        "first_name": ["Please enter the first name"],
        "last_name": ["Please enter the last name"],
        "agency": ["The selected agency is not in Lampang. Choose an agency of this province"],
        "national_id": ["This national ID is already registered as a mentor"],
        "phone": ["“+1 202 555 0143” is not a phone number in Thailand. Enter a Thai number, e.g. 081-234-5678"],
    }
    assert Mentor.objects.count() == 1


def test_the_same_mentor_mistakes_in_thai_keep_the_thai_words(client_for, lampang_officer, wrong_registration):
    response = client_for(lampang_officer).post(reverse("mentors:create"), wrong_registration)

    assert field_errors(response) == {
        "first_name": ["กรุณากรอกชื่อ"],
        "last_name": ["กรุณากรอกนามสกุล"],
        "agency": ["หน่วยงานที่เลือกไม่ได้อยู่ในจังหวัดลำปาง เลือกได้เฉพาะหน่วยงานในจังหวัดนี้"],
        "national_id": ["เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว"],
        "phone": ["“+1 202 555 0143” ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย กรอกหมายเลขไทย เช่น 081-234-5678"],
    }


def test_a_mentor_changed_meanwhile_is_explained_in_english(client_for, lampang_officer, lampang_mentor):
    opened_at = lampang_mentor.version
    services.update_mentor(mentor=lampang_mentor, data={"position": "นักวิชาการ"}, by=lampang_officer)
    data = {
        "title": lampang_mentor.title,
        "first_name": lampang_mentor.first_name,
        "last_name": lampang_mentor.last_name,
        "agency": lampang_mentor.agency_id,
        "is_active": "on",
        "version": opened_at,
    }

    response = in_english(client_for(lampang_officer)).post(reverse("mentors:edit", args=[lampang_mentor.pk]), data)

    stale = re.search(r'data-testid="stale-edit">(.*?)<a ', response.content.decode(), re.S)[1]
    stale = " ".join(unescape(re.sub(r"<[^>]+>", " ", stale)).split())
    assert stale.startswith("The details of mentor ") and "Your changes have not been saved" in stale
    assert str(timezone.localdate().year) in stale
    words = stale.replace(lampang_mentor.first_name, "").replace(lampang_mentor.last_name, "")
    assert not THAI.search(words)


def test_linking_another_provinces_account_is_refused_in_english_and_in_thai(lampang_mentor, chiangmai_officer):
    mentor = MentorFactory.build(
        province=lampang_mentor.province, agency=lampang_mentor.agency, user=chiangmai_officer, first_name="ใหม่"
    )

    with translation.override("en"), pytest.raises(ValidationError) as english:
        services.clean_mentor(mentor)
    with translation.override("th"), pytest.raises(ValidationError) as thai:
        services.clean_mentor(mentor)

    assert english.value.message_dict == {"user": ["Only a staff account of Lampang can be linked to this mentor"]}
    assert thai.value.message_dict == {"user": ["ผูกกับพี่เลี้ยงได้เฉพาะบัญชีเจ้าหน้าที่ของจังหวัดลำปาง"]}
