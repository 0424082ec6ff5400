"""Background work of the training pages, run by the django-tasks worker (`manage.py db_worker`)."""

from django_tasks import task

from trainings import services


@task()
def make_certificates(batch_id: int) -> str:
    """Make every certificate of a batch into one PDF in storage, counting the pages as it goes."""
    return services.make_certificate_batch(batch_id)
