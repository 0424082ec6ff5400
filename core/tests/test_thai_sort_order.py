"""Thai dictionary order (ราชบัณฑิตยสถาน): a leading vowel เ แ โ ใ ไ sorts under the consonant after it, tone marks only
break ties; the key PostgreSQL stores and the key Python computes put names in the same order."""

import pytest

from core.tests.national_ids import valid_national_id
from core.thai import thai_sort_key
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory


def in_thai_order(names):
    return sorted(names, key=thai_sort_key)


def test_places_sort_under_the_consonant_after_a_leading_vowel():
    # ก…, ช(เ)…, ช(ไ)…, พ(แ)…: by code point alone the three with a leading vowel would all come after ก–ฮ.
    assert in_thai_order(["แพร่", "ไชยา", "เชียงใหม่", "กรุงเทพมหานคร"]) == [
        "กรุงเทพมหานคร",
        "เชียงใหม่",
        "ไชยา",
        "แพร่",
    ]


def test_first_names_in_dictionary_order():
    assert in_thai_order(["เอกชัย", "แก้ว", "กมล", "โชคดี", "ใจดี", "ไพศาล"]) == [
        "กมล",
        "แก้ว",
        "ใจดี",
        "โชคดี",
        "ไพศาล",
        "เอกชัย",
    ]


def test_a_consonant_alone_comes_before_vowels_and_the_leading_vowels_come_last():
    assert in_thai_order(["ไก", "ใก", "โก", "แก", "เก", "กู", "กา", "กะ", "กง"]) == [
        "กง",
        "กะ",
        "กา",
        "กู",
        "เก",
        "แก",
        "โก",
        "ใก",
        "ไก",
    ]


def test_tone_marks_only_break_ties():
    # Without tone marks กา, ก่า and ก้า are the same word: they sort together, before กาก.
    assert in_thai_order(["กาก", "ก้า", "กา", "ก่า"]) == ["กา", "ก่า", "ก้า", "กาก"]
    assert in_thai_order(["เก็บ", "เกณฑ์", "เกด"]) == ["เกณฑ์", "เกด", "เก็บ"]


NAMES = [
    "เอกชัย",
    "แก้ว",
    "กมล",
    "โชคดี",
    "ใจดี",
    "ไพศาล",
    "ก้อย",
    "กอย",
    "เก่ง",
    "เก็บตะวัน",
    "ไก่",
    "ไข่มุก",
    "ฤทัย",
    "อินต๊ะ",
    "ปันแก้ว",
    "ณัฐ",
    "ศรีสุข",
    "สมศรี",
    "ใหม่",
    "เฮง",
    "Anna",
    "",
]


@pytest.mark.django_db
def test_the_stored_key_orders_names_as_the_python_key_does(lampang):
    for n, name in enumerate(NAMES, start=1):
        VolunteerFactory(province=lampang, national_id=valid_national_id(n), first_name=name, last_name=name)

    rows = list(Volunteer.objects.order_by("first_name_sort", "pk").values_list("first_name", "first_name_sort"))

    assert [name for name, _key in rows] == in_thai_order(NAMES)
    assert all(key == thai_sort_key(name) for name, key in rows)
    assert all(v.last_name_sort == thai_sort_key(v.last_name) for v in Volunteer.objects.all())


@pytest.mark.django_db
def test_the_key_follows_an_edit(lampang):
    volunteer = VolunteerFactory(province=lampang, first_name="กมล")
    Volunteer.objects.filter(pk=volunteer.pk).update(first_name="ไพศาล")
    volunteer.refresh_from_db()
    assert volunteer.first_name_sort == thai_sort_key("ไพศาล")
