"""Pages of the outstanding volunteers: nominations by the provinces, HQ's selection, certificates and the list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook

from accounts.scope import can_write_in, is_national, require_national
from awards import selectors, services
from awards.access import get_editable_nomination_for, get_nomination_for
from awards.certificates import render_award_certificate
from awards.forms import NominationFilterForm, NominationForm, ReviewForm, fiscal_year_choices
from awards.models import Nomination
from core.audit import record
from core.forms import add_service_errors
from core.provinces import province_to_write_in, requested_province
from core.templatetags.thai import year_shown
from core.thai import current_fiscal_year
from provinces.models import Province
from reports import exports
from reports.fiscal_years import refused_download
from volunteers.access import get_editable_volunteer_for
from volunteers.models import Volunteer


def _read_only(request):
    """Pages that only show things answer 405 to other methods, after access has been checked."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return None


def _say(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


# Nominations -----------------------------------------------------------------------------------------


def _filters(request, *, warn=True, **options) -> NominationFilterForm:
    """The page's filters; a page (not a download, which has no page to say it on) says when the year asked for
    cannot be shown."""
    filters = NominationFilterForm(request.GET or None, user=request.user, **options)
    if warn and (message := filters.unusable_year):
        messages.warning(request, message)
    return filters


@login_required
def nomination_list(request):
    """The province's nominations of a fiscal year, to nominate and withdraw; HQ goes to its review page."""
    if is_national(request.user):
        query = request.GET.urlencode()
        return redirect(reverse("awards:review") + (f"?{query}" if query else ""))
    if refused := _read_only(request):
        return refused
    filters = _filters(request)
    rows = filters.filter(Nomination.objects.visible_to(request.user).for_list())
    fiscal_year = filters.fiscal_year
    province = requested_province(request.user)
    return render(
        request,
        "awards/nomination_list.html",
        {
            "filters": filters,
            "nominations": rows.order_by("province__code", "volunteer__first_name_sort"),
            "fiscal_year": fiscal_year,
            "province": province,
            "can_nominate": province is not None
            and can_write_in(request.user, province.pk)
            and fiscal_year == current_fiscal_year(),
            "can_write": province is not None and can_write_in(request.user, province.pk),
        },
    )


def _candidates(user, province, fiscal_year):
    """The province's serving volunteers not yet nominated this fiscal year."""
    nominated = (
        Nomination.objects.across_provinces("a volunteer already nominated is no candidate, whoever nominated")
        .current()
        .of_year(fiscal_year)
        .values("volunteer_id")
    )
    return (
        Volunteer.objects.editable_by(user)
        .in_province(province.pk)
        .serving()
        .exclude(pk__in=nominated)
        .select_related("subdistrict")
    )


@login_required
def nominate(request):
    """An officer puts a serving volunteer of the province forward for the current fiscal year, with a citation.
    Reached from the volunteer page (?volunteer=) or from the nominations page (a list of candidates)."""
    province = province_to_write_in(request)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    fiscal_year = current_fiscal_year()
    chosen = request.POST.get("volunteer") or request.GET.get("volunteer")
    volunteer = None
    if chosen:
        if not (chosen.isascii() and chosen.isdigit()):
            raise Http404
        # 404 for another province's volunteer, 403 for one the user may only read.
        volunteer = get_editable_volunteer_for(request.user, int(chosen))
        province = volunteer.province
    candidates = (
        list(_candidates(request.user, province, fiscal_year).order_by("first_name_sort", "last_name_sort"))
        if province
        else []
    )
    form = NominationForm(request.POST or None, candidates=candidates, chosen=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nominate(
                volunteer=volunteer,
                fiscal_year=fiscal_year,
                citation=form.cleaned_data["citation"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("เสนอชื่อ %(name)s เป็นอาสาสมัครแรงงานดีเด่น ปีงบประมาณ %(year)s แล้ว รอส่วนกลางพิจารณา")
                % {"name": nomination.volunteer.full_name, "year": year_shown(fiscal_year)},
            )
            return redirect(reverse("awards:list") + f"?fy={fiscal_year}")
    cannot_nominate = None
    if request.method == "GET" and volunteer is not None:
        # Said at once, before the officer writes a citation for someone who cannot be nominated (an unsent form
        # takes no field errors).
        cannot_nominate = services.nomination_errors(volunteer=volunteer, fiscal_year=fiscal_year, citation="-").get(
            "volunteer"
        )
    return render(
        request,
        "awards/nominate.html",
        {
            "form": form,
            "volunteer": volunteer,
            "cannot_nominate": cannot_nominate,
            "province": province,
            "fiscal_year": fiscal_year,
            # An administrator names the province first.
            "provinces": Province.objects.in_reading_order() if province is None else None,
        },
    )


@login_required
def withdraw(request, pk):
    """The province takes back a nomination HQ has not decided on yet."""
    nomination = get_editable_nomination_for(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.withdraw(nomination=nomination, by=request.user)
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(
            request,
            _("ถอนการเสนอชื่อ %(name)s ปีงบประมาณ %(year)s แล้ว")
            % {"name": nomination.volunteer.full_name, "year": year_shown(nomination.fiscal_year)},
        )
    return redirect(reverse("awards:list") + f"?fy={nomination.fiscal_year}")


# HQ's review -----------------------------------------------------------------------------------------


@login_required
def review(request):
    """Every nomination of a fiscal year, by region, province and status; HQ officers and administrators select or
    decline the ticked ones with a note. HQ analysts read it."""
    require_national(request.user)
    reviewer = services.may_review(request.user)
    if not reviewer and (refused := _read_only(request)):
        return refused
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    filters = _filters(request)
    rows = filters.filter(Nomination.objects.visible_to(request.user).for_list()).order_by(
        "province__region__sort_order", *Province.objects.reading_order("province__"), "volunteer__first_name_sort"
    )
    reviewable = [n.pk for n in rows if n.status != Nomination.Status.WITHDRAWN]
    form = ReviewForm(request.POST or None, choices=reviewable) if reviewer else None
    if request.method == "POST" and form is not None and form.is_valid():
        ticked = set(form.cleaned_data["nominations"])
        chosen = [n for n in rows if n.pk in ticked]
        try:
            count = services.review(
                nominations=chosen,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("บันทึกผล “%(decision)s” %(count)s รายการแล้ว")
                % {"decision": Nomination.Status(form.cleaned_data["decision"]).label, "count": count},
            )
            return redirect(request.get_full_path())
    return render(
        request,
        "awards/review.html",
        {
            "filters": filters,
            "nominations": rows,
            "fiscal_year": filters.fiscal_year,
            "form": form,
            "counts": [(s.label, sum(1 for n in rows if n.status == s)) for s in Nomination.Status],
        },
    )


# Certificates and the list of the year's outstanding volunteers ---------------------------------------


@login_required
def certificate(request, pk):
    """The award certificate of a selected volunteer, for whoever may see the nomination."""
    nomination = get_nomination_for(request.user, pk)
    if refused := _read_only(request):
        return refused
    if not nomination.is_selected:
        messages.warning(
            request,
            _("%(name)s ยังไม่มีเกียรติบัตร: ออกให้เฉพาะผู้ที่ส่วนกลางคัดเลือกแล้ว (สถานะขณะนี้ “%(status)s”)")
            % {"name": nomination.volunteer.full_name, "status": nomination.get_status_display()},
        )
        return redirect(reverse("awards:list") + f"?fy={nomination.fiscal_year}")
    verify_url = request.build_absolute_uri(reverse("awards:verify", args=[nomination.verification_code]))
    content = render_award_certificate(nomination, verify_url=verify_url)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="award-{nomination.fiscal_year}-{nomination.pk}.pdf"'
    return response


def verify(request, code):
    """Public page behind an award certificate's QR code: the name, province and year, never the national ID."""
    if refused := _read_only(request):
        return refused
    nomination = get_object_or_404(
        Nomination.objects.across_provinces(
            "anyone may check an award certificate by the code on its QR code"
        ).select_related("volunteer", "province"),
        verification_code=code,
    )
    return render(request, "awards/verify.html", {"nomination": nomination, "valid": nomination.is_selected})


def _outstanding(request, *, warn=True):
    filters = _filters(request, warn=warn, statuses=False)
    rows = selectors.outstanding_of(filters.filter(Nomination.objects.visible_to(request.user)))
    return filters, rows


@login_required
def outstanding(request):
    """The fiscal year's outstanding volunteers by region: all of them for HQ, the province's for its staff."""
    if refused := _read_only(request):
        return refused
    filters, rows = _outstanding(request)
    return render(
        request,
        "awards/outstanding.html",
        {
            "filters": filters,
            "fiscal_year": filters.fiscal_year,
            "regions": selectors.by_region(rows),
            "total": len(rows),
            "query": request.GET.urlencode(),
        },
    )


XLSX_COLUMNS = [
    (gettext_lazy("ภาค"), "region"),
    (gettext_lazy("จังหวัด"), "province"),
    (gettext_lazy("ชื่อ-นามสกุล"), "name"),
    (gettext_lazy("อำเภอ/เขต"), "district"),
    (gettext_lazy("ตำบล/แขวง"), "subdistrict"),
    (gettext_lazy("ผลงานโดยสังเขป"), "citation"),
    (gettext_lazy("วันที่คัดเลือก"), "selected_on"),
]


@login_required
def outstanding_xlsx(request):
    if refused := _read_only(request):
        return refused
    # A year not offered makes no file (another year's list under a name few read): back to the list, which says so.
    offered = [year for year, _label in fiscal_year_choices(request.user)]
    if refused := refused_download(request, reverse("awards:outstanding"), offered):
        return refused
    # In the page's language, as the page: headings, titles, the regions' and provinces' names, the dates.
    return _outstanding_workbook(request)


def _outstanding_workbook(request):
    filters, rows = _outstanding(request, warn=False)
    fiscal_year = filters.fiscal_year
    workbook = Workbook()
    exports.add_sheet(
        workbook,
        _("ดีเด่น %(fiscal_year)s") % {"fiscal_year": year_shown(fiscal_year)},
        ngettext(
            "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. %(fiscal_year)s (%(count)s คน)",
            "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. %(fiscal_year)s (%(count)s คน)",
            len(rows),
        )
        % {"fiscal_year": year_shown(fiscal_year), "count": f"{len(rows):,}"},
        XLSX_COLUMNS,
        [selectors.outstanding_row(n) for n in rows],
    )
    record("export", request=request, what="outstanding_volunteers", fiscal_year=fiscal_year, count=len(rows))
    # Named in the page's language too, as its sheets are: an English reader gets no Thai file name.
    filename = _("อสร-ดีเด่น-%(fiscal_year)s.xlsx") % {"fiscal_year": year_shown(fiscal_year)}
    return exports.respond(workbook, filename, f"outstanding-volunteers-{year_shown(fiscal_year)}.xlsx")
