"""Running tallies behind the national dashboard and the province report, kept by PostgreSQL triggers.

Counting a million volunteers on every visit costs seconds; these tables hold the counts already grouped at the grain
the reports need, and statement-level triggers on the registry's tables (see reports/tallies.py and the migration that
installs them) keep them exact inside the same transaction as the change, for single saves, bulk writes and COPY
alike. Nobody writes these tables from Python except `reports.tallies.rebuild()`.

Fiscal years are Buddhist-era numbers; 0 stands for "no date", which compares before any real year, exactly as the
reports treat a missing date (appointed: counts from the start; status changed: never changed).

Terms of office: `VolunteerTally.term_end_key` places the last day of a volunteer's current term on a scale of half
months (reports.tallies.term_end_key), exact at every month's last day, hence at every fiscal year's end (30 September)
and for "terms ending in a fiscal year"; "serving today" adds an indexed count of this month's term ends.

The foreign keys carry no database constraint and no cascade: a tally row is not a thing anyone deletes, and the
triggers remove rows whose source rows are gone.
"""

from django.db import models


class VolunteerTally(models.Model):
    """How many volunteers a province has per status, fiscal year of appointment and of the latest status change,
    step of the current term's end (0: no term on record), tier (lead or network), and latest absence.

    Known limitation: only the latest absence is kept on the volunteer (volunteers.absences), so a past year counts a
    volunteer away twice as serving through the earlier absence."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    status = models.CharField(max_length=12)
    appointed_fy = models.PositiveSmallIntegerField()
    changed_fy = models.PositiveSmallIntegerField()
    term_end_key = models.IntegerField(default=0)
    tier = models.CharField(max_length=8, default="lead")
    # The latest absence the volunteers came back from, when it spans a fiscal year's end: the fiscal years of its
    # first day and of the return, and what they were meanwhile (0, 0 and "": none; volunteers.absences).
    absent_from_fy = models.PositiveSmallIntegerField(default=0, db_default=0)
    absent_until_fy = models.PositiveSmallIntegerField(default=0, db_default=0)
    absence_status = models.CharField(max_length=12, default="", db_default="")
    volunteers = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "province",
                    "status",
                    "appointed_fy",
                    "changed_fy",
                    "term_end_key",
                    "tier",
                    "absent_from_fy",
                    "absent_until_fy",
                    "absence_status",
                ],
                name="volunteer_tally_key",
            )
        ]
        # The running year's figures count terms at today: the rows whose term ends between today and the year's end.
        indexes = [models.Index(fields=["term_end_key"], name="volunteer_tally_term_end")]

    def __str__(self):
        return (
            f"{self.province_id}/{self.status}/{self.appointed_fy}/{self.changed_fy}/{self.term_end_key}/{self.tier}: "
            f"{self.volunteers}"
        )


class VolunteerYearTally(models.Model):
    """The volunteers' figures of a province at the end of each fiscal year, kept as each year's change from the year
    before: a figure of year y is the sum of its column over the rows of years up to y. Kept from VolunteerTally by a
    trigger that evaluates reports.conditions.year_conditions(), the figures' one definition."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    total = models.IntegerField(default=0)
    suspended = models.IntegerField(default=0)
    term_ended = models.IntegerField(default=0)
    serving_lead = models.IntegerField(default=0)
    serving_network = models.IntegerField(default=0)
    resigned = models.IntegerField(default=0)
    deceased = models.IntegerField(default=0)
    terms_ending = models.IntegerField(default=0)
    active = models.IntegerField(default=0)
    appointed = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "fiscal_year"], name="volunteer_year_tally_key")]

    def __str__(self):
        return f"{self.province_id}/{self.fiscal_year}: {self.total} appointed by then"


