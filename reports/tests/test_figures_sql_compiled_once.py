"""The dashboard's and the province report's tally queries have their SQL compiled once per process for each fiscal
year and scope (accounts.scoping.plain_rows_of): one after the other, in any order, each year and each province is
counted as it would be with nothing kept, never with another's SQL."""

import datetime as dt

import pytest

from accounts import scoping
from core.thai import fiscal_year_bounds
from reports import selectors
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointed_over_three_years(lampang, chiang_mai):
    for year, province, n in ((2566, lampang, 3), (2567, lampang, 1), (2567, chiang_mai, 2), (2568, chiang_mai, 4)):
        start, _ = fiscal_year_bounds(year)
        for i in range(n):
            VolunteerFactory(province=province, appointed_on=start + dt.timedelta(days=40 + i))
    return lampang, chiang_mai


def figures(year, **scope):
    return (
        selectors.volunteer_figures(selectors.trend_years(year), year, **scope),
        selectors.leaver_counts([year], **scope),
    )


def test_each_year_and_province_counts_as_with_nothing_kept(appointed_over_three_years):
    lampang, chiang_mai = appointed_over_three_years
    asked = [
        (2566, {}),
        (2568, {}),
        (2567, {"province": lampang}),
        (2567, {"province": chiang_mai}),
        (2567, {"province_id__in": [lampang.pk, chiang_mai.pk]}),
        (2567, {}),
    ]
    afresh = []
    for year, scope in asked:
        scoping._compiled.clear()
        afresh.append(figures(year, **scope))
    kept = [figures(year, **scope) for year, scope in asked] + [figures(year, **scope) for year, scope in asked]

    assert kept == afresh + afresh
    assert afresh[2][0][lampang.pk]["appointed_2567"] == 1
    assert afresh[3][0][chiang_mai.pk]["appointed_2567"] == 2
    assert afresh[1][0][chiang_mai.pk]["appointed_2568"] == 4
    assert afresh[0][0][lampang.pk]["appointed_2566"] == 3


def test_the_dashboards_lists_and_counts_kept_as_sql_read_what_is_there_now(appointed_over_three_years, hq_analyst):
    """The dashboard's provinces and regions, its outstanding volunteers and the month reporting began are read with
    SQL compiled once: what an administrator or HQ changes afterwards shows on the next dashboard all the same."""
    from activity.models import MonthlyReport
    from awards.models import Nomination
    from awards.tests.factories import NominationFactory
    from provinces.models import Region

    lampang, chiang_mai = appointed_over_three_years
    scoping._compiled.clear()
    year = 2567
    before = selectors.dashboard(year)
    assert selectors.results.reporting_began() is None
    assert next(r for r in before["rows"] if r["code"] == "52")["outstanding"] == 0

    lampang.name_th = "ลำปาง (นครลำปาง)"
    lampang.save(update_fields=["name_th"])
    Region.objects.filter(code=next(r for r in before["rows"] if r["code"] == "52")["region"]).update(
        name_th="ภาคเหนือตอนบน"
    )
    volunteer = lampang.volunteers.first()
    NominationFactory(
        volunteer=volunteer,
        province=lampang,
        fiscal_year=year,
        status=Nomination.Status.SELECTED,
        nominated_by=hq_analyst,
    )
    NominationFactory(
        volunteer=lampang.volunteers.last(),
        province=lampang,
        fiscal_year=year + 1,
        status=Nomination.Status.SELECTED,
        nominated_by=hq_analyst,
    )
    MonthlyReport.objects.create(
        volunteer=volunteer,
        province=lampang,
        district=volunteer.subdistrict.district,
        month=dt.date(2024, 2, 1),
        counts={},
        received_on=dt.date(2024, 3, 2),
        on_time=True,
    )
    after = selectors.dashboard(year)

    row = next(r for r in after["rows"] if r["code"] == "52")
    assert row["name"] == "ลำปาง (นครลำปาง)" and row["region_name"] == "ภาคเหนือตอนบน"
    assert next(r for r in after["regions"] if r["code"] == row["region"])["name"] == "ภาคเหนือตอนบน"
    assert row["outstanding"] == 1 and after["country"]["outstanding"] == 1
    assert selectors.dashboard(year + 1)["country"]["outstanding"] == 1
    assert selectors.results.reporting_began() == dt.date(2024, 2, 1)
    assert [r["code"] for r in after["rows"]] == [r["code"] for r in before["rows"]]
