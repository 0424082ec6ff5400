"""Report figures are computed once and kept for every reader (reports.caching): the text they carry shows in each
reader's language, whichever language the reader who computed them had."""

import datetime as dt

import pytest
from django.urls import reverse

from activity.kinds import seed_work_kinds
from cases.tests.factories import CaseFactory
from provinces.models import Agency
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_case_referred_in_lampang(lampang):
    """A volunteer of Lampang who referred one case to the provincial employment office in fiscal year 2569."""
    seed_work_kinds()
    volunteer = VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[0])
    agency = Agency.objects.get(province=lampang, kind="employment")
    CaseFactory(volunteer=volunteer, agency=agency, spotted_on=dt.date(2025, 10, 2), referred_on=dt.date(2025, 10, 2))


def test_the_dashboard_names_the_kinds_of_agency_in_the_readers_language(
    client_for, hq_analyst, a_case_referred_in_lampang
):
    url = reverse("reports:dashboard") + "?fy=2569"
    client = client_for(hq_analyst)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    in_english = client.get(url).content.decode()
    assert "Provincial Employment Office" in in_english

    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    in_thai = client.get(url).content.decode()
    # The figures the English page computed, shown on the Thai page in Thai.
    assert "สำนักงานจัดหางานจังหวัด" in in_thai
    assert "Provincial Employment Office" not in in_thai
