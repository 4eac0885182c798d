"""Every field of the cooperation models has a label in the reader's language, and the pages show it so."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from tests.conftest import signed_in

LANGUAGE_SUFFIX = re.compile("_({})$".format("|".join(code.replace("-", "_") for code, _name in settings.LANGUAGES)))


def _own_fields():
    for model in apps.get_app_config("cooperation").get_models():
        for field in model._meta.get_fields():
            if not field.concrete or field.auto_created:
                continue
            if LANGUAGE_SUFFIX.search(field.name):  # modeltranslation's per-language copy of a translated field
                continue
            yield model, field


def test_every_cooperation_field_has_a_translated_label():
    fields = list(_own_fields())
    assert len(fields) > 100
    untranslated = [f"{model.__name__}.{field.name}" for model, field in fields
                    if not isinstance(field.verbose_name, Promise)]
    assert untranslated == []
    plain_help = [f"{model.__name__}.{field.name}" for model, field in fields
                  if field.help_text and not isinstance(field.help_text, Promise)]
    assert plain_help == []


def test_a_label_reads_in_the_language_chosen():
    from integra.cooperation.models import Referral, TransitionRecord

    with translation.override("fr"):
        assert str(TransitionRecord._meta.get_field("establishment").verbose_name) == "établissement"
        assert str(Referral._meta.get_field("record").verbose_name) == "dossier de transition"


@pytest.mark.django_db
def test_the_record_form_shows_its_labels_in_french(record, prison_cm):
    with translation.override("fr"):
        url = reverse("cooperation:record_edit", args=[record.pk])
    assert url.startswith("/fr/")
    page = signed_in(prison_cm).get(url).content.decode()
    # Labels of the model fields the form edits, in French, and not in English.
    assert "Établissement" in page and "Situation pénale" in page
    assert "Sentence / supervision status" not in page and ">Establishment<" not in page


@pytest.mark.django_db
def test_the_sharing_page_names_sections_not_codes(record, consent, prison_cm):
    page = signed_in(prison_cm).get(reverse("cooperation:sharing", args=[record.pk])).content.decode()
    assert "Assessment, Case work, Practical support" in page
    assert "assessment, casework, practical" not in page
