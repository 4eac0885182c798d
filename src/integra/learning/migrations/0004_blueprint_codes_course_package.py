"""Codes for competences and learning outcomes, and a package identifier for courses (course packages refer to
the blueprint by code, and a re-imported package finds its course by identifier). Existing rows get values of
their own before the columns become unique."""

import uuid

from django.db import migrations, models

import integra.learning.models


def fill(apps, schema_editor):
    for name, prefix in (("Competence", "competence"), ("LearningOutcome", "outcome")):
        model = apps.get_model("learning", name)
        for row in model.objects.filter(code__isnull=True).only("pk"):
            model.objects.filter(pk=row.pk).update(code=f"{prefix}-{row.pk}")
    course = apps.get_model("learning", "Course")
    for row in course.objects.filter(package__isnull=True).only("pk"):
        course.objects.filter(pk=row.pk).update(package=str(uuid.uuid4()))


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0003_organisationlearningsettings"),
    ]

    operations = [
        migrations.AddField(model_name="competence", name="code", field=models.CharField(max_length=40, null=True)),
        migrations.AddField(model_name="learningoutcome", name="code",
                            field=models.CharField(max_length=40, null=True)),
        migrations.AddField(model_name="course", name="package", field=models.CharField(max_length=100, null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="competence", name="code",
            field=models.CharField(default=integra.learning.models.new_blueprint_code,
                                   help_text="A short code course packages use to refer to it, e.g. C11.",
                                   max_length=40, unique=True, verbose_name="code"),
        ),
        migrations.AlterField(
            model_name="learningoutcome", name="code",
            field=models.CharField(default=integra.learning.models.new_blueprint_code,
                                   help_text="A short code course packages use to refer to it, e.g. O111.",
                                   max_length=40, unique=True, verbose_name="code"),
        ),
        migrations.AlterField(
            model_name="course", name="package",
            field=models.CharField(default=integra.learning.models.new_package_id, editable=False, max_length=100,
                                   unique=True, verbose_name="package identifier"),
        ),
    ]
