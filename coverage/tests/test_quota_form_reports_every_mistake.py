"""An HQ officer who types a quota out of range and forgets the reason is told both at once, on the province form and
on the subdistrict form, with the service's own range message (volunteers.rules.quota_error); nothing changes."""

import pytest

from provinces.models import Subdistrict, SubdistrictQuotaEvent
from tests.english import field_errors

pytestmark = pytest.mark.django_db

PROVINCE = "/coverage/province/52/quotas/province/"
SUBDISTRICT = "/coverage/province/52/quotas/subdistrict/"
OUT_OF_RANGE = "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"
NO_REASON = "กรุณาระบุเหตุผลของการเปลี่ยนโควตา เช่น เลขที่หนังสือสั่งการ"


def quotas(province):
    return list(Subdistrict.objects.filter(province=province).order_by("code").values_list("quota", flat=True))


@pytest.mark.parametrize("quota", ["-5", "999", "51"])
def test_a_province_quota_out_of_range_without_a_reason_shows_both_mistakes(client_for, hq_officer, lampang, quota):
    before = quotas(lampang)

    response = client_for(hq_officer).post(PROVINCE, {"province-quota": quota, "province-reason": ""})

    assert response.status_code == 200
    assert field_errors(response) == {"quota": [OUT_OF_RANGE], "reason": [NO_REASON]}
    assert quotas(lampang) == before


@pytest.mark.parametrize("quota", ["-5", "999"])
def test_a_subdistrict_quota_out_of_range_without_a_reason_shows_both_mistakes(client_for, hq_officer, lampang, quota):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()

    response = client_for(hq_officer).post(
        SUBDISTRICT, {"subdistrict-subdistrict": first.code, "subdistrict-quota": quota, "subdistrict-reason": ""}
    )

    assert response.status_code == 200
    assert field_errors(response) == {"quota": [OUT_OF_RANGE], "reason": [NO_REASON]}
    first.refresh_from_db()
    assert first.quota == 1
    assert not SubdistrictQuotaEvent.objects.filter(pgh_obj__province=lampang).exists()


def test_the_limits_of_the_range_are_still_accepted(client_for, hq_officer, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    client = client_for(hq_officer)

    for quota in ("0", "50"):
        response = client.post(
            SUBDISTRICT, {"subdistrict-subdistrict": first.code, "subdistrict-quota": quota, "subdistrict-reason": "x"}
        )
        assert response.status_code == 302
        first.refresh_from_db()
        assert first.quota == int(quota)
