"""A demo import: a roster of new Lampang volunteers, uploaded and checked by Lampang's officer and waiting for
confirmation, with two rows to fix, so the import pages and the failed-rows file have something to show.

Runs after the accounts' demo (INSTALLED_APPS order); idempotent: left alone once it exists.
"""

import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from provinces.models import Province
from rosters import pipeline, sample, services
from rosters.models import ImportJob, Kind

FILE_NAME = "รายชื่อ อสร. ลำปาง รุ่นใหม่ (ตัวอย่าง).xlsx"


def load(stdout=None) -> None:
    lampang = Province.objects.get(code="52")
    if ImportJob.objects.filter(province=lampang, original_name=FILE_NAME).exists():
        return
    rows, _bad = sample.roster_rows(lampang, 12, bad_rows=2)
    content = io.BytesIO()
    sample.write_roster_xlsx(content, rows)
    job = services.start_import(
        uploaded=SimpleUploadedFile(FILE_NAME, content.getvalue()),
        kind=Kind.VOLUNTEERS,
        province=lampang,
        by=User.objects.get(username="lampang.officer"),
    )
    # The check is the worker's job; here it runs at once, so the preview is ready without one.
    pipeline.check_import_job(job.pk)
    if stdout:
        stdout.write(f"Imports: {FILE_NAME} checked, waiting for confirmation.")
