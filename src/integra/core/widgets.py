"""Cheaper widgets for the hot pages.

Django renders every <option> of a <select> through its own template (one template render per option): a filter
with hundreds of choices (the audit trail's actions and people) spends most of the page's time there. `FastSelect`
writes the same HTML in Python, escaped with format_html, so the page keeps its markup, its accessibility
attributes (id, aria-describedby, required, given by the bound field) and the strict CSP (no inline code).
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """The attributes in the order given, as Django's widget template writes them (flatatt would sort them)."""
    parts = (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value)
             for key, value in attrs.items() if value is not None and value is not False)
    return format_html_join("", "{}", ((part,) for part in parts))


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}  # in Django's order: name first
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        selected = set(self.format_value(value))
        chosen = False

        def option(option_value, label):
            nonlocal chosen
            option_value = "" if option_value is None else str(option_value)
            is_selected = option_value in selected and (self.allow_multiple_selected or not chosen)
            chosen = chosen or is_selected
            return format_html('<option value="{}"{}>{}</option>', option_value,
                               mark_safe(" selected") if is_selected else "", label)

        parts = []
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                options = format_html_join("", "{}", ((option(v, label),) for v, label in group_label))
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', group_value, options))
            else:
                parts.append(option(group_value, group_label))
        options = format_html_join("\n", "{}", ((part,) for part in parts))
        return format_html("<select{}>{}</select>", _attributes(final_attrs), options)

