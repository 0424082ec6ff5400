"""API writes of mentors, training events and registrations through the pages' own forms and services (as
api/writes.py does for volunteers): the JSON is turned into what the page's form would have received, the form checks
it with its Thai messages, and the service the page calls does the write, with its history and its access rules."""

from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.scope import is_national
from api.writes import _as_form_value, _checked
from core.provinces import requested_province
from mentors.forms import MentorForm
from mentors.models import Mentor
from mentors.services import EDITABLE_FIELDS as MENTOR_FIELDS
from provinces.models import Agency, Province
from trainings.forms import CancelForm, EventForm
from trainings.models import Category, Event
from trainings.services import EVENT_FIELDS

# ----------------------------------------------------------------------------------------- mentors


def _mentor_values(data: dict) -> dict:
    return {k: _as_form_value(v) for k, v in data.items()}


def mentor_province(user, data: dict) -> Province:
    """Officers register mentors in their own province (another province's agency is then refused by the form, as on
    the page); administrators in the province of the agency they name."""
    if not is_national(user):
        province = requested_province(user)
    else:
        agency = Agency.objects.select_related("province").filter(pk=data.get("agency")).first()
        province = agency.province if agency else None
    if province is None:
        raise serializers.ValidationError({"agency": [_("ไม่พบหน่วยงานที่เลือก")]})
    return province


def new_mentor_form(data: dict, *, province: Province) -> MentorForm:
    """The mentor registration form, filled from the API's validated data, checked."""
    return _checked(MentorForm(_mentor_values(data), province=province))


def edit_mentor_form(mentor: Mentor, data: dict, *, version: int) -> MentorForm:
    """The mentor edit form as if opened now and changed in the fields sent (the others as they are), checked."""
    current = model_to_dict(mentor, fields=MENTOR_FIELDS)
    values = _mentor_values({**current, **data})
    values["version"] = str(version)
    return _checked(MentorForm(values, instance=mentor, province=mentor.province))


# ----------------------------------------------------------------------------------------- events


def _event_values(data: dict) -> dict:
    values: dict = {}
    for name, value in data.items():
        if name == "targets":
            categories = [row["category"] for row in value]
            if repeated := sorted({c for c in categories if categories.count(c) > 1}):
                # Two rows of one category: which target is meant is anyone's guess, so neither is taken.
                raise serializers.ValidationError(
                    {
                        "targets": [
                            _("ประเภทผู้เข้าร่วม %(categories)s ส่งมาซ้ำ ส่งได้ประเภทละหนึ่งรายการ")
                            % {"categories": ", ".join(repeated)}
                        ]
                    }
                )
            for row in value:
                values[f"target_{row['category']}"] = _as_form_value(row.get("target"))
                values[f"capacity_{row['category']}"] = _as_form_value(row.get("capacity"))
        elif name == "topics":
            values[name] = [str(topic) for topic in value]
        else:
            values[name] = _as_form_value(value)
    return values


def _current_event(event: Event) -> dict:
    current = model_to_dict(event, fields=EVENT_FIELDS)
    current["targets"] = [
        {"category": t.category, "target": t.target, "capacity": t.capacity} for t in event.targets.all()
    ]
    return current


def _with_targets_sent(current: list[dict], sent: list[dict]) -> list[dict]:
    # A category not sent keeps its target; one sent replaces it (target 0 and no capacity removes it, as on the page).
    by_category = {row["category"]: row for row in current}
    by_category.update({row["category"]: row for row in sent})
    return [by_category[c] for c in Category.values if c in by_category]


def _checked_event(form: EventForm, sent: list[dict]) -> EventForm:
    """_checked, with a target's errors named by the API's field path, the place of its row among the `targets` sent
    (targets.0.capacity), not by the form's field (capacity_volunteer); a category not sent (its stored row) is
    named `targets`."""
    if form.is_valid():
        return form
    row_of = {row["category"]: index for index, row in enumerate(sent)}
    errors: dict = {}
    for name, messages in form.errors.items():
        kind, _sep, category = name.partition("_")
        if kind in ("target", "capacity") and category in Category.values:
            path = f"targets.{row_of[category]}.{kind}" if category in row_of else "targets"
        else:
            path = "non_field_errors" if name == "__all__" else name
        errors.setdefault(path, []).extend(messages)
    raise serializers.ValidationError(errors)


def event_form(user, data: dict, *, event: Event | None = None, version: int | None = None) -> EventForm:
    """The event form, new or as if opened now on `event` and changed in the fields sent, checked. Days are not sent:
    as on the page, they follow the start and end dates (trainings.services)."""
    if event is None:
        # What the new-event page fills in before anyone types (level and status by default), unless sent.
        blank = EventForm(user=user)
        values = {
            name: _as_form_value(blank.get_initial_for_field(field, name))
            for name, field in blank.fields.items()
            if name != "topics" and blank.get_initial_for_field(field, name) is not None
        }
        return _checked_event(EventForm({**values, **_event_values(data)}, user=user), data.get("targets", []))
    current = _current_event(event)
    merged = {**current, **data}
    if "targets" in data:
        merged["targets"] = _with_targets_sent(current["targets"], data["targets"])
    values = _event_values(merged)
    values["version"] = str(event.version if version is None else version)
    return _checked_event(EventForm(values, instance=event, user=user), data.get("targets", []))


def event_fields(form: EventForm, data: dict) -> dict:
    """The form's fields for the service. The level and host province are fixed by role on the page (the form
    disables them); a different value sent here is passed on, so the service's own rule refuses it in Thai (403)
    rather than the API quietly writing something else than was asked."""
    fields = form.event_fields()
    for name in ("level", "host_province"):
        if name in data and form.fields[name].disabled:
            fields[name] = data[name]
    if isinstance(fields["host_province"], int):
        province = Province.objects.filter(pk=fields["host_province"]).first()
        if province is None:
            raise serializers.ValidationError({"host_province": [_("ไม่พบจังหวัดที่เลือก")]})
        fields["host_province"] = province
    return fields


# ----------------------------------------------------------------------------------------- registrations


def cancel_form(data: dict) -> CancelForm:
    return _checked(CancelForm({k: _as_form_value(v) for k, v in data.items()}))
