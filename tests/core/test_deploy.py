"""Production settings: refuse to start with a missing or default secret, and pass `check --deploy`."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

INTEGRA = str(Path(sys.executable).parent / "integra")
AUDIT_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _run(env_overrides: dict, *args):
    secrets_set_here = {"SECRET_KEY", "INTEGRA_FIELD_KEY", "INTEGRA_AUDIT_KEY", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in secrets_set_here}
    env.update({"DJANGO_SETTINGS_MODULE": "integra.settings.production", "ALLOWED_HOSTS": "integra.example.org"})
    env.setdefault("INTEGRA_AUDIT_KEY", AUDIT_KEY)
    env.update(env_overrides)
    return subprocess.run([INTEGRA, *args], env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_a_missing_or_default_secret_key():
    result = _run({"INTEGRA_FIELD_KEY": Fernet.generate_key().decode()}, "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    result = _run({"SECRET_KEY": "django-insecure-" + "x" * 60, "INTEGRA_FIELD_KEY": Fernet.generate_key().decode()},
                  "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_a_missing_field_key():
    result = _run({"SECRET_KEY": secrets.token_urlsafe(60)}, "check")
    assert result.returncode != 0 and "INTEGRA_FIELD_KEY" in result.stderr


def test_production_refuses_a_missing_or_malformed_audit_key():
    base = {"SECRET_KEY": secrets.token_urlsafe(60), "INTEGRA_FIELD_KEY": Fernet.generate_key().decode()}
    for bad in ("", "too-short", base64.urlsafe_b64encode(b"x" * 31).decode()):
        result = _run({**base, "INTEGRA_AUDIT_KEY": bad}, "check")
        assert result.returncode != 0 and "INTEGRA_AUDIT_KEY" in result.stderr, bad


def test_check_deploy_is_clean():
    result = _run({"SECRET_KEY": secrets.token_urlsafe(60), "INTEGRA_FIELD_KEY": Fernet.generate_key().decode()},
                  "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
