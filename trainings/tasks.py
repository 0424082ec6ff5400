"""Background work of the training pages, run by the django-tasks worker (`manage.py db_worker`)."""

from django_tasks import task

from accounts.scoping import scopes_disabled
from trainings.certificate_batches import make_certificate_batch


@task()
@scopes_disabled("a background task, run outside any request in production; its view checked the event")
def make_certificates(batch_id: int) -> str:
    """Make every certificate of a batch into one PDF in storage, counting the pages as it goes."""
    return make_certificate_batch(batch_id)
