"""Administrators import and export through the admin site's django-import-export resources."""

import pytest
import tablib
from django.contrib import admin

from core.models import AuditEvent
from mentors.models import Mentor
from rosters.models import MentorRoster, VolunteerRoster
from rosters.resources import MentorResource, VolunteerResource
from rosters.tests.factories import nid, person, xlsx_bytes
from volunteers.models import Volunteer, VolunteerEvent
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def dataset(rows) -> tablib.Dataset:
    return tablib.Dataset().load(xlsx_bytes(rows), format="xlsx")


def test_the_admin_site_offers_import_and_export_of_both_rosters():
    for model, resource in ((VolunteerRoster, VolunteerResource), (MentorRoster, MentorResource)):
        model_admin = admin.site._registry[model]
        assert resource in model_admin.resource_classes


def test_a_template_shaped_file_imports_through_the_resource_with_history_and_audit(admin_user, lampang):
    rows = [person(1, **{"วันเกิด": "15/03/2518", "สถานะ": "ปฏิบัติหน้าที่"}), person(2, **{"คำนำหน้า": "น.ส."})]

    result = VolunteerResource().import_data(dataset(rows), dry_run=False, user=admin_user, file_name="admin.xlsx")

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    volunteer = Volunteer.objects.get(national_id=nid(2))
    assert (volunteer.province, volunteer.title, volunteer.gender) == (lampang, "miss", "female")
    event = VolunteerEvent.objects.filter(pgh_obj=volunteer).get()
    assert event.pgh_context.metadata["source"] == "admin_import"
    audit = AuditEvent.objects.get(action="import")
    assert audit.detail["rows"] == 2 and audit.detail["source"] == "admin"


def test_the_resource_refuses_a_wrong_id_and_a_move_between_provinces(admin_user, chiang_mai):
    VolunteerFactory(province=chiang_mai, national_id=nid(1))
    rows = [person(1), person(2, **{"เลขประจำตัวประชาชน": "3520000000010"})]

    result = VolunteerResource().import_data(dataset(rows), dry_run=True, user=admin_user)

    joined = " ".join(str(row.error) for row in result.invalid_rows)
    joined += " ".join(str(error.error) for _, errors in result.row_errors() for error in errors)
    assert "การย้ายจังหวัด" in joined
    assert "เลขตรวจสอบหลักสุดท้ายไม่ตรง" in joined
    assert Volunteer.objects.get(national_id=nid(1)).province == chiang_mai


def test_the_resource_exports_thai_headers_and_readable_values(lampang):
    VolunteerFactory(province=lampang, national_id=nid(1), first_name="สมชาย")

    exported = VolunteerResource().export()

    assert exported.headers[:4] == ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล"]
    assert exported[0][:3] == (nid(1), "นาย", "สมชาย")


def test_mentors_import_through_their_resource(admin_user, lampang):
    rows = [
        {
            "เลขประจำตัวประชาชน": nid(1, prefix="152"),
            "คำนำหน้า": "นาง",
            "ชื่อ": "วิไล",
            "นามสกุล": "ศรีสุข",
            "ตำแหน่ง": "นักวิชาการแรงงาน",
            "หน่วยงาน": "สำนักงานแรงงานจังหวัดลำปาง",
            "โทรศัพท์": "054265050",
            "อีเมล": "",
            "ยังปฏิบัติหน้าที่": "1",
        }
    ]

    result = MentorResource().import_data(dataset(rows), dry_run=False, user=admin_user)

    assert not result.has_errors() and not result.has_validation_errors(), [r.error for r in result.invalid_rows]
    assert Mentor.objects.get().province == lampang


def test_the_resource_applies_the_volunteer_rules_to_status_and_birth_date(admin_user, lampang):
    VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.DECEASED)
    rows = [person(1, **{"สถานะ": "ปฏิบัติหน้าที่"}), person(2, **{"วันเกิด": "01/01/2444"})]

    result = VolunteerResource().import_data(dataset(rows), dry_run=True, user=admin_user)

    joined = " ".join(str(row.error) for row in result.invalid_rows)
    joined += " ".join(str(error.error) for _, errors in result.row_errors() for error in errors)
    assert "เปลี่ยนสถานะจาก “เสียชีวิต” เป็น “ปฏิบัติหน้าที่” ไม่ได้" in joined
    assert "เก่ากว่า 120 ปี" in joined
    assert Volunteer.objects.get(national_id=nid(1)).status == Volunteer.Status.DECEASED


def test_the_admin_exports_dates_as_be_date_cells_in_xlsx_and_be_text_in_csv(lampang):
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from core.xlsx import BE_DATE_FORMAT
    from rosters.resources import BuddhistCSV, BuddhistXLSX

    VolunteerFactory(province=lampang, national_id=nid(1), birth_date=dt.date(1985, 3, 9))
    assert admin.site._registry[VolunteerRoster].export_formats == [BuddhistXLSX, BuddhistCSV]
    exported = VolunteerResource().export()
    column = exported.headers.index("วันเกิด")

    sheet = load_workbook(io.BytesIO(BuddhistXLSX().export_data(exported))).active
    cell = sheet.cell(row=2, column=column + 1)
    assert cell.value.date() == dt.date(1985, 3, 9) and cell.number_format == BE_DATE_FORMAT
    assert "09/03/2528" in BuddhistCSV().export_data(exported)
