"""Background work of cases, run by the task worker (`manage.py db_worker`, or RQ's worker)."""

from django_tasks import task

from accounts.scoping import scopes_disabled
from cases.services import erase_expired_personal_data


@task()
@scopes_disabled("a background task over every province's closed cases, run outside any request")
def erase_personal_data() -> int:
    """PDPA: the personal fields of cases closed CASE_PERSONAL_DATA_DAYS ago, erased; the cases stay counted."""
    return erase_expired_personal_data()
