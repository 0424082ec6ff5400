"""Who may open and change which volunteer page: the permission matrix of the registry."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def volunteer_urls(volunteer):
    return [
        reverse("volunteers:detail", args=[volunteer.pk]),
        reverse("volunteers:edit", args=[volunteer.pk]),
        reverse("volunteers:status", args=[volunteer.pk]),
        reverse("volunteers:move", args=[volunteer.pk]),
    ]


def test_chiang_mai_officer_gets_404_on_every_lampang_volunteer_url(
    client_for, chiangmai_officer, lampang_volunteer, chiangmai_mentor
):
    client = client_for(chiangmai_officer)
    for url in volunteer_urls(lampang_volunteer):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"first_name": "x", "to_status": "resigned", "reason": "x"}).status_code == 404, url
    response = client.post(
        reverse("volunteers:assign_mentor"), {"volunteers": [lampang_volunteer.pk], "mentor": chiangmai_mentor.pk}
    )
    assert response.status_code == 404
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.mentor.first_name == "วิไล"


def test_chiang_mai_officer_does_not_find_lampang_volunteers_in_the_list(
    client_for, chiangmai_officer, lampang_volunteer
):
    response = client_for(chiangmai_officer).get(reverse("volunteers:list"), {"q": "สมหมาย", "province": "52"})
    assert response.status_code == 200
    assert "ขยันยิ่ง" not in response.content.decode()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_read_only_personas_see_the_page_without_buttons_and_cannot_write(
    persona, personas, client_for, lampang_volunteer, lampang_mentor
):
    client = client_for(personas[persona])
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "สมหมาย" in html
    assert reverse("volunteers:edit", args=[lampang_volunteer.pk]) not in html
    assert reverse("volunteers:status", args=[lampang_volunteer.pk]) not in html
    assert "1-5201-xxxxx-xx-9" in html and "1-5201-00012-34-9" not in html

    for url in volunteer_urls(lampang_volunteer)[1:]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"first_name": "แก้", "to_status": "resigned", "reason": "x"}).status_code == 403, url
    assert client.get(reverse("volunteers:create")).status_code == 403
    assert client.post(reverse("volunteers:create"), {"first_name": "x"}).status_code == 403
    response = client.post(
        reverse("volunteers:assign_mentor"), {"volunteers": [lampang_volunteer.pk], "mentor": lampang_mentor.pk}
    )
    assert response.status_code == 403
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.first_name == "สมหมาย" and lampang_volunteer.status == "active"


def test_list_hides_write_buttons_from_the_viewer(client_for, lampang_viewer, lampang_volunteer):
    html = client_for(lampang_viewer).get(reverse("volunteers:list")).content.decode()
    assert "สมหมาย" in html
    assert reverse("volunteers:create") not in html
    assert 'name="volunteers"' not in html


def test_officer_sees_the_buttons(client_for, lampang_officer, lampang_volunteer):
    html = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert reverse("volunteers:edit", args=[lampang_volunteer.pk]) in html
    assert reverse("volunteers:status", args=[lampang_volunteer.pk]) in html
    assert reverse("volunteers:move", args=[lampang_volunteer.pk]) not in html


def test_anonymous_visitor_is_sent_to_login(client, lampang_volunteer):
    response = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_missing_volunteer_is_404(client_for, lampang_officer):
    assert client_for(lampang_officer).get(reverse("volunteers:detail", args=[999999])).status_code == 404
