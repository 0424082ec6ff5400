"""All of an event's certificates are made in the background into one PDF, downloaded from the event's certificates
page by the person who asked, while it is kept (issue 13). The tasks run inside the request here (the immediate
backend); test_certificates_with_worker.py runs the real worker."""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from trainings import certificate_batches, services
from trainings.models import CertificateBatch
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_in_the_request(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def attended(lampang_officer, lampang_event):
    day = lampang_event.days.get()
    people = [RegistrationFactory(event=lampang_event, name=f"นายผ่าน อบรม{n}") for n in range(3)]
    RegistrationFactory(event=lampang_event, name="นายไม่มา ตามนัด")
    services.mark_present_bulk(day=day, registrations=people, by=lampang_officer)
    return people


def download(client, event) -> bytes:
    response = client.get(reverse("trainings:certificates_file", args=[event.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_officer_asks_for_every_certificate_and_downloads_one_pdf(
    client_for, lampang_officer, lampang_event, attended
):
    client = client_for(lampang_officer)
    detail = client.get(reverse("trainings:detail", args=[lampang_event.pk])).content.decode()
    assert f'action="{reverse("trainings:certificates", args=[lampang_event.pk])}"' in detail
    assert "พิมพ์เกียรติบัตรทั้งหมด (3)" in detail

    page = client.post(reverse("trainings:certificates", args=[lampang_event.pk])).content.decode()

    assert "ผู้เข้าร่วมครบทุกวันที่ท่านดูแล 3 คน" in page
    assert "<div data-batch-ready>" in page and "จะถูกลบเมื่อครบ 24 ชั่วโมง" in page  # the link is shown
    state = client.get(reverse("trainings:certificates_progress", args=[lampang_event.pk])).json()
    assert (state["ready"], state["done"], state["total"], state["progress"]) == (True, 3, 3, 100)
    pages = PdfReader(io.BytesIO(download(client, lampang_event))).pages
    assert len(pages) == 3
    text = "".join(p.extract_text() for p in pages)
    assert "อบรม0" in text and "อบรม2" in text and "ไม่มา" not in text


def test_asking_again_for_the_same_people_makes_no_second_file(client_for, lampang_officer, lampang_event, attended):
    client = client_for(lampang_officer)
    url = reverse("trainings:certificates", args=[lampang_event.pk])
    client.post(url)
    client.post(url)
    assert CertificateBatch.objects.filter(event=lampang_event).count() == 1


def test_a_batch_is_for_the_one_who_asked_and_never_for_another_province(
    client_for, lampang_officer, lampang_viewer, chiangmai_officer, lampang_event, attended
):
    client_for(lampang_officer).post(reverse("trainings:certificates", args=[lampang_event.pk]))
    file_url = reverse("trainings:certificates_file", args=[lampang_event.pk])

    # The viewer of the same province sees the event but not the officer's file: they make their own.
    response = client_for(lampang_viewer).get(file_url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("trainings:certificates", args=[lampang_event.pk])
    assert "ไม่มีไฟล์เกียรติบัตรที่พร้อมดาวน์โหลด" in response.content.decode()
    assert client_for(chiangmai_officer).get(file_url).status_code == 404
    assert (
        client_for(chiangmai_officer)
        .get(reverse("trainings:certificates_progress", args=[lampang_event.pk]))
        .status_code
        == 404
    )


def test_the_file_is_gone_after_its_time_and_the_page_says_to_ask_again(
    client_for, lampang_officer, lampang_event, attended
):
    client = client_for(lampang_officer)
    client.post(reverse("trainings:certificates", args=[lampang_event.pk]))
    batch = CertificateBatch.objects.get()
    assert batch.expires_at - batch.finished_at == dt.timedelta(hours=24)
    name = batch.file.name
    assert default_storage.exists(name)
    CertificateBatch.objects.filter(pk=batch.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    page = client.get(reverse("trainings:certificates", args=[lampang_event.pk])).content.decode()
    assert "ไฟล์เกียรติบัตรที่สั่งไว้ถูกลบแล้ว กรุณาสั่งพิมพ์ใหม่" in page and "<div data-batch-ready hidden>" in page
    assert client.get(reverse("trainings:certificates_file", args=[lampang_event.pk])).status_code == 302

    assert services.purge_expired_certificate_batches() == 1
    assert not default_storage.exists(name) and not CertificateBatch.objects.exists()


def test_someone_cancelled_after_the_click_gets_no_certificate(lampang_officer, lampang_event, attended, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not yet made
    batch = services.start_certificate_batch(
        event=lampang_event, registrations=attended, by=lampang_officer, verify_url="https://portal.example/v/{token}/"
    )
    services.cancel_registration(registration=attended[0], reason="ลงทะเบียนผิดคน", by=lampang_officer)

    certificate_batches.make_certificate_batch(batch.pk)

    batch.refresh_from_db()
    assert (batch.status, batch.total) == (CertificateBatch.Status.DONE, 2)
    text = "".join(p.extract_text() for p in PdfReader(batch.file.open("rb")).pages)
    assert "อบรม0" not in text and "อบรม1" in text


def test_the_daily_purge_command_deletes_old_files(client_for, lampang_officer, lampang_event, attended):
    from django.core.management import call_command

    client_for(lampang_officer).post(reverse("trainings:certificates", args=[lampang_event.pk]))
    name = CertificateBatch.objects.get().file.name
    call_command("purge_certificate_batches", stdout=io.StringIO())
    assert default_storage.exists(name)  # still within its 24 hours
    CertificateBatch.objects.update(expires_at=timezone.now())
    call_command("purge_certificate_batches", stdout=io.StringIO())
    assert not default_storage.exists(name)
