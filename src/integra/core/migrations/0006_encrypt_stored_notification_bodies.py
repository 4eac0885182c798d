# The notification bodies already stored, encrypted (after the schema change, in a migration of their own).

from django.db import migrations

from integra.core.fields import encrypt_existing_values


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_encrypt_notification_bodies'),
    ]

    operations = [
        migrations.RunPython(*encrypt_existing_values("core.Notification", "body")),
    ]
