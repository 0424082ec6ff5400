"""An HQ officer using the portal in English who sets a quota a province or subdistrict already has, gives no reason or
too long a one, or picks a subdistrict of another province, is told why in English, the province named in English;
the subdistrict list and the success message are English too. In Thai they read as before, word for word."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from coverage import services
from provinces.models import Subdistrict
from tests.english import in_english

pytestmark = pytest.mark.django_db

PROVINCE = "/coverage/province/52/quotas/province/"
SUBDISTRICT = "/coverage/province/52/quotas/subdistrict/"


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_province_quota_refusals_and_success_are_in_english(client_for, hq_officer, lampang):
    client = in_english(client_for(hq_officer))

    same = text_of(client.post(PROVINCE, {"province-quota": "1", "province-reason": "same"}))
    no_reason = text_of(client.post(PROVINCE, {"province-quota": "2", "province-reason": ""}))
    done = text_of(client.post(PROVINCE, {"province-quota": "2", "province-reason": "Directive 15"}, follow=True))

    assert "Every subdistrict of Lampang already has a quota of 1." in same
    assert "Please give the reason for the quota change, e.g. the number of the directive." in no_reason
    count = Subdistrict.objects.filter(province=lampang).count()
    assert f"Quota set to 2 for every subdistrict of Lampang ({count} changed)" in done


def test_subdistrict_quota_refusals_and_the_list_of_subdistricts_are_in_english(
    client_for, hq_officer, lampang, chiang_mai
):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    other = Subdistrict.objects.filter(province=chiang_mai).order_by("code").first()
    client = in_english(client_for(hq_officer))

    page = text_of(client.get("/coverage/province/52/quotas/"))
    same = text_of(
        client.post(
            SUBDISTRICT, {"subdistrict-subdistrict": first.code, "subdistrict-quota": "1", "subdistrict-reason": "x"}
        )
    )
    elsewhere = text_of(
        client.post(
            SUBDISTRICT, {"subdistrict-subdistrict": other.code, "subdistrict-quota": "2", "subdistrict-reason": "x"}
        )
    )

    assert "(quota 1)</option>" in page and "(โควตา" not in page
    assert f"{first.name_en} already has a quota of 1." in same
    assert "The subdistrict chosen is not in this province." in elsewhere


def test_the_same_refusals_in_thai_read_as_before(client_for, hq_officer, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    client = client_for(hq_officer)

    page = text_of(client.get("/coverage/province/52/quotas/"))
    same = text_of(
        client.post(
            SUBDISTRICT, {"subdistrict-subdistrict": first.code, "subdistrict-quota": "1", "subdistrict-reason": "x"}
        )
    )

    assert "(โควตา 1)</option>" in page
    assert f"ตำบล{first.name_th} มีโควตา 1 คนอยู่แล้ว" in same


def test_a_reason_too_long_is_refused_in_the_callers_language(lampang, hq_officer):
    for language, said in (
        ("en", "The reason may be at most 500 characters long (now 501)."),
        ("th", "เหตุผลยาวได้ไม่เกิน 500 ตัวอักษร (ตอนนี้ 501)"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            services.set_province_quota(province=lampang, quota=2, reason="x" * 501, by=hq_officer)
        assert refused.value.message_dict["reason"] == [said]
