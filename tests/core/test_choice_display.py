"""get_<field>_display() through ChoiceDisplayMixin: Django's answer, in the reader's language, made once."""

import pytest
from django.db import models
from django.utils import translation

from integra.core.models import Organisation
from integra.events.models import Registration


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "el"])
def test_same_label_as_django_in_each_language(language):
    organisation = Organisation(name="X", kind="prison", country="GR")
    with translation.override(language):
        assert organisation.get_country_display() == models.Model._get_FIELD_display(
            organisation, Organisation._meta.get_field("country"))
        assert organisation.get_kind_display() == models.Model._get_FIELD_display(
            organisation, Organisation._meta.get_field("kind"))
    with translation.override("fr"):
        assert organisation.get_country_display() == "Grèce"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Organisation(country="ZZ").get_country_display() == "ZZ"
    assert Registration(country="").get_country_display() == ""


def test_labels_are_not_rebuilt_per_call(monkeypatch):
    field = Organisation._meta.get_field("country")
    Organisation(country="FR").get_country_display()
    monkeypatch.setattr(type(field), "flatchoices", property(lambda self: pytest.fail("choices rebuilt")))
    assert Organisation(country="FR").get_country_display() == "France"
