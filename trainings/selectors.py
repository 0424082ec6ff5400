"""Read queries for events: figures per category, attendance per day, who may receive a certificate."""

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from trainings.models import Attendance, Category, Event, EventDay, Registration


@dataclass
class CategoryFigures:
    category: str
    label: str
    target: int
    capacity: int | None
    registered: int
    attended: int
    from_own_province: int | None = None

    @property
    def attended_percent(self) -> int | None:
        return round(100 * self.attended / self.target) if self.target else None


# Volunteers first, then mentors, anti-trafficking officers and the rest, as the categories are declared.
CATEGORY_ORDER = Case(
    *[When(category=value, then=Value(index)) for index, value in enumerate(Category.values)],
    output_field=IntegerField(),
)


def events_for_list(user, *, fiscal_year=None, province=None, level=None, topic=None, kind=None, status=None):
    """The events a user may see, filtered as the list page asks, with their head counts."""
    events = Event.objects.visible_to(user).select_related("host_province")
    if fiscal_year:
        events = events.in_fiscal_year(fiscal_year)
    if province:
        events = events.filter(host_province=province)
    if level:
        events = events.filter(level=level)
    if topic:
        events = events.filter(topics__contains=[topic])
    if kind:
        events = events.filter(kind=kind)
    if status:
        events = events.filter(status=status)
    return events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True), distinct=True),
    )


def event_figures(event: Event, *, own_province_id=None) -> tuple[list[CategoryFigures], CategoryFigures]:
    """Target, registered and attended (present on at least one day) per category, and their total."""
    active = event.registrations.active()
    present = Attendance.objects.filter(registration=OuterRef("pk"))
    counts = {
        row["category"]: row
        for row in active.values("category").annotate(
            registered=Count("pk"),
            attended=Count("pk", filter=Q(Exists(present))),
            own=Count("pk", filter=Q(home_province_id=own_province_id)),
        )
    }
    targets = {t.category: t for t in event.targets.all()}
    rows = []
    for category, label in Category.choices:
        target = targets.get(category)
        row = counts.get(category, {})
        if target is None and not row:
            continue
        rows.append(
            CategoryFigures(
                category=category,
                label=label,
                target=target.target if target else 0,
                capacity=target.capacity if target else None,
                registered=row.get("registered", 0),
                attended=row.get("attended", 0),
                from_own_province=row.get("own", 0) if own_province_id else None,
            )
        )
    total = CategoryFigures(
        category="",
        label="",
        target=sum(r.target for r in rows),
        capacity=None,
        registered=sum(r.registered for r in rows),
        attended=sum(r.attended for r in rows),
        from_own_province=sum(r.from_own_province or 0 for r in rows) if own_province_id else None,
    )
    return rows, total


def days_with_counts(event: Event, registrations=None):
    """The event's days, each with how many of `registrations` (default: all active) were present."""
    registrations = registrations if registrations is not None else event.registrations.active()
    # In date order: a grouped query drops the model's own ordering, and "day 1" is the first day.
    return event.days.annotate(
        present_count=Count("attendances", filter=Q(attendances__registration__in=registrations.values("pk")))
    ).order_by("date")


def registrations_of(user, event: Event):
    """The registrations of one event that the user may see, with what the pages print."""
    return (
        Registration.objects.visible_to(user)
        .filter(event=event)
        .select_related(
            "home_province",
            "volunteer__subdistrict__district",
            "mentor__agency",
        )
        .annotate(category_order=CATEGORY_ORDER)
        .order_by("category_order", "registered_at", "pk")
    )


def with_days_present(registrations):
    return registrations.annotate(days_present=Count("attendances", distinct=True))


def certificate_holders(registrations, event: Event):
    """Active registrations present on every day of the event; none when the event was cancelled."""
    if event.status == Event.Status.CANCELLED:
        return registrations.none()
    day_count = EventDay.objects.filter(event=event).count()
    if not day_count:
        return registrations.none()
    return with_days_present(registrations.active()).filter(days_present=day_count)


def has_certificate(registration: Registration) -> bool:
    if registration.is_cancelled or registration.event.status == Event.Status.CANCELLED:
        return False
    day_count = registration.event.days.count()
    return bool(day_count) and registration.attendances.count() == day_count
