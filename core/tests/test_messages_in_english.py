"""The checks every registry form and the roster import share (phone numbers, invisible control characters, names
left empty, an edit form without its version) explain themselves in English to an English reader, and in the same
Thai as before to everyone else."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.editing import control_character_error
from core.people import clean_names_and_phone
from core.phone import thai_phone_error
from tests.english import THAI, field_errors
from volunteers.models import Volunteer


@pytest.mark.parametrize(
    ("typed", "english", "thai"),
    [
        (
            "โทร",
            "“โทร” is not a phone number. Type it in digits, e.g. 081-234-5678",
            "“โทร” ไม่ใช่หมายเลขโทรศัพท์ กรอกเป็นตัวเลข เช่น 081-234-5678",
        ),
        (
            "0812",
            "“0812” is not a valid Thai phone number (wrong number of digits or prefix), e.g. 081-234-5678",
            "“0812” ไม่ใช่หมายเลขโทรศัพท์ไทยที่ถูกต้อง (จำนวนหลักหรือรหัสนำหน้าไม่ถูกต้อง) เช่น 081-234-5678",
        ),
    ],
)
def test_a_wrong_phone_number_is_explained_in_the_language_asked(typed, english, thai):
    with translation.override("en"):
        assert thai_phone_error(typed) == english
    with translation.override("th"):
        assert thai_phone_error(typed) == thai


def test_an_invisible_control_character_is_located_in_english():
    with translation.override("en"):
        english = control_character_error("สมชาย\x07")
    with translation.override("th"):
        thai = control_character_error("สมชาย\x07")

    assert english == (
        "There is an invisible control character (code U+0007) at position 6, usually brought along when text is "
        "copied. Please delete it and type the text again"
    )
    assert thai == ("มีอักขระควบคุมที่มองไม่เห็น (รหัส U+0007) ที่ตำแหน่งที่ 6 ซึ่งมักติดมาจากการคัดลอกข้อความ กรุณาลบออกแล้วพิมพ์ใหม่")


def test_a_name_left_empty_once_cleaned_is_refused_in_the_language_active_when_it_is_checked():
    """The roster import checks names inside the uploader's language: the words follow the moment, not the import."""
    person = Volunteer(first_name="\u200b", last_name="ใจดี", phone="")

    with translation.override("en"), pytest.raises(ValidationError) as english:
        clean_names_and_phone(person, ("first_name", "last_name"))
    with translation.override("th"), pytest.raises(ValidationError) as thai:
        clean_names_and_phone(person, ("first_name", "last_name"))

    assert english.value.message_dict == {"first_name": ["Please enter the first name"]}
    assert thai.value.message_dict == {"first_name": ["กรุณากรอกชื่อ"]}


@pytest.mark.django_db
def test_an_edit_form_posted_without_its_version_and_with_a_control_character_is_refused_in_english(
    client_for, lampang_officer, lampang_volunteer
):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    data = {
        "national_id": lampang_volunteer.national_id,
        "title": lampang_volunteer.title,
        "first_name": lampang_volunteer.first_name,
        "last_name": lampang_volunteer.last_name,
        "subdistrict": lampang_volunteer.subdistrict_id,
        "notes": "ok\x01",
    }

    response = client.post(reverse("volunteers:edit", args=[lampang_volunteer.pk]), data)

    errors = field_errors(response)
    assert errors["notes"] == [
        "There is an invisible control character (code U+0001) at position 3, usually brought along when text is "
        "copied. Please delete it and type the text again"
    ]
    stale = re.search(r'data-testid="stale-edit">(.*?)<a ', response.content.decode(), re.S)[1]
    assert "This form is incomplete (the record's version is missing)" in unescape(stale)
    assert not THAI.search(re.sub(r"<[^>]+>", "", stale))
