"""How the cooperation app's records read in the audit trail: references, never content (registered from
`CooperationConfig.ready`; see `core/audit_display.py`). One query per kind of record on a page."""

from django.utils import formats
from django.utils.translation import gettext as _

from integra.core.audit_display import register_display, register_reference

from .models import CaseConference, Referral, SharingAgreement, TransitionRecord


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _records(ids):
    return dict(TransitionRecord.objects.filter(pk__in=_ids(ids)).values_list("pk", "reference"))


def _referrals(ids):
    rows = Referral.objects.filter(pk__in=_ids(ids)).values_list("pk", "kind", "record__reference",
                                                                  "to_organisation__name")
    texts = {Referral.Kind.HANDOVER: _("Handover of %(reference)s to %(organisation)s")}
    return {pk: texts.get(kind, _("Referral of %(reference)s to %(organisation)s"))
            % {"reference": reference, "organisation": organisation}
            for pk, kind, reference, organisation in rows}


def _agreements(ids):
    return dict(SharingAgreement.objects.filter(pk__in=_ids(ids)).values_list("pk", "title"))


def _conferences(ids):
    rows = CaseConference.objects.filter(pk__in=_ids(ids)).values_list("pk", "record__reference", "scheduled_at")
    return {pk: _("Case conference on %(reference)s, %(when)s")
            % {"reference": reference, "when": formats.date_format(when, "SHORT_DATE_FORMAT") if when else ""}
            for pk, reference, when in rows}


def _find_record(reference: str):
    return TransitionRecord.objects.filter(reference__iexact=reference).values_list("pk", flat=True).first()


register_display("cooperation.transitionrecord", _records)
register_display("cooperation.referral", _referrals)
register_display("cooperation.sharingagreement", _agreements)
register_display("cooperation.caseconference", _conferences)
register_reference("cooperation.transitionrecord", _find_record)
