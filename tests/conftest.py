"""Fixtures of the cross-app tests: files in a throwaway folder, imports run at once, no cached figures."""

import pytest

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def isolated_files_and_tasks(settings, tmp_path):
    """Uploads and exports go to a temporary folder; a roster check runs inside the request that queued it."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE_TASKS
    cache.clear()
    yield settings
    cache.clear()
