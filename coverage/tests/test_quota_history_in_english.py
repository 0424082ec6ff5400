"""An HQ officer reading a province's quota page in English sees the province-wide change in the history named as the
heading names the province (Lampang), not in Thai; in Thai it reads as before (ทั้งจังหวัดลำปาง)."""

import html
import re

import pytest

from coverage import services
from provinces.models import Subdistrict
from tests.english import in_english

pytestmark = pytest.mark.django_db

PAGE = "/coverage/province/52/quotas/"


def history_of(response) -> str:
    page = html.unescape(response.content.decode())
    return re.search(r'data-testid="quota-history">(.*?)</table>', page, re.S).group(1)


def test_the_history_names_the_province_in_english_as_the_heading_does(client_for, hq_officer, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    services.set_subdistrict_quota(subdistrict=first, quota=2, reason="Directive 14", by=hq_officer)
    services.set_province_quota(province=lampang, quota=3, reason="Directive 15", by=hq_officer)
    count = Subdistrict.objects.filter(province=lampang).count()

    response = in_english(client_for(hq_officer)).get(PAGE)
    history = history_of(response)

    assert "<h1>" in response.content.decode() and "Lampang</h1>" in response.content.decode()
    assert "All of Lampang" in history and f"({count} places)" in history
    assert "จังหวัด" not in history


def test_in_thai_the_history_names_the_province_as_before(client_for, hq_officer, lampang):
    services.set_province_quota(province=lampang, quota=3, reason="มติที่ประชุม", by=hq_officer)

    history = history_of(client_for(hq_officer).get(PAGE))

    assert "ทั้งจังหวัดลำปาง" in history


def test_setting_a_subdistricts_quota_says_so_with_the_place_in_the_readers_language(client_for, hq_officer, lampang):
    first = Subdistrict.objects.filter(province=lampang).select_related("district").order_by("code").first()
    form = {"subdistrict-subdistrict": first.code, "subdistrict-quota": 2, "subdistrict-reason": "Directive 16"}

    client = client_for(hq_officer)
    english = in_english(client).post(f"{PAGE}subdistrict/", form, follow=True)
    said = html.unescape(english.content.decode())
    assert f"The quota of {first.name_en}, {first.district.name_en}, Lampang is now 2" in said

    client.cookies["django_language"] = "th"
    thai = client.post(f"{PAGE}subdistrict/", {**form, "subdistrict-quota": 3}, follow=True)
    assert f"ตั้งโควตาของ{first.full_name} เป็น 3 คนแล้ว" in html.unescape(thai.content.decode())
