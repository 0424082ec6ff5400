import pytest


@pytest.fixture
def small_province(geography):
    from reports.tests.factories import build_small_province

    return build_small_province()
