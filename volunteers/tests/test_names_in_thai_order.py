"""The volunteer list sorts names in Thai dictionary order (เ แ โ ใ ไ under the consonant that follows), in a province
and nationally, and the national list still reads its page from an index."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from core.tests.national_ids import valid_national_id
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

SHUFFLED = ["เอกชัย", "แก้ว", "กมล", "โชคดี", "ใจดี", "ไพศาล"]
IN_DICTIONARY_ORDER = ["กมล", "แก้ว", "ใจดี", "โชคดี", "ไพศาล", "เอกชัย"]


@pytest.fixture
def named(lampang):
    return [
        VolunteerFactory(province=lampang, national_id=valid_national_id(n), first_name=name, last_name="ทดสอบ")
        for n, name in enumerate(SHUFFLED, start=1)
    ]


def first_names_in_table(html: str) -> list[str]:
    table = html.split('data-testid="volunteer-table"')[1].split("</table>")[0]
    return re.findall(r'<span class="name-part">นาย([^<]+)</span>', table)


@pytest.mark.parametrize("persona", ["lampang_officer", "hq_analyst"])
def test_the_list_is_in_dictionary_order_of_first_names(client_for, personas, named, persona):
    html = client_for(personas[persona]).get(reverse("volunteers:list")).content.decode()
    assert first_names_in_table(html) == IN_DICTIONARY_ORDER


def test_a_sort_by_appointment_breaks_ties_in_dictionary_order(client_for, lampang_officer, named):
    html = client_for(lampang_officer).get(reverse("volunteers:list"), {"sort": "appointed"}).content.decode()
    assert first_names_in_table(html) == IN_DICTIONARY_ORDER


def test_the_national_list_reads_its_order_from_the_sort_key_index(named):
    query = Volunteer.objects.order_by("first_name_sort", "last_name_sort", "id").values("id")[:50]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "volunteer_name_sort_order" in plan and "Sort" not in plan.replace("Sort Key", "")
