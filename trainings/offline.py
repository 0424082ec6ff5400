"""Check-in without signal (issue 17): what the tick list and QR check-in pages need to keep working offline.

The page keeps the day's list in IndexedDB and its own files in a cache of a service worker scoped to that day's
pages; every tap offline is queued with a client-made UUID and sent here later, in one batch. Each item is written
through trainings.services (check_in / undo_check_in), the only place attendance is recorded, and remembered under
its UUID in api.CheckInKey (the API's idempotent check-in keeps its keys there too): a repeat answers as the first
time and writes nothing. Items are applied one by one, each in its own savepoint, so a refused item leaves the rest
applied and nothing half-written."""

import datetime as dt
import json
import uuid as uuidlib
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from api.models import CheckInKey
from trainings import services
from trainings.access import get_day_of, get_managed_event_for
from trainings.models import Attendance, EventDay

# The phone keeps the list this long after the event's last day; then the page wipes it (personal data should not
# stay on a phone).
KEEP_DAYS_AFTER_EVENT = 7
MAX_ITEMS = 2000
# The page sends a long queue (a desk offline all day at a large event) in parts of this many taps: each answered in
# a few seconds, well inside the server's timeout, and never past MAX_ITEMS.
SYNC_BATCH = 500
PRESENT, ABSENT = "present", "absent"
METHODS = {"tick": Attendance.Method.TICK, "qr": Attendance.Method.QR, "code": Attendance.Method.CODE}

# What the two pages load, cached when the day is prepared (fonts are the ones portal.css names).
ASSETS = [
    "favicon.svg",
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/portal-icons.css",
    "css/portal.css",
    "trainings/trainings.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/portal.js",
    "trainings/tick.js",
    "trainings/checkin.js",
    "trainings/offline.js",
    "vendor/jsqr/jsQR.js",
    *[
        f"vendor/sarabun/sarabun-{script}-{w}-normal.woff2"
        for script in ("thai", "latin")
        for w in (300, 400, 500, 600, 700)
    ],
]


def _icon_fonts() -> list[str]:
    # The icon font's file name carries its version; read it from the stylesheet rather than repeat it here.
    path = finders.find("vendor/bootstrap-icons/portal-icons.css")
    if not path:
        return []
    text = Path(path).read_text(encoding="utf-8")
    names = []
    for part in text.split("url(")[1:]:
        name = part.split(")")[0].strip("\"'").split("?")[0].split("#")[0]
        if name and not name.startswith("data:"):
            names.append(f"vendor/bootstrap-icons/{name.removeprefix('./')}")
    return list(dict.fromkeys(names))


def day_scope(event_pk: int, day_pk: int) -> str:
    """The service worker's scope: this day's pages and nothing else of the portal."""
    return reverse("trainings:tick", args=[event_pk, day_pk]).removesuffix("tick/")


def offline_context(event, day) -> dict:
    """What the tick and check-in pages hand to offline.js, as data-* attributes."""
    return {
        "offline_list_url": reverse("trainings:offline_list", args=[event.pk, day.pk]),
        "offline_sync_url": reverse("trainings:offline_sync", args=[event.pk, day.pk]),
        "offline_worker_url": reverse("trainings:offline_worker", args=[event.pk, day.pk]),
        "offline_manifest_url": reverse("trainings:offline_manifest", args=[event.pk, day.pk]),
        "offline_scope": day_scope(event.pk, day.pk),
        "offline_sync_batch": SYNC_BATCH,
    }


def _person(registration, present_ids, day, out_of_office) -> dict:
    # Only what the pages show: no national ID, phone or address leaves the server for the phone.
    return {
        "id": registration.pk,
        "name": registration.display_name,
        "province": registration.home_province.name_th,
        "category": registration.get_category_display(),
        "code": registration.code,
        "present": registration.pk in present_ids,
        # {date: why} for each day of the copy the person may not be marked present (the server's own words, in the
        # page's language): the phone refuses their check-in there and then instead of queueing a tap the sync would
        # refuse. The server still asks at sync, as the copy may be older than a change of status or term.
        "out_of_office": {day.date.isoformat(): out_of_office[registration.pk]}
        if registration.pk in out_of_office
        else {},
    }


