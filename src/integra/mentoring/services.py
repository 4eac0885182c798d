"""Every write of the mentoring programme: policy check, validation, one transaction, one audit event, and
notifications after the commit. The transition record is reached only through cooperation's services."""

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.assessment import services as assessment_services
from integra.assessment.models import Assessment
from integra.cooperation import selectors as cooperation_selectors
from integra.cooperation import services as cooperation
from integra.cooperation.models import AccessLevel, Note, Section, TeamRole
from integra.cooperation.uploads import checked_upload
from integra.core import access, audit, limits
from integra.core.access import ADD, CHANGE, VIEW
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid
from integra.core.fields import field_cipher
from integra.core.models import Organisation
from integra.core.notifications import N_, label, message
from integra.core.selectors import people_with_roles
from integra.core.services import notification_send

from . import selectors
from .models import (
    CIRCLE_MAX_VOLUNTEERS,
    CIRCLE_MIN_VOLUNTEERS,
    STAGE_MOVES,
    Availability,
    CheckKind,
    Circle,
    CircleDecision,
    CircleMeeting,
    CircleOuterMember,
    CircleStatus,
    CircleVolunteer,
    Closure,
    Concern,
    ConcernCategory,
    ConcernStatus,
    Constraint,
    ConstraintKind,
    ExitSurvey,
    FamilyMember,
    Gender,
    Goal,
    Match,
    MatchAgreement,
    MatchStatus,
    Mentee,
    MenteeStatus,
    Mentor,
    MentoringSession,
    OutcomeMeasure,
    OutcomePoint,
    ProgrammeVersion,
    RequiredCourse,
    Respondent,
    SessionMode,
    Severity,
    Stage,
    StandardAssessment,
    StandardRating,
    Supervision,
    SupervisionKind,
    VersionChange,
    VettingCheck,
)
from .policy import (
    ACKNOWLEDGE,
    COORDINATOR_ROLES,
    DECIDE,
    LOG,
    MANAGE,
    SIGN,
    VERIFY,
    concern_watchers,
)

MAX_SESSION_MINUTES = 600


def _audit(verb, actor, obj, organisation, purpose="", actor_label="", **data):
    return audit.record(action=f"mentoring.{obj._meta.model_name}.{verb}", actor=actor, obj=obj,
                        organisation=organisation, purpose=purpose, data=data, actor_label=actor_label)


def _url(name, *args):
    return reverse(name, args=args)


def _coordinators(organisation_id):
    return people_with_roles(organisation_id=organisation_id, roles=COORDINATOR_ROLES)


def _clean_availability(values) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in Availability.values]
    if unknown:
        raise invalid(_("Unknown availability: %(values)s.") % {"values": ", ".join(unknown)}, field="availability")
    return values


def _not_future(day, field):
    if day is None:
        raise invalid(_("Give the date."), field=field)
    if day > timezone.localdate():
        raise invalid(_("The date cannot be in the future."), field=field)
    limits.check_date_within(day, years_back=5, years_ahead=0, field=field)


# --- recruitment ----------------------------------------------------------------------------------------------


def mentor_apply(*, organisation, full_name: str, email: str, motivation: str, languages: str, area: str,
                 availability=(), travel_km: int = 10, skills: str = "", gender: str = Gender.OTHER,
                 culture: str = "", culture_consent: bool = False, lived_experience: bool = False,
                 former_route: bool = False, phone: str = "", user=None) -> Mentor:
    """A public application (no account needed): the programme's coordinators are told."""
    if not organisation.is_active:
        raise invalid(_("This organisation does not take applications."), field="organisation")
    for name, value in (("full_name", full_name), ("email", email), ("motivation", motivation),
                        ("languages", languages), ("area", area)):
        if not (value or "").strip():
            raise invalid(_("This field is required."), field=name)
    limits.check_length(motivation, limits.REASON_TEXT, field="motivation")
    limits.check_length(full_name, 200, field="full_name")
    if gender not in Gender.values:
        raise invalid(_("Unknown gender."), field="gender")
    if not 0 <= travel_km <= 500:
        raise invalid(_("Give a distance between 0 and 500 km."), field="travel_km")
    availability = _clean_availability(availability)
    if Mentor.objects.filter(organisation=organisation, email__iexact=email.strip()).exclude(
            stage=Stage.EXITED).exists():
        raise invalid(_("An application with this e-mail address is already open with this organisation."),
                      field="email")
    with transaction.atomic():
        mentor = Mentor.objects.create(
            organisation=organisation, user=user, full_name=full_name.strip(), email=email.strip().lower(),
            phone=phone, motivation=motivation, languages=languages, availability=availability, area=area.strip(),
            travel_km=travel_km, skills=skills, gender=gender, culture=culture if culture_consent else "",
            culture_consent=culture_consent, lived_experience=lived_experience, former_route=former_route)
        _audit("applied", user, mentor, organisation, actor_label="" if user else "public application",
               former_route=former_route)
        notification_send(recipients=_coordinators(organisation.pk),
                          title=message(N_("New mentor application for %(organisation)s"),
                                        organisation=organisation.name), url=_url("mentoring:mentor", mentor.pk))
    return mentor


def mentor_update(*, actor, mentor: Mentor, expected_version: int, **changes) -> Mentor:
    """The coordinator's edits: capacity and the linked account."""
    access.require(actor, MANAGE, mentor)
    unknown = set(changes) - {"capacity", "user"}
    if unknown:
        raise ValueError(f"not editable: {unknown}")
    if "capacity" in changes and not 1 <= changes["capacity"] <= 10:
        raise invalid(_("Capacity is between 1 and 10 mentees."), field="capacity")
    if changes.get("user") is not None:
        from integra.core.models import Membership

        if not Membership.objects.active().filter(user=changes["user"], organisation_id=mentor.organisation_id
                                                  ).exists():
            raise invalid(_("The account must be an active member of the organisation."), field="user")
    with transaction.atomic():
        update_versioned(mentor, expected_version=expected_version, **changes)
        _audit("updated", actor, mentor, mentor.organisation_id,
               changes={k: getattr(v, "pk", v) for k, v in changes.items()})
    return mentor


