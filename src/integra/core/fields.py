"""Model fields shared by every app."""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

ENCRYPTED_PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("INTEGRA_FIELD_KEY is not set: sensitive text cannot be stored or read.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("INTEGRA_FIELD_KEY holds a value that is not a Fernet key.") from exc


def field_cipher() -> MultiFernet:
    """The cipher for sensitive text. The first key encrypts; every key decrypts (rotation)."""
    return _fernet_for(tuple(settings.INTEGRA_FIELD_KEYS))


def encrypt_text(plaintext: str) -> str:
    return ENCRYPTED_PREFIX + field_cipher().encrypt(plaintext.encode()).decode()


def decrypt_text(stored: str) -> str:
    if not stored.startswith(ENCRYPTED_PREFIX):
        raise ValueError("value is not encrypted")
    try:
        return field_cipher().decrypt(stored[len(ENCRYPTED_PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Encrypted text could not be decrypted with any key in INTEGRA_FIELD_KEY "
            "(was a key removed before `integra keys rotate` ran?)."
        ) from exc


def reencrypt_text(stored: str) -> str:
    """The same plaintext under the newest key."""
    return ENCRYPTED_PREFIX + field_cipher().rotate(stored[len(ENCRYPTED_PREFIX):].encode()).decode()


class EncryptedTextField(models.TextField):
    """Free text encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256). Not searchable or sortable in SQL."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_lookup(self, lookup_name):
        # Ciphertext differs on every write, so only emptiness can be asked of the database.
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields():
    """Every (model, field name) holding encrypted text, for `integra keys rotate`."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field.name


def encrypted_files():
    """Every (model, file field) whose stored bytes are Fernet tokens under the field key: every file field on the
    private storage (sensitive uploads go there, and only encrypted). For `integra keys rotate`."""
    from django.apps import apps

    from .storage import private_storage

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is private_storage():
                yield model, field.name


def encrypt_existing_values(model_label: str, *field_names: str):
    """A RunPython pair for the migration that turns text columns into EncryptedTextField: it encrypts the clear
    values already stored (and decrypts them back when the migration is reversed). Raw SQL, because the model
    field would refuse to read a value that is not yet encrypted."""

    def rewrite(apps, schema_editor, forwards):
        model = apps.get_model(model_label)
        table, pk = model._meta.db_table, model._meta.pk.column
        quote = schema_editor.connection.ops.quote_name
        with schema_editor.connection.cursor() as cursor:
            for name in field_names:
                column = quote(model._meta.get_field(name).column)
                match = "NOT LIKE" if forwards else "LIKE"
                cursor.execute(f"SELECT {quote(pk)}, {column} FROM {quote(table)} "  # noqa: S608
                               f"WHERE {column} <> '' AND {column} {match} %s", [ENCRYPTED_PREFIX + "%"])
                for row_pk, value in cursor.fetchall():
                    cursor.execute(f"UPDATE {quote(table)} SET {column} = %s WHERE {quote(pk)} = %s",  # noqa: S608
                                   [encrypt_text(value) if forwards else decrypt_text(value), row_pk])

    def forwards(apps, schema_editor):
        rewrite(apps, schema_editor, True)

    def backwards(apps, schema_editor):
        rewrite(apps, schema_editor, False)

    return forwards, backwards
