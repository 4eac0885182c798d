"""Loads demo_content/programme.json through the services, as the demo people themselves. Idempotent."""

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from integra.cooperation.models import Referral, TransitionRecord
from integra.cooperation.services import referral_create
from integra.core import audit
from integra.core.access import forget_roles
from integra.core.demo import demo_organisation
from integra.core.models import Membership, MembershipRole
from integra.core.roles import Role

from . import selectors, services
from .models import CircleDecision, CircleMeeting, Mentee, Mentor, Stage, VettingCheck

CONTENT = Path(__file__).parent / "demo_content" / "programme.json"
STAGE_PATH = [Stage.APPLICANT, Stage.VETTING, Stage.TRAINING, Stage.AVAILABLE]


def _person(email):
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        forget_roles(user)
    return user


def _day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def _coordinator_of(organisation):
    return next(p for p in Membership.objects.active().filter(organisation=organisation,
                                                              roles__role=Role.MENTORING_COORDINATOR)
                .select_related("user")).user


def _mentor(item) -> Mentor:
    organisation = demo_organisation(item["organisation"])
    coordinator = _coordinator_of(organisation)
    account = _person(item["account"]) if item.get("account") else None
    mentor = services.mentor_apply(
        organisation=organisation, user=account, full_name=item["full_name"], email=item["email"],
        motivation=item["motivation"], languages=item["languages"], area=item["area"],
        availability=item["availability"], travel_km=item["travel_km"], skills=item["skills"], gender=item["gender"],
        lived_experience=item["lived_experience"], former_route=item.get("former_route", False))
    for check in item["checks"]:
        entered_by = account or coordinator
        entered = services.check_enter(
            actor=entered_by, mentor=mentor, kind=check["kind"], check_type=check.get("check_type", ""),
            number=check.get("number", ""), authority=check["authority"], checked_on=_day(check["checked_on"]),
            expires_on=_day(check["expires_on"]) if "expires_on" in check else None)
        if entered_by.pk != coordinator.pk:
            services.check_verify(actor=coordinator, check=entered)
    if item.get("signed") and account:
        services.mentor_sign(actor=account, mentor=mentor, code_of_conduct=True, agreement=True)
    mentor.refresh_from_db()
    target = STAGE_PATH.index(item["stage"])
    while STAGE_PATH.index(mentor.stage) < target:
        services.mentor_set_stage(actor=coordinator, mentor=mentor, expected_version=mentor.version,
                                  stage=STAGE_PATH[STAGE_PATH.index(mentor.stage) + 1])
    return mentor


def _account(item):
    """A demo volunteer's account (the demo password), a mentor of the organisation's programme."""
    from integra.core.demo import DEMO_PASSWORD

    User = get_user_model()
    user = User.objects.filter(email=item["email"]).first()
    if user is None:
        user = User.objects.create_user(email=item["email"], password=DEMO_PASSWORD, full_name=item["full_name"],
                                        language=item["language"])
        audit.record(action="accounts.user.created", actor_label="integra demo", obj=user, data={"via": "demo"})
    membership, _created = Membership.objects.get_or_create(user=user,
                                                            organisation=demo_organisation(item["organisation"]))
    MembershipRole.objects.get_or_create(membership=membership, role=Role.MENTOR)
    forget_roles(user)
    return user


def _circle(item, mentors) -> None:
    """A circle of support and accountability around the core member: four vetted volunteers, the coordinator, the
    record's case manager in the outer circle, a first meeting with its minutes and consensus decisions."""
    mentee = Mentee.objects.select_related("organisation", "record").get(
        record__reference=item["record"], organisation=demo_organisation(item["organisation"]))
    coordinator = _coordinator_of(mentee.organisation)
    volunteers = [mentors[key] for key in item["volunteers"]]
    circle = services.circle_create(actor=coordinator, mentee=mentee, volunteers=volunteers,
                                    started_on=_day(item["started_on"]))
    for email in item["outer"]:
        services.circle_outer_add(actor=coordinator, circle=circle, user=_person(email))
    for meeting in item["meetings"]:
        author = _person(meeting["by"])
        recorded = services.circle_meeting_record(actor=author, circle=circle, held_on=_day(meeting["held_on"]),
                                                  present=meeting["present"], minutes=meeting["minutes"])
        # The demo's history: the minutes were written on the evening of the meeting, not today.
        written = timezone.make_aware(dt.datetime.combine(recorded.held_on, dt.time(21, 0)))
        CircleMeeting.objects.filter(pk=recorded.pk).update(minutes_at=written)
        for text in meeting["decisions"]:
            decision = services.circle_decision_record(actor=author, meeting=recorded, text=text, consensus=True)
            CircleDecision.objects.filter(pk=decision.pk).update(recorded_at=written)


