"""Who may open which report: province staff only their own; the dashboard and the board only HQ and admins."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NATIONAL_PAGES = [
    ("reports:dashboard", []),
    ("reports:dashboard_xlsx", ["provinces"]),
    ("reports:completeness", []),
    ("reports:completeness_xlsx", ["empty_districts"]),
]


@pytest.mark.parametrize("persona", ["lampang_officer", "lampang_viewer", "chiangmai_officer"])
@pytest.mark.parametrize("name,args", NATIONAL_PAGES)
def test_province_staff_get_404_on_national_pages(client_for, personas, persona, name, args):
    client = client_for(personas[persona])
    assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse(name, args=args)).status_code == 404


@pytest.mark.parametrize("persona", ["hq_analyst", "admin"])
@pytest.mark.parametrize("name,args", NATIONAL_PAGES)
def test_hq_and_admins_open_national_pages(client_for, personas, persona, name, args):
    assert client_for(personas[persona]).get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize(
    "persona,code,status",
    [
        ("lampang_officer", "52", 200),
        ("lampang_viewer", "52", 200),
        ("chiangmai_officer", "52", 404),
        ("lampang_officer", "50", 404),
        ("lampang_officer", "99", 404),
        ("hq_analyst", "50", 200),
        ("admin", "52", 200),
    ],
)
def test_province_reports_follow_the_province_scope(client_for, personas, persona, code, status):
    client = client_for(personas[persona])
    for name in ["reports:province", "reports:province_xlsx"]:
        assert client.get(reverse(name, args=[code])).status_code == status
        assert client.post(reverse(name, args=[code])).status_code == status


def test_reports_home_sends_each_persona_to_their_report(client_for, personas):
    assert client_for(personas["lampang_viewer"]).get(reverse("reports:home"))["Location"] == reverse(
        "reports:province", args=["52"]
    )
    assert client_for(personas["hq_analyst"]).get(reverse("reports:home"))["Location"] == reverse("reports:dashboard")


def test_anonymous_visitors_are_sent_to_login(client, geography):
    response = client.get(reverse("reports:province", args=["52"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_navbar_shows_reports_to_both(client_for, personas):
    officer_html = (
        client_for(personas["lampang_officer"]).get(reverse("reports:province", args=["52"])).content.decode()
    )
    assert reverse("reports:home") in officer_html and reverse("reports:dashboard") not in officer_html
    hq_html = client_for(personas["hq_analyst"]).get(reverse("reports:province", args=["52"])).content.decode()
    assert reverse("reports:dashboard") in hq_html