def mentor_set_stage(*, actor, mentor: Mentor, stage: str, expected_version: int, reason: str = "") -> Mentor:
    """Move a mentor along the lifecycle. Becoming available needs vetting and the training gate complete."""
    access.require(actor, MANAGE, mentor)
    if stage not in Stage.values:
        raise invalid(_("Unknown stage."), field="stage")
    if stage == Stage.MATCHED:
        raise invalid(_("A mentor becomes matched when a coordinator decides a match."), field="stage")
    if stage not in STAGE_MOVES[mentor.stage]:
        raise invalid(_("A mentor cannot move from %(from)s to %(to)s.")
                      % {"from": mentor.get_stage_display(), "to": Stage(stage).label}, field="stage")
    if stage == Stage.AVAILABLE:
        gaps = selectors.eligibility_gaps([mentor])[mentor.pk]
        if gaps:
            raise invalid(_("Not yet eligible: %(gaps)s") % {"gaps": " ".join(gaps)}, field="stage",
                          code="not_eligible")
    if stage == Stage.PAUSED and not reason.strip():
        raise invalid(_("Say why the mentor is paused."), field="reason")
    limits.check_length(reason, 300, field="reason")
    if stage == Stage.AVAILABLE and Match.objects.active().filter(mentor=mentor).exists():
        stage = Stage.MATCHED  # back from a pause with a mentee still matched
    previous = mentor.stage
    with transaction.atomic():
        update_versioned(mentor, expected_version=expected_version, stage=stage, stage_changed_at=timezone.now(),
                         pause_reason=reason if stage == Stage.PAUSED else "")
        _audit("stage_changed", actor, mentor, mentor.organisation_id, previous=previous, stage=stage)
    return mentor


def mentor_sign(*, actor, mentor: Mentor, code_of_conduct: bool = False, agreement: bool = False) -> Mentor:
    """The mentor signs the code of conduct and accepts the mentoring agreement (after reading them)."""
    access.require(actor, SIGN, mentor)
    if not code_of_conduct and not agreement:
        raise invalid(_("Tick what you sign."))
    today = timezone.localdate()
    changes = {}
    if code_of_conduct:
        changes["code_of_conduct_signed_on"] = today
    if agreement:
        changes["agreement_accepted_on"] = today
    with transaction.atomic():
        update_versioned(mentor, expected_version=mentor.version, **changes)
        _audit("signed", actor, mentor, mentor.organisation_id, **{k: str(v) for k, v in changes.items()})
    return mentor


def former_assessment_request(*, actor, mentor: Mentor, assessor, instrument) -> Mentor:
    """The former's route, first step: the coordinator asks a certified assessor for an assessment of the applicant
    (an individual-level instrument of the assessment app). The assessor finds the draft among their assessments,
    fills it in, has it countersigned and finalises it; the coordinator then decides (former_decide)."""
    access.require(actor, MANAGE, mentor)
    if not mentor.former_route:
        raise invalid(_("This mentor did not apply through the former's route."))
    if mentor.stage == Stage.EXITED or mentor.former_approved_on:
        raise invalid(_("The former's route of this mentor is already decided."))
    if mentor.former_assessment_id is not None and mentor.former_assessment.status != Assessment.Status.FINAL:
        raise invalid(_("An assessment of this applicant is already under way."), field="assessor")
    if assessor is None:
        raise invalid(_("Choose the assessor."), field="assessor")
    organisations = sorted(access.organisations_for(assessor, Assessment, ADD) or ())  # where they assess
    if not organisations:
        raise invalid(_("%(person)s is not an assessor in any organisation.") % {"person": assessor},
                      field="assessor")
    with transaction.atomic():
        assessment = assessment_services.assessment_open_for_applicant(
            requested_by=actor, assessor=assessor, organisation=Organisation.objects.get(pk=organisations[0]),
            instrument=instrument, subject=_("Mentor applicant %(number)s (former's route)") % {"number": mentor.pk})
        update_versioned(mentor, expected_version=mentor.version, former_assessment=assessment)
        _audit("former_assessment_requested", actor, mentor, mentor.organisation_id, assessment=assessment.pk,
               assessor=assessor.pk)
        notification_send(recipients=[assessor], title=message(N_("An assessment of a mentor applicant waits for you")),
                          url=reverse("assessment:assessment", args=[assessment.pk]))
    return mentor


def former_decide(*, actor, mentor: Mentor, approved: bool, rationale: str) -> Mentor:
    """The former's route, second step: the coordinator's decision, with its rationale. Only on a finalised
    assessment of the applicant by a certified assessor; refusing ends the application (exited)."""
    access.require(actor, MANAGE, mentor)
    if not mentor.former_route:
        raise invalid(_("This mentor did not apply through the former's route."))
    if mentor.stage == Stage.EXITED or mentor.former_approved_on:
        raise invalid(_("The former's route of this mentor is already decided."))
    if len(rationale.strip()) < 20:
        raise invalid(_("Write the rationale of the decision (at least 20 characters)."), field="rationale")
    limits.check_length(rationale, limits.REASON_TEXT, field="rationale")
    assessment = mentor.former_assessment
    problem = assessment_services.applicant_assessment_problem(assessment)
    if problem:
        raise invalid(_("No decision without a finalised assessment by a certified assessor: %(problem)s")
                      % {"problem": problem}, field="approved", code="no_final_assessment")
    with transaction.atomic():
        changes = {"former_rationale": rationale, "former_decided_by": actor,
                   "former_approved_on": timezone.localdate() if approved else None}
        if not approved:
            changes.update(stage=Stage.EXITED, stage_changed_at=timezone.now())
        update_versioned(mentor, expected_version=mentor.version, **changes)
        _audit("former_decided", actor, mentor, mentor.organisation_id, approved=approved, assessment=assessment.pk)
    return mentor


# --- vetting register -------------------------------------------------------------------------------------------


def check_enter(*, actor, mentor: Mentor, kind: str, checked_on: dt.date, authority: str, check_type: str = "",
                number: str = "", expires_on: dt.date | None = None, upload=None) -> VettingCheck:
    access.require_create(actor, VettingCheck, mentor=mentor)
    if kind not in CheckKind.values:
        raise invalid(_("Unknown check."), field="kind")
    _not_future(checked_on, "checked_on")
    if not authority.strip():
        raise invalid(_("Name the authority or the referee."), field="authority")
    limits.check_length(authority, 200, field="authority")
    limits.check_length(number, 200, field="number")
    if kind == CheckKind.CRIMINAL_RECORD and expires_on is None:
        raise invalid(_("A criminal-record check needs its expiry date."), field="expires_on")
    if expires_on is not None:
        if expires_on < checked_on:
            raise invalid(_("The check expires before it was made."), field="expires_on")
        limits.check_date_within(expires_on, years_back=5, years_ahead=10, field="expires_on")
    content = content_type = None
    if upload is not None:
        content, content_type = checked_upload(upload)
    with transaction.atomic():
        check = VettingCheck(mentor=mentor, kind=kind, check_type=check_type, number=number, checked_on=checked_on,
                             authority=authority.strip(), expires_on=expires_on, entered_by=actor)
        if content is not None:
            check.stored_name = secrets.token_hex(16)
            check.document_name = upload.name[:255]
            check.document.save(check.stored_name, ContentFile(field_cipher().encrypt(content)), save=False)
        check.save()
        if mentor.stage == Stage.APPLICANT and access.can(actor, MANAGE, mentor):
            update_versioned(mentor, expected_version=mentor.version, stage=Stage.VETTING,
                             stage_changed_at=timezone.now())
        _audit("entered", actor, check, mentor.organisation_id, kind=kind, mentor=mentor.pk,
               document=bool(content))
        notification_send(recipients=[p for p in _coordinators(mentor.organisation_id) if p.pk != actor.pk],
                          title=message(N_("A vetting check waits for your verification")),
                          url=_url("mentoring:mentor", mentor.pk), email=False)
    return check