def _former_route(item, mentors) -> None:
    """A former's own approval path: the coordinator asks a certified assessor for an assessment of the applicant;
    the assessor completes it, a colleague countersigns, the assessor finalises; the coordinator approves."""
    from integra.assessment import services as assessment_services
    from integra.assessment.models import BiasCheck, Instrument

    former = mentors[item["mentor"]]
    coordinator = _coordinator_of(demo_organisation(item["organisation"]))
    assessor, countersigner = _person(item["assessor"]), _person(item["countersigner"])
    instrument = Instrument.objects.filter(code=item["instrument"]).first()
    if instrument is None or countersigner is None:
        return  # the assessment demo did not run
    services.former_assessment_request(actor=coordinator, mentor=former, assessor=assessor, instrument=instrument)
    former.refresh_from_db()
    assessment = former.former_assessment
    answers = {name: {"value": value, "sources": item["sources"], "evidence": item["evidence"]}
               for name, value in item["ratings"].items()}
    assessment, _cleared = assessment_services.assessment_save(
        actor=assessor, assessment=assessment, expected_version=assessment.version, answers=answers,
        review_date=_day(365), judgement=item["judgement"], significant_items=["need_belonging"],
        rationale=item["rationale"], evidence_against=item["evidence_against"], limitations=item["limitations"],
        bias_checks=BiasCheck.values)
    assessment_services.assessment_submit(actor=assessor, assessment=assessment, expected_version=assessment.version)
    assessment_services.assessment_countersign(actor=countersigner, assessment=assessment,
                                               expected_version=assessment.version)
    assessment_services.assessment_finalise(actor=assessor, assessment=assessment, expected_version=assessment.version)
    former.refresh_from_db()
    services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=item["decision"])


@transaction.atomic
def load() -> None:
    if Mentor.objects.filter(email="volunteer@example.org").exists() or not TransitionRecord.objects.filter(
            reference="TR-DEMO-0002").exists():
        return
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    for item in content["coordinators"]:  # the demo people, as core's demo makes them
        membership, _created = Membership.objects.get_or_create(user=_person(item["email"]),
                                                                organisation=demo_organisation(item["organisation"]))
        MembershipRole.objects.get_or_create(membership=membership, role=Role.MENTORING_COORDINATOR)
        forget_roles(membership.user)
    for item in content.get("volunteer_accounts", []):  # the circle's volunteers log in as themselves
        _account(item)
    from integra.learning.models import Course

    for item in content["required_courses"]:
        organisation = demo_organisation(item["organisation"])
        course = Course.objects.filter(title=item["course_title"]).first()
        if course is not None:
            services.required_course_set(actor=_coordinator_of(organisation), organisation=organisation,
                                         course=course, valid_months=item["valid_months"])
    mentors = {item["key"]: _mentor(item) for item in content["mentors"]}
    for item in content.get("programme_versions", []):  # two versions of the model, to compare
        organisation = demo_organisation(item["organisation"])
        services.programme_version_create(actor=_coordinator_of(organisation), organisation=organisation,
                                          name=item["name"], started_on=_day(item["started_on"]),
                                          summary=item["summary"], changes=item["changes"])
    for item in content["referrals"]:
        record = TransitionRecord.objects.get(reference=item["record"])
        organisation = demo_organisation(item["to"])
        referral = referral_create(actor=_person(item["by"]), record=record, to_organisation=organisation,
                                   reason=item["reason"], urgency=Referral.Urgency.SOON)
        if not item["accept"]:
            continue
        coordinator = _coordinator_of(organisation)
        mentee = services.mentee_accept_referral(actor=coordinator, referral=referral, **item["mentee"])
        for constraint in item["constraints"]:
            services.constraint_add(actor=coordinator, mentee=mentee, kind=constraint["kind"],
                                    area=constraint.get("area", ""), detail=constraint["detail"],
                                    mentor=mentors[constraint["mentor"]] if "mentor" in constraint else None)
        for member in item["family"]:
            services.family_member_add(actor=coordinator, mentee=mentee, name=member["name"],
                                       relationship=member["relationship"],
                                       consent_given_on=_day(member["consent_given_on"]))
        chosen = mentors[item["match"]["mentor"]]
        match = services.match_decide(actor=coordinator, mentee=mentee, mentor=chosen,
                                      mentee_consent_on=_day(item["match"]["consent_on"]),
                                      rationale=item["match"]["rationale"])
        match.decided_at = timezone.now() - dt.timedelta(days=-item["match"]["consent_on"])
        match.programme_version = selectors.version_in_force(organisation_id=organisation.pk,
                                                             day=match.decided_at.date())
        match.save(update_fields=["decided_at", "programme_version"])  # the demo's history: a month ago
        mentor_user = chosen.user
        terms = dict(item["agreement"])
        signed_on = _day(terms.pop("mentee_signed_on"))
        agreement = services.agreement_draft(actor=coordinator, match=match, **terms)
        services.agreement_sign(actor=mentor_user, agreement=agreement)
        services.agreement_sign(actor=coordinator, agreement=agreement, mentee_signed_on=signed_on)
        for goal in item["goals"]:
            created = services.goal_add(actor=mentor_user, match=match, title=goal["title"])
            services.goal_update(actor=mentor_user, goal=created, expected_version=created.version,
                                 progress=goal["progress"], comment=goal["comment"])
        for session in item["sessions"]:
            services.session_log(actor=mentor_user, match=match, held_on=_day(session["held_on"]),
                                 duration_minutes=session["minutes"], mode=session["mode"], notes=session["notes"])
        for concern in item["concerns"]:
            services.concern_raise(actor=mentor_user, match=match, **concern)
        supervision = item["supervision"]
        services.supervision_record(actor=coordinator, mentor=mentors[supervision["mentor"]],
                                    held_on=_day(supervision["held_on"]), next_due_on=_day(supervision["next_due_on"]),
                                    wellbeing=supervision["wellbeing"], notes=supervision["notes"])
    if "circle" in content:
        _circle(content["circle"], mentors)
    if "former_route" in content:
        _former_route(content["former_route"], mentors)
    for item in content.get("outcomes", []):
        mentee = Mentee.objects.select_related("organisation").get(record__reference=item["record"])
        services.outcome_record(actor=_coordinator_of(mentee.organisation), mentee=mentee, point=item["point"],
                                measured_on=_day(item["measured_on"]), answers=item["answers"])
    assert VettingCheck.objects.exists()
