import pytest


@pytest.fixture
def lampang_case(lampang_volunteer):
    from cases.tests.factories import CaseFactory

    return CaseFactory(volunteer=lampang_volunteer)


@pytest.fixture
def flagged_case(lampang_volunteer):
    from cases.tests.factories import CaseFactory

    return CaseFactory(volunteer=lampang_volunteer, flagged=True, person_name="ผู้เสียหาย ลับมาก")


@pytest.fixture
def chiangmai_case(chiangmai_volunteer):
    from cases.tests.factories import CaseFactory

    return CaseFactory(volunteer=chiangmai_volunteer, person_name="คนเชียงใหม่ ส่งต่อ")
