import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.scope import can_write_anywhere, home_province_id, is_national, runs_national_events
from core import search, thai
from core.audit import record
from core.forms import add_service_errors
from core.http import safe_next
from core.templatetags.thai import be_date, be_datetime
from trainings import offline, selectors, services
from trainings import sheet as sheet_pdf
from trainings.access import (
    get_day_of,
    get_editable_registration_for,
    get_event_for,
    get_event_for_registering,
    get_managed_event_for,
    get_registration_for,
    may_register_into,
    people_chosen,
    people_to_register,
)
from trainings.certificates import render_certificates
from trainings.forms import CancelForm, CodeForm, EventFilterForm, EventForm, GuestForm, PeopleSearchForm
from trainings.models import Attendance, Category, CertificateBatch, Event, Registration
from volunteers import rules as volunteer_rules
from volunteers.models import Volunteer

SEARCH_LIMIT = 200


def _read_only(request):
    """Pages that only show things answer 405 to other methods, after access has been checked."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _say(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _manages(user, event) -> bool:
    return Event.objects.editable_by(user).filter(pk=event.pk).exists()


# Events ----------------------------------------------------------------------------------------------


@login_required
def event_list(request):
    if refused := _read_only(request):
        return refused
    form = EventFilterForm(request.GET or None, user=request.user)
    # A value the form refuses (an unknown status, a year not offered) drops that filter only, as its select then
    # shows; the others are kept.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    events = selectors.events_for_list(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events.order_by("-start_date", "title"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/event_list.html",
        {"form": form, "page": page, "events": page.object_list, "query": request.GET.copy()},
    )


@login_required
def event_create(request):
    if not (can_write_anywhere(request.user) or runs_national_events(request.user)):
        raise PermissionDenied(_("ไม่มีสิทธิ์สร้างกิจกรรม"))
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(by=request.user, targets=form.targets(), **form.event_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("สร้างกิจกรรม “%(title)s” แล้ว") % {"title": event.title})
            return redirect("trainings:detail", pk=event.pk)
    return render(request, "trainings/event_form.html", {"form": form, "creating": True})


@login_required
def event_edit(request, pk):
    event = get_managed_event_for(request.user, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                event=event,
                by=request.user,
                targets=form.targets(),
                expected_version=form.cleaned_data["version"],
                **form.event_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขกิจกรรมแล้ว"))
            return redirect("trainings:detail", pk=event.pk)
    return render(request, "trainings/event_form.html", {"form": form, "event": event, "creating": False})


@login_required
def event_detail(request, pk):
    event = get_event_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    manages = _manages(request.user, event)
    own_province = None if manages or is_national(request.user) else home_province_id(request.user)
    rows, total = selectors.event_figures(event, own_province_id=own_province)
    visible = selectors.registrations_of(request.user, event).active()
    return render(
        request,
        "trainings/event_detail.html",
        {
            "event": event,
            "rows": rows,
            "total": total,
            "days": selectors.days_with_counts(event, visible),
            "manages": manages,
            "can_register": _can_register(request.user, event),
            "visible_count": visible.count(),
            "certificate_count": selectors.certificate_holders(visible, event).count(),
            "shows_own_province": own_province is not None,
        },
    )


def _can_register(user, event) -> bool:
    """Whether to offer registering people: by the rule the service applies (services.registration_closed)."""
    return may_register_into(user, event) and not services.registration_closed(event, user)


# Registration ----------------------------------------------------------------------------------------


@login_required
def registration_list(request, pk):
    event = get_event_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    registrations = selectors.with_days_present(selectors.registrations_of(request.user, event))
    if search.needs_redirect(request):
        return search.search_redirect(request, request.path)
    q = thai.clean_text(search.search_params(request).get("q", ""))
    if q:
        registrations = registrations.filter(
            Q(name__icontains=q)
            | Q(code__iexact=services.normalize_code(q))
            | Q(volunteer__first_name__icontains=q)
            | Q(volunteer__last_name__icontains=q)
            | Q(mentor__first_name__icontains=q)
            | Q(mentor__last_name__icontains=q)
        )
    category = request.GET.get("category", "")
    if category in Category.values:
        registrations = registrations.filter(category=category)
    if request.GET.get("cancelled") != "1":
        registrations = registrations.active()
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    # Only this page's rows show a cancel button, and only when the cancel would be accepted; iterating fills the
    # page's cache, which the template then reuses.
    editable_ids = set()
    if not services.registration_closed(event, request.user, cancelling=True):
        editable_ids = set(
            Registration.objects.editable_by(request.user)
            .filter(event=event, pk__in=[r.pk for r in page.object_list])
            .values_list("pk", flat=True)
        )
    # The volunteers the desk will not be able to mark present on some days, named with the last day they can.
    volunteers = [r.volunteer for r in page.object_list if r.volunteer_id is not None and r.cancelled_at is None]
    cut_short = services.attendance_cut_short(event, volunteers)
    for registration in page.object_list:
        registration.cut_short = "" if registration.cancelled_at else cut_short.get(registration.volunteer_id, "")
    return render(
        request,
        "trainings/registration_list.html",
        {
            "event": event,
            "page": page,
            "registrations": page.object_list,
            "day_count": event.days.count(),
            "gives_certificates": event.status != Event.Status.CANCELLED,
            "editable_ids": editable_ids,
            "q": q,
            "category": category,
            "categories": Category.choices,
            "show_cancelled": request.GET.get("cancelled") == "1",
            "can_register": _can_register(request.user, event),
        },
    )


@login_required
def register(request, pk):
    """Register people from the roster: by search, by district, or a whole mentor's group."""
    event = get_event_for_registering(request.user, pk)
    people, mentors = people_to_register(request.user, event)
    if request.method == "POST":
        try:
            chosen_volunteers, chosen_mentors = people_chosen(
                request.user,
                event,
                volunteer_ids=_ids(request.POST.getlist("volunteer")),
                mentor_ids=_ids(request.POST.getlist("mentor")),
            )
            category = request.POST.get("category") or None
            result = services.register_people(
                event=event, volunteers=chosen_volunteers, mentors=chosen_mentors, category=category, by=request.user
            )
        except ValidationError as error:
            _say(request, error)
        else:
            _report_result(request, result)
        return redirect(safe_next(request, reverse("trainings:register", args=[event.pk]), from_query=False))

    province_ids = [home_province_id(request.user)] if not is_national(request.user) else []
    if not province_ids:
        province_ids = list(event.registrations.values_list("home_province_id", flat=True).distinct()) + [
            event.host_province_id
        ]
    if search.needs_redirect(request):
        return search.search_redirect(request, request.path)
    form = PeopleSearchForm(search.search_params(request) or None, province_ids=province_ids)
    taken = event.registrations.active()
    results = None
    hidden_inactive = 0
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["district"] or form.cleaned_data["mentor"]):
        results = people.select_related("subdistrict__district", "province", "mentor").annotate(
            registered=Exists(taken.filter(volunteer=OuterRef("pk")))
        )
        q = thai.clean_text(form.cleaned_data["q"])
        for word in q.split():
            results = results.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(phone__contains=word)
            )
        if form.cleaned_data["district"]:
            results = results.filter(subdistrict__district=form.cleaned_data["district"])
        if form.cleaned_data["mentor"]:
            results = results.filter(mentor_id=form.cleaned_data["mentor"])
        if not form.cleaned_data["inactive"]:
            # Only serving volunteers can be registered; the others are counted so the officer knows they exist.
            serving = volunteer_rules.serving_on(services.serving_day(event))
            hidden_inactive = results.exclude(serving).count()
            results = results.filter(serving)
        results = list(results.order_by("first_name_sort", "last_name_sort")[:SEARCH_LIMIT])
    mentor_rows = list(
        mentors.active()
        .select_related("agency", "province")
        .annotate(
            group_size=Count("volunteers", filter=Q(volunteers__status=Volunteer.Status.ACTIVE)),
            registered=Exists(taken.filter(mentor=OuterRef("pk"))),
        )
        .order_by("province__code", "first_name_sort", "last_name_sort")
    )
    return render(
        request,
        "trainings/register.html",
        {
            "event": event,
            "form": form,
            "results": results,
            "hidden_inactive": hidden_inactive,
            "search_limit": SEARCH_LIMIT,
            "mentors": mentor_rows,
            "unregistered_mentors": [m for m in mentor_rows if not m.registered],
            "mentor_categories": [c for c in Category.choices if c[0] in services.MENTOR_CATEGORIES],
        },
    )