def check_verify(*, actor, check: VettingCheck) -> VettingCheck:
    """The second person's verification: never the person who entered the check."""
    if check.entered_by_id == actor.pk:
        raise invalid(_("A check is verified by someone other than the person who entered it."),
                      code="same_person")
    access.require(actor, VERIFY, check)
    with transaction.atomic():
        updated = VettingCheck.objects.filter(pk=check.pk, verified_at__isnull=True).update(
            verified_by=actor, verified_at=timezone.now())
        if not updated:
            raise invalid(_("This check was already verified."))
        check.refresh_from_db()
        _audit("verified", actor, check, check.mentor.organisation_id, mentor=check.mentor_id)
    return check


def check_document(*, actor, check: VettingCheck) -> bytes:
    access.require(actor, VIEW, check)
    if not check.document:
        raise invalid(_("No document is attached to this check."))
    with check.document.open("rb") as stored:
        content = field_cipher().decrypt(stored.read())
    _audit("document_downloaded", actor, check, check.mentor.organisation_id, purpose="vetting")
    return content


def required_course_set(*, actor, organisation, course, valid_months: int | None = None) -> RequiredCourse:
    access.require_create(actor, RequiredCourse, organisation=organisation)
    if valid_months is not None and not 1 <= valid_months <= 120:
        raise invalid(_("Between 1 and 120 months, or empty."), field="valid_months")
    with transaction.atomic():
        item, _created = RequiredCourse.objects.update_or_create(organisation=organisation, course=course,
                                                                 defaults={"valid_months": valid_months})
        _audit("set", actor, item, organisation, course=course.pk, valid_months=valid_months)
    return item


def vetting_reminders_send(*, today: dt.date | None = None) -> int:
    """Daily: a reminder to the mentor and the coordinators for each check entering its renewal window, and a
    notice when one has expired (the mentor's eligibility is already suspended: it is computed from the dates).
    Each check is reminded at most once a week."""
    today = today or timezone.localdate()
    from .models import RENEWAL_WINDOW_DAYS

    due = (VettingCheck.objects.filter(verified_at__isnull=False, expires_on__isnull=False,
                                       expires_on__lte=today + dt.timedelta(days=RENEWAL_WINDOW_DAYS))
           .exclude(reminded_on__gt=today - dt.timedelta(days=7)).exclude(mentor__stage=Stage.EXITED)
           .select_related("mentor", "mentor__user", "mentor__organisation"))
    sent = 0
    for check in due:
        mentor = check.mentor
        expired = check.expires_on < today
        recipients = _coordinators(mentor.organisation_id) + ([mentor.user] if mentor.user_id else [])
        with transaction.atomic():
            VettingCheck.objects.filter(pk=check.pk).update(reminded_on=today)
            title = (N_("%(check)s of a mentor expired on %(date)s: not eligible until renewed")
                     if expired else N_("%(check)s of a mentor expires on %(date)s: please renew it"))
            notification_send(recipients=recipients,
                              title=message(title, check=label(CheckKind(check.kind).label),
                                            date=check.expires_on.isoformat()),
                              url=_url("mentoring:mentor", mentor.pk))
            audit.record(action="mentoring.vettingcheck.reminded", obj=check, organisation=mentor.organisation_id,
                         actor_label="integra remind_mentoring", data={"expired": expired})
        sent += 1
    return sent


# --- mentees ------------------------------------------------------------------------------------------------------


def mentee_accept_referral(*, actor, referral, languages: str = "", area: str = "", gender_preference: str = "",
                           availability=(), interests: str = "", wants_lived_experience: bool = False,
                           culture: str = "", culture_consent: bool = False) -> Mentee:
    """The coordinator accepts the case manager's referral to the programme (cooperation's own service: the
    coordinator joins the team at the level referred) and the person becomes a mentee waiting for a match."""
    organisation = referral.to_organisation
    access.require_create(actor, Mentee, organisation=organisation)
    if gender_preference and gender_preference not in Gender.values:
        raise invalid(_("Unknown gender."), field="gender_preference")
    availability = _clean_availability(availability)
    with transaction.atomic():
        cooperation.referral_accept(actor=actor, referral=referral, reason=_("Accepted for mentoring"))
        record = referral.record
        mentee, created = Mentee.objects.get_or_create(
            organisation=organisation, record=record,
            defaults=dict(languages=languages or record.languages, area=area, gender_preference=gender_preference,
                          availability=availability, interests=interests,
                          wants_lived_experience=wants_lived_experience,
                          culture=culture if culture_consent else "", culture_consent=culture_consent,
                          accepted_by=actor))
        if not created and mentee.status == MenteeStatus.CLOSED:
            update_versioned(mentee, expected_version=mentee.version, status=MenteeStatus.WAITING)
        _audit("accepted", actor, mentee, organisation, record=record.reference, referral=referral.pk)
    return mentee


def mentee_update(*, actor, mentee: Mentee, expected_version: int, **changes) -> Mentee:
    access.require(actor, MANAGE, mentee)
    allowed = {"languages", "area", "gender_preference", "availability", "interests", "wants_lived_experience",
               "culture", "culture_consent"}
    if set(changes) - allowed:
        raise ValueError(f"not editable: {set(changes) - allowed}")
    if "availability" in changes:
        changes["availability"] = _clean_availability(changes["availability"])
    if changes.get("gender_preference") and changes["gender_preference"] not in Gender.values:
        raise invalid(_("Unknown gender."), field="gender_preference")
    if not changes.get("culture_consent", mentee.culture_consent):
        changes["culture"] = ""
    with transaction.atomic():
        update_versioned(mentee, expected_version=expected_version, **changes)
        _audit("updated", actor, mentee, mentee.organisation_id, fields=sorted(changes))
    return mentee


