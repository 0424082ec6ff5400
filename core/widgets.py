"""Widgets that render in Python where Django's per-option templates cost most of a busy page's time."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def option_tags(choices, selected=frozenset()):
    """The <option>s of a flat choice list, escaped, with those whose value is in `selected` marked."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value in selected else "", label)
            for value, label in (("" if v is None else str(v), label) for v, label in choices)
        ),
    )


class FastSelect(forms.Select):
    """A single <select> built directly: Django renders one template per <option>, slow for long lists."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choice_list()
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # option groups: keep Django's rendering
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        return format_html("<select{}>{}</select>", flatatt(final_attrs), option_tags(choices, selected))

    def choice_list(self) -> list:
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            # A model choice field's own iterator asks for COUNT(*) and reads through a server-side cursor (three
            # more round trips); one plain query is enough for a drop-down.
            field = choices.field
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            return empty + [choices.choice(obj) for obj in choices.queryset.all()]
        return list(choices)
