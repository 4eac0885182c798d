"""The audit trail becomes a Merkle tree sealed by signed checkpoints: seq comes from the database's own
sequence (an append waits for no other), the chain head goes. On SQLite, changing seq rebuilds the table, which
drops its triggers: they are created again, so the trail stays append-only. On PostgreSQL the new identity
continues after the events already written."""
import importlib

from django.db import migrations, models

_triggers = importlib.import_module("integra.core.migrations.0002_audit_append_only")


def recreate_triggers_and_continue_the_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in _triggers.SQLITE_BACKWARD + _triggers.SQLITE_FORWARD:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "postgresql":
        # The new identity starts at 1 whatever the table holds: continue after the last event written.
        schema_editor.execute("SELECT setval(pg_get_serial_sequence('core_auditevent', 'seq'), "
                              "COALESCE(MAX(seq), 1), MAX(seq) IS NOT NULL) FROM core_auditevent")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_encrypt_stored_notification_bodies'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tree_size', models.BigIntegerField(unique=True)),
                ('last_seq', models.BigIntegerField()),
                ('root_hash', models.CharField(max_length=64)),
                ('frontier', models.JSONField(default=list)),
                ('signed_at', models.DateTimeField()),
                ('key_id', models.CharField(max_length=16)),
                ('signature', models.CharField(max_length=128)),
            ],
            options={
                'verbose_name': 'audit checkpoint',
                'verbose_name_plural': 'audit checkpoints',
                'ordering': ['-tree_size'],
            },
        ),
        migrations.DeleteModel(
            name='AuditChainHead',
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.RunPython(recreate_triggers_and_continue_the_sequence, migrations.RunPython.noop),
    ]
