"""Every page asks one helper which province a request is about (core.provinces.requested_province), so the lists,
the create pages and the roster template agree: province staff always get their own province, whatever the URL
names; HQ and administrators get the province the URL names, and none when it names none."""

import pytest
from django.urls import reverse

from core.provinces import requested_province

pytestmark = pytest.mark.django_db


def template_name(client, query: str = "") -> str:
    response = client.get(reverse("rosters:template", args=["volunteers"]) + query)
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_a_lampang_officer_naming_chiang_mai_still_gets_lampang_everywhere(client_for, lampang_officer, chiang_mai):
    client = client_for(lampang_officer)

    assert "roster-template-volunteers-52.xlsx" in template_name(client, "?province=50")
    page = client.get(reverse("volunteers:list") + "?province=50")
    assert page.context["province"].code == "52"
    page = client.get(reverse("mentors:list") + "?province=50")
    assert page.context["province"].code == "52"
    assert requested_province(lampang_officer, "50").code == "52"


def test_hq_gets_the_province_the_url_names_and_none_when_it_names_none(client_for, hq_analyst, lampang, chiang_mai):
    client = client_for(hq_analyst)

    assert "roster-template-volunteers-50.xlsx" in template_name(client, "?province=50")
    assert 'filename="roster-template-volunteers.xlsx"' in template_name(client)
    assert client.get(reverse("volunteers:list") + "?province=50").context["province"].code == "50"
    assert client.get(reverse("mentors:list") + "?province=50").context["province"].code == "50"
    assert client.get(reverse("volunteers:list")).context["province"] is None
    # Anything but a two-digit DOPA code names no province.
    assert "roster-template-volunteers.xlsx" in template_name(client, "?province=5%27")
    assert requested_province(hq_analyst, chiang_mai) == chiang_mai


def test_an_administrator_chooses_the_province_to_register_in_and_an_officer_does_not(
    client_for, admin_user, lampang_officer, chiang_mai
):
    asked = client_for(admin_user).get(reverse("volunteers:create"))
    assert "เลือกจังหวัดที่จะลงทะเบียน" in asked.content.decode()
    chosen = client_for(admin_user).get(reverse("mentors:create") + "?province=50")
    assert chosen.context["province"] == chiang_mai

    own = client_for(lampang_officer).get(reverse("volunteers:create") + "?province=50")
    assert own.context["province"].code == "52"