def constraint_add(*, actor, mentee: Mentee, kind: str, area: str = "", mentor: Mentor | None = None,
                   detail: str = "") -> Constraint:
    access.require_create(actor, Constraint, mentee=mentee)
    if kind not in ConstraintKind.values:
        raise invalid(_("Unknown constraint."), field="kind")
    if kind in {ConstraintKind.EXCLUSION_ZONE, ConstraintKind.VICTIM_PROXIMITY}:
        if not area.strip():
            raise invalid(_("Name the area this constraint excludes."), field="area")
    elif mentor is None:
        raise invalid(_("Choose the mentor this constraint excludes."), field="mentor")
    if mentor is not None and mentor.organisation_id != mentee.organisation_id:
        raise invalid(_("Choose a mentor of this programme."), field="mentor")
    limits.check_length(area, 120, field="area")
    limits.check_length(detail, limits.REASON_TEXT, field="detail")
    with transaction.atomic():
        item = Constraint.objects.create(mentee=mentee, kind=kind, area=area.strip(), mentor=mentor, detail=detail,
                                         recorded_by=actor)
        _audit("added", actor, item, mentee.organisation_id, kind=kind, mentee=mentee.pk)
    return item


def family_member_add(*, actor, mentee: Mentee, name: str, relationship: str, consent_given_on: dt.date
                      ) -> FamilyMember:
    """A family member takes part only with their own consent, recorded with its date."""
    access.require_create(actor, FamilyMember, mentee=mentee)
    if not name.strip() or not relationship.strip():
        raise invalid(_("Give the name and the relationship."), field="name")
    limits.check_length(relationship, 60, field="relationship")
    _not_future(consent_given_on, "consent_given_on")
    with transaction.atomic():
        member = FamilyMember.objects.create(mentee=mentee, name=name.strip(), relationship=relationship.strip(),
                                             consent_given_on=consent_given_on)
        _audit("added", actor, member, mentee.organisation_id, mentee=mentee.pk)
    return member


# --- matching: the coordinator decides ------------------------------------------------------------------------------


def match_decide(*, actor, mentee: Mentee, mentor: Mentor, mentee_consent_on: dt.date, rationale: str = "") -> Match:
    """The coordinator's decision. The matching aid is computed again: a mentor excluded by a hard constraint cannot
    be chosen; choosing anyone but the first suggestion needs a reason. The mentor joins the record's team at the
    practical level through cooperation's service."""
    access.require(actor, DECIDE, mentee)
    _not_future(mentee_consent_on, "mentee_consent_on")
    limits.check_length(rationale, limits.REASON_TEXT, field="rationale")
    with transaction.atomic():
        locked = Mentor.objects.select_for_update().get(pk=mentor.pk)  # capacity: two decisions at once
        if Match.objects.active().filter(mentee=mentee).exists():
            raise invalid(_("This mentee already has a mentor."), code="already_matched")
        if locked.organisation_id != mentee.organisation_id:
            raise invalid(_("Choose a mentor of this programme."), field="mentor")
        aid = selectors.suggestions(actor=actor, mentee=mentee)
        excluded = {e.mentor.pk: e for e in aid["excluded"]}
        if locked.pk in excluded:
            raise invalid(_("This mentor cannot be matched: %(reason)s") % {"reason": excluded[locked.pk].reason},
                          field="mentor", code="excluded")
        ranked = {s.mentor.pk: s for s in aid["suggestions"]}
        first = aid["suggestions"][0].mentor.pk if aid["suggestions"] else None
        if locked.pk != first and len(rationale.strip()) < 10:
            raise invalid(_("You chose someone other than the first suggestion: say why (at least 10 characters)."),
                          field="rationale", code="reason_needed")
        suggestion = ranked.get(locked.pk)
        match = Match.objects.create(
            mentee=mentee, mentor=locked, suggestion_rank=suggestion.rank if suggestion else None,
            explanation={"chosen": suggestion.as_dict() if suggestion else None,
                         "suggestions": [s.as_dict() for s in aid["suggestions"]],
                         "excluded": [{"mentor": e.mentor.pk, "kind": e.kind} for e in aid["excluded"]]},
            rationale=rationale, mentee_consent_on=mentee_consent_on, decided_by=actor,
            programme_version=selectors.version_in_force(organisation_id=mentee.organisation_id,
                                                         day=timezone.localdate()))
        update_versioned(mentee, expected_version=mentee.version, status=MenteeStatus.MATCHED)
        if locked.stage != Stage.MATCHED:
            update_versioned(locked, expected_version=locked.version, stage=Stage.MATCHED,
                             stage_changed_at=timezone.now())
        record = mentee.record
        on_team = {m.user_id for m in cooperation_selectors.team(actor=actor, record=record)}
        if locked.user_id not in on_team:
            cooperation.team_add_colleague(actor=actor, record=record, user=locked.user, role_on_team=TeamRole.MENTOR)
        _audit("decided", actor, match, mentee.organisation_id, mentee=mentee.pk, mentor=locked.pk,
               rank=match.suggestion_rank, excluded=len(aid["excluded"]))
        notification_send(recipients=[locked.user],
                          title=message(N_("You were matched with %(reference)s"), reference=record.reference),
                          url=_url("mentoring:match", match.pk))
    return match


def match_end(*, actor, match: Match, reason: str, expected_version: int, closure: str = "planned",
              closing_session: MentoringSession | None = None) -> Match:
    """Closure, planned or not, with its reason code and words, and the closing session (required when planned: the
    last meeting where mentor and mentee say goodbye); the mentor leaves the record's team."""
    access.require(actor, MANAGE, match)
    if closure not in Closure.values:
        raise invalid(_("Choose how the match ends."), field="closure")
    if not reason.strip():
        raise invalid(_("Give the reason for ending the match."), field="reason")
    limits.check_length(reason, 300, field="reason")
    if closing_session is not None and closing_session.match_id != match.pk:
        raise invalid(_("The closing session must be a session of this match."), field="closing_session")
    if closing_session is None and closure == Closure.PLANNED:
        raise invalid(_("A planned closure needs its closing session: log it first, then choose it."),
                      field="closing_session")
    with transaction.atomic():
        update_versioned(match, expected_version=expected_version, status=MatchStatus.ENDED,
                         ended_at=timezone.now(), end_reason=reason, closure=closure,
                         closing_session=closing_session)
        Mentee.objects.filter(pk=match.mentee_id).update(status=MenteeStatus.CLOSED)
        mentor = match.mentor
        if mentor.stage == Stage.MATCHED and not Match.objects.active().filter(mentor=mentor).exists():
            update_versioned(mentor, expected_version=mentor.version, stage=Stage.AVAILABLE,
                             stage_changed_at=timezone.now())
        if mentor.user_id and access.can(actor, "add_colleague", match.mentee.record):
            cooperation.team_remove_colleague(actor=actor, record=match.mentee.record, user=mentor.user)
        _audit("ended", actor, match, match.mentee.organisation_id, closure=closure,
               closing_session=closing_session.pk if closing_session else None)
    return match


