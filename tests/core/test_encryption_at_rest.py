"""Issue 10, "encryption at rest": someone who reads the database or the private storage reads no sensitive text.

A distinctive marker goes into every sensitive text through the services (emergency access through its page, so
that its timeline, audit and notification copies are made); then every text column of every table is read with
raw SQL (on SQLite as on PostgreSQL) and every file of the private storage is read as bytes, and the marker is
nowhere in clear. After `integra keys rotate` onto a new key, with the old key gone, every text still reads back.
"""

import datetime as dt
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from integra.assessment import services as assessment
from integra.assessment.models import Assessment, Rating
from integra.cooperation import services as cooperation
from integra.cooperation.models import (
    Action,
    CaseConference,
    Document,
    EmergencyAccess,
    Flag,
    LegalBasis,
    Referral,
    SharingBasis,
    SubjectAccessRelease,
    TimelineEntry,
)
from integra.cooperation.policy import forget_record_access
from integra.core.models import AuditEvent, Notification
from integra.core.roles import Role
from integra.events import services as events
from integra.events.models import Answer, Registration
from integra.learning import services as learning
from integra.learning.models import CourseEvaluation, LessonFeedback, Reflection, TrainerObservation
from tests.assessment.conftest import load_definition
from tests.conftest import make_user, signed_in
from tests.cooperation.conftest import (  # noqa: F401 (fixtures)
    CASEWORK_SECTIONS,
    agreement,
    consent,
    mentor,
    ngo,
    prison,
    prison_cm,
    prison_dpo,
    probation,
    probation_cm,
    record,
    shared_record,
)
from tests.events.conftest import event, event_with_sessions, organiser, organiser_org, participant  # noqa: F401
from tests.learning.conftest import (  # noqa: F401 (fixtures)
    blueprint,
    cohort,
    course,
    designer,
    finish_first_module,
    learner,
    lessons_of,
    trainer,
    training_org,
)

MARK = "Zq7MarkerXk"


def marker(field: str) -> str:
    return f"{MARK}-{field}-{MARK}"


