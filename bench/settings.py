"""Settings for `make bench`: the development settings, served like production (DEBUG off), against a
separate benchmark database that is never the development one (var/integra.sqlite3).

The database comes from BENCH_DATABASE_URL (run.py sets it, also for --quick); the default is
var/bench/bench.sqlite3.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from integra.settings.dev import *  # noqa: F403
from integra.settings.dev import CONN_MAX_AGE, REST_FRAMEWORK, VAR_DIR

BENCH_DIR = VAR_DIR / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"

# The same parsing and SQLite options as integra/settings/base.py, so the numbers are those of a deployment.
DATABASES = {"default": dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def _refuse_the_development_database(database: dict) -> None:
    """Seeding writes a million rows: make sure they never land in the database a developer works with."""
    name = str(database.get("NAME") or "")
    if database["ENGINE"] == "django.db.backends.sqlite3":
        if Path(name).resolve() == (VAR_DIR / "integra.sqlite3").resolve():
            raise ImproperlyConfigured("BENCH_DATABASE_URL points at the development database var/integra.sqlite3.")
    app_url = os.environ.get("DATABASE_URL")
    if app_url:
        app = dj_database_url.parse(app_url)
        if (app["ENGINE"], app.get("HOST"), app.get("PORT"), app.get("NAME")) == (
            database["ENGINE"], database.get("HOST"), database.get("PORT"), database.get("NAME")
        ):
            raise ImproperlyConfigured("BENCH_DATABASE_URL is the application's DATABASE_URL: use a separate database.")


_refuse_the_development_database(DATABASES["default"])

# The throttle still runs on every API request, but with a limit the load never reaches: a 429 would be a
# failed request, and DRF keeps one timestamp per request in the window, so a one-second window keeps that
# history as short as a person's real use makes it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/s", "user": "100000/s"}}

# No collectstatic for a benchmark: static files are found in the apps as in development (and are not
# measured), instead of WhiteNoise warning about an empty STATIC_ROOT in every worker.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Background work is queued as in a deployment with workers (base settings), not run inside the request as in
# development: otherwise every AUDIT_SEAL_BATCH-th audited read would seal the audit tree while it is measured.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
