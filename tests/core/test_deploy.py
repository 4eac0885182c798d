"""Production settings: refuse to start with a missing, default or weak secret, a field key that is not a key
or not the database's key, or no shared cache; and pass `check --deploy`."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

INTEGRA = str(Path(sys.executable).parent / "integra")
AUDIT_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
REDIS = "redis://127.0.0.1:6379/0"  # only read, never connected to, by the commands below


@pytest.fixture
def database(tmp_path):
    """A database of its own (never the developer's var/integra.sqlite3, which holds a check value of its own)."""
    return f"sqlite:///{tmp_path / 'integra.sqlite3'}"


def _run(env_overrides: dict, *args, database_url: str = ""):
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "INTEGRA_FIELD_KEY", "INTEGRA_AUDIT_KEY", "DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "integra.settings.production", "ALLOWED_HOSTS": "integra.example.org",
                "REDIS_URL": REDIS, "DATABASE_URL": database_url or "sqlite:////nonexistent/integra.sqlite3",
                "INTEGRA_AUDIT_KEY": AUDIT_KEY})
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    command = [sys.executable, "-c", args[1]] if args[0] == "python" else [INTEGRA, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)


def _good(**overrides):
    return {"SECRET_KEY": secrets.token_urlsafe(60), "INTEGRA_FIELD_KEY": Fernet.generate_key().decode(), **overrides}


def test_production_refuses_a_missing_or_default_secret_key():
    result = _run({"INTEGRA_FIELD_KEY": Fernet.generate_key().decode()}, "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    result = _run({"SECRET_KEY": "django-insecure-" + "x" * 60, "INTEGRA_FIELD_KEY": Fernet.generate_key().decode()},
                  "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("weak", ["a" * 50, "ab" * 40, "0123456789" * 6, "correct-horse" * 5, secrets.token_hex(40)])
def test_production_refuses_a_secret_key_of_low_entropy(weak):
    """Long enough, yet a handful of characters repeated: fewer than 20 distinct characters is refused."""
    result = _run(_good(SECRET_KEY=weak), "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr and "distinct" in result.stderr


def test_generated_secret_keys_are_accepted():
    from django.core.management.utils import get_random_secret_key

    for key in (secrets.token_urlsafe(60), get_random_secret_key()):
        assert _run(_good(SECRET_KEY=key), "check").returncode == 0


def test_production_refuses_a_missing_field_key():
    result = _run({"SECRET_KEY": secrets.token_urlsafe(60)}, "check")
    assert result.returncode != 0 and "INTEGRA_FIELD_KEY" in result.stderr


def test_production_refuses_a_missing_or_malformed_audit_key():
    for bad in ("", "too-short", base64.urlsafe_b64encode(b"x" * 31).decode(), f"{AUDIT_KEY},too-short", ","):
        result = _run(_good(INTEGRA_AUDIT_KEY=bad), "check")
        assert result.returncode != 0 and "INTEGRA_AUDIT_KEY" in result.stderr, bad


def test_production_accepts_a_rotated_audit_key_ring():
    retired = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    assert _run(_good(INTEGRA_AUDIT_KEY=f"{AUDIT_KEY},{retired}"), "check").returncode == 0


@pytest.mark.parametrize("keys", ["not-a-fernet-key", "x" * 44, f"{Fernet.generate_key().decode()},c2hvcnQ="])
def test_production_refuses_a_field_key_that_is_not_a_fernet_key(keys):
    result = _run(_good(INTEGRA_FIELD_KEY=keys), "check")
    assert result.returncode != 0 and "INTEGRA_FIELD_KEY" in result.stderr and "not a Fernet key" in result.stderr


def test_production_refuses_to_start_without_redis():
    """Lockouts and rate limits in each worker's memory would be per worker and forgotten at every restart."""
    result = _run(_good(REDIS_URL=None), "check")
    assert result.returncode != 0 and "REDIS_URL" in result.stderr


def test_production_refuses_a_field_key_that_does_not_decrypt_the_stored_check_value(database):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    secret_key = secrets.token_urlsafe(60)
    migrated = _run({"SECRET_KEY": secret_key, "INTEGRA_FIELD_KEY": old}, "migrate", "--no-input",
                    database_url=database)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    wrong = _run({"SECRET_KEY": secret_key, "INTEGRA_FIELD_KEY": new}, "check", "--deploy", database_url=database)
    assert wrong.returncode != 0 and "integra.E001" in wrong.stderr, wrong.stdout + wrong.stderr
    # The WSGI application (what gunicorn loads) refuses the same key before serving anything.
    served = _run({"SECRET_KEY": secret_key, "INTEGRA_FIELD_KEY": new}, "python", "import integra.wsgi",
                  database_url=database)
    assert served.returncode != 0 and "integra.E001" in served.stderr
    # The right key, alone or after a new one (rotation under way), starts.
    for keys in (old, f"{new},{old}"):
        result = _run({"SECRET_KEY": secret_key, "INTEGRA_FIELD_KEY": keys}, "check", "--deploy", "--fail-level",
                      "WARNING", database_url=database)
        assert result.returncode == 0, result.stdout + result.stderr
    assert _run({"SECRET_KEY": secret_key, "INTEGRA_FIELD_KEY": old}, "python", "import integra.wsgi",
                database_url=database).returncode == 0


def test_check_deploy_is_clean(database):
    result = _run(_good(), "check", "--deploy", "--fail-level", "WARNING", database_url=database)
    assert result.returncode == 0, result.stdout + result.stderr
