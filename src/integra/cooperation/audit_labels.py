"""The cooperation app's audit codes and purposes in words (registered from `CooperationConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from integra.core.audit_labels import register

register(
    actions={
        "cooperation.record.opened": _("Record opened"),
        "cooperation.record.viewed": _("Viewed the record"),
        "cooperation.record.section_viewed": _("Viewed a section of the record"),
        "cooperation.record.updated": _("Record details updated"),
        "cooperation.record.phase_changed": _("Phase changed"),
        "cooperation.record.rights_changed": _("Data-protection flags changed"),
        "cooperation.record.identity_updated": _("Identity details updated"),
        "cooperation.record.basis_added": _("Consent or legal basis recorded"),
        "cooperation.record.basis_withdrawn": _("Consent or legal basis withdrawn"),
        "cooperation.record.team_added": _("Person added to the team"),
        "cooperation.record.team_removed": _("Person removed from the team"),
        "cooperation.record.referral_sent": _("Referral or handover sent"),
        "cooperation.record.referral_accepted": _("Referral accepted"),
        "cooperation.record.referral_declined": _("Referral declined"),
        "cooperation.record.referral_revoked": _("Referral revoked"),
        "cooperation.record.handed_over": _("Record handed over"),
        "cooperation.record.conference_scheduled": _("Case conference scheduled"),
        "cooperation.record.conference_recorded": _("Case conference minutes recorded"),
        "cooperation.record.action_created": _("Action created"),
        "cooperation.record.action_updated": _("Action updated"),
        "cooperation.record.note_added": _("Note added"),
        "cooperation.record.document_added": _("Document added"),
        "cooperation.record.document_downloaded": _("Document downloaded"),
        "cooperation.record.flag_added": _("Flag added"),
        "cooperation.record.flag_removed": _("Flag removed"),
        "cooperation.record.emergency_access": _("Emergency access (break the glass)"),
        "cooperation.record.exported": _("Subject-access export"),
        "cooperation.record.subject_access_released": _("Subject-access copy released"),
        "cooperation.record.access_log_exported": _("Access log exported"),
        "cooperation.referral.viewed": _("Viewed a referral"),
        "cooperation.agreement.created": _("Information-sharing agreement created"),
        "cooperation.agreement.terminated": _("Information-sharing agreement ended"),
    },
    families={
        "cooperation.record": _("Transition records"),
        "cooperation.referral": _("Referrals and handovers"),
        "cooperation.agreement": _("Information-sharing agreements"),
    },
    purposes={
        "case work (team member)": _("case work (team member)"),
        "emergency access": _("emergency access"),
        "timeline": _("reading the timeline"),
        "timeline (API)": _("reading the timeline (API)"),
        "API": _("reading through the API"),
        "referral": _("deciding on a referral"),
        "case conference": _("case conference"),
        "subject-access request": _("subject-access request"),
        "subject-access release": _("subject-access copy released in %(language)s"),
        "access log export": _("access log export"),
    },
)
