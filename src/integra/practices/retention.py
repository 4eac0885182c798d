"""Research data is kept until the study's retention date, then its transcripts, notes and codings are purged."""

from django.utils.translation import gettext_lazy as _

from integra.core.retention import register_purger


@register_purger("practices.research_data", _("Transcripts, session notes and codings of studies past their "
                                              "retention date"))
def _expired_research_data(*, now, dry_run=False):
    from .models import Coding, PseudonymKey, ResearchSession, Transcript

    expired = {"session__study__retention_until__lt": now.date()}
    transcripts = Transcript.objects.filter(**expired)
    if dry_run:
        return transcripts.count()
    Coding.objects.filter(transcript__in=transcripts).delete()
    ResearchSession.objects.filter(study__retention_until__lt=now.date()).exclude(notes="").update(notes="")
    PseudonymKey.objects.filter(study__retention_until__lt=now.date()).delete()
    return transcripts.delete()[0]
