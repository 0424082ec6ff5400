"""Fixtures of the cross-app tests: files in a throwaway folder, imports run at once (the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def isolated_files_and_tasks(tasks_at_once):
    return tasks_at_once