def _write_every_sensitive_text(f):
    person_record, owner_cm, partner_cm = f.shared_record, f.prison_cm, f.probation_cm
    cooperation.basis_add(actor=owner_cm, record=person_record, basis=LegalBasis.CONSENT, scope=CASEWORK_SECTIONS,
                          recipients=[f.probation], given_on=timezone.localdate(), evidence=marker("evidence"))
    referral = cooperation.referral_create(actor=owner_cm, record=person_record, to_organisation=f.probation,
                                           reason=marker("referral-reason"))
    cooperation.referral_decline(actor=partner_cm, referral=referral, reason=marker("decline-reason"))
    cooperation.conference_schedule(actor=owner_cm, record=person_record, title="Review",
                                    scheduled_at=timezone.now() + dt.timedelta(days=3), participants=[partner_cm],
                                    location="Room 2", agenda=marker("agenda"))
    cooperation.flag_add(actor=owner_cm, record=person_record, kind="other", detail=marker("flag-detail"))
    action = cooperation.action_create(actor=owner_cm, record=person_record, title=marker("action-title"),
                                       owner=partner_cm, due_date=timezone.localdate() + dt.timedelta(days=7))
    cooperation.action_update(actor=partner_cm, action=action, expected_version=action.version, status="done")
    cooperation.document_upload(actor=owner_cm, record=person_record, section="casework",
                                title=marker("document-title"),
                                upload=SimpleUploadedFile("plan.txt", marker("document-content").encode(),
                                                          content_type="text/plain"))
    cooperation.subject_access_release(actor=f.prison_dpo, record=person_record, language="fr", withheld={},
                                       note=marker("release-note"))

    # Break the glass through its page: someone of a partner organisation who is not on the team.
    colleague = make_user("duty@probation.example", org=f.probation, roles=[Role.CASE_MANAGER])
    response = signed_in(colleague).post(reverse("cooperation:emergency", args=[person_record.pk]),
                                         {"reason": marker("emergency-reason")})
    assert response.status_code == 302
    forget_record_access(colleague)

    # The observer: a curriculum designer (a certified trainer is certified through the whole pathway only).
    student, coach = f.learner, f.designer
    finish_first_module(student, f.course)
    intro, _scenario, reflection_lesson = lessons_of(f.course)
    learning.reflection_save(actor=student, block=reflection_lesson.blocks.get(), text=marker("reflection"))
    learning.lesson_feedback_save(actor=student, lesson=intro, useful=True, clear=True,
                                  comment=marker("lesson-feedback"))
    learning.course_evaluation_submit(actor=student, course=f.course, rating=4, would_recommend=True,
                                      comment=marker("course-evaluation"))
    observation = learning.observation_request(actor=student, session_title="Pilot", delivered_on=dt.date(2026, 11, 2),
                                               observer=coach)
    learning.observation_sign_off(actor=coach, observation=observation, notes=marker("observer-notes"))

    # A structured assessment of the person by the owner's case manager (rationale, evidence, limitations).
    admin = make_user("instruments@platform.example", superuser=True)
    version = assessment.instrument_import(actor=admin, definition=load_definition())
    assessment.version_publish(actor=admin, version=version)
    started = assessment.assessment_start(actor=owner_cm, record=person_record, instrument=version.instrument)
    assessment.assessment_save(
        actor=owner_cm, assessment=started, expected_version=started.version,
        answers={"grievance": {"value": "high", "evidence": marker("rating-evidence"), "sources": ["file"]},
                 "us_them": {"value": "insufficient", "insufficient_reason": marker("insufficient-reason")}},
        rationale=marker("rationale"), evidence_against=marker("evidence-against"), limitations=marker("limitations"))

    person = participant("IT")
    _sessions, (registration,) = event_with_sessions(f.event, f.organiser, [person])
    question = events.evaluation_question_create(actor=f.organiser, event=f.event, text="What should change?",
                                                 kind="text")
    events.evaluation_submit(actor=person, registration=registration, answers={question.pk: marker("evaluation")})
    needs = events.registration_apply(actor=participant("FR"), event=f.event, dietary_needs=marker("dietary"),
                                      accessibility_needs=marker("accessibility"))
    events.registration_decline(actor=f.organiser, registration=needs, reason=marker("event-decline"))
    _write_mentoring_texts(f)
    return colleague


