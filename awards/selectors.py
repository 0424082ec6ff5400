"""Named reads of nominations and awards, for the pages and for the reports."""

from django.db.models import Count

from awards.models import Nomination


def outstanding_counts(fiscal_year: int, *, user=None, province_id=None, region_id=None) -> dict[int, int]:
    """{province id: how many volunteers HQ selected as outstanding in the fiscal year (BE)}; provinces with none
    are absent. Within `user`'s scope when given, else every province (the reports' national tallies)."""
    rows = (
        Nomination.objects.visible_to(user)
        if user is not None
        else Nomination.objects.across_provinces("national counts of outstanding volunteers for the reports")
    )
    rows = rows.of_year(fiscal_year).selected()
    if province_id is not None:
        rows = rows.filter(province_id=province_id)
    if region_id is not None:
        rows = rows.filter(province__region_id=region_id)
    return dict(rows.order_by().values("province_id").annotate(n=Count("pk")).values_list("province_id", "n"))
