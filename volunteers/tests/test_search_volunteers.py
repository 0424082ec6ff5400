"""The officer finds volunteers by part of a name, the national ID or the phone, filters and sorts them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from core.thai import national_id_with_check_digit
from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(lampang, lampang_mentor):
    subdistricts = list(Subdistrict.objects.filter(province=lampang).order_by("code"))
    return {
        "somchai": VolunteerFactory(
            province=lampang,
            first_name="สมชาย",
            last_name="ศรีวิชัย",
            phone="0812345678",
            subdistrict=subdistricts[0],
            mentor=lampang_mentor,
            appointed_on=dt.date(2019, 1, 1),
        ),
        "malee": VolunteerFactory(
            province=lampang,
            first_name="มาลี",
            last_name="ชัยมงคล",
            title="mrs",
            phone="0898765432",
            subdistrict=subdistricts[-1],
            appointed_on=dt.date(2024, 1, 1),
        ),
        "resigned": VolunteerFactory(
            province=lampang, first_name="บุญมี", last_name="ทองคำ", status="resigned", subdistrict=subdistricts[-1]
        ),
    }


def names(response):
    html = response.content.decode()
    return {
        key
        for key, word in {"somchai": "ศรีวิชัย", "malee": "ชัยมงคล", "resigned": "ทองคำ"}.items()
        if word in html.split("volunteer-table")[1]
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("วิชั", {"somchai"}),  # part of a surname
        ("ชัย", {"somchai", "malee"}),  # in both surnames
        ("สมชาย ศรี", {"somchai"}),  # words of first and last name
        ("นายสมชาย", {"somchai"}),  # typed with the title
        ("มา", {"malee"}),  # two letters: the start of a name
        ("081-234-5678", {"somchai"}),
        ("+66 89 876 5432", {"malee"}),
    ],
)
def test_search(client_for, lampang_officer, people, query, expected):
    response = client_for(lampang_officer).get(reverse("volunteers:list"), {"q": query})
    assert names(response) == expected


def test_search_by_full_national_id_with_dashes(client_for, lampang_officer, people):
    nid = people["malee"].national_id
    formatted = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
    response = client_for(lampang_officer).get(reverse("volunteers:list"), {"q": formatted}, follow=True)
    assert names(response) == {"malee"}
    assert all(nid not in url and formatted not in url for url, _status in response.redirect_chain)


def test_filters(client_for, lampang_officer, people, lampang_mentor):
    client = client_for(lampang_officer)
    url = reverse("volunteers:list")
    assert names(client.get(url, {"status": "resigned"})) == {"resigned"}
    assert names(client.get(url, {"mentor": lampang_mentor.pk})) == {"somchai"}
    assert names(client.get(url, {"mentor": "none"})) == {"malee", "resigned"}
    last = people["malee"].subdistrict
    assert names(client.get(url, {"subdistrict": last.pk})) == {"malee", "resigned"}
    assert names(client.get(url, {"district": people["somchai"].subdistrict.district_id})) >= {"somchai"}


def test_sort_by_latest_appointment(client_for, lampang_officer, people):
    html = client_for(lampang_officer).get(reverse("volunteers:list"), {"sort": "-appointed"}).content.decode()
    assert html.index("ชัยมงคล") < html.index("ศรีวิชัย")


def test_fifty_a_page_with_the_total(client_for, lampang_officer, lampang):
    VolunteerFactory.create_batch(55, province=lampang)
    response = client_for(lampang_officer).get(reverse("volunteers:list"))
    assert len(response.context["volunteers"]) == 50
    assert "พบ 55 คน" in response.content.decode()
    assert "หน้า 1 จาก 2" in response.content.decode()


def test_same_number_of_queries_for_ten_and_fifty_a_page(client_for, lampang_officer, lampang):
    mentors = MentorFactory.create_batch(3, province=lampang)
    VolunteerFactory.create_batch(60, province=lampang, mentor=mentors[0])
    client = client_for(lampang_officer)
    counts = {}
    for size in (10, 50):
        client.get(reverse("volunteers:list"), {"per_page": size})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("volunteers:list"), {"per_page": size})
        assert len(response.context["volunteers"]) == size
        counts[size] = len(queries)
        assert counts[size] > 3
    assert counts[10] == counts[50]


def test_hq_picks_a_province(client_for, hq_analyst, people, chiang_mai):
    VolunteerFactory(province=chiang_mai, first_name="ดอยคำ", last_name="เชียงดาว", national_id="3500100000011")
    client = client_for(hq_analyst)
    everyone = client.get(reverse("volunteers:list")).content.decode()
    assert "เชียงดาว" in everyone and "ศรีวิชัย" in everyone
    lampang_only = client.get(reverse("volunteers:list"), {"province": "52"}).content.decode()
    assert "เชียงดาว" not in lampang_only and "ศรีวิชัย" in lampang_only
    assert reverse("volunteers:create") not in lampang_only


def test_name_search_uses_the_trigram_index(lampang, people):
    from volunteers.filters import search_q
    from volunteers.models import Volunteer

    sql, params = Volunteer.objects.filter(search_q("วิชัย")).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "volunteer_last_name_trgm" in plan and "volunteer_first_name_trgm" in plan


def test_a_row_shows_who_where_and_since_when(client_for, lampang_officer, people, lampang_mentor):
    somchai = people["somchai"]
    somchai.village_no = 7
    somchai.save()
    html = client_for(lampang_officer).get(reverse("volunteers:list")).content.decode()
    row = html.split(f'data-volunteer="{somchai.pk}"')[1].split("</tr>")[0]
    nid = somchai.national_id
    name = '<span class="name-part">นายสมชาย</span> <span class="name-part">ศรีวิชัย</span>'
    assert f'href="{reverse("volunteers:detail", args=[somchai.pk])}">{name}</a>' in row
    assert f"{nid[0]}-{nid[1:5]}-xxxxx-xx-{nid[12]}" in row and nid not in row
    assert f"{somchai.subdistrict.name_th} <span" in row and "ม.7" in row
    assert somchai.subdistrict.district.name_th in row
    assert "081-234-5678" in row
    assert lampang_mentor.full_name in strip_tags(row)
    assert "1 ม.ค. 2562" in row  # appointed 1 Jan 2019, in the Buddhist era
    assert 'data-status="active">ปฏิบัติหน้าที่</span>' in row
    assert f'name="volunteers" value="{somchai.pk}"' in row  # the officer may pick it for bulk assignment


def test_a_viewer_gets_no_checkboxes_and_hq_sees_the_province_column(
    client_for, lampang_viewer, hq_analyst, people, lampang
):
    viewer_html = client_for(lampang_viewer).get(reverse("volunteers:list")).content.decode()
    assert "ศรีวิชัย" in viewer_html and 'name="volunteers"' not in viewer_html
    national = client_for(hq_analyst).get(reverse("volunteers:list")).content.decode()
    row = national.split(f'data-volunteer="{people["malee"].pk}"')[1].split("</tr>")[0]
    assert f"<td>{lampang.name_th}</td>" in row
    assert '<span class="name-part">นางมาลี</span> <span class="name-part">ชัยมงคล</span>' in row


def test_the_last_four_digits_of_the_id_find_the_person_within_the_scope(
    client_for, lampang, chiang_mai, lampang_officer, chiangmai_officer, hq_analyst
):
    lampang_person = VolunteerFactory(province=lampang, first_name="ดวงใจ", last_name="สี่หลักท้าย")
    last4 = lampang_person.national_id[-4:]
    chiangmai_id = next(
        i for n in range(100) if (i := national_id_with_check_digit(f"3500100{n:02d}{last4[:3]}")).endswith(last4)
    )
    chiangmai_person = VolunteerFactory(
        province=chiang_mai, first_name="ดอยคำ", last_name="เชียงดาว", national_id=chiangmai_id
    )
    assert chiangmai_person.national_id[-4:] == last4
    VolunteerFactory(province=lampang, first_name="อื่น", last_name="ไม่ตรง", national_id="1520100012349")
    url = reverse("volunteers:list")

    lampang_page = client_for(lampang_officer).get(url, {"q": last4}).content.decode().split("volunteer-table")[1]
    assert "สี่หลักท้าย" in lampang_page and "ไม่ตรง" not in lampang_page and "เชียงดาว" not in lampang_page

    chiangmai_page = client_for(chiangmai_officer).get(url, {"q": last4}).content.decode().split("volunteer-table")[1]
    assert "เชียงดาว" in chiangmai_page and "สี่หลักท้าย" not in chiangmai_page

    # HQ searches the last digits within a chosen province (a suffix match over the whole country reads every row).
    hq = client_for(hq_analyst)
    in_lampang = hq.get(url, {"q": last4, "province": "52"}).content.decode().split("volunteer-table")[1]
    assert "สี่หลักท้าย" in in_lampang and "เชียงดาว" not in in_lampang
