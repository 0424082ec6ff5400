"""Exporting the filtered volunteer list: masked IDs unless the user may see them, safe cells, recorded."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.tests.national_ids import valid_national_id
from rosters.models import ExportRecord
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteers(lampang, chiang_mai):
    return [
        VolunteerFactory(
            province=lampang, national_id=valid_national_id(1), first_name="สมชาย", notes='=HYPERLINK("x")'
        ),
        VolunteerFactory(province=lampang, national_id=valid_national_id(2), first_name="มาลี", status="resigned"),
        VolunteerFactory(province=chiang_mai, national_id=valid_national_id(3, prefix="35001"), first_name="ดอย"),
    ]


def rows_of(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def test_an_officer_exports_their_province_with_full_ids(client_for, lampang_officer, volunteers):
    response = client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["xlsx"]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    table = rows_of(response)
    assert table[0][:4] == ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล"]
    assert sorted(row[2] for row in table[1:]) == ["มาลี", "สมชาย"]
    assert {row[0] for row in table[1:]} == {valid_national_id(1), valid_national_id(2)}
    assert {row[table[0].index("จังหวัด")] for row in table[1:]} == {"ลำปาง"}


def test_cells_that_excel_would_run_as_formulas_are_made_text(client_for, lampang_officer, volunteers):
    table = rows_of(client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["xlsx"])))
    notes = table[0].index("หมายเหตุ")
    assert '\'=HYPERLINK("x")' in [row[notes] for row in table[1:]]


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_viewers_and_hq_get_masked_ids(client_for, personas, volunteers, persona):
    table = rows_of(client_for(personas[persona]).get(reverse("rosters:export_volunteers", args=["xlsx"])))
    ids = [row[0] for row in table[1:]]
    assert ids and all("xxxxx-xx" in national_id for national_id in ids)
    assert ExportRecord.objects.get().ids_masked


def test_hq_exports_every_province_and_can_filter_one(client_for, hq_analyst, volunteers):
    client = client_for(hq_analyst)
    assert len(rows_of(client.get(reverse("rosters:export_volunteers", args=["xlsx"])))) == 4
    table = rows_of(client.get(reverse("rosters:export_volunteers", args=["xlsx"]) + "?province=50"))
    assert [row[2] for row in table[1:]] == ["ดอย"]


def test_the_export_follows_the_lists_filters(client_for, lampang_officer, volunteers):
    url = reverse("rosters:export_volunteers", args=["xlsx"]) + "?status=resigned"
    table = rows_of(client_for(lampang_officer).get(url))
    assert [row[2] for row in table[1:]] == ["มาลี"]
    assert table[1][table[0].index("สถานะ")] == "ลาออก/พ้นสภาพ"


def test_csv_export_has_a_bom_for_excel_and_thai_text(client_for, lampang_viewer, volunteers):
    response = client_for(lampang_viewer).get(reverse("rosters:export_volunteers", args=["csv"]))
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeffเลขประจำตัวประชาชน,")
    assert "สมชาย" in content and valid_national_id(1) not in content
    assert "'=HYPERLINK" in content


def test_each_export_is_recorded_with_who_and_how_many(client_for, lampang_officer, volunteers, lampang):
    client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["csv"]) + "?q=สมชาย")

    record = ExportRecord.objects.get()
    assert (record.user, record.rows, record.province, record.ids_masked) == (lampang_officer, 1, lampang, False)
    assert record.filters == {"q": "สมชาย"}
    event = AuditEvent.objects.get(action="export")
    assert event.user == lampang_officer and event.detail["rows"] == 1 and event.detail["file"] == record.file_name
    page = client_for(lampang_officer).get(reverse("rosters:list")).content.decode()
    assert record.file_name in page


def test_an_unknown_format_is_404(client_for, lampang_officer):
    assert client_for(lampang_officer).get("/rosters/export/volunteers.pdf").status_code == 404
    assert not ExportRecord.objects.exists()


def test_an_exported_file_imports_back_unchanged(client_for, lampang_officer, volunteers):
    from rosters.tests.helpers import upload

    client = client_for(lampang_officer)
    content = client.get(reverse("rosters:export_volunteers", args=["xlsx"])).content

    _, job = upload(client, content, name="export.xlsx")

    assert job.unknown_columns == []
    assert (job.new_count, job.updated_count, job.unchanged_count) == (0, 0, 2), job.errors
    assert Volunteer.objects.count() == 3


def test_the_registry_lists_export_button_exports_its_filters(client_for, lampang_officer, volunteers):
    client = client_for(lampang_officer)
    list_page = client.get(reverse("volunteers:list") + "?status=resigned").content.decode()
    assert reverse("rosters:export_volunteers") in list_page

    response = client.get(reverse("rosters:export_volunteers") + "?status=resigned")
    assert [row[2] for row in rows_of(response)[1:]] == ["มาลี"]
    response = client.get(reverse("rosters:export_volunteers") + "?status=resigned&format=csv")
    assert response["Content-Type"].startswith("text/csv")


def test_an_export_from_an_english_page_is_the_thai_export_and_imports_back_unchanged(
    client_for, lampang_officer, volunteers, lampang
):
    import datetime as dt

    VolunteerFactory(
        province=lampang,
        national_id=valid_national_id(4),
        first_name="สมศรี",
        title=Volunteer.Title.MRS,
        gender=Volunteer.Gender.FEMALE,
        tier=Volunteer.Tier.NETWORK,
        birth_date=dt.date(1985, 3, 9),
    )
    from rosters.tests.helpers import upload

    client = client_for(lampang_officer)
    xlsx, csv = reverse("rosters:export_volunteers", args=["xlsx"]), reverse("rosters:export_volunteers", args=["csv"])
    in_thai = rows_of(client.get(xlsx)), b"".join(client.get(csv).streaming_content)

    client.cookies["django_language"] = "en"
    assert "Labour volunteers" in client.get(reverse("volunteers:list")).content.decode()  # the page is in English
    response = client.get(xlsx)
    in_english = rows_of(response), b"".join(client.get(csv).streaming_content)

    assert in_english == in_thai
    table = in_english[0]
    somsri = next(row for row in table if row[2] == "สมศรี")
    assert somsri[table[0].index("เพศ")] == "หญิง"
    assert somsri[table[0].index("ระดับ")] == "เครือข่าย อสร."
    assert somsri[table[0].index("สถานะ")] == "ปฏิบัติหน้าที่"
    _, job = upload(client, response.content, name="export.xlsx")
    assert job.unknown_columns == []
    assert (job.new_count, job.updated_count, job.unchanged_count) == (0, 0, 3), job.errors


def test_someone_whose_term_ended_is_exported_as_the_list_shows_them_and_imports_back_unchanged(
    client_for, lampang_officer, volunteers
):
    from rosters.tests.helpers import upload

    today = timezone.localdate()
    started, ended_on = today.replace(year=today.year - 4), today - dt.timedelta(days=1)
    ended = volunteers[0]
    Volunteer.objects.filter(pk=ended.pk).update(
        appointed_on=started, appointment_order="ที่ 12/2565", term_ends_on=ended_on
    )
    Term.objects.create(volunteer=ended, order_no="ที่ 12/2565", starts_on=started, ends_on=ended_on)
    client = client_for(lampang_officer)
    assert "ครบวาระ" in client.get(reverse("volunteers:list") + "?status=term_ended").content.decode()

    response = client.get(reverse("rosters:export_volunteers", args=["xlsx"]) + "?status=term_ended")
    table = rows_of(response)
    assert [(row[2], row[table[0].index("สถานะ")]) for row in table[1:]] == [("สมชาย", "ครบวาระ")]
    csv_text = b"".join(client.get(reverse("rosters:export_volunteers", args=["csv"])).streaming_content).decode(
        "utf-8-sig"
    )
    assert "ครบวาระ" in csv_text and "ลาออก/พ้นสภาพ" in csv_text

    _, job = upload(client, response.content, name="export.xlsx")
    assert (job.new_count, job.updated_count, job.unchanged_count) == (0, 0, 1), (job.errors, job.update_sample)
    assert Volunteer.objects.get(pk=ended.pk).status == Volunteer.Status.ACTIVE
