"""Place names in Thai dictionary order in every select, and Bangkok's districts called เขต and subdistricts แขวง."""

import re

import pytest
from django.urls import reverse

from core.thai import thai_sort_key
from provinces.models import District, Province, Subdistrict

pytestmark = pytest.mark.django_db


def option_labels(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_every_place_stores_the_thai_sort_key_of_its_name(geography):
    for model in (Province, District, Subdistrict):
        assert all(place.name_sort == thai_sort_key(place.name_th) for place in model.objects.all())


def test_provinces_are_listed_in_dictionary_order(geography):
    names = list(Province.objects.order_by("name_sort").values_list("name_th", flat=True))
    assert names == sorted(names, key=thai_sort_key)
    wanted = ["กรุงเทพมหานคร", "เชียงใหม่", "แพร่"]
    assert [n for n in names if n in wanted] == wanted


def test_the_province_select_of_the_national_volunteer_list_is_in_dictionary_order(client_for, hq_analyst):
    html = client_for(hq_analyst).get(reverse("volunteers:list")).content.decode()
    labels = option_labels(html, "province")[1:]
    assert len(labels) == 77
    assert labels == sorted(labels, key=thai_sort_key)
    # ก…, ช…, ช(เ)…, พ(แ)…: ordered by code point, เชียงใหม่ and แพร่ would come after every province from ก to ฮ.
    in_order = ["กรุงเทพมหานคร", "ชลบุรี", "เชียงราย", "เชียงใหม่", "พะเยา", "แพร่", "ภูเก็ต"]
    assert sorted(in_order, key=labels.index) == in_order


def test_the_district_select_is_in_dictionary_order(client_for, hq_analyst):
    html = client_for(hq_analyst).get(reverse("volunteers:list"), {"province": "84"}).content.decode()
    labels = option_labels(html, "district")[1:]
    assert "ไชยา" in labels
    assert labels == sorted(labels, key=thai_sort_key)
    # ไชยา sorts under ช, before ดอนสัก; by code point it would be last.
    assert labels.index("ไชยา") < labels.index("ดอนสัก")


def test_bangkok_has_khet_and_khwaeng_and_the_provinces_amphoe_and_tambon(bangkok, lampang):
    assert (bangkok.district_label, bangkok.subdistrict_label) == ("เขต", "แขวง")
    assert (lampang.district_label, lampang.subdistrict_label) == ("อำเภอ", "ตำบล")
    district = District.objects.get(code="1001")
    assert district.display_name == "เขตพระนคร"
    place = Subdistrict.objects.filter(province=bangkok).select_related("district", "province").first()
    # DOPA names Bangkok's districts with the word: เขตพระนคร, never เขตเขตพระนคร.
    assert place.full_name == f"แขวง{place.name_th} {place.district.name_th} กรุงเทพมหานคร"
    place = Subdistrict.objects.filter(province=lampang).select_related("district", "province").first()
    assert place.full_name == f"ตำบล{place.name_th} อำเภอ{place.district.name_th} จังหวัดลำปาง"