def exit_survey_record(*, actor, match: Match, respondent: str, helpfulness: int, goals_met: int,
                       would_recommend: bool = False, comment: str = "") -> ExitSurvey:
    """The exit survey of an ended match: the mentor answers their own; a coordinator records the mentee's answers
    (or the mentor's, given on paper). One per respondent."""
    if respondent not in Respondent.values:
        raise invalid(_("Choose whose answers these are."), field="respondent")
    access.require_create(actor, ExitSurvey, match=match, respondent=respondent)
    if match.status != MatchStatus.ENDED:
        raise invalid(_("The exit survey comes once the match has ended."), field="respondent")
    for name, value in (("helpfulness", helpfulness), ("goals_met", goals_met)):
        if value is None or not 1 <= value <= 5:
            raise invalid(_("Answer from 1 to 5."), field=name)
    limits.check_length(comment, limits.REASON_TEXT, field="comment")
    with transaction.atomic():
        if ExitSurvey.objects.select_for_update().filter(match=match, respondent=respondent).exists():
            raise invalid(_("This exit survey is already recorded."), field="respondent")
        survey = ExitSurvey.objects.create(match=match, respondent=respondent, helpfulness=helpfulness,
                                           goals_met=goals_met, would_recommend=bool(would_recommend),
                                           comment=comment, recorded_by=actor)
        _audit("recorded", actor, survey, match.mentee.organisation_id, match=match.pk, respondent=respondent)
    return survey


def agreement_draft(*, actor, match: Match, goals: str, frequency: str, duration_months: int = 12,
                    boundaries: str = "", confidentiality: str = "", venues: str = "", contact_rules: str = ""
                    ) -> MatchAgreement:
    """A new version of the match's agreement (the previous ones stay as they were signed)."""
    access.require_create(actor, MatchAgreement, match=match)
    if not goals.strip() or not frequency.strip():
        raise invalid(_("Write the goals and the frequency of meetings."), field="goals")
    if not 1 <= duration_months <= 36:
        raise invalid(_("Between 1 and 36 months."), field="duration_months")
    for name, value in (("goals", goals), ("boundaries", boundaries), ("confidentiality", confidentiality),
                        ("contact_rules", contact_rules)):
        limits.check_length(value, limits.REASON_TEXT, field=name)
    with transaction.atomic():
        last = MatchAgreement.objects.select_for_update().filter(match=match).order_by("-number").first()
        agreement = MatchAgreement.objects.create(
            match=match, number=(last.number + 1) if last else 1, goals=goals, frequency=frequency.strip()[:120],
            duration_months=duration_months, boundaries=boundaries, confidentiality=confidentiality,
            venues=venues.strip()[:300], contact_rules=contact_rules, created_by=actor)
        _audit("drafted", actor, agreement, match.mentee.organisation_id, match=match.pk, number=agreement.number)
        if match.mentor.user_id:
            notification_send(recipients=[match.mentor.user], title=message(N_(
                "A mentoring agreement waits for your signature")), url=_url("mentoring:match", match.pk))
    return agreement


def agreement_sign(*, actor, agreement: MatchAgreement, mentee_signed_on: dt.date | None = None) -> MatchAgreement:
    """The mentor signs their part; the coordinator signs theirs and records the mentee's signature with its date."""
    mentor_part = access.can(actor, "sign_as_mentor", agreement)
    coordinator_part = access.can(actor, "sign_as_coordinator", agreement)
    if not mentor_part and not coordinator_part:
        raise invalid(_("There is nothing for you to sign on this agreement."), code="nothing_to_sign")
    latest = MatchAgreement.objects.filter(match=agreement.match).order_by("-number").values_list(
        "pk", flat=True).first()
    if latest != agreement.pk:
        raise invalid(_("A newer version of this agreement exists: sign that one."), code="superseded")
    changes = {}
    if mentor_part:
        changes["mentor_signed_at"] = timezone.now()
    if coordinator_part:
        if mentee_signed_on is None:
            raise invalid(_("Give the date the mentee signed."), field="mentee_signed_on")
        _not_future(mentee_signed_on, "mentee_signed_on")
        changes.update(coordinator_signed_at=timezone.now(), mentee_signed_on=mentee_signed_on)
    with transaction.atomic():
        MatchAgreement.objects.filter(pk=agreement.pk).update(**changes)
        agreement.refresh_from_db()
        _audit("signed", actor, agreement, agreement.match.mentee.organisation_id, parts=sorted(changes))
    return agreement


# --- the relationship: sessions, goals, concerns ------------------------------------------------------------------


def session_log(*, actor, match: Match, held_on: dt.date, duration_minutes: int, mode: str,
                attended: bool = True, safety_ok: bool = True, notes: str = "") -> MentoringSession:
    """The mentor logs a session of their own match (under a minute on a phone)."""
    if not access.can(actor, LOG, match):
        raise invalid(_("You can log sessions only for your own active matches."), code="not_your_match")
    access.require_create(actor, MentoringSession, match=match)
    _not_future(held_on, "held_on")
    if held_on < match.decided_at.date() - dt.timedelta(days=1):
        raise invalid(_("The session is before the match began."), field="held_on")
    if not 5 <= duration_minutes <= MAX_SESSION_MINUTES:
        raise invalid(_("Give a duration between 5 and 600 minutes."), field="duration_minutes")
    if mode not in SessionMode.values:
        raise invalid(_("Unknown mode."), field="mode")
    limits.check_length(notes, limits.LONG_TEXT, field="notes")
    with transaction.atomic():
        session = MentoringSession.objects.create(match=match, held_on=held_on, duration_minutes=duration_minutes,
                                                  mode=mode, attended=attended, safety_ok=safety_ok, notes=notes,
                                                  logged_by=actor)
        _audit("logged", actor, session, match.mentee.organisation_id, match=match.pk, late=session.report_late)
    return session


