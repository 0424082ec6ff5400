"""The province report workbook's dates, opened in LibreOffice: พ.ศ. as shown, and dates LibreOffice can sort."""

import pytest
from django.urls import reverse

from rosters.tests.libreoffice import as_shown_csv

pytestmark = pytest.mark.django_db

LEAVERS_SHEET = 4  # สรุป, รายอำเภอ, พี่เลี้ยง, พ้นสภาพ


def test_libreoffice_shows_the_leavers_dates_in_buddhist_era(client_for, hq_analyst, small_province, tmp_path):
    content = client_for(hq_analyst).get(reverse("reports:province_xlsx", args=["98"]) + "?fy=2568").content

    shown = as_shown_csv(content, "report.xlsx", tmp_path / "profile", tmp_path, sheet=LEAVERS_SHEET)

    header = shown[1]
    first = shown[2]
    assert first[header.index("วันที่มีผล")] == "15/03/2568"
    assert first[header.index("เหตุผล")] == "ย้ายภูมิลำเนา"
