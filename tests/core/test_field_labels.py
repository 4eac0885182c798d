"""Every field of the events, core, accounts, assessment, mentoring and practices models has a label that goes
through the translation catalogue (a lazy gettext string), and so does every model's name: no form, admin page
or error message shows a label Django made up from the field's name in English ("Order", "Created at")."""

import pytest
from django.apps import apps
from django.utils.functional import Promise

APPS = ("events", "core", "accounts", "assessment", "mentoring", "practices")


def _fields():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__module__.startswith("integra."):
                continue  # a model a test declares for itself
            for field in model._meta.get_fields(include_hidden=False):
                if field.auto_created and not field.concrete:
                    continue  # reverse relations are labelled by the model they come from
                if field.name == "id" or not hasattr(field, "deconstruct"):
                    continue
                yield model, field


@pytest.mark.parametrize("app_label", APPS)
def test_every_field_has_a_translated_label(app_label):
    untranslated = [f"{model.__name__}.{field.name}" for model, field in _fields()
                    if model._meta.app_label == app_label
                    and not isinstance(field.deconstruct()[3].get("verbose_name"), Promise)]
    assert not untranslated, f"fields without a translated verbose_name: {untranslated}"


@pytest.mark.parametrize("app_label", APPS)
def test_every_model_has_a_translated_name(app_label):
    untranslated = [model.__name__ for model in apps.get_app_config(app_label).get_models()
                    if model.__module__.startswith("integra.")
                    and not isinstance(model._meta.original_attrs.get("verbose_name"), Promise)]
    assert not untranslated, f"models without a translated verbose_name: {untranslated}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "bg", "it", "pt", "el"])
def test_the_password_reset_form_labels_the_address_like_the_sign_in_form(client, language):
    from django.utils import translation

    page = client.get(f"/{language}/accounts/password/reset/").content.decode()
    with translation.override(language):
        label = str(translation.gettext("E-mail address"))
    assert f">{label}" in page
    assert "Email:" not in page
