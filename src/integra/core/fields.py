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
