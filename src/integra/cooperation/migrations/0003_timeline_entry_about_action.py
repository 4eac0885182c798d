"""Timeline entries name the action they are about, so that only those who may see the action see them.

Entries written before this migration name the action by its title only: they are linked to the action of the
same record and title created last before the entry (the service wrote both in one transaction)."""

import django.db.models.deletion
from django.db import migrations, models

ACTION_ENTRY_KINDS = ("action_created", "action_updated")


def link_entries_to_their_actions(apps, schema_editor):
    TimelineEntry = apps.get_model("cooperation", "TimelineEntry")
    Action = apps.get_model("cooperation", "Action")
    entries = TimelineEntry.objects.filter(kind__in=ACTION_ENTRY_KINDS, action__isnull=True)
    for entry in entries.iterator():
        candidates = Action.objects.filter(record_id=entry.record_id, title=entry.data.get("title", ""))
        action = (candidates.filter(created_at__lte=entry.occurred_at).order_by("-created_at", "-id").first()
                  or candidates.order_by("created_at", "id").first())
        if action is not None:
            TimelineEntry.objects.filter(pk=entry.pk).update(action=action)


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation", "0002_alter_document_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="timelineentry",
            name="action",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="cooperation.action"),
        ),
        migrations.RunPython(link_entries_to_their_actions, migrations.RunPython.noop),
    ]
