"""The quota pages: HQ officers set a province's or a subdistrict's quota with a reason and see the history; province
staff read their own province's quotas; another province's pages are missing."""

import pytest

from provinces.models import Subdistrict, SubdistrictQuotaEvent

pytestmark = pytest.mark.django_db


def quotas(province):
    return list(Subdistrict.objects.filter(province=province).order_by("code").values_list("quota", flat=True))


def test_hq_officer_sets_lampangs_quota_and_the_page_shows_the_change_in_its_history(client_for, hq_officer, lampang):
    hq_officer.first_name, hq_officer.last_name = "ปราณี", "กองส่งเสริม"
    hq_officer.save()
    client = client_for(hq_officer)

    response = client.post(
        "/coverage/province/52/quotas/province/",
        {"province-quota": "2", "province-reason": "หนังสือ รง 0401/ว 15"},
        follow=True,
    )

    assert set(quotas(lampang)) == {2}
    page = response.content.decode()
    assert "ตั้งโควตา 2 คนให้ทุกตำบลของจังหวัดลำปางแล้ว" in page
    history = page.split('data-testid="quota-history"')[1].split("</table>")[0]
    assert "ปราณี กองส่งเสริม" in history
    assert "ทั้งจังหวัดลำปาง" in history and "1 → 2" in history and "หนังสือ รง 0401/ว 15" in history


def test_hq_officer_sets_one_subdistricts_quota(client_for, hq_officer, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()

    response = client_for(hq_officer).post(
        "/coverage/province/52/quotas/subdistrict/",
        {"subdistrict-subdistrict": first.code, "subdistrict-quota": "3", "subdistrict-reason": "ตำบลใหญ่"},
        follow=True,
    )

    assert quotas(lampang)[0] == 3 and set(quotas(lampang)[1:]) == {1}
    assert f"ตั้งโควตาของ{first.full_name} เป็น 3 คนแล้ว" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"province-quota": "51", "province-reason": "มากไป"}, "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        ({"province-quota": "-1", "province-reason": "ติดลบ"}, "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        ({"province-quota": "สอง", "province-reason": "ตัวหนังสือ"}, "โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50 คน"),
        ({"province-quota": "2", "province-reason": ""}, "กรุณาระบุเหตุผลของการเปลี่ยนโควตา"),
        ({"province-quota": "1", "province-reason": "ซ้ำ"}, "ทุกตำบลของจังหวัดลำปางมีโควตา 1 คนอยู่แล้ว"),
    ],
)
def test_a_bad_quota_is_shown_in_thai_on_the_form_and_nothing_is_saved(client_for, hq_officer, lampang, data, message):
    response = client_for(hq_officer).post("/coverage/province/52/quotas/province/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert set(quotas(lampang)) == {1}
    assert not SubdistrictQuotaEvent.objects.filter(pgh_obj__province=lampang).exists()


def test_a_subdistrict_of_another_province_is_refused(client_for, hq_officer, lampang, chiang_mai):
    other = Subdistrict.objects.filter(province=chiang_mai).order_by("code").first()

    response = client_for(hq_officer).post(
        "/coverage/province/52/quotas/subdistrict/",
        {"subdistrict-subdistrict": other.code, "subdistrict-quota": "2", "subdistrict-reason": "ปลอม"},
    )

    assert "ตำบล/แขวงที่เลือกไม่อยู่ในจังหวัดนี้" in response.content.decode()
    assert set(quotas(chiang_mai)) == {1}


@pytest.mark.parametrize(
    ("persona", "status"), [("lampang_officer", 403), ("lampang_viewer", 403), ("hq_analyst", 403)]
)
def test_province_staff_and_hq_analysts_cannot_change_quotas(client_for, personas, lampang, persona, status):
    client = client_for(personas[persona])
    for url, data in [
        ("/coverage/province/52/quotas/province/", {"province-quota": "2", "province-reason": "ลอง"}),
        ("/coverage/province/52/quotas/subdistrict/", {"subdistrict-subdistrict": "520101", "subdistrict-quota": "2"}),
    ]:
        assert client.post(url, data).status_code == status
    assert set(quotas(lampang)) == {1}


def test_a_lampang_officer_reads_the_quotas_and_history_without_a_form(
    client_for, lampang_officer, hq_officer, lampang
):
    from coverage.services import set_province_quota

    set_province_quota(province=lampang, quota=2, reason="มติ กสร.", by=hq_officer)

    page = client_for(lampang_officer).get("/coverage/province/52/quotas/").content.decode()

    assert "โควตากำหนดโดยเจ้าหน้าที่ส่วนกลาง หน้านี้แสดงให้ดูเท่านั้น" in page
    assert "/quotas/province/" not in page and '<form method="post"' not in page.split("</nav>")[-1]
    assert "มติ กสร." in page and "1 → 2" in page
    assert f"โควตารวม {2 * len(quotas(lampang))} คน" in page


def test_chiang_mai_officer_gets_404_on_every_lampang_coverage_page(client_for, chiangmai_officer, lampang):
    client = client_for(chiangmai_officer)
    for path in ("quotas/", "vacancies/", "vacancies.xlsx", "vacancies.pdf"):
        assert client.get(f"/coverage/province/52/{path}").status_code == 404
    assert client.post("/coverage/province/52/quotas/province/", {"province-quota": "2"}).status_code == 404


def test_hq_sees_every_provinces_quota_total_and_province_staff_go_to_their_own_vacancies(
    client_for, hq_analyst, lampang_viewer, bangkok
):
    page = client_for(hq_analyst).get("/coverage/").content.decode()
    bangkok_row = page.split('data-province="10"')[1].split("</tr>")[0]
    assert f'data-testid="quota">{3 * len(quotas(bangkok))}<' in bangkok_row.replace(",", "")
    assert page.count("data-province=") == 77

    response = client_for(lampang_viewer).get("/coverage/")
    assert response.status_code == 302 and response.url == "/coverage/province/52/vacancies/"


def test_the_menu_leads_to_the_vacancies(client_for, lampang_officer):
    page = client_for(lampang_officer).get("/volunteers/").content.decode()
    assert 'href="/coverage/"' in page.split("</nav>")[0]
