"""An account added without a role or province is told so on every page, as on the home page (403), not shown
"every province ... 0 found": it keeps its own account pages, and the API says the same in JSON."""

import pytest
from django.conf import settings

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_ROLE = "บัญชีนี้ยังไม่ได้กำหนดบทบาทหรือจังหวัด กรุณาติดต่อผู้ดูแลระบบ"


@pytest.fixture
def no_profile(client, geography):
    user = UserFactory(username="p3.noprofile")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url", ["/", "/volunteers/", "/mentors/", "/cases/", "/trainings/", "/awards/", "/provinces/", "/admin/"]
)
def test_every_page_says_the_account_has_no_role_yet(no_profile, url):
    response = no_profile.get(url, follow=True)

    assert response.status_code == 403
    page = response.content.decode()
    assert NO_ROLE in page
    assert "ทุกจังหวัด" not in page and "พบ 0" not in page


def test_the_message_is_in_english_with_the_language_cookie(no_profile):
    no_profile.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = no_profile.get("/volunteers/")

    assert response.status_code == 403
    assert "This account has no role or province yet. Please contact the administrator." in response.content.decode()


def test_the_account_pages_still_open(no_profile):
    assert no_profile.get("/accounts/security/").status_code == 200
    assert no_profile.get("/accounts/password/").status_code == 200
    assert no_profile.get("/open-data/").status_code == 200


def test_the_api_answers_it_in_json(no_profile):
    response = no_profile.get("/api/v1/volunteers/")

    assert response.status_code == 403 and "ยังไม่ได้กำหนดบทบาท" in response.json()["detail"]
