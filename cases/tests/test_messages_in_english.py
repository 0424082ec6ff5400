"""An officer using the portal in English who records a case referred before it was spotted, or flags a case only the
anti-trafficking officer may record, is told why in English, the date in English; a case is named in English too.
In Thai the same refusals read as before."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, place_errors
from cases.services import open_case
from core import thai
from provinces.models import Agency

pytestmark = pytest.mark.django_db


def open_flagged(by, volunteer):
    return open_case(
        by=by,
        volunteer=volunteer,
        spotted_on=timezone.localdate(),
        subdistrict=volunteer.subdistrict,
        agency=Agency.objects.get(province_id=volunteer.province_id, kind=Agency.Kind.LABOUR),
        needs=["info_protection"],
        flagged=True,
    )


def test_a_flag_from_an_officer_is_refused_in_the_language_of_the_moment_not_of_the_import(
    lampang_officer, lampang_volunteer
):
    said = {}
    for language in ("en", "th"):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            open_flagged(lampang_officer, lampang_volunteer)
        with translation.override(language):  # read as a page in that language reads it
            said[language] = refused.value.message_dict["flagged"]

    assert said["en"] == [
        "A case of suspected forced labour or human trafficking can be recorded only by the province's "
        "anti-trafficking officer or an administrator. Please ask the province's anti-trafficking officer to record "
        "this case"
    ]
    assert said["th"][0].startswith("เรื่องที่สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์")
    assert not Case.objects.exists()


def test_a_referral_before_the_day_spotted_names_the_day_in_english(client_for, lampang_officer, lampang_volunteer):
    today = timezone.localdate()
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    page = client.post(
        reverse("cases:create"),
        {
            "volunteer": lampang_volunteer.pk,
            "spotted_on": thai.format_date_numeric_be(today),
            "referred_on": thai.format_date_numeric_be(today - dt.timedelta(days=2)),
            "subdistrict": lampang_volunteer.subdistrict_id,
            "needs": ["job_seekers"],
            "agency": Agency.objects.get(province_id=lampang_volunteer.province_id, kind=Agency.Kind.EMPLOYMENT).pk,
        },
    ).content.decode()

    assert f"The referral date must not be before the date spotted ({thai.format_date_en(today)})" in html.unescape(
        page
    )
    assert not Case.objects.exists()


def test_a_case_is_named_in_the_readers_language(lampang_case):
    with translation.override("en"):
        assert str(lampang_case) == f"Referral case #{lampang_case.pk}"
    with translation.override("th"):
        assert str(lampang_case) == f"เรื่องส่งต่อ #{lampang_case.pk}"


def test_an_agency_or_subdistrict_of_another_province_is_refused_naming_the_province_in_english(lampang, chiang_mai):
    agency = Agency.objects.get(province=chiang_mai, kind=Agency.Kind.LABOUR)
    subdistrict = chiang_mai.subdistricts.order_by("code").first()

    with translation.override("en"):
        english = place_errors(province=lampang, agency=agency, subdistrict=subdistrict)
    with translation.override("th"):
        in_thai = place_errors(province=lampang, agency=agency, subdistrict=subdistrict)

    assert english["agency"].startswith(f"The agency “{agency.name_th}” is not in Lampang, the province of this case")
    assert (
        english["subdistrict"]
        == f"The subdistrict “{subdistrict.name_en}” is not in Lampang, the province of this case"
    )
    assert in_thai["subdistrict"] == f"ตำบล/แขวง “{subdistrict.name_th}” ไม่อยู่ในจังหวัดลำปาง ของเรื่องนี้"