class VolunteerTermTally(models.Model):
    """What the volunteers whose term ends at a term-end step add to the figures of the fiscal year it falls in when
    counted on a day their term still runs rather than after it ended: the running year is counted at today, and adds
    the rows of the steps from today to its end to its figures at the end (VolunteerYearTally). Kept from
    VolunteerTally by a trigger that evaluates reports.conditions.year_conditions()."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    term_end_key = models.IntegerField()
    suspended = models.IntegerField(default=0)
    term_ended = models.IntegerField(default=0)
    serving_lead = models.IntegerField(default=0)
    serving_network = models.IntegerField(default=0)
    active = models.IntegerField(default=0)

    class Meta:
        # The steps first: the national dashboard reads a range of steps of every province.
        constraints = [models.UniqueConstraint(fields=["term_end_key", "province"], name="volunteer_term_tally_key")]

    def __str__(self):
        return f"{self.province_id}/{self.term_end_key}: {self.active} more active while their terms run"


class LeaverYear(models.Model):
    """A volunteer who resigned or died in a fiscal year: once, however many such changes the year recorded."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    # The volunteer's province now (a move carries the row along), as the reports count people where they are.
    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["volunteer", "fiscal_year"], name="leaver_year_key")]
        indexes = [models.Index(fields=["province", "fiscal_year"], name="leaver_year_province")]

    def __str__(self):
        return f"{self.volunteer_id} left in {self.fiscal_year}"


class LeaverTally(models.Model):
    """How many volunteers of a province resigned or died in a fiscal year (the rows of LeaverYear, counted)."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    volunteers = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "fiscal_year"], name="leaver_tally_key")]

    def __str__(self):
        return f"{self.province_id}/{self.fiscal_year}: {self.volunteers}"


class TrainingTally(models.Model):
    """Per event, participants' home province and category: registrations not cancelled, and those who attended.

    Only events not cancelled have rows; the event's fiscal year and host province are copied here (and follow the
    event when it changes) so that the province totals below can be kept from these rows alone.
    """

    event = models.ForeignKey(
        "trainings.Event", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    home_province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    category = models.CharField(max_length=20)
    fiscal_year = models.PositiveSmallIntegerField()
    host_province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    registered = models.IntegerField(default=0)
    attended = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "home_province", "category"], name="training_tally_key")
        ]

    def __str__(self):
        return f"{self.event_id}/{self.home_province_id}/{self.category}: {self.registered}, {self.attended}"


class TrainingProvinceTally(models.Model):
    """Per fiscal year, host province and participants' home province: the sums of TrainingTally's rows."""

    fiscal_year = models.PositiveSmallIntegerField()
    host_province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    home_province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    registered = models.IntegerField(default=0)
    attended = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "host_province", "home_province"], name="training_province_tally_key"
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}/{self.host_province_id}/{self.home_province_id}: {self.registered}, {self.attended}"


class EventTally(models.Model):
    """Per fiscal year and host province: the events not cancelled, and the sum of their targets (every category)."""

    fiscal_year = models.PositiveSmallIntegerField()
    host_province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    events = models.IntegerField(default=0)
    target = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "host_province"], name="event_tally_key")]

    def __str__(self):
        return f"{self.fiscal_year}/{self.host_province_id}: {self.events}, {self.target}"


class ProvinceKindTally(models.Model):
    """The numbers reported per kind of work, per province and month: activity's ReportKindTally summed over the
    districts, kept by triggers on that tally (reports/tallies.py), for the dashboard's people reached."""

    province = models.ForeignKey(
        "provinces.Province", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    kind = models.CharField(max_length=40)
    amount = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "month", "kind"], name="reports_province_kind_tally_key")
        ]

    def __str__(self):
        return f"{self.province_id} {self.month} {self.kind}: {self.amount}"


class Deletion(models.Model):
    """A statement that deleted (or a TRUNCATE that emptied) rows the reports count, written by a trigger on the
    table (reports.tallies.DELETION_LOGGED). The report cache's stamps read the latest one of each table, one probe of
    an index, where knowing that a row went otherwise meant counting the rows left (reports.selectors.registry_stamp).
    Deletions are rare (a mistaken registration, an undone check-in, a volunteer removed in the admin): a few rows a
    day."""

    source = models.CharField(max_length=63)
    # The volunteers' province, so that a deletion refreshes only its province's figures; none for other tables.
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    rows = models.BigIntegerField(null=True, help_text="None: the table was emptied (TRUNCATE)")
    deleted_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["source", "id"], name="reports_deletion_latest"),
            models.Index(fields=["source", "province", "id"], name="reports_deletion_province"),
        ]

    def __str__(self):
        return f"{self.source} {self.province_id or ''}: {self.rows} at {self.deleted_at}"
