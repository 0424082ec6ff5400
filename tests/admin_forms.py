"""The admin's change forms as a browser posts them back, for the tests that edit rows through the admin."""

import datetime as dt

from django.utils import timezone

from core import thai


def form_as_posted(client, url) -> dict:
    """What the admin's form at `url` posts back unchanged: its fields, its inlines' management forms and rows (dates
    as typed, in พ.ศ.), and the version it was opened at (core.admin.PortalModelAdmin)."""
    context = client.get(url).context
    forms = [context["adminform"].form]
    data = {}
    if "opened_at_version" in context:  # the version the form was opened at goes back with it
        data["_opened_at_version"] = context["opened_at_version"]
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(value, dt.datetime):
                value = timezone.localtime(value)
                data[form.add_prefix(f"{name}_0")] = thai.format_date_numeric_be(value)
                data[form.add_prefix(f"{name}_1")] = f"{value:%H:%M:%S}"
                continue
            if isinstance(value, dt.date):
                value = thai.format_date_numeric_be(value)
            if isinstance(value, list):
                value = ",".join(value)
            if value not in (None, False) and not field.disabled:
                data[form.add_prefix(name)] = value
    return data
