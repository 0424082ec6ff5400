"""The registration picker's and the registration list's search boxes: a national ID typed into them is in no URL
(they post to core:search like the registry's lists), and a name search still works."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["trainings:register", "trainings:registrations"])
def test_an_id_typed_into_the_search_stays_out_of_the_url(page, client_for, lampang_officer, lampang_event):
    client = client_for(lampang_officer)
    url = reverse(page, args=[lampang_event.pk])
    html = client.get(url).content.decode()
    assert f'action="{reverse("core:search")}"' in html and f'name="next" value="{url}"' in html
    national_id = "1520100012349"
    response = client.post(reverse("core:search"), {"next": url, "q": "1-5201-00012-34-9"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{url}?search=")
    assert national_id not in response["Location"] and "00012-34" not in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    old_link = client.get(url, {"q": national_id})
    assert old_link.status_code == 302 and national_id not in old_link["Location"]


def test_a_name_search_through_the_form_still_finds_the_volunteer(
    client_for, lampang_officer, lampang_event, lampang_volunteer
):
    client = client_for(lampang_officer)
    url = reverse("trainings:register", args=[lampang_event.pk])
    location = client.post(reverse("core:search"), {"next": url, "q": "สมหมาย"})["Location"]
    assert "q=" in location
    assert "สมหมาย ขยันยิ่ง" in strip_tags(client.get(location).content.decode())
