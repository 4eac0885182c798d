# The reflections, comments and notes already stored, encrypted (after the schema change, in a migration of
# their own: PostgreSQL refuses to alter a table it has pending updates on, as when this is reversed).

from django.db import migrations

from integra.core.fields import encrypt_existing_values


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0005_encrypt_reflections'),
    ]

    operations = [
        migrations.RunPython(*encrypt_existing_values('learning.Reflection', 'text')),
        migrations.RunPython(*encrypt_existing_values('learning.LessonFeedback', 'comment')),
        migrations.RunPython(*encrypt_existing_values('learning.CourseEvaluation', 'comment')),
        migrations.RunPython(*encrypt_existing_values('learning.TrainerObservation', 'notes')),
    ]
