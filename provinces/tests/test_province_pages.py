import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_login(client, geography):
    response = client.get(reverse("provinces:detail", args=["52"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_lampang_officer_lands_on_lampang(client_for, lampang_officer):
    response = client_for(lampang_officer).get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("provinces:detail", args=["52"])
    page = client_for(lampang_officer).get(response["Location"])
    assert "จังหวัดลำปาง" in page.content.decode()
    assert "สำนักงานแรงงานจังหวัดลำปาง" in page.content.decode()


@pytest.mark.parametrize("persona", ["lampang_officer", "lampang_viewer"])
def test_lampang_staff_get_404_on_chiang_mai(client_for, personas, persona):
    assert client_for(personas[persona]).get(reverse("provinces:detail", args=["50"])).status_code == 404
    assert client_for(personas[persona]).get(reverse("provinces:subdistricts", args=["50"])).status_code == 404


def test_a_province_that_does_not_exist_looks_the_same_as_another_provinces(client_for, lampang_officer):
    assert client_for(lampang_officer).get(reverse("provinces:detail", args=["99"])).status_code == 404


def test_province_staff_cannot_open_the_list_of_all_provinces(client_for, chiangmai_officer):
    assert client_for(chiangmai_officer).get(reverse("provinces:list")).status_code == 404


@pytest.mark.parametrize("persona", ["hq_analyst", "admin"])
def test_hq_sees_all_77_provinces_grouped_by_region(client_for, personas, persona):
    client = client_for(personas[persona])
    html = client.get(reverse("provinces:list")).content.decode()
    assert html.count('class="card h-100 text-decoration-none province-card"') == 77
    for region in ["กรุงเทพมหานคร", "ภาคกลาง", "ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคใต้"]:
        assert region in html
    assert client.get(reverse("provinces:detail", args=["50"])).status_code == 200


def test_subdistrict_choices_are_those_of_the_province(client_for, lampang_officer):
    data = client_for(lampang_officer).get(reverse("provinces:subdistricts", args=["52"])).json()
    assert len(data["districts"]) == 13
    assert all(s["code"].startswith("52") for s in data["subdistricts"])


def test_login_page_is_thai_and_says_what_went_wrong(client, lampang_officer):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "เข้าสู่ระบบ" in page and "ชื่อผู้ใช้" in page
    response = client.post(reverse("accounts:login"), {"username": "lampang.officer", "password": "wrong"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