def goal_add(*, actor, match: Match, title: str) -> Goal:
    access.require_create(actor, Goal, match=match)
    if not title.strip():
        raise invalid(_("Write the goal."), field="title")
    limits.check_length(title, 300, field="title")
    with transaction.atomic():
        goal = Goal.objects.create(match=match, title=title.strip())
        _audit("added", actor, goal, match.mentee.organisation_id, match=match.pk)
    return goal


def goal_update(*, actor, goal: Goal, expected_version: int, progress: int, comment: str = "") -> Goal:
    access.require(actor, CHANGE, goal)
    if not 0 <= progress <= 100:
        raise invalid(_("Progress is between 0 and 100 %."), field="progress")
    limits.check_length(comment, limits.REASON_TEXT, field="comment")
    with transaction.atomic():
        update_versioned(goal, expected_version=expected_version, progress=progress, comment=comment,
                         updated_at=timezone.now())
        _audit("updated", actor, goal, goal.match.mentee.organisation_id, progress=progress)
    return goal


def concern_raise(*, actor, match: Match, severity: str, category: str, detail: str = "") -> Concern:
    """Two taps on the phone. The coordinators are alerted at once and the case team of the record is told through
    cooperation: a note in the practical section and a notification to its case-work members. Whatever the mail
    does, the concern is saved and on the coordinator's dashboard."""
    if not access.can(actor, LOG, match):
        raise invalid(_("You can raise concerns only about your own active matches."), code="not_your_match")
    access.require_create(actor, Concern, match=match)
    if category not in ConcernCategory.values:
        raise invalid(_("Choose what the concern is about."), field="category")
    if severity not in Severity.values:
        raise invalid(_("Choose routine or urgent."), field="severity")
    limits.check_length(detail, limits.REASON_TEXT, field="detail")
    record = match.mentee.record
    with transaction.atomic():
        concern = Concern.objects.create(match=match, raised_by=actor, severity=severity, category=category,
                                         detail=detail)
        _audit("raised", actor, concern, match.mentee.organisation_id, severity=severity, category=category,
               record=record.reference)
        if access.can_create(actor, Note, record=record, section=Section.PRACTICAL):
            cooperation.note_add(actor=actor, record=record, section=Section.PRACTICAL, body=_(
                "Mentoring concern raised (%(severity)s): %(category)s. The mentoring coordinator has the details.")
                % {"severity": concern.get_severity_display(), "category": concern.get_category_display()})
        case_team = [m.user for m in cooperation_selectors.team(actor=actor, record=record)
                     if m.access_level in {AccessLevel.FULL, AccessLevel.CASEWORK} and m.user_id != actor.pk]
        urgent = severity == Severity.URGENT
        title = (N_("URGENT mentoring concern on %(reference)s: %(category)s") if urgent
                 else N_("Mentoring concern on %(reference)s: %(category)s"))
        recipients = {p.pk: p for p in [*concern_watchers(concern), *case_team] if p.pk != actor.pk}
        notification_send(recipients=list(recipients.values()),
                          title=message(title, reference=record.reference,
                                        category=label(ConcernCategory(concern.category).label)),
                          url=_url("mentoring:concern", concern.pk))
    return concern


def concern_acknowledge(*, actor, concern: Concern) -> Concern:
    access.require(actor, ACKNOWLEDGE, concern)
    with transaction.atomic():
        update_versioned(concern, expected_version=concern.version, status=ConcernStatus.ACKNOWLEDGED,
                         acknowledged_by=actor, acknowledged_at=timezone.now())
        _audit("acknowledged", actor, concern, concern.match.mentee.organisation_id)
    return concern


def concern_close(*, actor, concern: Concern, outcome: str, expected_version: int) -> Concern:
    access.require(actor, CHANGE, concern)
    if len(outcome.strip()) < 10:
        raise invalid(_("Record the outcome (at least 10 characters)."), field="outcome")
    limits.check_length(outcome, limits.REASON_TEXT, field="outcome")
    with transaction.atomic():
        update_versioned(concern, expected_version=expected_version, status=ConcernStatus.CLOSED, outcome=outcome,
                         closed_at=timezone.now(), acknowledged_at=concern.acknowledged_at or timezone.now(),
                         acknowledged_by=concern.acknowledged_by or actor)
        _audit("closed", actor, concern, concern.match.mentee.organisation_id)
    return concern


def concerns_escalate(*, now=None) -> int:
    """An unacknowledged concern escalates after a set time (urgent: 4 hours; routine: 3 days): the coordinators
    and the record owner's full-access team are alerted again."""
    now = now or timezone.now()
    from .models import ESCALATE_AFTER

    escalated = 0
    for concern in Concern.objects.filter(status=ConcernStatus.OPEN, escalated_at__isnull=True).select_related(
            "match__mentee__record"):
        if now < concern.raised_at + ESCALATE_AFTER[concern.severity]:
            continue
        record = concern.match.mentee.record
        owners = [m.user for m in cooperation_selectors.team(actor=concern.raised_by, record=record)
                  if m.access_level == AccessLevel.FULL and m.organisation_id == record.owner_id] \
            if concern.raised_by else []
        with transaction.atomic():
            Concern.objects.filter(pk=concern.pk).update(escalated_at=now)
            notification_send(recipients=list({p.pk: p for p in [*concern_watchers(concern), *owners]}.values()),
                              title=message(N_("Concern on %(reference)s not acknowledged in time"),
                                            reference=record.reference),
                              url=_url("mentoring:concern", concern.pk))
            audit.record(action="mentoring.concern.escalated", obj=concern,
                         organisation=concern.match.mentee.organisation_id, actor_label="integra remind_mentoring")
        escalated += 1
    return escalated


# --- supervision --------------------------------------------------------------------------------------------------


def supervision_record(*, actor, mentor: Mentor, held_on: dt.date, next_due_on: dt.date,
                       kind: str = SupervisionKind.INDIVIDUAL, wellbeing: int = 3, notes: str = "") -> Supervision:
    access.require_create(actor, Supervision, mentor=mentor)
    if kind not in SupervisionKind.values:
        raise invalid(_("Unknown kind."), field="kind")
    _not_future(held_on, "held_on")
    if next_due_on <= held_on:
        raise invalid(_("The next supervision is after this one."), field="next_due_on")
    limits.check_date_within(next_due_on, years_back=0, years_ahead=2, field="next_due_on")
    if not 1 <= wellbeing <= 5:
        raise invalid(_("Wellbeing is from 1 to 5."), field="wellbeing")
    limits.check_length(notes, limits.LONG_TEXT, field="notes")
    with transaction.atomic():
        item = Supervision.objects.create(mentor=mentor, kind=kind, held_on=held_on, next_due_on=next_due_on,
                                          wellbeing=wellbeing, notes=notes, supervisor=actor)
        _audit("recorded", actor, item, mentor.organisation_id, mentor=mentor.pk)
    return item


