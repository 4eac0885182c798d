"""The sensitive texts already stored are encrypted, and the clear copies made of them are replaced (timeline
data, notifications). Audit events keep what they hold: the trail is append-only, and rewriting it is what its
chain exists to detect."""

from django.db import migrations

from integra.core.fields import ENCRYPTED_PREFIX, encrypt_existing_values

ENCRYPTED = {
    "cooperation.EmergencyAccess": ("reason",),
    "cooperation.Referral": ("reason", "decision_reason"),
    "cooperation.SharingBasis": ("evidence",),
    "cooperation.CaseConference": ("agenda",),
    "cooperation.Flag": ("detail",),
    "cooperation.Action": ("title",),
    "cooperation.Document": ("title",),
}
# Timeline entries kept these words in `data`; they move to the encrypted `detail` (the reason of a decline,
# which the referral keeps, is dropped).
TIMELINE_DETAIL = {"emergency_access": "reason", "action_created": "title", "action_updated": "title",
                   "document_added": "title"}


def _clear(value):
    return value and not value.startswith(ENCRYPTED_PREFIX)


def replace_copies(apps, schema_editor):
    """Before the originals are encrypted: notification bodies that repeated an emergency or decline reason are
    emptied, action titles leave notification titles, timeline words move to `detail`."""
    Notification = apps.get_model("core", "Notification")
    TimelineEntry = apps.get_model("cooperation", "TimelineEntry")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cooperation_emergencyaccess UNION "
                       "SELECT decision_reason FROM cooperation_referral")
        reasons = {value for (value,) in cursor.fetchall() if _clear(value)}
        cursor.execute("SELECT title FROM cooperation_action")
        titles = {value for (value,) in cursor.fetchall() if _clear(value)}
    if reasons:
        Notification.objects.filter(body__in=reasons).update(body="")
    for title in titles:
        for notification in Notification.objects.filter(title__endswith=title):
            notification.title = notification.title[:-len(title)].rstrip(" :\u00a0")
            notification.save(update_fields=["title"])
    for entry in TimelineEntry.objects.filter(kind__in=[*TIMELINE_DETAIL, "referral_declined"]).only("pk", "kind",
                                                                                                   "data"):
        data = dict(entry.data)
        text = data.pop(TIMELINE_DETAIL.get(entry.kind, "reason"), "")
        TimelineEntry.objects.filter(pk=entry.pk).update(
            data=data, detail=text if entry.kind in TIMELINE_DETAIL else "")


def _encrypt_all(forwards):
    steps = [encrypt_existing_values(label, *fields)[0 if forwards else 1] for label, fields in ENCRYPTED.items()]

    def run(apps, schema_editor):
        for step in steps:
            step(apps, schema_editor)

    return run


class Migration(migrations.Migration):

    # Copies in notification bodies are found by their clear text, before core encrypts the bodies.
    run_before = [('core', '0005_encrypt_notification_bodies')]

    dependencies = [
        ('cooperation', '0005_encrypt_sensitive_texts'),
        ('core', '0003_alter_membershiprole_role'),
    ]

    operations = [
        migrations.RunPython(replace_copies, migrations.RunPython.noop),
        migrations.RunPython(_encrypt_all(True), _encrypt_all(False)),
    ]
