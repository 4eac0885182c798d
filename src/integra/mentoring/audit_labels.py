"""The mentoring app's audit codes in words (registered from `MentoringConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from integra.core.audit_labels import register

register(
    actions={
        "mentoring.mentor.applied": _("Applied to become a mentor"),
        "mentoring.mentor.updated": _("Mentor profile updated"),
        "mentoring.mentor.stage_changed": _("Mentor moved to another stage"),
        "mentoring.mentor.signed": _("Code of conduct or agreement signed"),
        "mentoring.mentor.former_decided": _("Decision on a former as mentor"),
        "mentoring.mentor.viewed": _("Viewed a mentor's file"),
        "mentoring.vettingcheck.entered": _("Vetting check entered"),
        "mentoring.vettingcheck.verified": _("Vetting check verified"),
        "mentoring.vettingcheck.document_downloaded": _("Vetting document downloaded"),
        "mentoring.vettingcheck.reminded": _("Renewal reminder sent"),
        "mentoring.requiredcourse.set": _("Required course set"),
        "mentoring.mentee.accepted": _("Mentee accepted into the programme"),
        "mentoring.mentee.updated": _("Mentee details updated"),
        "mentoring.mentee.suggestions_viewed": _("Viewed match suggestions"),
        "mentoring.constraint.added": _("Safeguarding constraint added"),
        "mentoring.familymember.added": _("Family member added"),
        "mentoring.match.decided": _("Match decided"),
        "mentoring.match.ended": _("Match ended"),
        "mentoring.matchagreement.drafted": _("Mentoring agreement drafted"),
        "mentoring.matchagreement.signed": _("Mentoring agreement signed"),
        "mentoring.mentoringsession.logged": _("Mentoring session logged"),
        "mentoring.goal.added": _("Goal added"),
        "mentoring.goal.updated": _("Goal progress updated"),
        "mentoring.concern.raised": _("Concern raised"),
        "mentoring.concern.acknowledged": _("Concern acknowledged"),
        "mentoring.concern.closed": _("Concern closed"),
        "mentoring.concern.escalated": _("Concern escalated (not acknowledged in time)"),
        "mentoring.concern.viewed": _("Viewed a concern"),
        "mentoring.supervision.recorded": _("Supervision recorded"),
    },
    families={
        "mentoring.mentor": _("Mentors"),
        "mentoring.vettingcheck": _("Vetting checks"),
        "mentoring.requiredcourse": _("Mentors"),
        "mentoring.mentee": _("Mentees"),
        "mentoring.constraint": _("Mentees"),
        "mentoring.familymember": _("Mentees"),
        "mentoring.match": _("Matches"),
        "mentoring.matchagreement": _("Matches"),
        "mentoring.mentoringsession": _("Mentoring sessions and goals"),
        "mentoring.goal": _("Mentoring sessions and goals"),
        "mentoring.concern": _("Concerns"),
        "mentoring.supervision": _("Supervision"),
    },
)