def _ids(values) -> list[int]:
    # isdigit() alone lets through "²", which int() refuses; 18 digits keep the number inside PostgreSQL's bigint.
    return [int(v) for v in values if str(v).isascii() and str(v).isdigit() and len(str(v)) <= 18]


def _report_result(request, result: services.RegistrationResult):
    if result.created:
        messages.success(request, _("ลงทะเบียนแล้ว %(n)s คน") % {"n": len(result.created)})
    if result.already_registered:
        names = ", ".join(result.already_registered[:10])
        more = len(result.already_registered) - 10
        messages.info(
            request,
            _("ลงทะเบียนไว้ก่อนแล้ว (ข้าม) %(n)s คน: %(names)s")
            % {
                "n": len(result.already_registered),
                "names": f"{names} {services.and_more(more)}" if more > 0 else names,
            },
        )
    if result.not_registered:
        # Every one of them by name: the officer has to know exactly who is missing from the event.
        messages.warning(
            request,
            _("ลงทะเบียนไม่ได้ %(n)s คน เพราะรับเฉพาะผู้ที่ยังปฏิบัติหน้าที่: %(people)s")
            % {
                "n": len(result.not_registered),
                "people": ", ".join(f"{name} ({why})" for name, why in result.not_registered),
            },
        )
    if result.cut_short:
        messages.warning(
            request,
            _(
                "ลงทะเบียนแล้วแต่ไม่ได้ปฏิบัติหน้าที่ในบางวันของกิจกรรม %(n)s คน จึงบันทึกการเข้าร่วมวันนั้นไม่ได้ "
                "และจะไม่ได้รับเกียรติบัตร (ต้องเข้าร่วมครบทุกวัน): %(people)s"
            )
            % {
                "n": len(result.cut_short),
                "people": ", ".join(f"{name} ({note})" for name, note in result.cut_short),
            },
        )


