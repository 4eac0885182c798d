"""The field-key check value (integra.E001), in process: written at migrate, refused with a key that does not
decrypt it, accepted during and after a rotation (`integra keys rotate` re-encrypts it like the rest)."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from integra.core import fields
from integra.core.checks import (
    MALFORMED_FIELD_KEY,
    WRONG_FIELD_KEY,
    field_key_decrypts_the_check_value,
    refuse_a_wrong_field_key,
)
from integra.core.fields import encrypted_fields
from integra.core.models import FieldKeyCheck

pytestmark = pytest.mark.django_db


def _errors():
    return [e.id for e in field_key_decrypts_the_check_value()]


def test_migrate_stored_a_check_value_under_the_field_key():
    check = FieldKeyCheck.objects.get()
    assert check.value == FieldKeyCheck.PLAINTEXT and not _errors()


def test_a_key_that_decrypts_no_check_value_is_refused_until_the_old_key_is_given(settings):
    old_keys = list(settings.INTEGRA_FIELD_KEYS)
    new = Fernet.generate_key().decode()
    settings.INTEGRA_FIELD_KEYS = [new]
    assert _errors() == [WRONG_FIELD_KEY]
    with pytest.raises(ImproperlyConfigured, match=WRONG_FIELD_KEY):
        refuse_a_wrong_field_key()
    settings.INTEGRA_FIELD_KEYS = [new, *old_keys]  # rotation under way
    assert not _errors()
    assert (FieldKeyCheck, "value") in set(encrypted_fields())  # `integra keys rotate` covers it
    # Rotated alone: other test modules register models whose tables exist only inside their own tests.
    original = fields.encrypted_fields
    fields.encrypted_fields = lambda: iter([(FieldKeyCheck, "value")])
    try:
        call_command("keys", "rotate", stdout=io.StringIO())
    finally:
        fields.encrypted_fields = original
    settings.INTEGRA_FIELD_KEYS = [new]  # the old keys retired after the rotation
    assert not _errors() and FieldKeyCheck.objects.get().value == FieldKeyCheck.PLAINTEXT


def test_no_check_value_yet_is_no_refusal(settings):
    FieldKeyCheck.objects.all().delete()
    settings.INTEGRA_FIELD_KEYS = [Fernet.generate_key().decode()]
    assert not _errors()


def test_a_malformed_key_is_its_own_error(settings):
    settings.INTEGRA_FIELD_KEYS = ["not-a-key"]
    assert _errors() == [MALFORMED_FIELD_KEY]
