from django.urls import reverse

from rosters.models import ImportJob
from rosters.tests.factories import upload_file


def upload(client, content: bytes, name: str = "roster.xlsx", kind: str = "volunteers", **extra):
    """Upload through the page; with the immediate task backend the check has run when this returns."""
    response = client.post(
        reverse("rosters:upload"), {"kind": kind, "file": upload_file(content, name), **extra}, follow=False
    )
    job = ImportJob.objects.order_by("-pk").first()
    return response, job


def confirm(client, job):
    response = client.post(reverse("rosters:confirm", args=[job.pk]))
    job.refresh_from_db()
    return response, job


def check_file_content(content: bytes, province, name: str = "roster.xlsx", kind: str = "volunteers"):
    """Read and check a roster the way the preview does, without the page: (table, checked)."""
    import io

    from rosters import readers
    from rosters.columns import SPECS
    from rosters.validation import check_roster

    handle = io.BytesIO(content)
    file_format = readers.detect_format(name, content[:8])
    table = readers.read_table(handle, file_format, SPECS[kind])
    return table, check_roster(spec=SPECS[kind], table=table, province=province)


def messages_of(job) -> list[str]:
    return [f"แถว {e['row']} {e['column']}: {e['message']}" for e in job.errors]
