"""The benchmark dataset, seeded app by app, and the people and endpoints the benchmark measures.

Each app of the platform has a module here that seeds its records and declares what it adds to the benchmark:

    seed(scale) -> bool          its seed functions in dependency order (common.run_steps): whether any created rows
    dataset_summary() -> dict    its row counts, shown with the results
    PERSONAS                     who its endpoints are called as: a name → a function finding that person
    PATH_VALUES                  the {placeholders} of its endpoints' paths, known only once the data is seeded
    ENDPOINTS                    what is measured, one line per endpoint: page(name, path, persona) signs in with
                                 a session cookie, api(name, path, persona) sends a read-only personal access
                                 token, public(name, path) is anonymous (bench/endpoints.py)

A new app writes its module the same way, adds its sizes to common.Scale, and is added to APPS after the apps
whose records it refers to. Its endpoints then appear in the results in that order.
"""

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ..endpoints import public
from . import assessment, cooperation, core, events, learning, mentoring, practices
from .common import FULL, QUICK, Scale

__all__ = ["APPS", "ENDPOINTS", "FULL", "PATH_VALUES", "PERSONAS", "QUICK", "Scale", "analyse_if_postgres",
           "dataset_summary", "prepare_database", "seed"]

APPS = (core, cooperation, learning, events, assessment, mentoring, practices)


def _merged(declaration: str) -> dict:
    """The apps' PERSONAS or PATH_VALUES in one mapping; an app reusing another's name is refused rather than
    silently measuring someone else."""
    merged = {}
    for app in APPS:
        for name, value in getattr(app, declaration).items():
            if name in merged:
                raise RuntimeError(f"{app.__name__}.{declaration} redefines {name!r}, already declared by another app.")
            merged[name] = value
    return merged


PERSONAS = _merged("PERSONAS")
PATH_VALUES = _merged("PATH_VALUES")

# The bare view (bench/urls.py: gunicorn and the middleware, no database) first, the floor every endpoint is
# compared with in the same run; the health check last.
ENDPOINTS = [
    public("bare view (baseline)", "/bench/bare/"),
    *(endpoint for app in APPS for endpoint in app.ENDPOINTS),
    public("healthz", "/healthz"),
]


def seed(scale: Scale) -> bool:
    """Seed every app in order; return whether anything was created."""
    created = False
    for app in APPS:
        created |= app.seed(scale)
    if created:
        _refresh_planner_statistics()
    return created


def dataset_summary() -> dict[str, int]:
    return {name: count for app in APPS for name, count in app.dataset_summary().items()}


# --- the database -------------------------------------------------------------------------------------------


def prepare_database() -> None:
    """Create the PostgreSQL database when it is missing, then bring the schema up to date."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        _create_postgres_database(database)
    call_command("migrate", interactive=False, verbosity=0)


def _create_postgres_database(database: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", user=database.get("USER") or None,
                         password=database.get("PASSWORD") or None, host=database.get("HOST") or None,
                         port=database.get("PORT") or None, autocommit=True, connect_timeout=5) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
            print(f"  created PostgreSQL database {database['NAME']}")


def analyse_if_postgres() -> None:
    """After a bulk load PostgreSQL's autovacuum soon refreshes the planner's statistics; do it now so the
    first measurements do not see an empty-table plan. (SQLite is left as Django leaves it: no ANALYZE.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _refresh_planner_statistics() -> None:
    """What a deployment's autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) does after bulk loads: without
    statistics the query planner picks the wrong index for the audit trail's filters."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