def _write_mentoring_texts(f):
    from integra.mentoring import services as mentoring
    from tests.mentoring.conftest import apply, assess_former, assessment_instrument, make_available

    coordinator = make_user("coord@ngo.example", org=f.ngo, roles=[Role.MENTORING_COORDINATOR])
    second = make_user("coord2@ngo.example", org=f.ngo, roles=[Role.MENTORING_COORDINATOR])
    profile = make_available(apply(f.ngo, f.mentor, full_name=marker("mentor-name"), phone=marker("mentor-phone"),
                                   motivation=marker("motivation")), coordinator=coordinator, second=second,
                             user=f.mentor)
    mentoring.check_enter(actor=f.mentor, mentor=profile, kind="reference", authority="Referee",
                          checked_on=timezone.localdate(), number=marker("check-number"),
                          upload=SimpleUploadedFile("ref.txt", marker("check-document").encode(),
                                                    content_type="text/plain"))
    former = apply(f.ngo, email="former@example.org", former_route=True)
    assessors = [make_user(org=f.probation, roles=[Role.CASE_MANAGER]) for _n in range(2)]
    instrument = assessment_instrument(make_user(superuser=True))
    assess_former(former, coordinator=coordinator, assessor=assessors[0], countersigner=assessors[1],
                  instrument=instrument)
    mentoring.former_decide(actor=coordinator, mentor=former, approved=True, rationale=marker("former-rationale"))
    referral = cooperation.referral_create(actor=f.prison_cm, record=f.shared_record, to_organisation=f.ngo,
                                           reason="Mentoring")
    mentee = mentoring.mentee_accept_referral(actor=coordinator, referral=referral)
    mentoring.constraint_add(actor=coordinator, mentee=mentee, kind="exclusion_zone", area="Nowhere",
                             detail=marker("constraint-detail"))
    mentoring.family_member_add(actor=coordinator, mentee=mentee, name=marker("family-name"), relationship="mother",
                                consent_given_on=timezone.localdate())
    match = mentoring.match_decide(actor=coordinator, mentee=mentee, mentor=profile,
                                   mentee_consent_on=timezone.localdate(), rationale=marker("match-rationale"))
    mentoring.agreement_draft(actor=coordinator, match=match, goals=marker("agreement-goals"), frequency="Weekly",
                              boundaries=marker("agreement-boundaries"), confidentiality=marker("agreement-limits"),
                              contact_rules=marker("agreement-contact"))
    mentoring.session_log(actor=f.mentor, match=match, held_on=timezone.localdate(), duration_minutes=30,
                          mode="phone", notes=marker("session-notes"))
    goal = mentoring.goal_add(actor=f.mentor, match=match, title=marker("goal-title"))
    mentoring.goal_update(actor=f.mentor, goal=goal, expected_version=goal.version, progress=10,
                          comment=marker("goal-comment"))
    concern = mentoring.concern_raise(actor=f.mentor, match=match, severity="urgent", category="abuse",
                                      detail=marker("concern-detail"))
    mentoring.concern_close(actor=coordinator, concern=concern, outcome=marker("concern-outcome"),
                            expected_version=concern.version)
    mentoring.supervision_record(actor=coordinator, mentor=profile, held_on=timezone.localdate(),
                                 next_due_on=timezone.localdate() + dt.timedelta(days=30),
                                 notes=marker("supervision-notes"))


