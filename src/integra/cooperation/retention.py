"""Closed transition records are purged after a configurable period, unless under legal hold."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from integra.core.retention import register_purger

from .models import Document, Phase, TransitionRecord


def closed_retention_days() -> int:
    return getattr(settings, "COOPERATION_CLOSED_RETENTION_DAYS", 730)


@register_purger("cooperation.closed_records",
                 _("Transition records closed longer than the retention period (never under legal hold)"))
def _closed_records(*, now, dry_run=False):
    expired = TransitionRecord.objects.filter(phase=Phase.CLOSED, legal_hold=False,
                                              closed_at__lt=now - timedelta(days=closed_retention_days()))
    if dry_run:
        return expired.count()
    count = 0
    for record in expired.iterator():
        for document in Document.objects.filter(record=record):
            document.file.delete(save=False)
        record.delete()
        count += 1
    return count
