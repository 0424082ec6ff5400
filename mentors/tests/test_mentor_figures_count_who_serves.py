"""The mentor pages and the province report's mentor table count the volunteers serving as the registry does
(Volunteer.objects.serving(): active, in a term that has not ended): someone active whose term ended (ครบวาระ),
suspended or resigned is not "serving" on one page and counted on another. The officer sees one figure everywhere."""

import re

import pytest
from django.urls import reverse

from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_of_lampang(lampang, lampang_mentor):
    """One district of Lampang: the mentor's 3 serving, 2 ครบวาระ, 1 suspended and 1 resigned; without a mentor,
    2 serving and 1 ครบวาระ. So 5 serve there, 2 of them without a mentor, and 3 of the mentor's 7."""
    subdistrict = lampang.subdistricts.order_by("code").first()

    def make(days_left, *, mentor=None, **extra):
        return ending_in(VolunteerFactory(subdistrict=subdistrict, mentor=mentor, **extra), days_left)

    for _ in range(3):
        make(200, mentor=lampang_mentor)
    for _ in range(2):
        make(-10, mentor=lampang_mentor)
    make(200, mentor=lampang_mentor, status=Volunteer.Status.SUSPENDED)
    make(200, mentor=lampang_mentor, status=Volunteer.Status.RESIGNED, status_changed_on=days(-30))
    for _ in range(2):
        make(200)
    make(-10)
    return subdistrict.district


def test_the_mentor_list_counts_the_serving_as_the_volunteer_list_does(
    client_for, lampang_officer, lampang_mentor, district_of_lampang
):
    client = client_for(lampang_officer)
    listed = client.get(reverse("volunteers:list"), {"district": district_of_lampang.pk, "status": "active"})
    assert listed.context["page_obj"].paginator.count == 5
    without = client.get(
        reverse("volunteers:list"), {"district": district_of_lampang.pk, "status": "active", "mentor": "none"}
    )
    assert without.context["page_obj"].paginator.count == 2

    page = client.get(reverse("mentors:list"))
    html = page.content.decode()
    # The district table: ยังไม่มีพี่เลี้ยง 2, ปฏิบัติหน้าที่ 5 (7 and 3 counted everyone active by status).
    table = html[html.index('data-testid="districts-without-mentor"') :]
    row = re.search(rf"<td>{district_of_lampang.name_th}</td>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r">\s*(\d+)\s*<", row) == ["2", "5"]
    # The mentor's row: 3 serving of the 7 in their care (not 5 / 7).
    mentors = html[html.index('data-testid="mentor-table"') :]
    row = mentors[mentors.index(reverse("mentors:detail", args=[lampang_mentor.pk])) :]
    row = row[: row.index("</tr>")]
    assert re.search(r'<td class="text-end">3 <span class="text-muted small">/ 7</span></td>', row), row


def test_the_reports_mentor_table_adds_up_to_its_headline(
    client_for, lampang_officer, lampang, lampang_mentor, district_of_lampang
):
    data = client_for(lampang_officer).get(reverse("reports:province", args=[lampang.code])).context["data"]
    headline = data["headline"]
    assert headline["active"] == 5 and headline["without_mentor"] == 2
    district = next(d for d in data["districts"] if d["name"] == district_of_lampang.name_th)
    assert district["active"] == 5
    # The agency of the mentor looks after 3 serving volunteers (5 before: the two ครบวาระ counted), and the agencies
    # and those without a mentor make the headline.
    by_agency = {row["agency"]: row["volunteers"] for row in data["mentors"]}
    assert by_agency[lampang_mentor.agency.name_th] == 3
    assert sum(by_agency.values()) + headline["without_mentor"] == headline["active"]
