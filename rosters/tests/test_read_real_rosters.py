"""What real rosters look like, and that each variant is read as the officer meant it."""

import datetime as dt

import pytest
from django.urls import reverse

from rosters.tests.factories import HEADERS, csv_bytes, nid, person, xlsx_bytes
from rosters.tests.helpers import check_file_content, confirm, messages_of, upload
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

JAN_7_2020 = dt.date(2020, 1, 7)


def only_row(content, province, name="roster.xlsx"):
    """The values of the single row a file holds, as a dict of model fields; fails with the messages if wrong."""
    table, checked = check_file_content(content, province, name=name)
    assert not checked.problems, [p.message for p in checked.problems]
    assert len(checked.new) == 1
    return dict(zip(checked.fields, checked.new[0], strict=True))


@pytest.mark.parametrize(
    "typed",
    [
        3520000000019,  # an Excel number
        3520000000019.0,
        "3 5200 00000 01 9",
        "3-5200-00000-01-9",
        "๓๕๒๐๐๐๐๐๐๐๐๑๙",  # Thai digits
        "\u00a03520000000019 ",
        "3.520000000019E+12",  # scientific notation that still holds every digit
    ],
)
def test_national_ids_as_numbers_with_spaces_dashes_or_thai_digits(lampang, typed):
    values = only_row(xlsx_bytes([person(1, **{"เลขประจำตัวประชาชน": typed})]), lampang)
    assert values["national_id"] == "3520000000019"


def test_an_id_that_excel_shortened_is_refused_with_the_reason(lampang):
    _, checked = check_file_content(xlsx_bytes([person(1, **{"เลขประจำตัวประชาชน": "3.52E+12"})]), lampang)
    assert "ตัวเลขหายไป" in checked.problems[0].message
    assert "ข้อความ (Text)" in checked.problems[0].message


@pytest.mark.parametrize(
    "typed",
    [
        dt.datetime(2020, 1, 7),  # an Excel date
        dt.datetime(2563, 1, 7),  # an Excel date typed on a Thai-calendar machine
        "07/01/2563",
        "7/1/2563",
        "07/01/2020",
        "7 ม.ค. 2563",
        "7 มกราคม 2563",
        "2020-01-07",
        "๗/๑/๒๕๖๓",
    ],
)
def test_dates_in_either_era_as_excel_dates_or_text(lampang, typed):
    values = only_row(xlsx_bytes([person(1, **{"วันที่แต่งตั้ง": typed})]), lampang)
    assert values["appointed_on"] == JAN_7_2020


@pytest.mark.parametrize(
    ("subdistrict", "district"),
    [
        ("520101", ""),
        ("เวียงเหนือ", ""),
        ("ต.เวียงเหนือ", "อ.เมืองลำปาง"),
        ("ตำบลเวียงเหนือ", "อำเภอเมืองลำปาง"),
        ("เวียงเหนือ", "เมือง"),
        ("เวียงเหนือ", "5201"),
        ("๕๒๐๑๐๑", ""),
    ],
)
def test_places_by_dopa_code_or_thai_name(lampang, subdistrict, district):
    values = only_row(xlsx_bytes([person(1, **{"ตำบล/แขวง": subdistrict, "อำเภอ/เขต": district})]), lampang)
    assert (
        Volunteer._meta.get_field("subdistrict").related_model.objects.get(pk=values["subdistrict_id"]).code == "520101"
    )
    assert values["province_id"] == lampang.pk


@pytest.mark.parametrize(
    ("typed", "title", "title_other", "gender"),
    [
        ("นาย", "mr", "", "male"),
        ("นาง", "mrs", "", "female"),
        ("นางสาว", "miss", "", "female"),
        ("น.ส.", "miss", "", "female"),
        ("น.ส", "miss", "", "female"),
        (" Mr. ", "mr", "", "male"),
        ("ว่าที่ร้อยตรี", "other", "ว่าที่ร้อยตรี", ""),
    ],
)
def test_title_variants(lampang, typed, title, title_other, gender):
    values = only_row(xlsx_bytes([person(1, **{"คำนำหน้า": typed})]), lampang)
    assert (values["title"], values["title_other"], values["gender"]) == (title, title_other, gender)


