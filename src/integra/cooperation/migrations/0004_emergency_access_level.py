from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0003_timeline_entry_about_action")]

    operations = [
        migrations.AddField(
            model_name="emergencyaccess",
            name="risk_to_life",
            field=models.BooleanField(default=False, verbose_name="immediate risk to life"),
        ),
        # Every emergency access granted before this migration opened the whole record.
        migrations.AddField(
            model_name="emergencyaccess",
            name="access_level",
            field=models.CharField(choices=[("full", "Full"), ("casework", "Case work"),
                                            ("practical", "Practical support only")],
                                   default="full", max_length=10, verbose_name="access level"),
            preserve_default=False,
        ),
    ]