# --- circles of support and accountability ---------------------------------------------------------------------


def _circle_volunteer_refusal(circle_mentee: Mentee, mentor: Mentor, gaps: list[str]) -> str:
    """Why a mentor may not join the circle around this core member ("" when they may): the same hard constraints
    and eligibility as a match (a circle is four to six matches at once)."""
    if mentor.organisation_id != circle_mentee.organisation_id:
        return _("%(mentor)s is not a mentor of this programme.") % {"mentor": mentor}
    hard = selectors._hard_exclusion(mentor, list(Constraint.objects.filter(mentee=circle_mentee)))
    if hard:
        return _("%(mentor)s cannot join: %(reason)s") % {"mentor": mentor, "reason": hard[1]}
    if gaps:
        return _("%(mentor)s cannot join: %(reason)s") % {"mentor": mentor, "reason": " ".join(gaps)}
    return ""


def circle_create(*, actor, mentee: Mentee, volunteers: list[Mentor], coordinator=None,
                  started_on: dt.date | None = None) -> Circle:
    """A circle of four to six volunteers around one core member, with its coordinator (the actor by default: a
    coordinator of the programme)."""
    access.require_create(actor, Circle, mentee=mentee)
    coordinator = coordinator or actor
    started_on = started_on or timezone.localdate()
    limits.check_date_within(started_on, years_back=1, years_ahead=1, field="started_on")
    if coordinator.pk not in {u.pk for u in _coordinators(mentee.organisation_id)}:
        raise invalid(_("The circle's coordinator must be a mentoring coordinator of the programme."),
                      field="coordinator")
    volunteers = list(dict.fromkeys(volunteers))
    if not CIRCLE_MIN_VOLUNTEERS <= len(volunteers) <= CIRCLE_MAX_VOLUNTEERS:
        raise invalid(_("A circle has %(min)s to %(max)s volunteers; you chose %(n)s.")
                      % {"min": CIRCLE_MIN_VOLUNTEERS, "max": CIRCLE_MAX_VOLUNTEERS, "n": len(volunteers)},
                      field="volunteers")
    gaps = selectors.eligibility_gaps(volunteers)
    refusals = [r for r in (_circle_volunteer_refusal(mentee, m, gaps[m.pk]) for m in volunteers) if r]
    if refusals:
        raise invalid(" ".join(refusals), field="volunteers")
    with transaction.atomic():
        if Circle.objects.select_for_update().filter(mentee=mentee, status=CircleStatus.ACTIVE).exists():
            raise invalid(_("This person already has an active circle."), field="volunteers")
        circle = Circle.objects.create(mentee=mentee, coordinator=coordinator, started_on=started_on)
        CircleVolunteer.objects.bulk_create([CircleVolunteer(circle=circle, mentor=m) for m in volunteers])
        _audit("created", actor, circle, mentee.organisation_id, mentee=mentee.pk,
               volunteers=[m.pk for m in volunteers])
        recipients = [m.user for m in volunteers if m.user_id]
        if recipients:
            notification_send(recipients=recipients, title=message(N_("You joined a circle of support")),
                              url=_url("mentoring:circle", circle.pk))
    return circle


def circle_outer_add(*, actor, circle: Circle, user) -> CircleOuterMember:
    """A professional of the record's current team joins the outer circle."""
    access.require_create(actor, CircleOuterMember, circle=circle)
    member = cooperation_selectors.team(actor=actor, record=circle.mentee.record).filter(user=user).first()
    if member is None:
        raise invalid(_("The outer circle is drawn from the record's team: %(person)s is not on it.")
                      % {"person": user}, field="user")
    if circle.volunteers.filter(mentor__user=user).exists():
        raise invalid(_("%(person)s is a volunteer of this circle.") % {"person": user}, field="user")
    with transaction.atomic():
        if CircleOuterMember.objects.filter(circle=circle, user=user).exists():
            raise invalid(_("%(person)s is already in the outer circle.") % {"person": user}, field="user")
        row = CircleOuterMember.objects.create(circle=circle, user=user, organisation_id=member.organisation_id)
        _audit("added", actor, row, circle.mentee.organisation_id, circle=circle.pk, user=user.pk)
    return row


def circle_meeting_record(*, actor, circle: Circle, held_on: dt.date, present: int,
                          core_member_present: bool = True, minutes: str = "") -> CircleMeeting:
    """A weekly meeting of the circle; the minutes may come now or later (due within 48 hours)."""
    access.require_create(actor, CircleMeeting, circle=circle)
    _not_future(held_on, "held_on")
    if held_on < circle.started_on:
        raise invalid(_("The meeting cannot be before the circle started."), field="held_on")
    if not 0 <= present <= CIRCLE_MAX_VOLUNTEERS + 20:
        raise invalid(_("Give the number of people present."), field="present")
    limits.check_length(minutes, limits.LONG_TEXT, field="minutes")
    with transaction.atomic():
        meeting = CircleMeeting.objects.create(
            circle=circle, held_on=held_on, present=present, core_member_present=core_member_present,
            minutes=minutes, minutes_by=actor if minutes.strip() else None,
            minutes_at=timezone.now() if minutes.strip() else None)
        _audit("recorded", actor, meeting, circle.mentee.organisation_id, circle=circle.pk)
    return meeting


def circle_minutes_write(*, actor, meeting: CircleMeeting, minutes: str, expected_version: int) -> CircleMeeting:
    access.require(actor, CHANGE, meeting)
    if not minutes.strip():
        raise invalid(_("Write the minutes."), field="minutes")
    limits.check_length(minutes, limits.LONG_TEXT, field="minutes")
    with transaction.atomic():
        update_versioned(meeting, expected_version=expected_version, minutes=minutes, minutes_by=actor,
                         minutes_at=timezone.now())
        _audit("minuted", actor, meeting, meeting.circle.mentee.organisation_id, circle=meeting.circle_id,
               late=meeting.minutes_overdue)
    return meeting


def circle_decision_record(*, actor, meeting: CircleMeeting, text: str, consensus: bool) -> CircleDecision:
    """A decision the circle took by consensus: recorded only when everyone present agreed."""
    access.require_create(actor, CircleDecision, meeting=meeting)
    if not text.strip():
        raise invalid(_("Write the decision."), field="text")
    limits.check_length(text, limits.REASON_TEXT, field="text")
    if not consensus:
        raise invalid(_("A circle decides by consensus: record the decision once everyone present agrees."),
                      field="consensus")
    with transaction.atomic():
        decision = CircleDecision.objects.create(meeting=meeting, text=text, recorded_by=actor)
        _audit("recorded", actor, decision, meeting.circle.mentee.organisation_id, circle=meeting.circle_id)
    return decision


