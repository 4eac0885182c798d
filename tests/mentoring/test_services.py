"""The programme's rules, through the services: vetting (two people, expiry), the training gate, the lifecycle,
hard constraints before any score, the explanation of each score, the coordinator's decision, concerns that reach
the case team, and bad input that changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from integra.cooperation.models import Note, Section, TeamMember
from integra.core.models import Notification
from integra.learning.models import Certificate, Course, Enrolment
from integra.mentoring import selectors, services
from integra.mentoring.models import (
    CheckKind,
    CheckStatus,
    Concern,
    ConstraintKind,
    Match,
    MenteeStatus,
    Mentor,
    MentoringSession,
    RequiredCourse,
    Stage,
    VettingCheck,
)
from tests.conftest import make_user
from tests.mentoring.conftest import apply, make_available, vet

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# --- recruitment and vetting ---------------------------------------------------------------------------------------


def test_a_public_application_tells_the_coordinators(ngo, coordinator):
    applicant = apply(ngo, former_route=True)
    assert applicant.stage == Stage.APPLICANT and applicant.former_route
    assert Notification.objects.filter(recipient=coordinator, url__contains=f"/mentors/{applicant.pk}/").exists()


def test_an_application_without_motivation_or_twice_is_refused(ngo, coordinator):
    with pytest.raises(ValidationError) as error:
        apply(ngo, motivation="  ")
    assert "motivation" in error.value.error_dict
    apply(ngo)
    with pytest.raises(ValidationError) as error:
        apply(ngo)
    assert "email" in error.value.error_dict
    assert Mentor.objects.count() == 1


def test_a_check_is_verified_by_a_second_person_only(ngo, mentor, coordinator, coordinator2):
    profile = apply(ngo, mentor)
    check = services.check_enter(actor=coordinator, mentor=profile, kind=CheckKind.REFERENCE, authority="Referee",
                                 checked_on=TODAY())
    with pytest.raises(ValidationError) as error:
        services.check_verify(actor=coordinator, check=check)
    assert error.value.code == "same_person"
    check.refresh_from_db()
    assert check.verified_at is None and check.status == CheckStatus.UNVERIFIED
    with pytest.raises(PermissionDenied):  # the mentor may enter their own check, never verify one
        services.check_verify(actor=mentor, check=check)
    services.check_verify(actor=coordinator2, check=check)
    check.refresh_from_db()
    assert check.verified_by == coordinator2 and check.status == CheckStatus.VALID


def test_a_criminal_record_check_needs_its_expiry_and_a_coherent_date(ngo, mentor, coordinator):
    profile = apply(ngo, mentor)
    with pytest.raises(ValidationError) as error:
        services.check_enter(actor=mentor, mentor=profile, kind=CheckKind.CRIMINAL_RECORD, authority="Casier",
                             checked_on=TODAY())
    assert "expires_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.check_enter(actor=mentor, mentor=profile, kind=CheckKind.REFERENCE, authority="Referee",
                             checked_on=TODAY() + dt.timedelta(days=3))
    assert "checked_on" in error.value.error_dict
    assert not VettingCheck.objects.exists()


def test_status_valid_expiring_expired_and_expiry_suspends_at_once(mentor_profile, coordinator):
    check = mentor_profile.checks.get(kind=CheckKind.CRIMINAL_RECORD)
    today = TODAY()
    assert check.status_on(today) == CheckStatus.VALID
    VettingCheck.objects.filter(pk=check.pk).update(expires_on=today + dt.timedelta(days=7))
    check.refresh_from_db()
    assert check.status_on(today) == CheckStatus.EXPIRING
    assert selectors.eligibility_gaps([mentor_profile], today=today)[mentor_profile.pk] == []
    # The day after expiry, without any job having run, the mentor is no longer eligible.
    later = today + dt.timedelta(days=8)
    assert check.status_on(later) == CheckStatus.EXPIRED
    gaps = selectors.eligibility_gaps([mentor_profile], today=later)[mentor_profile.pk]
    assert any("expired" in gap for gap in gaps)


def test_reminders_go_out_in_the_renewal_window_once_a_week(mentor_profile, mentor, coordinator):
    check = mentor_profile.checks.get(kind=CheckKind.CRIMINAL_RECORD)
    VettingCheck.objects.filter(pk=check.pk).update(expires_on=TODAY() + dt.timedelta(days=10))
    before = Notification.objects.filter(recipient=mentor).count()
    assert services.vetting_reminders_send() == 1
    assert services.vetting_reminders_send() == 0  # not again the same week
    assert Notification.objects.filter(recipient=mentor).count() == before + 1
    assert Notification.objects.filter(recipient=coordinator, title__contains="expires").exists()


def test_the_remind_command_runs(mentor_profile):
    from django.core.management import call_command

    call_command("remind_mentoring")


# --- the training gate and the lifecycle -------------------------------------------------------------------------


def test_available_only_after_vetting_and_the_training_gate(ngo, mentor, coordinator, coordinator2):
    profile = apply(ngo, mentor)
    vet(profile, entered_by=mentor, verified_by=coordinator)
    profile.refresh_from_db()
    for stage in (Stage.VETTING, Stage.TRAINING):
        if profile.stage != stage:
            services.mentor_set_stage(actor=coordinator, mentor=profile, stage=stage, expected_version=profile.version)
    with pytest.raises(ValidationError) as error:
        services.mentor_set_stage(actor=coordinator, mentor=profile, stage=Stage.AVAILABLE,
                                  expected_version=profile.version)
    assert "code of conduct" in str(error.value)
    services.mentor_sign(actor=mentor, mentor=profile, code_of_conduct=True, agreement=True)
    services.mentor_set_stage(actor=coordinator, mentor=profile, stage=Stage.AVAILABLE,
                              expected_version=profile.version)
    assert profile.stage == Stage.AVAILABLE


def test_a_required_course_gates_matching_and_its_expiry_ends_eligibility(mentor_profile, mentor, ngo, coordinator):
    course = Course.objects.create(title="Mentoring basics")
    services.required_course_set(actor=coordinator, organisation=ngo, course=course, valid_months=12)
    gaps = selectors.eligibility_gaps([mentor_profile])[mentor_profile.pk]
    assert gaps == ["Required course not completed: Mentoring basics."]
    certificate = Certificate.objects.create(kind=Certificate.Kind.COURSE_COMPLETION, holder=mentor,
                                             holder_name="M", title="Mentoring basics", source="t:1",
                                             awarded_on=TODAY() - dt.timedelta(days=30))
    Enrolment.objects.create(user=mentor, course=course, certificate=certificate, completed_at=timezone.now())
    assert selectors.eligibility_gaps([mentor_profile])[mentor_profile.pk] == []
    Certificate.objects.filter(pk=certificate.pk).update(awarded_on=TODAY() - dt.timedelta(days=400))
    gaps = selectors.eligibility_gaps([mentor_profile])[mentor_profile.pk]
    assert len(gaps) == 1 and "expired" in gaps[0]
    assert RequiredCourse.objects.count() == 1


def test_lifecycle_moves_are_checked(mentor_profile, coordinator):
    with pytest.raises(ValidationError):
        services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage=Stage.APPLICANT,
                                  expected_version=mentor_profile.version)
    with pytest.raises(ValidationError) as error:  # a pause needs its reason
        services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage=Stage.PAUSED,
                                  expected_version=mentor_profile.version)
    assert "reason" in error.value.error_dict
    from integra.core.errors import StaleEdit

    with pytest.raises(StaleEdit):
        services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage=Stage.PAUSED, reason="Holiday",
                                  expected_version=mentor_profile.version - 1)
    services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage=Stage.PAUSED, reason="Holiday",
                              expected_version=mentor_profile.version)
    assert mentor_profile.stage == Stage.PAUSED


# --- matching: constraints first, then explained scores, then the coordinator ----------------------------------


def _second_mentor(ngo, coordinator, coordinator2, **extra):
    user = make_user(org=ngo, roles=["mentor"])
    return make_available(apply(ngo, user, **extra), coordinator=coordinator, second=coordinator2, user=user)


def test_hard_constraints_exclude_before_any_score_with_their_reason(mentee, mentor_profile, ngo, coordinator,
                                                                     coordinator2):
    near = _second_mentor(ngo, coordinator, coordinator2, area="Paris 18e")
    known = _second_mentor(ngo, coordinator, coordinator2, area="Paris 11e")
    services.constraint_add(actor=coordinator, mentee=mentee, kind=ConstraintKind.EXCLUSION_ZONE, area="paris 18E")
    services.constraint_add(actor=coordinator, mentee=mentee, kind=ConstraintKind.GROUP_LINK, mentor=known,
                            detail="Co-defendant in 2019")
    aid = selectors.suggestions(actor=coordinator, mentee=mentee)
    excluded = {e.mentor.pk: e for e in aid["excluded"]}
    assert excluded[near.pk].kind == ConstraintKind.EXCLUSION_ZONE and "Paris 18e" not in ""
    assert "exclusion zone" in excluded[near.pk].reason.lower()
    assert excluded[known.pk].kind == ConstraintKind.GROUP_LINK
    assert [s.mentor.pk for s in aid["suggestions"]] == [mentor_profile.pk]
    with pytest.raises(ValidationError) as error:  # an excluded mentor cannot be chosen
        services.match_decide(actor=coordinator, mentee=mentee, mentor=near, mentee_consent_on=TODAY(),
                              rationale="I know better than the constraint")
    assert error.value.error_dict["mentor"][0].code == "excluded"
    assert not Match.objects.exists()


def test_capacity_and_pause_are_constraints_too(mentee, mentor_profile, coordinator):
    services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage=Stage.PAUSED, reason="Exams",
                              expected_version=mentor_profile.version)
    aid = selectors.suggestions(actor=coordinator, mentee=mentee)
    assert [e.kind for e in aid["excluded"]] == ["pause"] and not aid["suggestions"]


def test_each_suggestion_shows_its_points_per_criterion(mentee, mentor_profile, coordinator):
    aid = selectors.suggestions(actor=coordinator, mentee=mentee)
    suggestion = aid["suggestions"][0]
    points = {c.code: (c.points, c.maximum) for c in suggestion.criteria}
    # German shared (20/20), no gender preference (10/10), same area (20/20), the one time wanted (15/15),
    # one interest in common: housing (5/20). No lived experience or culture asked: not scored.
    assert points == {"language": (20, 20), "gender": (10, 10), "area": (20, 20), "availability": (15, 15),
                      "interests": (5, 20)}
    assert suggestion.total == 70 and suggestion.maximum == 85 and suggestion.rank == 1
    assert suggestion.passed  # the constraints it passed are listed


def test_the_coordinator_decides_and_gives_a_reason_when_not_taking_the_first(mentee, mentor_profile, ngo,
                                                                             coordinator, coordinator2, record):
    other = _second_mentor(ngo, coordinator, coordinator2, area="Lyon", languages="Spanish", travel_km=5)
    aid = selectors.suggestions(actor=coordinator, mentee=mentee)
    assert [s.mentor.pk for s in aid["suggestions"]] == [mentor_profile.pk, other.pk]
    with pytest.raises(ValidationError) as error:
        services.match_decide(actor=coordinator, mentee=mentee, mentor=other, mentee_consent_on=TODAY())
    assert error.value.error_dict["rationale"][0].code == "reason_needed"
    match = services.match_decide(actor=coordinator, mentee=mentee, mentor=other, mentee_consent_on=TODAY(),
                                  rationale="Knows the family's village; the mentee asked for him.")
    assert match.suggestion_rank == 2 and match.explanation["chosen"]["total"] < match.explanation[
        "suggestions"][0]["total"]
    mentee.refresh_from_db()
    other.refresh_from_db()
    assert mentee.status == MenteeStatus.MATCHED and other.stage == Stage.MATCHED
    # The mentor joined the record's team at the practical level, through cooperation's service.
    row = TeamMember.objects.current().get(record=record, user=other.user)
    assert row.access_level == "practical" and row.organisation_id == ngo.pk


def test_no_second_active_match_and_no_match_beyond_capacity(match, mentor_profile, mentee, coordinator, prison,
                                                             prison_cm, ngo):
    with pytest.raises(ValidationError) as error:
        services.match_decide(actor=coordinator, mentee=mentee, mentor=mentor_profile, mentee_consent_on=TODAY())
    assert "already has a mentor" in str(error.value)
    from integra.cooperation import services as cooperation

    second = cooperation.record_open(actor=prison_cm, organisation=prison, given_names="A", family_name="B")
    cooperation.basis_add(actor=prison_cm, record=second, basis="consent", scope=["practical"], recipients=[ngo],
                          given_on=TODAY())
    referral = cooperation.referral_create(actor=prison_cm, record=second, to_organisation=ngo, reason="Mentoring")
    other = services.mentee_accept_referral(actor=coordinator, referral=referral)
    with pytest.raises(ValidationError) as error:  # capacity 1, already one mentee
        services.match_decide(actor=coordinator, mentee=other, mentor=mentor_profile, mentee_consent_on=TODAY())
    assert "At capacity" in str(error.value)
    assert Match.objects.count() == 1


def test_ending_a_match_takes_the_mentor_off_the_team(match, coordinator, record, mentor):
    with pytest.raises(ValidationError):
        services.match_end(actor=coordinator, match=match, reason="x", closure="bored",
                           expected_version=match.version)
    closing = services.session_log(actor=mentor, match=match, held_on=TODAY(), duration_minutes=45, mode="phone")
    services.match_end(actor=coordinator, match=match, reason="Planned end after a year", closure="planned",
                       expected_version=match.version, closing_session=closing)
    assert match.closure == "planned"
    assert not TeamMember.objects.current().filter(record=record, user=mentor).exists()
    match.mentor.refresh_from_db()
    assert match.mentor.stage == Stage.AVAILABLE


# --- sessions, goals, concerns ---------------------------------------------------------------------------------


def test_a_mentor_logs_sessions_of_their_own_match_only(match, mentor, coordinator, ngo, coordinator2):
    session = services.session_log(actor=mentor, match=match, held_on=TODAY(), duration_minutes=45, mode="phone",
                                   notes="Talked about the job interview.")
    assert not session.report_late
    other = _second_mentor(ngo, coordinator, coordinator2)
    with pytest.raises(ValidationError) as error:
        services.session_log(actor=other.user, match=match, held_on=TODAY(), duration_minutes=45, mode="phone")
    assert error.value.code == "not_your_match"
    with pytest.raises(ValidationError) as error:
        services.session_log(actor=mentor, match=match, held_on=TODAY(), duration_minutes=2, mode="phone")
    assert "duration_minutes" in error.value.error_dict
    assert MentoringSession.objects.count() == 1


def test_a_report_logged_after_48_hours_is_flagged(match, mentor):
    session = services.session_log(actor=mentor, match=match, held_on=TODAY() - dt.timedelta(days=1),
                                   duration_minutes=60, mode="in_person")
    assert not session.report_late
    Match.objects.filter(pk=match.pk).update(decided_at=timezone.now() - dt.timedelta(days=10))
    match.refresh_from_db()
    late = services.session_log(actor=mentor, match=match, held_on=TODAY() - dt.timedelta(days=4),
                                duration_minutes=60, mode="in_person")
    assert late.report_late


def test_goal_progress_is_bounded_and_versioned(match, mentor):
    goal = services.goal_add(actor=mentor, match=match, title="Open a bank account")
    with pytest.raises(ValidationError):
        services.goal_update(actor=mentor, goal=goal, expected_version=goal.version, progress=120)
    services.goal_update(actor=mentor, goal=goal, expected_version=goal.version, progress=50, comment="Booked")
    from integra.core.errors import StaleEdit

    with pytest.raises(StaleEdit):
        services.goal_update(actor=mentor, goal=goal, expected_version=1, progress=60)


def test_a_concern_reaches_the_coordinator_and_the_case_team(match, mentor, coordinator, prison_cm, record):
    concern = services.concern_raise(actor=mentor, match=match, severity="urgent", category="radicalisation",
                                     detail="Showed me propaganda videos on his phone.")
    assert Notification.objects.filter(recipient=coordinator, title__startswith="URGENT").exists()
    assert Notification.objects.filter(recipient=prison_cm, url__contains=f"/concerns/{concern.pk}/").exists()
    note = Note.objects.get(record=record, section=Section.PRACTICAL)
    assert "Radicalisation indicator" in note.body and "propaganda" not in note.body
    assert concern in selectors.open_concerns(actor=coordinator)


def test_a_concern_without_category_changes_nothing(match, mentor):
    with pytest.raises(ValidationError) as error:
        services.concern_raise(actor=mentor, match=match, severity="urgent", category="")
    assert "category" in error.value.error_dict
    assert not Concern.objects.exists()


def test_a_failing_mail_server_never_loses_a_concern(match, mentor, coordinator, settings,
                                                     django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_services.BrokenEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_raise(actor=mentor, match=match, severity="urgent", category="risk_self")
    assert concern in selectors.open_concerns(actor=coordinator)


def test_unacknowledged_concerns_escalate_after_their_time(match, mentor, coordinator, prison_cm):
    urgent = services.concern_raise(actor=mentor, match=match, severity="urgent", category="risk_others")
    routine = services.concern_raise(actor=mentor, match=match, severity="routine", category="risk_self")
    assert services.concerns_escalate(now=timezone.now() + dt.timedelta(hours=3)) == 0
    assert services.concerns_escalate(now=timezone.now() + dt.timedelta(hours=5)) == 1
    urgent.refresh_from_db()
    routine.refresh_from_db()
    assert urgent.escalated_at and not routine.escalated_at
    assert Notification.objects.filter(recipient=prison_cm, title__contains="not acknowledged").exists()
    services.concern_acknowledge(actor=coordinator, concern=routine)
    assert services.concerns_escalate(now=timezone.now() + dt.timedelta(days=4)) == 0


def test_closing_a_concern_needs_its_outcome(match, mentor, coordinator):
    concern = services.concern_raise(actor=mentor, match=match, severity="routine", category="abuse")
    with pytest.raises(ValidationError):
        services.concern_close(actor=coordinator, concern=concern, outcome="", expected_version=concern.version)
    with pytest.raises(PermissionDenied):
        services.concern_close(actor=mentor, concern=concern, outcome="Handled by the mentor", expected_version=1)
    services.concern_close(actor=coordinator, concern=concern, outcome="Referred to the safeguarding lead.",
                           expected_version=concern.version)


def test_family_members_take_part_with_their_own_consent(mentee, coordinator):
    with pytest.raises(ValidationError):
        services.family_member_add(actor=coordinator, mentee=mentee, name="Anna", relationship="mother",
                                   consent_given_on=TODAY() + dt.timedelta(days=1))
    member = services.family_member_add(actor=coordinator, mentee=mentee, name="Anna", relationship="mother",
                                        consent_given_on=TODAY())
    assert member.consent_given_on == TODAY()


def test_supervision_is_recorded_and_overdue_shows(mentor_profile, coordinator):
    assert mentor_profile in selectors.supervision_overdue(actor=coordinator)
    services.supervision_record(actor=coordinator, mentor=mentor_profile, held_on=TODAY(),
                                next_due_on=TODAY() + dt.timedelta(days=30), wellbeing=4, notes="Fine")
    assert mentor_profile not in selectors.supervision_overdue(actor=coordinator)
    with pytest.raises(PermissionDenied):
        services.supervision_record(actor=mentor_profile.user, mentor=mentor_profile, held_on=TODAY(),
                                    next_due_on=TODAY() + dt.timedelta(days=30))


def test_the_agreement_is_versioned_and_signed_by_the_three(match, mentor, coordinator):
    first = services.agreement_draft(actor=coordinator, match=match, goals="Housing; work", frequency="Weekly")
    with pytest.raises(PermissionDenied):
        services.agreement_draft(actor=mentor, match=match, goals="Mine", frequency="Daily")
    services.agreement_sign(actor=mentor, agreement=first)
    with pytest.raises(ValidationError) as error:  # the coordinator records the mentee's signature with its date
        services.agreement_sign(actor=coordinator, agreement=first)
    assert "mentee_signed_on" in error.value.error_dict
    services.agreement_sign(actor=coordinator, agreement=first, mentee_signed_on=TODAY())
    first.refresh_from_db()
    assert first.fully_signed and first.number == 1
    with pytest.raises(ValidationError):  # nothing left to sign
        services.agreement_sign(actor=mentor, agreement=first)
    second = services.agreement_draft(actor=coordinator, match=match, goals="Housing; work; family",
                                      frequency="Every two weeks")
    assert second.number == 2 and not second.fully_signed
    first.refresh_from_db()
    assert first.fully_signed  # the old version stays as it was signed
