"""The former's route links the approving assessment of the assessment app instead of naming it in free text.

A decision taken before the link named its assessment as text: that text is kept, at the end of the decision's
rationale, so the record of what the coordinator relied on is not lost. Such a decision stays as it was."""

import django.db.models.deletion
from django.db import migrations, models


def keep_references(apps, schema_editor):
    Mentor = apps.get_model("mentoring", "Mentor")
    for mentor in Mentor.objects.exclude(former_assessment_reference=""):
        note = f"Approving assessment named before the link: {mentor.former_assessment_reference}"
        mentor.former_rationale = f"{mentor.former_rationale}\n\n{note}" if mentor.former_rationale else note
        mentor.save(update_fields=["former_rationale"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0003_calibration_and_action_plan"),
        ("mentoring", "0006_standards_self_assessment"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentor",
            name="former_assessment",
            field=models.ForeignKey(
                blank=True, help_text="The assessment of the applicant by a certified assessor, requested by the "
                "coordinator.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="assessment.assessment", verbose_name="former's assessment"),
        ),
        migrations.RunPython(keep_references, migrations.RunPython.noop),
        migrations.RemoveField(model_name="mentor", name="former_assessment_reference"),
    ]
