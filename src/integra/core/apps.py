from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "integra.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import audit_display, checks, dashboard, policy, retention  # noqa: F401  (checks, policies, cards, purgers, audit words)

        post_migrate.connect(_refresh_sqlite_statistics, sender=self)
        post_migrate.connect(checks.write_field_key_check, sender=self)


def _refresh_sqlite_statistics(using="default", **kwargs) -> None:
    """SQLite keeps no planner statistics unless asked; without them the audit trail's filters pick the wrong
    index on large tables. (PostgreSQL's autovacuum does this by itself.)"""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