def _posted_pk(request, name: str) -> int:
    """The row a form names, 0 (found nowhere: 404) for a value that is not a number."""
    return (_ids([request.POST.get(name) or ""]) or [0])[0]


@login_required
def register_group(request, pk):
    """A mentor and their whole group of volunteers in one go."""
    event = get_event_for_registering(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mentor = get_object_or_404(people_to_register(request.user, event)[1], pk=_posted_pk(request, "mentor"))
    try:
        result = services.register_mentor_group(event=event, mentor=mentor, by=request.user)
    except ValidationError as error:
        _say(request, error)
    else:
        _report_result(request, result)
    return redirect("trainings:register", pk=event.pk)


@login_required
def register_guest(request, pk):
    event = get_event_for_registering(request.user, pk)
    form = GuestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_guest(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("ลงทะเบียน %(name)s แล้ว รหัส %(code)s") % {"name": registration.name, "code": registration.code},
            )
            if "another" in request.POST:
                return redirect("trainings:register_guest", pk=event.pk)
            return redirect("trainings:registrations", pk=event.pk)
    return render(request, "trainings/guest_form.html", {"event": event, "form": form})


@login_required
def registration_cancel(request, pk):
    registration = get_editable_registration_for(request.user, pk)
    # Said before a reason is typed, by the rule the service refuses with (HQ closed a national event meanwhile).
    closed = services.registration_closed(registration.event, request.user, cancelling=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.cancel_registration(registration=registration, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("ยกเลิกการลงทะเบียนของ %(name)s แล้ว") % {"name": registration.display_name})
            return redirect("trainings:registrations", pk=registration.event_id)
    return render(
        request, "trainings/registration_cancel.html", {"registration": registration, "form": form, "closed": closed}
    )


def _qr_svg(data: str, scale: int = 4) -> str:
    # Never a Micro QR (segno's choice for a 10-character code): phone cameras and the desk's jsQR read only full QR.
    return segno.make(data, error="m", micro=False).svg_inline(scale=scale, border=2)


@login_required
def registration_slip(request, pk):
    registration = get_registration_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    # A cancelled registration's code is refused at the desk: its slip says so and carries no QR code to show there.
    cancelled = ""
    if registration.is_cancelled:
        cancelled = _("ยกเลิกการลงทะเบียนนี้แล้วเมื่อ %(at)s เหตุผล: %(reason)s รหัสนี้ใช้ลงทะเบียนหน้างานไม่ได้") % {
            "at": be_datetime(registration.cancelled_at),
            "reason": registration.cancel_reason or "-",
        }
    return render(
        request,
        "trainings/slips.html",
        {
            "event": registration.event,
            "slips": [(registration, "" if cancelled else _qr_svg(registration.code, 6))],
            "single": True,
            "cancelled": cancelled,
        },
    )


@login_required
def slips(request, pk):
    """Registration slips or badges for everyone the user may see, to print and cut."""
    event = get_event_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    registrations = selectors.registrations_of(request.user, event).active()
    return render(
        request,
        "trainings/slips.html",
        {"event": event, "slips": [(r, _qr_svg(r.code)) for r in registrations], "single": False},
    )


# Attendance ------------------------------------------------------------------------------------------


def _not_open_unless_offline_copy(request, day) -> str:
    # The copy kept on the phone for offline use is made the day before too: it carries the desk, and offline.js
    # keeps it shut until the phone's date reaches the day (the server refuses early ticks again when they arrive).
    if request.GET.get("for") == "offline":
        return ""
    return services.attendance_not_open(day)


@login_required
def checkin(request, pk, day_pk):
    """The registration desk's camera page: reads the QR code on a slip, or takes the code typed in."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        method = Attendance.Method.QR if request.POST.get("method") == "qr" else Attendance.Method.CODE
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["code"][0])
            result = services.check_in(day=day, code=form.cleaned_data["code"], method=method, by=request.user)
        except ValidationError as error:
            if _wants_json(request):
                return JsonResponse({"ok": False, "message": error.messages[0]}, status=400)
            _say(request, error)
        else:
            if _wants_json(request):
                return JsonResponse(
                    {
                        "ok": True,
                        "created": result.created,
                        "message": result.message,
                        "name": result.registration.display_name,
                        "category": result.registration.get_category_display(),
                        "present_count": day.attendances.present().count(),
                    }
                )
            (messages.success if result.created else messages.info)(request, result.message)
        return redirect("trainings:checkin", pk=event.pk, day_pk=day.pk)
    return render(
        request,
        "trainings/checkin.html",
        {
            "event": event,
            "day": day,
            "days": event.days.all(),
            "form": CodeForm(),
            "not_open": _not_open_unless_offline_copy(request, day),
            "present_count": day.attendances.present().count(),
            "registered_count": event.registrations.active().count(),
            **offline.offline_context(event, day),
        },
    )


@login_required
def tick(request, pk, day_pk):
    """The tick list for the registration desk: search as you type, one tap to mark present."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    if request.method == "POST":
        registration = get_object_or_404(event.registrations.all(), pk=_posted_pk(request, "registration"))
        try:
            if request.POST.get("action") == "undo":
                if services.undo_check_in(day=day, registration=registration, by=request.user):
                    message = _("ยกเลิกการบันทึกของ %(name)s แล้ว") % {"name": registration.display_name}
                else:
                    message = _("%(name)s ยังไม่ได้บันทึกการเข้าร่วมของวันนี้ ไม่มีอะไรต้องยกเลิก") % {
                        "name": registration.display_name
                    }
                present = False
            else:
                result = services.check_in(
                    day=day, registration=registration, method=Attendance.Method.TICK, by=request.user
                )
                present, message = True, result.message
        except ValidationError as error:
            if _wants_json(request):
                return JsonResponse({"ok": False, "message": error.messages[0]}, status=400)
            _say(request, error)
            return redirect("trainings:tick", pk=event.pk, day_pk=day.pk)
        if _wants_json(request):
            return JsonResponse(
                {"ok": True, "present": present, "message": message, "present_count": day.attendances.present().count()}
            )
        messages.success(request, message)
        return redirect("trainings:tick", pk=event.pk, day_pk=day.pk)
    present_ids = set(day.attendances.present().values_list("registration_id", flat=True))
    registrations = list(selectors.registrations_of(request.user, event).active())
    # A volunteer out of office that day has no box to tick (check_in would refuse it): their line says why instead.
    out_of_office = services.out_of_office_errors(registrations, day)
    for registration in registrations:
        registration.out_of_office = out_of_office.get(registration.pk, "")
    return render(
        request,
        "trainings/tick.html",
        {
            "event": event,
            "day": day,
            "days": event.days.all(),
            "registrations": registrations,
            "present_ids": present_ids,
            "present_count": len(present_ids),
            "not_open": _not_open_unless_offline_copy(request, day),
            **offline.offline_context(event, day),
        },
    )


@login_required
def mark_present(request, pk, day_pk):
    """After the event: mark many people present at once from the signed paper sheet."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    registrations = selectors.registrations_of(request.user, event).active()
    if request.method == "POST":
        ids = _ids(request.POST.getlist("registration"))
        chosen = list(registrations.filter(pk__in=ids))
        try:
            if not ids:
                raise ValidationError(_("ยังไม่ได้เลือกผู้เข้าร่วม"))
            if len(chosen) != len(set(ids)):
                raise ValidationError(_("มีรายชื่อที่เลือกไม่อยู่ในกิจกรรมนี้ จึงยังไม่ได้บันทึก"))
            added = services.mark_present_bulk(day=day, registrations=chosen, by=request.user)
        except ValidationError as error:
            _say(request, error)
            return redirect("trainings:mark_present", pk=event.pk, day_pk=day.pk)
        messages.success(
            request,
            _("บันทึกการเข้าร่วมวันที่ %(date)s เพิ่ม %(n)s คน") % {"date": be_date(day.date), "n": added},
        )
        return redirect("trainings:detail", pk=event.pk)
    present_ids = set(day.attendances.present().values_list("registration_id", flat=True))
    return render(
        request,
        "trainings/mark_present.html",
        {
            "event": event,
            "day": day,
            "registrations": registrations,
            "present_ids": present_ids,
            "not_open": services.attendance_not_open(day),
        },
    )


def _sheet_of(request, pk, day_pk) -> dict:
    """What a day's sign-in sheet lists, for the page and its PDF alike."""
    event = get_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    registrations = selectors.registrations_of(request.user, event).active()
    category = request.GET.get("category", "")
    if category in Category.values:
        registrations = registrations.filter(category=category)
    else:
        category = ""
    registrations = list(registrations)  # the sheet lists every one of them anyway
    day_pks = list(event.days.values_list("pk", flat=True))
    blank = request.GET.get("blank", "5")
    blank_rows = min(int(blank), 50) if blank.isascii() and blank.isdigit() else 5
    return {
        "event": event,
        "day": day,
        "day_number": day_pks.index(day.pk) + 1,
        "day_total": len(day_pks),
        "registrations": registrations,
        "blank_count": blank_rows,
        "category": category,
    }


@login_required
def sign_in_sheet(request, pk, day_pk):
    """The A4 sign-in sheet (ใบลงทะเบียน) of one day, on screen; printed from its PDF (sign_in_sheet_pdf)."""
    sheet = _sheet_of(request, pk, day_pk)
    if refused := _read_only(request):
        return refused
    return render(
        request,
        "trainings/sign_in_sheet.html",
        {
            **sheet,
            "blank_rows": range(sheet["blank_count"]),
            "start_blank": len(sheet["registrations"]) + 1,
            "categories": Category.choices,
            "pdf_query": request.GET.urlencode(),
        },
    )


@login_required
def sign_in_sheet_pdf(request, pk, day_pk):
    """The sign-in sheet as an A4 PDF, its title and "หน้า n / m" on every page."""
    sheet = _sheet_of(request, pk, day_pk)
    if refused := _read_only(request):
        return refused
    event, day = sheet["event"], sheet["day"]
    heading = sheet_pdf.heading_for(
        event,
        day,
        day_number=sheet["day_number"],
        day_total=sheet["day_total"],
        category_label=Category(sheet["category"]).label if sheet["category"] else "",
    )
    content = sheet_pdf.render_sheet(
        heading, sheet["registrations"], blank_rows=sheet["blank_count"], group_by_category=not sheet["category"]
    )
    # Opened in the browser's own viewer, to print from there.
    return _pdf_response(content, f"sign-in-sheet-{event.pk}-{day.date:%Y%m%d}.pdf", inline=True)


# Certificates ----------------------------------------------------------------------------------------


def _verify_url(request):
    return lambda r: request.build_absolute_uri(reverse("trainings:verify", args=[r.certificate_token]))


def _pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


@login_required
def certificate(request, pk):
    registration = get_registration_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    if registration.event.status == Event.Status.CANCELLED:
        messages.warning(request, _("กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตร"))
        return redirect("trainings:registrations", pk=registration.event_id)
    if not selectors.has_certificate(registration):
        messages.warning(
            request,
            _("%(name)s ยังไม่มีสิทธิ์รับเกียรติบัตร: ต้องเข้าร่วมครบทุกวันของกิจกรรม") % {"name": registration.display_name},
        )
        return redirect("trainings:registrations", pk=registration.event_id)
    content = render_certificates([registration], verify_url_for=_verify_url(request))
    return _pdf_response(content, f"certificate-{registration.code}.pdf")


def _batch_of(user, event):
    """The user's latest batch of the event's certificates; each person sees only the batches they asked for, since
    a batch holds the people of its requester's scope."""
    return CertificateBatch.objects.filter(event=event, requested_by=user).first()


def _batch_state(event, batch) -> dict:
    if event.status == Event.Status.CANCELLED:
        # An earlier batch's file is not offered either: certificates_file refuses it.
        return {
            "status": "cancelled",
            "working": False,
            "ready": False,
            "cancelled": True,
            "message": _("กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตร"),
        }
    if batch is None:
        return {"status": "none", "working": False, "ready": False}
    return {
        "status": batch.status if not batch.is_stale else CertificateBatch.Status.FAILED,
        "status_label": batch.get_status_display() if not batch.is_stale else _("ไม่เสร็จ กรุณาสั่งพิมพ์ใหม่"),
        "done": batch.done,
        "total": batch.total,
        "progress": batch.progress,
        "working": batch.is_working,
        "ready": batch.is_ready,
        "expired": batch.is_expired,
        "download_url": reverse("trainings:certificates_file", args=[event.pk]) if batch.is_ready else None,
    }


@login_required
def certificates(request, pk):
    """Every certificate of an event the user may see, in one PDF: a POST queues it for the worker, and the page
    shows its progress and then the download link (trainings.tasks.make_certificates)."""
    event = get_event_for(request.user, pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    holders = selectors.certificate_holders(selectors.registrations_of(request.user, event), event)
    if request.method == "POST":
        verify_url = request.build_absolute_uri(reverse("trainings:verify", args=["TOKEN"])).replace("TOKEN", "{token}")
        try:
            batch = services.start_certificate_batch(
                event=event, registrations=list(holders), by=request.user, verify_url=verify_url
            )
        except ValidationError as error:
            _say(request, error)
        else:
            record(
                "export",
                request=request,
                obj=event,
                province=event.host_province,
                what="certificates",
                count=batch.total,
            )
        # Answered in place, not redirected: this page only shows a file being made, and a repeated POST finds the
        # same batch instead of queueing another.
    batch = _batch_of(request.user, event)
    if batch is not None and batch.message:
        # The worker keeps why a batch failed as its Thai message id (certificate_batches): shown in the reader's.
        batch.message = _(batch.message)
    return render(
        request,
        "trainings/certificates.html",
        {
            "event": event,
            "holder_count": holders.count(),
            "batch": batch,
            "state": _batch_state(event, batch),
            "keep_hours": CertificateBatch.KEEP_HOURS,
        },
    )


@login_required
def certificates_progress(request, pk):
    """Polled by the certificates page while the worker makes the file."""
    event = get_event_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    return JsonResponse(_batch_state(event, _batch_of(request.user, event)))


@login_required
def certificates_file(request, pk):
    """The user's own ready batch of the event's certificates, while it is kept."""
    event = get_event_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    if event.status == Event.Status.CANCELLED:
        messages.warning(request, _("กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตร"))
        return redirect("trainings:detail", pk=event.pk)
    batch = _batch_of(request.user, event)
    if batch is None or not batch.is_ready:
        messages.warning(request, _("ไม่มีไฟล์เกียรติบัตรที่พร้อมดาวน์โหลด กรุณาสั่งพิมพ์ใหม่"))
        return redirect("trainings:certificates", pk=event.pk)
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-event-{event.pk}.pdf",
        content_type="application/pdf",
    )


def verify(request, token):
    """Public page behind a certificate's QR code: the name and the event, never the national ID."""
    if refused := _read_only(request):
        return refused
    registration = get_object_or_404(
        Registration.objects.across_provinces(
            "anyone may check a certificate by the token on its QR code"
        ).select_related("event__host_province", "volunteer", "mentor"),
        certificate_token=token,
    )
    return render(
        request,
        "trainings/verify.html",
        {
            "registration": registration,
            "event": registration.event,
            "valid": selectors.has_certificate(registration),
            "cancelled": registration.event.status == Event.Status.CANCELLED,
        },
    )
