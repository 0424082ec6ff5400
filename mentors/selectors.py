"""Named read queries of the mentor pages."""

from django.db.models import Count, Q

from provinces.models import District, Province, Subdistrict


def districts_without_mentor(province: Province) -> list[District]:
    """Each district of the province with serving volunteers (Volunteer.objects.serving(): active, and their term
    has not ended, as the volunteer list's status filter and the report count them), how many and how many of them
    have no mentor; those with most volunteers left without a mentor first.

    Counted per subdistrict from the volunteers alone (an index-only scan of the report index, which carries the
    subdistrict, mentor and term end), then summed per district here: the join through the subdistricts read every
    row."""
    per_subdistrict = (
        province.volunteers.across_provinces("counts for the province the mentor list scoped to the user")
        .serving()
        .order_by()
        .values_list("subdistrict_id")
        .annotate(active=Count("id"), without=Count("id", filter=Q(mentor__isnull=True)))
    )
    district_of = dict(Subdistrict.objects.filter(province=province).values_list("id", "district_id"))
    totals: dict[int, list[int]] = {}
    for subdistrict_id, active, without in per_subdistrict:
        counts = totals.setdefault(district_of[subdistrict_id], [0, 0])
        counts[0] += active
        counts[1] += without
    districts = list(District.objects.filter(pk__in=totals))
    for district in districts:
        district.active_count, district.without_mentor = totals[district.pk]
    return sorted(districts, key=lambda d: (-d.without_mentor, d.code))