def _what_the_database_holds() -> list[str]:
    """Every value of every column of every table, read as stored (raw SQL, no model field decrypts it)."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from the introspection)
            for row in cursor.fetchall():
                values.extend(bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                              for v in row if v is not None)
    return values


def _what_the_private_storage_holds() -> list[bytes]:
    root = Path(Document._meta.get_field("file").storage.location)
    return [path.read_bytes() for path in root.rglob("*") if path.is_file()]


EXPECTED = {
    (SharingBasis, "evidence"): "evidence", (Referral, "reason"): "referral-reason",
    (Referral, "decision_reason"): "decline-reason", (CaseConference, "agenda"): "agenda",
    (Flag, "detail"): "flag-detail", (Action, "title"): "action-title", (Document, "title"): "document-title",
    (EmergencyAccess, "reason"): "emergency-reason", (Reflection, "text"): "reflection",
    (LessonFeedback, "comment"): "lesson-feedback", (CourseEvaluation, "comment"): "course-evaluation",
    (TrainerObservation, "notes"): "observer-notes", (Answer, "text"): "evaluation",
    (Registration, "dietary_needs"): "dietary", (Registration, "accessibility_needs"): "accessibility",
    (Registration, "decline_reason"): "event-decline", (SubjectAccessRelease, "note"): "release-note",
    (Assessment, "rationale"): "rationale", (Assessment, "evidence_against"): "evidence-against",
    (Assessment, "limitations"): "limitations", (Rating, "evidence"): "rating-evidence",
    (Rating, "insufficient_reason"): "insufficient-reason",
    **{(apps.get_model("mentoring", model), field): name for model, field, name in (
        ("Mentor", "full_name", "mentor-name"), ("Mentor", "phone", "mentor-phone"),
        ("Mentor", "motivation", "motivation"), ("Mentor", "former_rationale", "former-rationale"),
        ("VettingCheck", "number", "check-number"), ("Constraint", "detail", "constraint-detail"),
        ("FamilyMember", "name", "family-name"), ("Match", "rationale", "match-rationale"),
        ("MentoringSession", "notes", "session-notes"), ("Goal", "title", "goal-title"),
        ("Goal", "comment", "goal-comment"), ("Concern", "detail", "concern-detail"),
        ("Concern", "outcome", "concern-outcome"), ("Supervision", "notes", "supervision-notes"),
        ("MatchAgreement", "goals", "agreement-goals"), ("MatchAgreement", "boundaries", "agreement-boundaries"),
        ("MatchAgreement", "confidentiality", "agreement-limits"),
        ("MatchAgreement", "contact_rules", "agreement-contact"))},
}


def _read_back() -> set[str]:
    found = set()
    for (model, field), _name in EXPECTED.items():
        found.update(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
    found.update(TimelineEntry.objects.exclude(detail="").values_list("detail", flat=True))
    found.update(Notification.objects.exclude(body="").values_list("body", flat=True))
    return found


@pytest.mark.django_db
def test_no_sensitive_text_is_stored_in_clear_and_rotation_keeps_them_readable(
        request, settings, django_capture_on_commit_callbacks):
    # Fixtures of three apps' conftests, asked by name (as parameters they would shadow their imports above).
    f = SimpleNamespace(**{name: request.getfixturevalue(name) for name in (
        "shared_record", "prison_cm", "probation_cm", "probation", "prison_dpo", "course", "cohort", "learner",
        "trainer", "designer", "event", "organiser", "ngo", "mentor")})
    with django_capture_on_commit_callbacks(execute=True):
        colleague = _write_every_sensitive_text(f)

    # The copies exist, as references or ciphertext.
    grant = EmergencyAccess.objects.get(user=colleague)
    event_row = AuditEvent.objects.get(action="cooperation.record.emergency_access")
    assert event_row.purpose == "emergency access" and event_row.data["emergency_access"] == grant.pk
    assert TimelineEntry.objects.get(kind="emergency_access").detail == marker("emergency-reason")
    alerts = Notification.objects.filter(title__contains="Emergency access")
    assert alerts.filter(recipient=f.prison_cm).exists() and alerts.filter(recipient=f.prison_dpo).exists()
    assert Notification.objects.filter(recipient=f.probation_cm, title__contains=f.shared_record.reference).exists()

    stored = _what_the_database_holds()
    assert any("fernet:" in value for value in stored)  # the dump does see the encrypted columns
    leaks = [value[:120] for value in stored if MARK in value]
    assert leaks == [], f"clear text in the database: {leaks}"
    files = _what_the_private_storage_holds()
    assert files and not [content for content in files if MARK.encode() in content]

    # The owner's team and the DPO still read them, decrypted, where the pages show them.
    timeline = signed_in(f.prison_cm).get(reverse("cooperation:timeline", args=[f.shared_record.pk])).content.decode()
    assert marker("emergency-reason") in timeline and marker("action-title") in timeline
    assert marker("document-title") in timeline
    log = signed_in(f.prison_dpo).get(reverse("cooperation:access_log", args=[f.shared_record.pk])).content.decode()
    assert marker("emergency-reason") in log

    expected = {marker(name) for name in EXPECTED.values()}
    before = _read_back()
    assert expected <= before

    old_keys = list(settings.INTEGRA_FIELD_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.INTEGRA_FIELD_KEYS = [new_key, *old_keys]
    call_command("keys", "rotate", stdout=io.StringIO())
    settings.INTEGRA_FIELD_KEYS = [new_key]  # the old key is gone: everything must be under the new one
    assert _read_back() == before
    document = Document.objects.get()
    assert cooperation.document_read(actor=f.prison_cm, document=document) == marker("document-content").encode()
    assert not [value for value in _what_the_database_holds() if MARK in value]
