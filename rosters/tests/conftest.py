import pytest


@pytest.fixture(autouse=True)
def roster_checks_at_once(tasks_at_once):
    """An upload's check has run when the upload returns; files go to a throwaway folder."""
    return tasks_at_once
