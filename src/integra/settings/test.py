"""Tests: SQLite in memory by default, PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
# Two keys: the first encrypts, the second proves rotation (old ciphertext still decrypts).
INTEGRA_FIELD_KEYS = [
    "p9oWc0KnXmr3OwUEkqk0R1V6Wn6sD0tQqXH1c5i2X7I=",
    "y8mR8g9cAqj5kq5Y0H7xg3b1cQm1N8rT6sVbJwZrD2o=",
]
INTEGRA_AUDIT_KEY = "dGVzdC1vbmx5LWF1ZGl0LWtleS0zMi1ieXRlcy1vayE"  # 32 bytes, throw-away
AUDIT_CHECKPOINT_DIR = tempfile.mkdtemp(prefix="integra-test-audit-")
AUDIT_SEAL_SETTLE_SECONDS = 0
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000/min", "user": "10000/min"}}  # noqa: F405
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="integra-test-media-"))
STORAGES["private"] = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                       "OPTIONS": {"location": Path(tempfile.mkdtemp(prefix="integra-test-private-"))}}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
