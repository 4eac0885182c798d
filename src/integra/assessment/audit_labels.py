"""The assessment app's audit codes in words (registered from `AssessmentConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from integra.core.audit_labels import register

register(
    actions={
        "assessment.assessment.started": _("Assessment started"),
        "assessment.assessment.saved": _("Assessment saved"),
        "assessment.assessment.submitted": _("Assessment submitted for countersigning"),
        "assessment.assessment.countersigned": _("Assessment countersigned"),
        "assessment.assessment.finalised": _("Assessment finalised"),
        "assessment.assessments.exported": _("Assessments exported"),
        "assessment.record.viewed": _("Viewed the assessments of a record"),
        "assessment.instrument.imported": _("Instrument imported"),
        "assessment.instrument.published": _("Instrument version published"),
        "assessment.instrument.configured": _("Instrument settings changed"),
        "assessment.instrument.licensed": _("Instrument licence granted"),
        "assessment.instrument.exported": _("Instrument exported"),
        "assessment.survey.opened": _("Survey wave opened"),
        "assessment.survey.answered": _("Survey answered"),
        "assessment.survey.closed": _("Survey wave closed"),
        "assessment.calibration.opened": _("Calibration round opened"),
        "assessment.calibration.rated": _("Calibration vignette rated"),
        "assessment.calibration.closed": _("Calibration round closed"),
        "assessment.calibration.consensus": _("Consensus meeting recorded"),
        "assessment.plan.added": _("Action added to an action plan"),
        "assessment.plan.updated": _("Action of an action plan updated"),
    },
    families={
        "assessment.assessment": _("Assessments"),
        "assessment.assessments": _("Assessments"),
        "assessment.record": _("Assessments"),
        "assessment.instrument": _("Instruments"),
        "assessment.survey": _("Training-needs surveys"),
        "assessment.calibration": _("Calibration rounds"),
        "assessment.plan": _("Action plans"),
    },
)
