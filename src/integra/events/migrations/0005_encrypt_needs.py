# Dietary and accessibility needs, open evaluation answers, and the reason for declining (new) encrypted at rest
# (0006 encrypts those already stored).

from django.db import migrations

import integra.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_slot_kind_plenary'),
    ]

    operations = [
        migrations.AddField(
            model_name='registration',
            name='decline_reason',
            field=integra.core.fields.EncryptedTextField(blank=True, verbose_name='reason for declining'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='accessibility_needs',
            field=integra.core.fields.EncryptedTextField(blank=True, max_length=300, verbose_name='accessibility needs'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='dietary_needs',
            field=integra.core.fields.EncryptedTextField(blank=True, max_length=300, verbose_name='dietary needs'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='text',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
    ]
