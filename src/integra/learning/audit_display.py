"""How the learning app's records read in the audit trail (registered from `LearningConfig.ready`; see
`core/audit_display.py`). One query per kind of record on a page."""

from django.utils.translation import gettext as _

from integra.core.audit_display import register_display, register_reference

from .models import Certificate, Cohort, Course, Enrolment, Lesson, Module, Quiz


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _titles(model, field="title"):
    def resolve(ids):
        return {obj.pk: getattr(obj, field) for obj in model.objects.filter(pk__in=_ids(ids))}
    return resolve


def _certificates(ids):
    return {c.pk: _("Certificate %(code)s") % {"code": c.code}
            for c in Certificate.objects.filter(pk__in=_ids(ids)).only("pk", "code")}


def _enrolments(ids):
    rows = Enrolment.objects.filter(pk__in=_ids(ids)).select_related("user", "course")
    return {e.pk: _("%(person)s in %(course)s") % {"person": e.user, "course": e.course.title} for e in rows}


def _find_certificate(reference: str):
    code = reference.replace("-", "").upper()
    for candidate in {reference.upper(), code, "-".join(code[i:i + 4] for i in range(0, len(code), 4))}:
        found = Certificate.objects.filter(code=candidate).values_list("pk", flat=True).first()
        if found:
            return found
    return None


register_display("learning.course", _titles(Course))
register_display("learning.module", _titles(Module))
register_display("learning.lesson", _titles(Lesson))
register_display("learning.quiz", _titles(Quiz))
register_display("learning.cohort", _titles(Cohort, "name"))
register_display("learning.certificate", _certificates)
register_display("learning.enrolment", _enrolments)
register_reference("learning.certificate", _find_certificate)
