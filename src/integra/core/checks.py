"""Start-up checks on the field key that need the database, so they cannot run when the settings are imported.

The settings refuse a key that is not a Fernet key; only the database can say whether a well-formed key is the
right one. `integra migrate` writes a known text encrypted with the first key (`FieldKeyCheck`); from then on
a start with keys none of which decrypts it is refused: the data written under the old key would otherwise be
unreadable, and everything written from then on would be under a key the rest of the data does not share.
Run by `integra check --deploy` (and by `make lint`) and at every start of the WSGI application
(`integra.wsgi`), since gunicorn itself runs no system check."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections

FIELD_KEYS_TAG = "field_keys"
WRONG_FIELD_KEY = "integra.E001"
MALFORMED_FIELD_KEY = "integra.E002"


def _check_values(using: str = "default") -> list[str]:
    """The stored check values, read as they are (no decryption); none when the table is not there yet."""
    from .models import FieldKeyCheck

    table, column = FieldKeyCheck._meta.db_table, FieldKeyCheck._meta.get_field("value").column
    try:
        with connections[using].cursor() as cursor:
            cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608 (names from the model, no input)
            return [row[0] for row in cursor.fetchall()]
    except DatabaseError:
        return []  # no database or not migrated yet: nothing to compare the key with


@checks.register(FIELD_KEYS_TAG, checks.Tags.security, deploy=True)
def field_key_decrypts_the_check_value(app_configs=None, **kwargs):
    from .fields import ENCRYPTED_PREFIX

    keys = list(getattr(settings, "INTEGRA_FIELD_KEYS", []))
    try:
        cipher = MultiFernet([Fernet(key.encode()) for key in keys]) if keys else None
    except ValueError:
        return [checks.Error("INTEGRA_FIELD_KEY holds a value that is not a Fernet key.",
                             hint="Generate one with `integra keys generate`.", id=MALFORMED_FIELD_KEY)]
    stored = _check_values()
    if not stored or cipher is None:
        return []
    for value in stored:
        try:
            cipher.decrypt(value.removeprefix(ENCRYPTED_PREFIX).encode())
            return []
        except InvalidToken:
            continue
    return [checks.Error(
        "None of the keys in INTEGRA_FIELD_KEY decrypts the check value stored in the database: this is not the "
        "key the data was encrypted with.",
        hint="Put the key the database was encrypted with in INTEGRA_FIELD_KEY (a new key first, the old one after "
             "it, then run `integra keys rotate`).", id=WRONG_FIELD_KEY)]


def write_field_key_check(using: str = "default", **kwargs) -> None:
    """After migrate: store the check value once, with the first key (nothing to do without a key)."""
    from .models import FieldKeyCheck

    if not getattr(settings, "INTEGRA_FIELD_KEYS", None):
        return
    if FieldKeyCheck._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the table
    checks_here = FieldKeyCheck.objects.using(using)
    if not checks_here.exists():
        checks_here.create(value=FieldKeyCheck.PLAINTEXT)


def refuse_a_wrong_field_key() -> None:
    """At the start of the WSGI application: the same check, as an exception that stops the worker."""
    errors = [e for e in checks.run_checks(tags=[FIELD_KEYS_TAG], include_deployment_checks=True) if e.is_serious()]
    if errors:
        raise ImproperlyConfigured(f"{errors[0].id}: {errors[0].msg}")
