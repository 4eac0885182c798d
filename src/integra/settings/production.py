"""Production: every secret from the environment; refuses to start with a missing or default one."""

import base64
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("django-insecure", "change-me", "test-only")):
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")
INTEGRA_FIELD_KEYS = [k.strip() for k in os.environ.get("INTEGRA_FIELD_KEY", "").split(",") if k.strip()]
if not INTEGRA_FIELD_KEYS:
    raise ImproperlyConfigured("Set INTEGRA_FIELD_KEY (generate one with `integra keys generate`).")
INTEGRA_AUDIT_KEY = os.environ.get("INTEGRA_AUDIT_KEY", "")
try:
    _audit_seed = base64.urlsafe_b64decode(INTEGRA_AUDIT_KEY + "=" * (-len(INTEGRA_AUDIT_KEY) % 4))
except ValueError:
    _audit_seed = b""
if len(_audit_seed) != 32:
    raise ImproperlyConfigured("Set INTEGRA_AUDIT_KEY to 32 random bytes in base64 (`integra audit keygen`).")

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
