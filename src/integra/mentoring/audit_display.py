"""How the mentoring programme's records read in the audit trail (registered from `MentoringConfig.ready`; see
`core/audit_display.py`): a mentor by name, and a mentee, match or circle by the reference of the transition
record it is about (never the case's content). One query per kind of record on a page."""

from django.utils.translation import gettext as _

from integra.core.audit_display import register_display

from .models import Circle, Match, Mentee, Mentor


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _mentors(ids):
    return {pk: name for pk, name in Mentor.objects.filter(pk__in=_ids(ids)).values_list("pk", "full_name")}


def _about_record(model, path, words):
    def resolve(ids):
        rows = model.objects.filter(pk__in=_ids(ids)).values_list("pk", f"{path}__reference")
        return {pk: words() % {"reference": reference} for pk, reference in rows}
    return resolve


register_display("mentoring.mentor", _mentors)
register_display("mentoring.mentee", _about_record(Mentee, "record", lambda: _("Mentee of %(reference)s")))
register_display("mentoring.match", _about_record(Match, "mentee__record", lambda: _("Match for %(reference)s")))
register_display("mentoring.circle", _about_record(Circle, "mentee__record",
                                                   lambda: _("Circle of support around %(reference)s")))
