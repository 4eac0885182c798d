"""Sensitive free text is encrypted at rest, with key rotation."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, models

from integra.core.fields import EncryptedTextField, decrypt_text, encrypt_text

pytestmark = pytest.mark.django_db

TEST_KEYS = ["p9oWc0KnXmr3OwUEkqk0R1V6Wn6sD0tQqXH1c5i2X7I=", "y8mR8g9cAqj5kq5Y0H7xg3b1cQm1N8rT6sVbJwZrD2o="]
NEW_KEY = "Zw9P2lT4dGc2Xo3lq2v8cS1m3nH6yC0fJ4rK7uB5aE8="


class SensitiveNote(models.Model):
    text = EncryptedTextField(blank=True)

    class Meta:
        app_label = "core"
        managed = False
        db_table = "test_sensitive_note"

    def __str__(self):
        return self.text


@pytest.fixture
def note_table():
    """A throwaway table (inside the test transaction) for a model holding an encrypted field."""
    id_column = "id SERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "id INTEGER PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE test_sensitive_note ({id_column}, text TEXT NOT NULL)")
    yield


def _stored(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM test_sensitive_note WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_stored_bytes_are_not_the_plaintext(note_table):
    secret = "Disclosed contact with a recruiter on wing B; family unaware."
    note = SensitiveNote.objects.create(text=secret)
    stored = _stored(note.pk)
    assert secret not in stored
    assert "recruiter" not in stored
    assert stored.startswith("fernet:")
    assert SensitiveNote.objects.get(pk=note.pk).text == secret


def test_same_plaintext_encrypts_differently_each_time():
    assert encrypt_text("same") != encrypt_text("same")


def test_empty_text_stays_empty(note_table):
    note = SensitiveNote.objects.create(text="")
    assert _stored(note.pk) == ""


def test_old_key_still_decrypts_after_a_new_key_is_put_first(settings):
    settings.INTEGRA_FIELD_KEYS = [TEST_KEYS[1]]
    old = encrypt_text("written under the old key")
    settings.INTEGRA_FIELD_KEYS = [NEW_KEY, TEST_KEYS[1]]
    assert decrypt_text(old) == "written under the old key"


def test_rotate_reencrypts_under_the_newest_key(note_table, settings):
    settings.INTEGRA_FIELD_KEYS = [TEST_KEYS[1]]
    note = SensitiveNote.objects.create(text="rotate me")
    settings.INTEGRA_FIELD_KEYS = [NEW_KEY, TEST_KEYS[1]]
    from integra.core import fields

    # The command looks the encrypted fields up when it runs: patching them in core.fields is enough.
    original = fields.encrypted_fields
    fields.encrypted_fields = lambda: iter([(SensitiveNote, "text")])
    try:
        call_command("keys", "rotate")
    finally:
        fields.encrypted_fields = original
    settings.INTEGRA_FIELD_KEYS = [NEW_KEY]  # the old key is gone: the value must still read
    assert SensitiveNote.objects.get(pk=note.pk).text == "rotate me"


def test_a_missing_key_is_a_clear_configuration_error(settings):
    settings.INTEGRA_FIELD_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="INTEGRA_FIELD_KEY"):
        encrypt_text("x")


def test_a_wrong_key_is_a_clear_error(settings):
    stored = encrypt_text("x")
    settings.INTEGRA_FIELD_KEYS = [NEW_KEY]
    with pytest.raises(ImproperlyConfigured, match="could not be decrypted"):
        decrypt_text(stored)
