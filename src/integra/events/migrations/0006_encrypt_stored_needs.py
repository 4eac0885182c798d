# The needs and answers already stored, encrypted (after the schema change, in a migration of their own:
# PostgreSQL refuses to alter a table it has pending updates on, as when this is reversed).

from django.db import migrations

from integra.core.fields import encrypt_existing_values


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_encrypt_needs'),
    ]

    operations = [
        migrations.RunPython(*encrypt_existing_values('events.Registration', 'dietary_needs', 'accessibility_needs')),
        migrations.RunPython(*encrypt_existing_values('events.Answer', 'text')),
    ]
