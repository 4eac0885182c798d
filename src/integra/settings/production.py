"""Production: every secret from the environment; refuses to start with a missing, default or weak one.

The rules (each refusal is an ImproperlyConfigured at import, so no command and no worker starts):
- SECRET_KEY: at least 50 characters, of which at least 20 distinct, and not a known default. 50 random
  characters from `secrets.token_urlsafe` (64 symbols) or from Django's generator (50 symbols) have 32–35
  distinct ones on average, fewer than 20 about once in ten million draws; 50 × "a", a word or a short
  pattern repeated, or a small alphabet fails. A hexadecimal key has at most 16 distinct characters and is
  refused whatever its length: generate the key with `secrets.token_urlsafe(60)`.
- INTEGRA_FIELD_KEY: one or more Fernet keys (`integra keys generate`). Whether the key is the one the database
  was encrypted with is asked of the database, at `check --deploy` and at the WSGI application's start
  (`integra.core.checks`, integra.E001).
- REDIS_URL: required. Sign-in lockouts, rate limits and sessions live in the cache; a per-process memory cache
  would give each worker its own counters (an attacker's attempts spread over the workers) and forget them all
  at every restart.
"""

import base64
import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool

SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 20


def _weak_secret_key(key: str) -> bool:
    return (len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_DISTINCT
            or key.startswith(("django-insecure", "change-me", "test-only")))


def _malformed_fernet_keys(keys: list[str]) -> list[int]:
    """The positions (from 1) of the keys that are not Fernet keys."""
    malformed = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            malformed.append(position)
    return malformed


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if _weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        f"Set SECRET_KEY to a random value of at least {SECRET_KEY_MIN_LENGTH} characters with at least "
        f"{SECRET_KEY_MIN_DISTINCT} distinct ones (python -c 'import secrets; print(secrets.token_urlsafe(60))').")
INTEGRA_FIELD_KEYS = [k.strip() for k in os.environ.get("INTEGRA_FIELD_KEY", "").split(",") if k.strip()]
if not INTEGRA_FIELD_KEYS:
    raise ImproperlyConfigured("Set INTEGRA_FIELD_KEY (generate one with `integra keys generate`).")
if malformed := _malformed_fernet_keys(INTEGRA_FIELD_KEYS):
    raise ImproperlyConfigured(
        f"INTEGRA_FIELD_KEY: key number {', '.join(map(str, malformed))} is not a Fernet key (32 bytes in "
        "URL-safe base64; generate one with `integra keys generate`).")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "Set REDIS_URL (redis://host:6379/0): sign-in lockouts and rate limits must be shared by every worker and "
        "survive a restart.")
INTEGRA_AUDIT_KEY = os.environ.get("INTEGRA_AUDIT_KEY", "")  # the current key first, then any retired ones


def _malformed_audit_keys(value: str) -> list[int]:
    malformed = []
    for number, part in enumerate(value.split(","), start=1):
        try:
            seed = base64.urlsafe_b64decode(part.strip() + "=" * (-len(part.strip()) % 4))
        except ValueError:
            seed = b""
        if len(seed) != 32:
            malformed.append(number)
    return malformed


if not INTEGRA_AUDIT_KEY.strip() or _malformed_audit_keys(INTEGRA_AUDIT_KEY):
    raise ImproperlyConfigured("Set INTEGRA_AUDIT_KEY to 32 random bytes in base64 (`integra audit keygen`); "
                               "after a rotation, the new key first and the retired ones after it, comma-separated.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
MFA_TRUST_COOKIE_SECURE = True

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage for uploads (django-storages, installed with `pip install integra[s3]`).
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (read by boto3).
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"},  # noqa: F405
                "private": {"BACKEND": "storages.backends.s3.S3Storage",
                            "OPTIONS": {"location": "private", "default_acl": "private", "querystring_auth": True}}}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True  # private files: short-lived signed links only
    AWS_QUERYSTRING_EXPIRE = 300
