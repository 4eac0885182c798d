# Reflections, feedback comments and observers' notes encrypted at rest (the clear values already stored too).

from django.db import migrations

import integra.core.fields
from integra.core.fields import encrypt_existing_values


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
        migrations.RunPython(*encrypt_existing_values('learning.Reflection', 'text')),
        migrations.RunPython(*encrypt_existing_values('learning.LessonFeedback', 'comment')),
        migrations.RunPython(*encrypt_existing_values('learning.CourseEvaluation', 'comment')),
        migrations.RunPython(*encrypt_existing_values('learning.TrainerObservation', 'notes')),
    ]
