import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def roster_settings(settings, tmp_path):
    """Imports run at once inside the request (the immediate backend), and files go to a throwaway folder."""
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings
