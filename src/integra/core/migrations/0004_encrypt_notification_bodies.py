# Notification bodies encrypted at rest (the stored ones too).

from django.db import migrations

import integra.core.fields
from integra.core.fields import encrypt_existing_values


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_alter_membershiprole_role'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='body',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(*encrypt_existing_values("core.Notification", "body")),
    ]