@never_cache
@login_required
def day_list(request, pk, day_pk):
    """The day's participants and the files of its pages, for "prepare for offline"."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    present_ids = set(day.attendances.present().values_list("registration_id", flat=True))
    registrations = list(
        event.registrations.active()
        .select_related("home_province", "volunteer", "mentor")
        .order_by("registered_at", "pk")
    )
    # The copy covers its own day; the registry is read once for everyone on the list.
    out_of_office = services.out_of_office_errors(registrations, day)
    pages = [reverse("trainings:tick", args=[event.pk, day.pk]), reverse("trainings:checkin", args=[event.pk, day.pk])]
    return JsonResponse(
        {
            "event": {"id": event.pk, "title": event.title, "end_date": event.end_date.isoformat()},
            "day": {"id": day.pk, "date": day.date.isoformat(), "not_open": services.attendance_not_open(day)},
            "prepared_at": timezone.now().isoformat(),
            "wipe_after": (event.end_date + dt.timedelta(days=KEEP_DAYS_AFTER_EVENT)).isoformat(),
            "people": [_person(r, present_ids, day, out_of_office) for r in registrations],
            "pages": pages,
            "assets": [static(name) for name in ASSETS + _icon_fonts()],
        }
    )


@login_required
def worker(request, pk, day_pk):
    """The service worker script, served from the day's own path so that its scope can be no wider than that day."""
    event = get_managed_event_for(request.user, pk)
    get_day_of(event, day_pk)
    path = finders.find("trainings/offline-sw.js")
    response = HttpResponse(Path(path).read_text(encoding="utf-8"), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@login_required
def manifest(request, pk, day_pk):
    """The web app manifest of one day's check-in, so that it can be added to the home screen."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    data = {
        "name": _("เช็คอินผู้เข้าร่วม · %(title)s") % {"title": event.title},
        "short_name": _("เช็คอิน อสร."),
        "lang": "th",
        "start_url": reverse("trainings:tick", args=[event.pk, day.pk]),
        "scope": day_scope(event.pk, day.pk),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e79",
        "icons": [{"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


# The batch ---------------------------------------------------------------------------------------------------------


class Refused(Exception):
    pass


def _whole_number(value) -> int:
    """A row's id as the page sends it (a number, or its digits as text); 4231.9 or true is no id (ValueError)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise ValueError(value)


def _day_of_item(user, item, default: EventDay) -> EventDay:
    day_pk = item.get("day", default.pk)
    if day_pk == default.pk and not isinstance(day_pk, (bool, float)):
        return default
    try:
        day = EventDay.objects.select_related("event").filter(pk=_whole_number(day_pk)).first()
        if day is None:
            raise Http404
        get_managed_event_for(user, day.event_id)
    except (Http404, PermissionDenied, TypeError, ValueError):
        raise Refused(_("ไม่พบวันกิจกรรมนี้ในกิจกรรมที่ท่านดูแล จึงไม่ได้บันทึก")) from None
    return day


def _registration_of_item(day: EventDay, item):
    if item.get("registration") in (None, ""):
        return None
    try:
        pk = _whole_number(item["registration"])
    except ValueError:
        raise Refused(_("รายการนี้ไม่ได้ระบุผู้ลงทะเบียนให้ถูกต้อง")) from None
    registration = day.event.registrations.select_related("volunteer", "mentor").filter(pk=pk).first()
    if registration is None:
        raise Refused(_("ผู้ลงทะเบียนรายการนี้ไม่ใช่ผู้เข้าร่วมของกิจกรรมนี้ จึงไม่ได้บันทึก"))
    return registration


def _time_of(item) -> dt.datetime | None:
    try:
        when = parse_datetime(str(item.get("tapped_at") or ""))
    except ValueError:
        return None
    return when if when is not None and timezone.is_aware(when) else None


def _tapped_at(item, day: EventDay):
    """The tap's own time when it is believable (on the day or after it, not in the future): arrivals keep their time."""
    when = _time_of(item)
    if when is None:
        return None
    start = timezone.make_aware(dt.datetime.combine(day.date, dt.time.min))
    return when if start <= when <= timezone.now() else None


def _method_of(item) -> str:
    """How the phone recorded the tap; anything it does not send (an older page's word, a list) counts as a tick."""
    method = item.get("method")
    return (METHODS.get(method) if isinstance(method, str) else None) or Attendance.Method.TICK


def _ticked_after(day: EventDay, registration, when):
    """When the person's attendance of the day was recorded after the untick tapped at `when` (by any desk, phone or
    the API, this user's included: a check-in through another device is not in this phone's queue), that time.
    `when` is None when the phone's clock is not believable: the untick is then taken as made now, the last tap."""
    if when is None:
        return None
    return (
        Attendance.objects.filter(day=day, registration=registration, checked_in_at__gt=when)
        .values_list("checked_in_at", flat=True)
        .first()
    )


def _unticked_after(day: EventDay, registration, when) -> dt.datetime | None:
    """When a queued untick of the person's day, tapped after the tick tapped at `when`, was applied already (taps of
    two devices arrive in any order): that untick's time. None when the tick is the later tap, or when the person is
    recorded as present again meanwhile."""
    if when is None or Attendance.objects.filter(day=day, registration=registration).exists():
        return None
    later = (
        CheckInKey.objects.filter(
            day=day,
            registration=registration,
            result__action=ABSENT,
            result__undone=True,
            result__tapped_at__gt=_stamp(when),
        )
        .values_list("result__tapped_at", flat=True)
        .first()
    )
    return parse_datetime(later) if later else None


def _stamp(when: dt.datetime) -> str:
    # One fixed form (UTC, microseconds) so that the stored taps compare as text in the database.
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _repeat(key: CheckInKey, day, registration, action: str, code: str) -> dict:
    same = (
        key.day_id == day.pk
        and key.result.get("action", PRESENT) == action
        and (
            key.registration_id == registration.pk
            if registration is not None
            else key.result.get("code") == services.normalize_code(code)
        )
    )
    if not same:
        raise Refused(_("รหัสรายการ (uuid) นี้ใช้กับการบันทึกของคนอื่นหรือวันอื่นไปแล้ว จึงไม่ได้บันทึกซ้ำ"))
    return {**key.result["answer"], "repeat": True}


def _apply(user, item, default_day: EventDay) -> dict:
    try:
        key_value = uuidlib.UUID(str(item.get("uuid", "")))
    except ValueError:
        raise Refused(_("รายการนี้ไม่มีรหัสรายการ (uuid) ที่ถูกต้อง")) from None
    action = item.get("action", PRESENT)
    if action not in (PRESENT, ABSENT):
        raise Refused(_("ไม่รู้จักคำสั่ง “%(action)s”") % {"action": str(action)[:20]})
    day = _day_of_item(user, item, default_day)
    registration = _registration_of_item(day, item)
    if registration is None and (action == ABSENT or not item.get("code")):
        raise Refused(_("รายการนี้ไม่ได้ระบุผู้ลงทะเบียนหรือรหัสลงทะเบียน"))
    if key := CheckInKey.objects.filter(pk=key_value).first():
        return _repeat(key, day, registration, action, str(item.get("code") or ""))
    try:
        with transaction.atomic():
            tapped_at = _tapped_at(item, day)
            undone = False
            if action == PRESENT and (unticked := _unticked_after(day, registration, tapped_at)):
                # The last tap wins: another device's untick, tapped after this tick, arrived first.
                attendance = None
                message = _("%(name)s ถูกยกเลิกการบันทึกเมื่อ %(time)s น. หลังการแตะนี้ จึงไม่บันทึกว่ามา") % {
                    "name": registration.display_name,
                    "time": f"{timezone.localtime(unticked):%H:%M}",
                }
            elif action == PRESENT:
                result = services.check_in(
                    day=day,
                    registration=registration,
                    code=str(item.get("code") or ""),
                    method=_method_of(item),
                    by=user,
                )
                registration, attendance = result.registration, result.attendance
                if result.created and tapped_at:
                    Attendance.objects.filter(pk=attendance.pk).update(checked_in_at=tapped_at)
                message = result.message
            else:
                attendance = None
                # A clock that is off (a year behind, or a พ.ศ. year) says nothing of the untick's order: as now.
                later = _ticked_after(day, registration, tapped_at)
                if later is not None:
                    # The last tap wins: this person was ticked after this phone's untick.
                    message = _("%(name)s ถูกบันทึกว่ามาแล้วอีกครั้งเมื่อ %(time)s น. หลังการยกเลิกนี้ จึงคงการบันทึกไว้") % {
                        "name": registration.display_name,
                        "time": f"{timezone.localtime(later):%H:%M}",
                    }
                elif services.undo_check_in(day=day, registration=registration, by=user):
                    undone = True
                    message = _("ยกเลิกการบันทึกของ %(name)s แล้ว") % {"name": registration.display_name}
                else:
                    undone = True  # an untick tapped after a tick still on its way must win when the tick arrives
                    message = _("%(name)s ยังไม่ได้บันทึกว่ามา จึงไม่มีอะไรต้องยกเลิก") % {"name": registration.display_name}
            answer = {
                "uuid": str(key_value),
                "ok": True,
                "action": action,
                "registration": registration.pk,
                "day": day.pk,
                "name": registration.display_name,
                "message": message,
            }
            CheckInKey.objects.create(
                key=key_value,
                user=user,
                attendance=attendance,
                day=day,
                registration=registration,
                result={
                    "answer": answer,
                    "code": registration.code,
                    "action": action,
                    "undone": undone,
                    "tapped_at": _stamp(tapped_at or timezone.now()),
                },
            )
    except ValidationError as error:
        raise Refused(error.messages[0]) from None
    except IntegrityError:
        # The same UUID came in at the same moment from a retry: the other request wrote it.
        return _repeat(CheckInKey.objects.get(pk=key_value), day, registration, action, str(item.get("code") or ""))
    return answer


def _order_of(item) -> dt.datetime:
    # No usable time: after the taps that have one.
    return (_time_of(item) if isinstance(item, dict) else None) or dt.datetime.max.replace(tzinfo=dt.UTC)


def apply_queue(*, user, day: EventDay, items: list) -> list[dict]:
    """Each queued tap in the order it was made; one answer per item, refused ones with the reason in Thai."""
    order = sorted(range(len(items)), key=lambda n: _order_of(items[n]))
    answers: list[dict | None] = [None] * len(items)
    for n in order:
        item = items[n] if isinstance(items[n], dict) else {}
        try:
            answers[n] = _apply(user, item, day)
        except Refused as refused:
            answers[n] = {
                "uuid": str(item.get("uuid", ""))[:40],
                "ok": False,
                "registration": item.get("registration"),
                "message": str(refused),
            }
    return answers


@never_cache
@login_required
def sync(request, pk, day_pk):
    """The queue of a phone that was offline: JSON {"items": [...]}, answered item by item."""
    event = get_managed_event_for(request.user, pk)
    day = get_day_of(event, day_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        body = json.loads(request.body or b"{}")
        items = body["items"]
        if not isinstance(items, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, RecursionError):
        return JsonResponse({"ok": False, "message": _("ข้อมูลที่ส่งมาไม่ใช่รายการที่รอส่งของหน้าเช็คอิน")}, status=400)
    if len(items) > MAX_ITEMS:
        return JsonResponse({"ok": False, "message": _("ส่งได้ครั้งละไม่เกิน %(n)s รายการ") % {"n": MAX_ITEMS}}, status=400)
    answers = apply_queue(user=request.user, day=day, items=items)
    return JsonResponse(
        {
            "ok": True,
            "results": answers,
            "present_count": day.attendances.present().count(),
            "present": list(day.attendances.present().values_list("registration_id", flat=True)),
        }
    )
