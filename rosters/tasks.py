"""Background work of roster imports, run by the django-tasks worker (`manage.py db_worker`).

Each task holds its job's advisory lock while it works, so that a job whose worker died can be told from one still
being worked on (rosters.recovery). A worker has no request: the pipeline runs each job in its uploader's language
(ImportJob.language), so that the messages it stores are in that language."""

from django_tasks import task

from accounts.scoping import scopes_disabled
from rosters import pipeline
from rosters.recovery import worker_holds

ANOTHER_WORKER = "another worker has this job"


@task()
@scopes_disabled("a background task, run outside any request in production; its view checked the job")
def check_import(job_id: int) -> str:
    """Read and check an uploaded roster for its preview."""
    with worker_holds(job_id) as mine:
        return pipeline.check_import_job(job_id) if mine else ANOTHER_WORKER


@task()
@scopes_disabled("a background task, run outside any request in production; its view checked the job")
def run_import(job_id: int) -> str:
    """Write a confirmed roster in one transaction."""
    with worker_holds(job_id) as mine:
        return pipeline.run_import_job(job_id) if mine else ANOTHER_WORKER
