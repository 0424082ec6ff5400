"""The address is written once (Volunteer.address): the village as typed when it already says บ้าน, never บ้านบ้าน."""

import pytest
from django.urls import reverse

from core.thai import village_display
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("บ้านสบตุ๋ย", "บ้านสบตุ๋ย"),
        ("สบตุ๋ย", "บ้านสบตุ๋ย"),
        (" บ้านป่าตัน ", "บ้านป่าตัน"),
        ("หมู่บ้านเอื้ออาทร", "หมู่บ้านเอื้ออาทร"),
        ("ชุมชนริมน้ำ", "ชุมชนริมน้ำ"),
        ("", ""),
    ],
)
def test_the_village_is_named_once(typed, shown):
    assert village_display(typed) == shown


def test_the_volunteer_page_prints_the_address_without_a_doubled_ban(client_for, lampang_officer, lampang):
    # The roster template's example types the village with บ้าน, as people say it.
    volunteer = VolunteerFactory(province=lampang, house_no="12/3", village_no=4, village_name="บ้านสบตุ๋ย")
    html = client_for(lampang_officer).get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    address = html.split('data-testid="address">')[1].split("</dd>")[0]
    assert "บ้านบ้าน" not in address
    subdistrict = volunteer.subdistrict
    assert address == (f"12/3 หมู่ที่ 4 บ้านสบตุ๋ย ตำบล{subdistrict.name_th} อำเภอ{subdistrict.district.name_th} จังหวัดลำปาง")


def test_a_village_typed_without_ban_gets_it(lampang):
    volunteer = VolunteerFactory(province=lampang, village_no=None, village_name="ป่าตัน")
    assert volunteer.address.startswith("บ้านป่าตัน ตำบล")


def test_a_bangkok_address_names_khwaeng_and_khet(bangkok):
    volunteer = VolunteerFactory(province=bangkok, village_name="")
    subdistrict = volunteer.subdistrict
    assert volunteer.address == f"แขวง{subdistrict.name_th} {subdistrict.district.name_th} กรุงเทพมหานคร"
    assert subdistrict.district.name_th.startswith("เขต")


def test_the_roster_templates_example_village_is_shown_as_typed():
    from rosters.columns import VOLUNTEER_SPEC

    example = VOLUNTEER_SPEC.column("village_name").example
    assert example.startswith("บ้าน") and village_display(example) == example