def test_leading_trailing_and_non_breaking_spaces_are_dropped(lampang):
    values = only_row(xlsx_bytes([person(1, **{"ชื่อ": "\u00a0 สมชาย ", "นามสกุล": "ใจ  ดี\u00a0"})]), lampang)
    assert (values["first_name"], values["last_name"]) == ("สมชาย", "ใจ ดี")


def test_blank_rows_are_skipped_and_row_numbers_stay_those_excel_shows(lampang):
    rows = [person(1), {}, {}, person(2, **{"เลขประจำตัวประชาชน": "1111111111111"})]
    table, checked = check_file_content(xlsx_bytes(rows, headers=HEADERS), lampang)
    assert [number for number, _ in table.rows] == [2, 5]
    assert checked.problems[0].row == 5
    assert len(checked.new) == 1


def test_a_row_of_only_invisible_characters_is_a_blank_row(lampang):
    # Pasted from a web page or a chat: direction marks, a soft hyphen or a word joiner alone show nothing in Excel.
    # The names' cleaning drops the same characters (core.thai.clean_text), so the row is skipped, not refused.
    invisible = dict(zip(HEADERS, "\u200e\u200f\u00ad\u2060\ufeff\u202c" * 5, strict=False))
    rows = [person(1), invisible, person(2)]
    table, checked = check_file_content(xlsx_bytes(rows, headers=HEADERS), lampang)
    assert [number for number, _ in table.rows] == [2, 4]
    assert not checked.problems and len(checked.new) == 2


def test_title_rows_above_the_header_row(lampang):
    content = xlsx_bytes([person(1)], title_rows=["ทะเบียนอาสาสมัครแรงงาน จังหวัดลำปาง", "ข้อมูล ณ วันที่ 1 ต.ค. 2567"])
    table, checked = check_file_content(content, lampang)
    assert table.header_row == 3
    assert len(checked.new) == 1 and not checked.problems


