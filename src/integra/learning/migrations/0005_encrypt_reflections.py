# Reflections, feedback comments and observers' notes encrypted at rest (0006 encrypts those already stored).

from django.db import migrations

import integra.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0004_blueprint_codes_course_package'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reflection',
            name='text',
            field=integra.core.fields.EncryptedTextField(),
        ),
        migrations.AlterField(
            model_name='courseevaluation',
            name='comment',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='lessonfeedback',
            name='comment',
            field=integra.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='trainerobservation',
            name='notes',
            field=integra.core.fields.EncryptedTextField(blank=True, verbose_name="observer's notes"),
        ),
    ]
