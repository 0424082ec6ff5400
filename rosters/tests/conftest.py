import pytest


@pytest.fixture(autouse=True)
def roster_checks_at_once(tasks_at_once):
    """An upload's check has run when the upload returns; files go to a throwaway folder."""
    return tasks_at_once


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    """A LibreOffice user profile of the tests' own (rosters/tests/libreoffice.py), kept for one module's runs."""
    return tmp_path_factory.mktemp("libreoffice-profile")
