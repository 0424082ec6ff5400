import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached figures of one test must not leak into the next (the cache is per process)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def small_province(geography):
    from reports.tests.factories import build_small_province

    return build_small_province()
