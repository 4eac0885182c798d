# Notification bodies encrypted at rest (0005 encrypts those already stored).

from django.db import migrations

import integra.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_field_key_check'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='body',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
    ]
