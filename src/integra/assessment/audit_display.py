"""How the assessment app's records read in the audit trail (registered from `AssessmentConfig.ready`; see
`core/audit_display.py`): an instrument by its title, an assessment by its instrument and the record's reference or
the unit assessed (never a rating or a judgement). One query per kind of record on a page."""

from django.utils.translation import gettext as _

from integra.core.audit_display import register_display

from .models import Assessment, CalibrationRound, Instrument, Survey


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _column(model, column):
    return lambda ids: dict(model.objects.filter(pk__in=_ids(ids)).values_list("pk", column))


def _assessments(ids):
    rows = Assessment.objects.filter(pk__in=_ids(ids)).values_list(
        "pk", "instrument_version__instrument__title", "instrument_version__number", "record__reference", "subject")
    return {pk: _("%(instrument)s v%(version)s · %(subject)s") % {
        "instrument": title, "version": number, "subject": reference or subject}
        for pk, title, number, reference, subject in rows}


register_display("assessment.instrument", _column(Instrument, "title"))
register_display("assessment.assessment", _assessments)
register_display("assessment.survey", _column(Survey, "title"))
register_display("assessment.calibrationround", _column(CalibrationRound, "title"))
