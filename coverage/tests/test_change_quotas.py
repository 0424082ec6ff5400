"""HQ changes a province's or one subdistrict's quota, with a reason; bad input changes nothing; history keeps it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coverage import services
from coverage.selectors import province_coverage, quota_history
from provinces.models import Subdistrict, SubdistrictQuotaEvent
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def quotas(province):
    return list(Subdistrict.objects.filter(province=province).order_by("code").values_list("quota", flat=True))


def test_a_province_wide_quota_reaches_every_subdistrict_even_one_set_on_its_own(lampang, hq_officer):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    services.set_subdistrict_quota(subdistrict=first, quota=4, reason="หนังสือ รง 0401/1", by=hq_officer)

    changed = services.set_province_quota(province=lampang, quota=2, reason="หนังสือ รง 0401/2", by=hq_officer)

    assert set(quotas(lampang)) == {2}
    assert changed == len(quotas(lampang))


def test_a_higher_quota_leaves_a_subdistrict_with_one_lead_uncovered(lampang, admin_user):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    VolunteerFactory(subdistrict=first)
    assert province_coverage(lampang).totals.covered == 1

    services.set_subdistrict_quota(subdistrict=first, quota=2, reason="ตำบลใหญ่ ประชากรมาก", by=admin_user)

    totals = province_coverage(lampang).totals
    assert (totals.covered, totals.filled) == (0, 1)
    assert first.quota == 2


@pytest.mark.parametrize(
    ("quota", "reason", "field", "message"),
    [
        (-1, "เหตุผล", "quota", "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        (51, "เหตุผล", "quota", "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        ("สอง", "เหตุผล", "quota", "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        (2, "   ", "reason", "กรุณาระบุเหตุผลของการเปลี่ยนโควตา"),
    ],
)
def test_a_quota_out_of_range_or_without_a_reason_is_refused_in_thai_and_nothing_changes(
    lampang, hq_officer, quota, reason, field, message
):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    before = quotas(lampang)

    for change in (
        lambda: services.set_province_quota(province=lampang, quota=quota, reason=reason, by=hq_officer),
        lambda: services.set_subdistrict_quota(subdistrict=first, quota=quota, reason=reason, by=hq_officer),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert message in " ".join(refused.value.message_dict[field])

    assert quotas(lampang) == before
    assert not SubdistrictQuotaEvent.objects.filter(pgh_obj__province=lampang).exists()


@pytest.mark.parametrize("persona", ["lampang_officer", "lampang_viewer", "hq_analyst"])
def test_province_staff_and_hq_analysts_cannot_change_quotas(lampang, personas, persona):
    with pytest.raises(PermissionDenied):
        services.set_province_quota(province=lampang, quota=2, reason="ลอง", by=personas[persona])
    assert set(quotas(lampang)) == {1}


def test_the_history_says_who_changed_which_quota_from_what_to_what_and_why(lampang, hq_officer):
    hq_officer.first_name, hq_officer.last_name = "สมศรี", "ส่วนกลาง"
    hq_officer.save()
    first = Subdistrict.objects.filter(province=lampang).order_by("code").select_related("district").first()
    services.set_province_quota(province=lampang, quota=2, reason="มติที่ประชุม 1/2569", by=hq_officer)
    services.set_subdistrict_quota(subdistrict=first, quota=3, reason="ตำบลขยายเขต", by=hq_officer)

    latest, earlier = quota_history(lampang)

    assert (latest.username, latest.from_quota, latest.to_quota, latest.reason) == (
        "สมศรี ส่วนกลาง",
        "2",
        3,
        "ตำบลขยายเขต",
    )
    assert latest.place.startswith(f"ตำบล{first.name_th}") and latest.subdistricts == 1
    assert (earlier.place, earlier.from_quota, earlier.to_quota) == ("ทั้งจังหวัดลำปาง", "1", 2)
    assert earlier.subdistricts == len(quotas(lampang))
    assert earlier.reason == "มติที่ประชุม 1/2569"
