"""The admin's roster import reads files as the staff pages do (.xlsx, .csv, .xls, .ods; a CSV in UTF-8 or TIS-620),
refuses any other file in Thai, never with a traceback or a server error; a bad filter in an export link is said."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from rosters.tests.factories import csv_bytes, nid, person, xlsx_bytes
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/rosters/volunteerroster/import/"
MENTOR_IMPORT = "/admin/rosters/mentorroster/import/"
# Before, the page offered csv xls xlsx tsv json yaml html, in that order.
OLD_YAML, OLD_HTML = "5", "6"


@pytest.fixture
def admin(client_for, admin_user):
    return client_for(admin_user)


def upload(admin, content: bytes, name: str, fmt: str, url: str = IMPORT):
    return admin.post(url, {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, content)})


def formats(admin, url: str = IMPORT) -> dict[str, str]:
    """{title: the value the page posts} of the formats the import page offers."""
    field = admin.get(url).context["form"].fields["format"]
    return {title: value for value, title in field.choices if value}


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url", [IMPORT, MENTOR_IMPORT])
def test_the_import_offers_only_the_formats_the_staff_pages_read(admin, url):
    assert set(formats(admin, url)) == {"xlsx", "csv", "xls", "ods"}


@pytest.mark.parametrize(
    ("fmt", "content", "name"),
    [
        (OLD_HTML, "<table><tr><th>เลขประจำตัวประชาชน</th></tr><tr><td>1</td></tr></table>".encode(), "r.html"),
        (OLD_YAML, b"- [1,2]\n- [3,4]\n", "r.yaml"),
    ],
)
def test_an_html_table_or_a_yaml_list_is_refused_not_a_server_error(admin, lampang, fmt, content, name):
    response = upload(admin, content, name, fmt)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Volunteer.objects.exists()


def test_a_file_refused_as_a_whole_shows_the_thai_message_without_a_traceback(admin, lampang):
    response = upload(admin, b"x\n1\n", "one-column.csv", formats(admin)["csv"])

    assert response.status_code == 200
    assert "ระบุจังหวัดของแถวใดในไฟล์ไม่ได้" in page_text(response)
    assert "Traceback" not in page_text(response)
    assert "/rosters/resources.py" not in page_text(response)


def preview_rows(response) -> list:
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), [r.error for r in result.invalid_rows]
    return [row.import_type for row in result.rows]


def test_a_tab_separated_csv_is_read_as_the_staff_pages_read_it(admin, lampang):
    content = csv_bytes([person(1)]).decode("utf-8-sig").replace(",", "\t").encode()

    response = upload(admin, content, "tabs.csv", formats(admin)["csv"])

    assert preview_rows(response) == ["new"]
    assert "Traceback" not in page_text(response)


def test_a_tis620_csv_is_read_and_imported_with_its_thai_names(admin, lampang):
    content = csv_bytes([person(1, **{"ชื่อ": "สมศรี"})], encoding="cp874")

    response = upload(admin, content, "windows.csv", formats(admin)["csv"])

    assert preview_rows(response) == ["new"]
    confirm = response.context["confirm_form"]
    done = admin.post("/admin/rosters/volunteerroster/process_import/", confirm.initial, follow=True)
    assert done.status_code == 200
    assert Volunteer.objects.get(national_id=nid(1)).first_name == "สมศรี"


def test_an_xlsx_is_imported_through_the_admin_pages(admin, lampang):
    response = upload(admin, xlsx_bytes([person(1), person(2)]), "rosters.xlsx", formats(admin)["xlsx"])

    assert preview_rows(response) == ["new", "new"]
    admin.post("/admin/rosters/volunteerroster/process_import/", response.context["confirm_form"].initial)
    assert set(Volunteer.objects.values_list("national_id", flat=True)) == {nid(1), nid(2)}


def test_a_csv_the_admin_cannot_decode_asks_for_csv_utf8(admin, lampang):
    response = upload(admin, "เลข,ชื่อ\n".encode("utf-16-le") * 3, "utf16.csv", formats(admin)["csv"])

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "CSV UTF-8" in errors
    assert "Error" not in errors


def test_an_empty_workbook_is_said_to_hold_no_rows(admin, lampang):
    buffer = io.BytesIO()
    Workbook().save(buffer)

    response = upload(admin, buffer.getvalue(), "empty.xlsx", formats(admin)["xlsx"])

    assert response.context["form"].errors["import_file"] == ["ไฟล์ว่างเปล่า ไม่มีข้อมูล"]


def test_a_broken_workbook_is_refused_with_the_staff_pages_message(admin, lampang):
    response = upload(admin, b"PK\x03\x04garbage" * 50, "broken.xlsx", formats(admin)["xlsx"])

    assert "เสียหาย" in " ".join(response.context["form"].errors["import_file"])


def test_an_export_link_with_a_bad_filter_is_said_not_a_server_error(admin, lampang):
    VolunteerFactory(province=lampang)

    response = admin.get("/admin/rosters/volunteerroster/export/?province__id__exact=abc", follow=True)

    assert response.status_code == 200
    assert "ตัวกรองในลิงก์ไม่ถูกต้อง" in page_text(response)


def test_an_export_link_with_a_good_filter_still_opens_the_export_page(admin, lampang):
    response = admin.get(f"/admin/rosters/volunteerroster/export/?province__id__exact={lampang.pk}")

    assert response.status_code == 200


def test_blank_rows_are_passed_over_and_the_rows_below_keep_their_numbers(admin, lampang):
    header, first, second = csv_bytes([person(1), person(2, **{"วันเกิด": "31/02/2520"})]).decode().splitlines()

    content = "\n".join([header, first, "", ",,,", second, ""]).encode()
    response = upload(admin, content, "blank-rows.csv", formats(admin)["csv"])

    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "skip", "skip", "invalid"]
    (invalid,) = result.invalid_rows
    assert invalid.number == 4  # the 4th row below the header, as the preview numbers rows
    assert "วันเกิด" in str(invalid.error)
