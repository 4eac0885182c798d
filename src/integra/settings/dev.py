"""Development: `make run`. SQLite under var/, console e-mail, keys generated once into var/."""

import base64
import os
import secrets

from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret(filename: str, make) -> str:
    """A per-checkout secret kept out of the repository, created on first use."""
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret("secret.key", lambda: secrets.token_urlsafe(50))
INTEGRA_FIELD_KEYS = [k for k in os.environ.get("INTEGRA_FIELD_KEY", "").split(",") if k] or [
    _local_secret("field.key", lambda: Fernet.generate_key().decode())
]
INTEGRA_AUDIT_KEY = os.environ.get("INTEGRA_AUDIT_KEY") or _local_secret(
    "audit.key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # passkeys on http://127.0.0.1 during development
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_USE_FINDERS = True
(VAR_DIR / "static").mkdir(exist_ok=True)
# The product's own 404 page for missing and forbidden pages, as in production (Django's debug page, listing
# every URL pattern, only with INTEGRA_TECHNICAL_404=1); real errors keep the debug page.
if DEBUG and not env_bool("INTEGRA_TECHNICAL_404", False):
    MIDDLEWARE = [*MIDDLEWARE, "integra.core.middleware.ProductNotFoundPageMiddleware"]  # noqa: F405
