"""FastSelect writes the HTML Django's Select writes (parsed the same), without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from integra.core.forms import AuditFilterForm
from integra.core.widgets import FastSelect

CHOICES = [("", "All"), ("a", "Alpha & <b>"), ("Group \"one\"", [("b", "Beta"), ("c", "Gamma")]), (3, "Three")]


@pytest.mark.parametrize("value", [None, "", "a", "c", 3, "missing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_x", "aria-describedby": "id_x_help", "required": True}])
def test_same_html_as_django(value, attrs):
    fast = FastSelect(choices=CHOICES).render("x", value, attrs)
    django = forms.Select(choices=CHOICES).render("x", value, attrs)
    assert parse_html(fast) == parse_html(django)
    assert fast.split(">")[0] == django.split(">")[0]  # the attributes in the same order


def test_labels_are_escaped():
    html = FastSelect(choices=[("<x>", "<script>alert(1)</script>")]).render("x", None)
    assert "<script>" not in html and "&lt;script&gt;" in html and 'value="&lt;x&gt;"' in html


def test_only_the_first_of_equal_values_is_selected():
    html = FastSelect(choices=[("a", "One"), ("a", "Two")]).render("x", "a")
    assert html.count(" selected") == 1


@pytest.mark.django_db
def test_the_audit_filters_use_it(platform_admin):
    form = AuditFilterForm({"action": "accounts.login.succeeded"}, actor=platform_admin)
    assert isinstance(form.fields["action"].widget, FastSelect)
    assert '<option value="accounts.login.succeeded" selected>' in str(form["action"])
