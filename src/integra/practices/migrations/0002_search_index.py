"""The full-text index: an FTS5 table on SQLite, a GIN index on the folded document on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS practices_search_fts USING fts5(document, "
                           "tokenize = 'unicode61 remove_diacritics 2')")
        elif vendor == "postgresql":
            cursor.execute("CREATE INDEX IF NOT EXISTS practices_search_gin ON practices_searchentry "
                           "USING gin (to_tsvector('simple', document))")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS practices_search_fts")
        elif vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS practices_search_gin")


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
