"""How the knowledge base's records read in the audit trail (registered from `PracticesConfig.ready`; see
`core/audit_display.py`): names and titles, and a research session's label (never a participant). One query per
kind of record on a page."""

from integra.core.audit_display import register_display

from .models import Approach, LessonLearned, Practice, Publication, ResearchSession, Study


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _column(model, column):
    return lambda ids: dict(model.objects.filter(pk__in=_ids(ids)).values_list("pk", column))


def _sessions(ids):
    rows = ResearchSession.objects.filter(pk__in=_ids(ids)).values_list("pk", "label", "study__title")
    return {pk: f"{label} · {title}" for pk, label, title in rows}


register_display("practices.practice", _column(Practice, "name"))
register_display("practices.approach", _column(Approach, "title"))
register_display("practices.lessonlearned", _column(LessonLearned, "title"))
register_display("practices.publication", _column(Publication, "title"))
register_display("practices.study", _column(Study, "title"))
register_display("practices.researchsession", _sessions)
