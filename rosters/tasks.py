"""Background work of roster imports, run by the django-tasks worker (`manage.py db_worker`)."""

from django_tasks import task

from rosters import services


@task()
def check_import(job_id: int) -> str:
    """Read and check an uploaded roster for its preview."""
    return services.check_import_job(job_id)


@task()
def run_import(job_id: int) -> str:
    """Write a confirmed roster in one transaction."""
    return services.run_import_job(job_id)