# --- programme model versions and outcome measures --------------------------------------------------------------


def programme_version_create(*, actor, organisation, name: str, started_on: dt.date, summary: str = "",
                             changes: list[str] | None = None) -> ProgrammeVersion:
    """A new version of the programme model, numbered after the last, with its change log."""
    access.require_create(actor, ProgrammeVersion, organisation=organisation)
    if not name.strip():
        raise invalid(_("Give the version a name."), field="name")
    limits.check_length(name, 120, field="name")
    limits.check_length(summary, limits.REASON_TEXT, field="summary")
    limits.check_date_within(started_on, years_back=10, years_ahead=1, field="started_on")
    changes = [c.strip() for c in (changes or []) if c.strip()]
    for change in changes:
        limits.check_length(change, 500, field="changes")
    with transaction.atomic():
        last = ProgrammeVersion.objects.select_for_update().filter(organisation=organisation).order_by(
            "-number").first()
        if last is not None and started_on <= last.started_on:
            raise invalid(_("A new version starts after the previous one (%(date)s).")
                          % {"date": last.started_on.isoformat()}, field="started_on")
        version = ProgrammeVersion.objects.create(organisation=organisation, number=(last.number + 1) if last else 1,
                                                  name=name.strip(), summary=summary, started_on=started_on,
                                                  created_by=actor)
        VersionChange.objects.bulk_create([VersionChange(version=version, text=c, recorded_by=actor)
                                           for c in changes])
        _audit("created", actor, version, organisation.pk, number=version.number)
    return version


def version_change_add(*, actor, version: ProgrammeVersion, text: str) -> VersionChange:
    access.require_create(actor, VersionChange, version=version)
    if not text.strip():
        raise invalid(_("Say what changed."), field="text")
    limits.check_length(text, 500, field="text")
    with transaction.atomic():
        change = VersionChange.objects.create(version=version, text=text.strip(), recorded_by=actor)
        _audit("added", actor, change, version.organisation_id, version=version.pk)
    return change


def outcome_record(*, actor, mentee: Mentee, point: str, measured_on: dt.date, answers: dict) -> OutcomeMeasure:
    """The programme's wellbeing and desistance scale for a mentee at one time point (one per point). The version is
    that of the mentee's latest match, else the one in force on the day."""
    access.require_create(actor, OutcomeMeasure, mentee=mentee)
    if point not in OutcomePoint.values:
        raise invalid(_("Choose the time point."), field="point")
    _not_future(measured_on, "measured_on")
    scale = selectors.outcome_scale()
    low, high = scale["scale"]["min"], scale["scale"]["max"]
    clean, totals = {}, {"wellbeing": 0, "desistance": 0}
    for item in scale["items"]:
        value = answers.get(item["code"])
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise invalid(_("Answer every statement from %(low)s to %(high)s.") % {"low": low, "high": high},
                          field=item["code"])
        clean[item["code"]] = value
        totals[item["subscale"]] += value
    unknown = set(answers) - set(clean)
    if unknown:
        raise invalid(_("Unknown statement: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}, field="answers")
    match = Match.objects.filter(mentee=mentee).order_by("-decided_at").first()
    version = match.programme_version if match and match.programme_version_id else selectors.version_in_force(
        organisation_id=mentee.organisation_id, day=measured_on)
    with transaction.atomic():
        if OutcomeMeasure.objects.select_for_update().filter(mentee=mentee, point=point).exists():
            raise invalid(_("This time point is already recorded."), field="point")
        measure = OutcomeMeasure.objects.create(mentee=mentee, version=version, point=point, measured_on=measured_on,
                                                answers=clean, wellbeing=totals["wellbeing"],
                                                desistance=totals["desistance"], recorded_by=actor)
        _audit("recorded", actor, measure, mentee.organisation_id, mentee=mentee.pk, point=point)
    return measure


# --- standards self-assessment ------------------------------------------------------------------------------------

MAX_EVIDENCE_LINKS = 10


def _clean_links(links) -> list[str]:
    from urllib.parse import urlparse

    clean = []
    for link in links or []:
        link = link.strip()
        if not link:
            continue
        parsed = urlparse(link)
        if parsed.scheme not in {"http", "https"} or not parsed.netloc or len(link) > 500:
            raise invalid(_("Evidence links start with https:// or http://: %(link)s") % {"link": link[:80]},
                          field="links")
        clean.append(link)
    if len(clean) > MAX_EVIDENCE_LINKS:
        raise invalid(_("At most %(n)s evidence links.") % {"n": MAX_EVIDENCE_LINKS}, field="links")
    return list(dict.fromkeys(clean))


def standard_assess(*, actor, organisation, code: str, rating: str, evidence: str = "", links=None,
                    reviewed_on: dt.date | None = None, review_due_on: dt.date | None = None,
                    expected_version: int | None = None) -> StandardAssessment:
    """The programme's self-assessment against one standard (created on first save, then edited with a version)."""
    access.require_create(actor, StandardAssessment, organisation=organisation)
    if code not in selectors.standard_codes():
        raise invalid(_("Unknown standard."), field="code")
    if rating not in StandardRating.values:
        raise invalid(_("Choose a rating."), field="rating")
    limits.check_length(evidence, limits.REASON_TEXT, field="evidence")
    links = _clean_links(links)
    if rating != StandardRating.NOT_ASSESSED:
        if reviewed_on is None:
            raise invalid(_("Give the date of this review."), field="reviewed_on")
        _not_future(reviewed_on, "reviewed_on")
        if review_due_on is None or review_due_on <= reviewed_on:
            raise invalid(_("Set the next review after this one."), field="review_due_on")
        limits.check_date_within(review_due_on, years_back=0, years_ahead=5, field="review_due_on")
    values = {"rating": rating, "evidence": evidence, "links": links, "reviewed_on": reviewed_on,
              "review_due_on": review_due_on, "reviewed_by": actor}
    with transaction.atomic():
        row = StandardAssessment.objects.select_for_update().filter(organisation=organisation, code=code).first()
        if row is None:
            row = StandardAssessment.objects.create(organisation=organisation, code=code, **values)
        else:
            update_versioned(row, expected_version=expected_version if expected_version is not None else -1,
                             **values)
        _audit("assessed", actor, row, organisation.pk, code=code, rating=rating)
    return row
