"""121 certificates, the issue's count, made by the real worker (`manage.py db_worker`) while the officer watches.

The click answers at once; the page's bar and count follow the worker (seen part-way, not only at 0 and at the
end), then the download link appears and the file holds every certificate. About 40 s on a 2-core machine.
"""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.worker import DATABASE_TASKS, start_worker, stop_worker
from trainings import services
from trainings.models import CertificateBatch
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PEOPLE = 121

# Every "สร้างแล้ว n จาก m ใบ" the page shows, kept by the page itself so that none is missed between two looks.
WATCH_COUNT = """() => {
  window.seenCounts = [];
  const count = document.querySelector("[data-testid=batch-count]");
  new MutationObserver(() => window.seenCounts.push(count.textContent)).observe(count, {childList: true, characterData: true, subtree: true});
}"""


def test_the_worker_makes_121_certificates_while_the_page_shows_how_far_it_is(
    browser_login, live_server, lampang_officer, lampang, settings, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"
    event = EventFactory(host_province=lampang, title="ประชุมเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงาน")
    people = [RegistrationFactory(event=event, name=f"นายผู้เข้าร่วม คนที่{n + 1}") for n in range(PEOPLE)]
    services.mark_present_bulk(day=event.days.get(), registrations=people, by=lampang_officer)
    worker = start_worker(settings, tmp_path / "worker.log")
    try:
        page = browser_login(lampang_officer)
        page.goto(f"{live_server.url}/trainings/{event.pk}/")
        page.get_by_role("button", name=f"พิมพ์เกียรติบัตรทั้งหมด ({PEOPLE})").click()
        page.wait_for_load_state()
        expect(page.get_by_test_id("holder-count")).to_contain_text(f"{PEOPLE} คน")
        page.evaluate(WATCH_COUNT)

        link = page.get_by_test_id("download-certificates")
        expect(link).to_be_visible(timeout=120_000)
        expect(page.get_by_test_id("batch-progress")).to_be_hidden()
        seen = page.evaluate("window.seenCounts")
        done = [int(text.split()[1]) for text in seen]
        assert any(0 < n < PEOPLE for n in done), f"no progress shown part-way: {seen}"
        # The click answered before the certificates were made: the page it opened counted them part-way (no
        # timing here: a loaded machine is slow, not wrong).
        assert done == sorted(done), seen

        with page.expect_download() as download:
            link.click()
        pdf = PdfReader(download.value.path())
        assert len(pdf.pages) == PEOPLE
        assert "คนที่121" in pdf.pages[-1].extract_text()
        batch = CertificateBatch.objects.get()
        assert batch.status == CertificateBatch.Status.DONE and batch.requested_by == lampang_officer
    finally:
        stop_worker(worker)