def test_a_table_that_starts_below_and_right_of_a1_keeps_the_row_numbers_excel_shows(lampang):
    """Some offices leave column A and the first rows blank: the rows are still read, numbered as in Excel."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    rows = [person(1), {}, person(2, **{"เลขประจำตัวประชาชน": "1111111111111"})]
    for index, header in enumerate(HEADERS):
        sheet.cell(row=3, column=index + 3, value=header)
        for offset, row in enumerate(rows):
            sheet.cell(row=4 + offset, column=index + 3, value=row.get(header))
    buffer = io.BytesIO()
    workbook.save(buffer)

    table, checked = check_file_content(buffer.getvalue(), lampang)

    assert table.header_row == 3
    assert [number for number, _ in table.rows] == [4, 6]
    assert [problem.row for problem in checked.problems] == [6]
    assert dict(zip(checked.fields, checked.new[0], strict=True))["national_id"] == nid(1)


@pytest.mark.parametrize(
    "id_header", ["เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "เลขบัตร", "เลขประจำตัวประชาชน (13 หลัก)", "เลขบัตรประจำตัวประชาชน"]
)
def test_common_header_variants(lampang, id_header):
    row = person(1)
    row[id_header] = row.pop("เลขประจำตัวประชาชน")
    assert only_row(xlsx_bytes([row]), lampang)["national_id"] == nid(1)


def test_a_header_typed_with_a_decomposed_sara_am_is_recognised(lampang):
    row = person(1)
    row["ค\u0e4d\u0e32น\u0e4d\u0e32หน้า"] = row.pop("คำนำหน้า")
    assert only_row(xlsx_bytes([row]), lampang)["title"] == "mr"


def test_one_name_column_with_the_title_in_it(lampang):
    row = {"เลขบัตร": nid(1), "ชื่อ-สกุล": "นางสาวมาลี  ศรีสุข", "ตำบล": "เวียงเหนือ"}
    values = only_row(xlsx_bytes([row]), lampang)
    assert (values["title"], values["first_name"], values["last_name"]) == ("miss", "มาลี", "ศรีสุข")


@pytest.mark.parametrize(
    ("full_name", "title", "first_name", "last_name"),
    [
        ("ด.ต.สมชาย ใจดี", "ด.ต.", "สมชาย", "ใจดี"),
        ("ด.ต. สมชาย ใจดี", "ด.ต.", "สมชาย", "ใจดี"),
        ("ส.ต.อ.สมหมาย รักชาติ", "ส.ต.อ.", "สมหมาย", "รักชาติ"),
        ("จ.ส.ต.ประเสริฐ มั่นคง", "จ.ส.ต.", "ประเสริฐ", "มั่นคง"),
        ("ร.ต.อ.วิชัย กล้าหาญ", "ร.ต.อ.", "วิชัย", "กล้าหาญ"),
        ("พ.ต.อ.ธนา รุ่งเรือง", "พ.ต.อ.", "ธนา", "รุ่งเรือง"),
        ("จ.ส.อ.บุญมี ทองดี", "จ.ส.อ.", "บุญมี", "ทองดี"),
        ("ส.อ.มานะ อดทน", "ส.อ.", "มานะ", "อดทน"),
        ("พระมหาสมปอง ตาลปุตฺโต", "พระมหา", "สมปอง", "ตาลปุตฺโต"),
        ("พระครูสุวรรณ ธมฺมธโร", "พระครู", "สุวรรณ", "ธมฺมธโร"),
        ("พระสมศักดิ์ สุทฺธิญาโณ", "พระ", "สมศักดิ์", "สุทฺธิญาโณ"),
        ("สามเณรต้น ใจงาม", "สามเณร", "ต้น", "ใจงาม"),
    ],
)
def test_one_name_column_with_a_rank_or_a_monastic_title(lampang, full_name, title, first_name, last_name):
    row = {"เลขบัตร": nid(1), "ชื่อ-สกุล": full_name, "ตำบล": "เวียงเหนือ"}
    values = only_row(xlsx_bytes([row]), lampang)
    assert (values["title"], values["title_other"], values["first_name"], values["last_name"]) == (
        "other",
        title,
        first_name,
        last_name,
    )


def test_a_csv_whose_ids_and_texts_start_with_an_apostrophe_imports_them(client_for, lampang_officer):
    # Other programs, and this portal's own exports, write '1056197811098 to keep a number or a formula as text.
    row = person(1, **{"เลขประจำตัวประชาชน": "'" + nid(1), "ชื่อ": "'สมชาย", "โทรศัพท์มือถือ": "'0812345678"})
    client = client_for(lampang_officer)

    _, job = upload(client, csv_bytes([row]), name="roster.csv")

    assert job.status == "preview" and job.errors == [], messages_of(job)
    confirm(client, job)
    assert list(Volunteer.objects.values_list("national_id", "first_name", "phone")) == [
        (nid(1), "สมชาย", "0812345678")
    ]


def test_columns_in_any_order(lampang):
    row = person(1, **{"วันเกิด": "15/03/2518"})
    values = only_row(xlsx_bytes([row], headers=list(reversed(list(row)))), lampang)
    assert values["national_id"] == nid(1)
    assert values["birth_date"] == dt.date(1975, 3, 15)


def test_a_house_number_excel_turned_into_a_date_comes_back_as_typed(lampang):
    values = only_row(xlsx_bytes([person(1, **{"บ้านเลขที่": dt.datetime(2025, 3, 12)})]), lampang)
    assert values["house_no"] == "12/3"


def test_a_phone_number_that_lost_its_leading_zero(lampang):
    values = only_row(xlsx_bytes([person(1, **{"โทรศัพท์มือถือ": 812345678})]), lampang)
    assert values["phone"] == "0812345678"


def test_a_csv_written_for_excel_with_ids_as_text_formulas_and_dates_with_their_time(lampang):
    row = person(1, **{"เลขประจำตัวประชาชน": f'="{nid(1)}"', "วันเกิด": "15/03/2518 00:00", "ชื่อ": '="ทดสอบ1"'})
    values = only_row(csv_bytes([row]), lampang, "roster.csv")
    assert (values["national_id"], values["first_name"]) == (nid(1), "ทดสอบ1")
    assert values["birth_date"] == dt.date(1975, 3, 15)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_csv_in_utf8_with_or_without_bom_and_in_windows_874(lampang, encoding):
    values = only_row(csv_bytes([person(1, **{"วันเกิด": "15/03/2518"})], encoding=encoding), lampang, "roster.csv")
    assert values["first_name"] == "ทดสอบ1"
    assert values["birth_date"] == dt.date(1975, 3, 15)


def test_csv_with_semicolons(lampang):
    content = "เลขประจำตัวประชาชน;คำนำหน้า;ชื่อ;นามสกุล;ตำบล\n3520000000019;นาย;สมชาย;ใจดี;เวียงเหนือ\n".encode()
    assert only_row(content, lampang, "roster.csv")["last_name"] == "ใจดี"


def test_the_page_preview_shows_counts_and_unknown_columns_in_thai(client_for, lampang_officer):
    client = client_for(lampang_officer)
    rows = [
        person(1, **{"สีที่ชอบ": "ฟ้า"}),
        person(2, **{"คำนำหน้า": "น.ส.", "วันเกิด": "7 ม.ค. 2520"}),
        person(3, **{"เลขประจำตัวประชาชน": "3520000000010"}),
    ]

    response, job = upload(client, xlsx_bytes(rows), name="รายชื่อ อสร. ลำปาง.xlsx")

    assert response.status_code == 302
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "ผลการตรวจสอบไฟล์" in page
    assert "ยังไม่มีข้อมูลใดถูกบันทึก" in page
    assert (job.new_count, job.updated_count, job.unchanged_count, job.error_count) == (2, 0, 0, 1)
    assert job.unknown_columns == ["สีที่ชอบ"]
    assert "สีที่ชอบ" in page
    assert "เลขตรวจสอบหลักสุดท้ายไม่ตรง" in page
    assert "ยืนยันนำเข้า 2 แถว" in page
    assert Volunteer.objects.count() == 0


def test_the_preview_counts_new_updated_and_unchanged_against_the_registry(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, first = upload(client, xlsx_bytes([person(1), person(2)]))
    confirm(client, first)

    _, job = upload(client, xlsx_bytes([person(1), person(2, **{"นามสกุล": "เปลี่ยนใหม่"}), person(3)]))

    assert (job.new_count, job.updated_count, job.unchanged_count, job.error_count) == (1, 1, 1, 0)
    assert job.update_sample[0]["changed"] == ["นามสกุล"]
    assert Volunteer.objects.get(national_id=nid(2)).last_name == "นำเข้าดี"  # the preview wrote nothing


def test_an_old_xls_workbook(lampang):
    import io

    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("รายชื่อ")
    row = person(1, **{"วันเกิด": "15/03/2518"})
    for column, (header, value) in enumerate(row.items()):
        sheet.write(0, column, header)
        sheet.write(1, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)

    values = only_row(buffer.getvalue(), lampang, "รายชื่อ.xls")
    assert (values["national_id"], values["first_name"], values["birth_date"]) == (
        nid(1),
        "ทดสอบ1",
        dt.date(1975, 3, 15),
    )


def test_a_second_column_of_a_meaning_already_read_is_named_as_a_repeat_not_as_unknown(client_for, lampang_officer):
    import io

    from openpyxl import Workbook

    row = person(1)
    headers = [*row, "ชื่อ"]
    workbook = Workbook()
    workbook.active.append(headers)
    workbook.active.append([*row.values(), "ชื่ออื่น"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    first = headers.index("ชื่อ")

    _, job = upload(client_for(lampang_officer), buffer.getvalue())

    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[first]
    assert job.unknown_columns == [f"ชื่อ (ซ้ำกับคอลัมน์ {letter} ซึ่งนำเข้าแล้ว)"]
    page = client_for(lampang_officer).get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "คอลัมน์ที่จะไม่ถูกนำเข้า" in page and "ระบบไม่รู้จัก" not in page
