"""Events services: quotas and waiting lists, agenda conflicts, registrations, attendance, the evaluation form and
its answers, certificates, e-mails; and every service checks its own policy, whoever calls it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from integra.core.models import AuditEvent, OrganisationKind
from integra.core.roles import Role
from integra.events import services
from integra.events.models import EvaluationQuestion, Registration, Room, Slot, Speaker
from integra.learning.models import Certificate
from tests.conftest import make_org, make_user, signed_in
from tests.events.conftest import approve_all, at, event_with_sessions, participant

pytestmark = pytest.mark.django_db


# --- quotas and waiting lists --------------------------------------------------------------------------------------


def test_quota_then_waiting_list_then_automatic_move_up(event, organiser, django_capture_on_commit_callbacks,
                                                        mailoutbox):
    services.quota_set(actor=organiser, event=event, country="FR", places=2)
    people = [participant("FR") for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [services.registration_apply(actor=p, event=event, listed_consent=True) for p in people]
        statuses = approve_all(organiser, registrations)
    assert statuses == ["approved", "approved", "waiting", "waiting"]
    confirmation = next(m for m in mailoutbox if "confirmed" in m.subject)
    assert confirmation.attachments and confirmation.attachments[0][0] == "agenda.ics"
    services.registration_cancel(actor=people[0], registration=registrations[0])
    assert Registration.objects.get(pk=registrations[2].pk).status == "approved"  # first in the queue moves up
    assert Registration.objects.get(pk=registrations[3].pk).status == "waiting"
    services.quota_set(actor=organiser, event=event, country="FR", places=3)
    assert Registration.objects.get(pk=registrations[3].pk).status == "approved"


def test_quotas_are_per_country(event, organiser):
    services.quota_set(actor=organiser, event=event, country="FR", places=1)
    services.quota_set(actor=organiser, event=event, country="IT", places=1)
    french, italian, greek = participant("FR"), participant("IT"), participant("GR")
    statuses = approve_all(organiser, [services.registration_apply(actor=p, event=event)
                                        for p in (french, italian, greek)])
    assert statuses == ["approved", "approved", "waiting"]  # no quota for Greece: waiting list


def test_second_registration_and_closed_registration_are_refused(event, organiser):
    person = participant()
    services.registration_apply(actor=person, event=event)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_apply(actor=person, event=event)
    services.event_update(actor=organiser, event=event, expected_version=event.version, registration_open=False)
    with pytest.raises(ValidationError, match="closed"):
        services.registration_apply(actor=participant(), event=event)
    assert Registration.objects.count() == 1


# --- agenda ---------------------------------------------------------------------------------------------------------


def test_agenda_conflicts_are_refused(event, organiser):
    hall = services.room_add(actor=organiser, event=event, name="Hall")
    speaker = services.speaker_add(actor=organiser, event=event, name="Dr. Petrova", organisation_name="University")
    services.slot_save(actor=organiser, event=event, kind=Slot.Kind.WORK_SESSION, title="Push and pull factors",
                       starts_at=at(7, 10), ends_at=at(7, 12), room=hall, speakers=[speaker])
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.slot_save(actor=organiser, event=event, kind="lunch", starts_at=at(7, 13), ends_at=at(7, 12))
    with pytest.raises(ValidationError, match="already used"):
        services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(7, 11), ends_at=at(7, 13),
                           room=hall)
    room_b = services.room_add(actor=organiser, event=event, name="Room B")
    with pytest.raises(ValidationError, match="Dr. Petrova"):
        services.slot_save(actor=organiser, event=event, kind="working_group", starts_at=at(7, 11),
                           ends_at=at(7, 12, 30), room=room_b, speakers=[speaker])
    with pytest.raises(ValidationError, match="outside the event"):
        services.slot_save(actor=organiser, event=event, kind="dinner", starts_at=at(14, 19), ends_at=at(14, 22))
    assert Slot.objects.count() == 1


def test_moving_a_slot_rechecks_and_is_versioned(event, organiser):
    hall = services.room_add(actor=organiser, event=event, name="Hall")
    first = services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10),
                               room=hall)
    second = services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(7, 10),
                                ends_at=at(7, 11), room=hall)
    with pytest.raises(ValidationError):
        services.slot_save(actor=organiser, event=event, slot=second, expected_version=second.version,
                           kind="work_session", starts_at=at(7, 9, 30), ends_at=at(7, 11), room=hall)
    moved = services.slot_save(actor=organiser, event=event, slot=second, expected_version=second.version,
                               kind="work_session", starts_at=at(7, 10, 30), ends_at=at(7, 12), room=hall)
    assert moved.version == 2 and first.pk != moved.pk


# --- attendance, certificates, evaluation ------------------------------------------------------------------------


def test_certificates_follow_the_attendance_rule_and_verify_publicly(event, organiser, client):
    people = [participant(), participant()]
    sessions, registrations = event_with_sessions(event, organiser, people)
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    services.attendance_mark(actor=organiser, slot=sessions[1], present_registration_ids=[])
    issued, skipped = services.certificates_issue(actor=organiser, event=event)
    assert (issued, skipped) == (1, 0 + 1)  # 50% rule: one of two sessions attended is enough; none is not
    certificate = Certificate.objects.get()
    assert certificate.holder == people[0]
    # Two sessions of two hours: the programme's hours, awarded by the organising organisation.
    assert certificate.hours == 4 and certificate.issuer == event.organiser
    again = services.certificates_issue(actor=organiser, event=event)
    assert again == (1, 1) and again.not_eligible == [people[1].get_full_name()]  # idempotent, and says who
    assert Certificate.objects.count() == 1
    page = client.get(reverse("learning:verify_code", args=[certificate.code]))
    body = page.content.decode()
    assert page.status_code == 200 and "Valid certificate" in body and certificate.holder_name in body
    assert people[0].email not in body  # only validity, name, event and date
    assert client.get(reverse("learning:verify_code", args=["AAAA-BBBB-CCCC"])).status_code == 404
    api = APIClient().get(f"/api/v1/certificates/verify/{certificate.code}/")
    assert api.status_code == 200 and api.json()["valid"] is True and "email" not in api.json()
    assert APIClient().get("/api/v1/certificates/verify/NOPE/").status_code == 404
    from integra.learning.services import certificate_revoke

    certificate_revoke(actor=organiser, certificate=certificate, reason="Issued in error")
    assert "revoked" in client.get(reverse("learning:verify_code", args=[certificate.code])).content.decode()


def test_attendance_only_for_approved_participants(event, organiser):
    sessions, _registrations = event_with_sessions(event, organiser, [participant()])
    pending = services.registration_apply(actor=participant(), event=event)
    with pytest.raises(ValidationError, match="approved"):
        services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[pending.pk])


def test_evaluation_once_with_valid_ratings_and_results(event, organiser):
    people = [participant("FR"), participant("IT")]
    _sessions, registrations = event_with_sessions(event, organiser, people)
    scale = services.evaluation_question_create(actor=organiser, event=event, text="Overall usefulness", kind="scale")
    text = services.evaluation_question_create(actor=organiser, event=event, text="What should change?",
                                               kind="text")
    with pytest.raises(ValidationError, match="1 to 5"):
        services.evaluation_submit(actor=people[0], registration=registrations[0], answers={scale.pk: 9})
    with pytest.raises(ValidationError, match="not in this evaluation"):
        services.evaluation_submit(actor=people[0], registration=registrations[0], answers={999: 3})
    services.evaluation_submit(actor=people[0], registration=registrations[0], answers={scale.pk: 5, text.pk: "More"})
    with pytest.raises(ValidationError, match="already sent"):
        services.evaluation_submit(actor=people[0], registration=registrations[0], answers={scale.pk: 4})
    response = signed_in(people[1]).post(reverse("events:evaluation", args=[event.pk]), {f"q{scale.pk}": "3"})
    assert response.status_code == 302
    results = signed_in(organiser).get(reverse("events:results", args=[event.pk]))
    body = results.content.decode()
    assert "Average 4.0 from 2 answers" in body and "More" in body
    csv = b"".join(signed_in(organiser).get(reverse("events:results", args=[event.pk]) + "?format=csv")
                   .streaming_content).decode()
    assert "Overall usefulness" in csv and "IT" in csv


# --- e-mails -------------------------------------------------------------------------------------------------------


def test_a_failing_mail_server_does_not_lose_a_registration(event, organiser, settings,
                                                            django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_services.BrokenEmailBackend"
    person = participant()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_apply(actor=person, event=event)
        services.registration_approve(actor=organiser, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == "approved"


def test_changes_and_reminders_are_emailed_with_the_agenda(event, organiser, django_capture_on_commit_callbacks,
                                                            mailoutbox):
    from django.core.management import call_command

    person = participant()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_apply(actor=person, event=event)
        services.registration_approve(actor=organiser, registration=registration)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(actor=organiser, event=event, expected_version=event.version, venue="New venue")
    assert len(mailoutbox) == 1 and "changed" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][2] == "text/calendar"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=event.start_date - dt.timedelta(days=7)) == 1
        assert services.reminders_send(today=event.start_date - dt.timedelta(days=3)) == 0
    assert len(mailoutbox) == 1 and "Reminder" in mailoutbox[0].subject
    call_command("remind_events")


def test_parallel_working_groups_count_as_one_session(event, organiser):
    person = participant()
    plenary = services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(7, 9),
                                 ends_at=at(7, 10), takes_attendance=True)
    groups = [services.slot_save(actor=organiser, event=event, kind="working_group", title="Right-wing extremism",
                                 starts_at=at(7, 11), ends_at=at(7, 12), takes_attendance=True)]
    for title in ("Left-wing extremism", "Other types of extremism"):
        groups.append(services.slot_save(actor=organiser, event=event, kind="working_group", title=title,
                                         starts_at=at(7, 11), ends_at=at(7, 12), parallel_to=groups[0],
                                         takes_attendance=True))
    registration = services.registration_apply(actor=person, event=event)
    services.registration_approve(actor=organiser, registration=registration)
    services.attendance_mark(actor=organiser, slot=plenary, present_registration_ids=[registration.pk])
    services.attendance_mark(actor=organiser, slot=groups[2], present_registration_ids=[registration.pk])
    assert services.attendance_share(registration, services.attendance_units(event)) == 1.0


def test_registration_closes_after_its_deadline(event, organiser):
    services.event_update(actor=organiser, event=event, expected_version=event.version,
                          registration_closes_on=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="closed"):
        services.registration_apply(actor=participant(), event=event)
    page = signed_in(participant()).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Registration is closed." in page and "Apply to attend" not in page


# --- the evaluation form ---------------------------------------------------------------------------------------------


def test_evaluation_questions_are_written_by_a_service_with_an_audit_event(event, organiser, organiser_org):
    session = services.slot_save(actor=organiser, event=event, kind="work_session", title="Push and pull",
                                 starts_at=at(7, 10), ends_at=at(7, 12), takes_attendance=True)
    question = services.evaluation_question_create(actor=organiser, event=event, text=" How useful was it? ",
                                                   kind="scale", slot=session, order=2,
                                                   translations={"fr": "Était-ce utile ?"})
    assert (question.text_en, question.text_fr, question.slot, question.order) == (
        "How useful was it?", "Était-ce utile ?", session, 2)
    created = AuditEvent.objects.get(action="events.question.created")
    assert created.object_id == str(question.pk) and created.organisation_id == organiser_org.pk

    other_event = services.event_create(actor=organiser, organiser=organiser_org, title="Other", is_published=True,
                                        start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 8))
    elsewhere = services.slot_save(actor=organiser, event=other_event, kind="work_session", starts_at=at(7, 10),
                                   ends_at=at(7, 12))
    with pytest.raises(ValidationError) as error:
        services.evaluation_question_create(actor=organiser, event=event, text="Which?", slot=elsewhere)
    assert "slot" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.evaluation_question_create(actor=organiser, event=event, text="  ")
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.evaluation_question_create(actor=organiser, event=event, text="Kind?", kind="essay")
    assert "kind" in error.value.message_dict
    assert EvaluationQuestion.objects.count() == 1

    question_id = question.pk
    services.evaluation_question_delete(actor=organiser, question=question)
    assert not EvaluationQuestion.objects.exists()
    assert AuditEvent.objects.filter(action="events.question.deleted", object_id=str(question_id)).exists()


def test_a_question_with_answers_stays(event, organiser):
    person = participant()
    _sessions, registrations = event_with_sessions(event, organiser, [person])
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    services.evaluation_submit(actor=person, registration=registrations[0], answers={question.pk: 4})
    assert AuditEvent.objects.filter(action="events.evaluation.submitted", actor=person).exists()
    with pytest.raises(ValidationError, match="has answers already"):
        services.evaluation_question_delete(actor=organiser, question=question)
    assert EvaluationQuestion.objects.filter(pk=question.pk).exists()


def test_rooms_and_speakers_are_audited(event, organiser):
    room = services.room_add(actor=organiser, event=event, name=" Hall ")
    speaker = services.speaker_add(actor=organiser, event=event, name="Dr. Petrova", organisation_name="CSD")
    assert room.name == "Hall" and speaker.organisation_name == "CSD"
    assert set(AuditEvent.objects.filter(action__in=["events.room.added", "events.speaker.added"])
               .values_list("object_id", flat=True)) == {str(room.pk), str(speaker.pk)}
    with pytest.raises(ValidationError):
        services.room_add(actor=organiser, event=event, name="")
    assert Room.objects.count() == 1


def test_a_slot_uses_only_its_own_event_s_rooms_speakers_and_groups(event, organiser, organiser_org):
    other = services.event_create(actor=organiser, organiser=organiser_org, title="Other", start_date=event.start_date,
                                  end_date=event.end_date)
    room = services.room_add(actor=organiser, event=other, name="Elsewhere")
    speaker = services.speaker_add(actor=organiser, event=other, name="Elsewhere")
    group = services.slot_save(actor=organiser, event=other, kind="working_group", starts_at=at(7, 9),
                               ends_at=at(7, 10))
    for field, value in (("room", {"room": room}), ("speakers", {"speakers": [speaker]}),
                         ("parallel_to", {"parallel_to": group})):
        with pytest.raises(ValidationError) as error:
            services.slot_save(actor=organiser, event=event, kind="working_group", starts_at=at(7, 9),
                               ends_at=at(7, 10), **value)
        assert field in error.value.message_dict
    assert not event.slots.exists()


def test_slot_titles_take_their_translations(event, organiser):
    slot = services.slot_save(actor=organiser, event=event, kind="welcome", title="Official Welcome",
                              translations={"fr": "Accueil officiel"}, starts_at=at(7, 9), ends_at=at(7, 10))
    assert (slot.title_en, slot.title_fr) == ("Official Welcome", "Accueil officiel")
    with pytest.raises(ValueError):
        services.slot_save(actor=organiser, event=event, kind="lunch", translations={"xx": "?"},
                           starts_at=at(7, 12), ends_at=at(7, 13))


# --- every service checks its own policy, whoever calls it ------------------------------------------------------------


@pytest.fixture
def other_organiser(db):
    """An event organiser of another organisation: runs that organisation's events, not this one."""
    return make_user(org=make_org("Other organiser", kind=OrganisationKind.RESEARCH, country="IT"),
                     roles=[Role.EVENT_ORGANISER])


def test_organiser_services_refuse_whoever_does_not_run_the_event(event, organiser, other_organiser):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    hall = services.room_add(actor=organiser, event=event, name="Hall")
    slot = services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(7, 10),
                              ends_at=at(7, 12), room=hall, takes_attendance=True)
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    before = AuditEvent.objects.count()
    calls = {
        "event_update": lambda actor: services.event_update(actor=actor, event=event,
                                                            expected_version=event.version, title="Taken over"),
        "quota_set": lambda actor: services.quota_set(actor=actor, event=event, country="FR", places=1),
        "room_add": lambda actor: services.room_add(actor=actor, event=event, name="Another room"),
        "speaker_add": lambda actor: services.speaker_add(actor=actor, event=event, name="Someone"),
        "slot_save (new)": lambda actor: services.slot_save(actor=actor, event=event, kind="lunch",
                                                            starts_at=at(7, 12), ends_at=at(7, 13)),
        "slot_save (move)": lambda actor: services.slot_save(
            actor=actor, event=event, slot=slot, expected_version=slot.version, kind="work_session",
            starts_at=at(8, 10), ends_at=at(8, 12)),
        "slot_delete": lambda actor: services.slot_delete(actor=actor, slot=slot),
        "registration_approve": lambda actor: services.registration_approve(actor=actor, registration=registration),
        "registration_decline": lambda actor: services.registration_decline(actor=actor, registration=registration),
        "attendance_mark": lambda actor: services.attendance_mark(actor=actor, slot=slot,
                                                                  present_registration_ids=[]),
        "certificates_issue": lambda actor: services.certificates_issue(actor=actor, event=event),
        "evaluation_question_create": lambda actor: services.evaluation_question_create(actor=actor, event=event,
                                                                                        text="Mine?"),
        "evaluation_question_delete": lambda actor: services.evaluation_question_delete(actor=actor,
                                                                                        question=question),
    }
    for actor in (person, other_organiser, participant()):
        for name, call in calls.items():
            with pytest.raises(PermissionDenied):
                call(actor)
                pytest.fail(f"{name} let {actor} in")
    assert AuditEvent.objects.count() == before
    event.refresh_from_db()
    assert event.title == "Joint staff training — Sofia" and Registration.objects.get().status == "pending"
    assert Slot.objects.filter(pk=slot.pk).exists() and Speaker.objects.count() == 0
    assert EvaluationQuestion.objects.count() == 1


def test_events_are_created_only_in_organisations_the_policy_offers(organiser, organiser_org, other_organiser,
                                                                   platform_admin):
    dates = {"start_date": dt.date(2027, 1, 4), "end_date": dt.date(2027, 1, 5)}
    other_org = other_organiser.memberships.get().organisation
    with pytest.raises(PermissionDenied):
        services.event_create(actor=organiser, organiser=other_org, title="Not mine", **dates)
    with pytest.raises(PermissionDenied):
        services.event_create(actor=participant(), organiser=organiser_org, title="Not an organiser", **dates)
    assert services.event_create(actor=organiser, organiser=organiser_org, title="Mine", **dates).organiser == \
        organiser_org
    assert services.event_create(actor=platform_admin, organiser=other_org, title="Any", **dates).organiser == \
        other_org


def test_an_event_is_linked_only_to_a_cohort_its_organiser_may_see(event, organiser, organiser_org):
    from integra.learning.models import Cohort, Course

    elsewhere = make_org()
    course = Course.objects.create(title="Course", status=Course.Status.PUBLISHED)
    cohort = Cohort.objects.create(course=course, organisation=elsewhere, name="Someone else's cohort",
                                   trainer=make_user(org=elsewhere, roles=[Role.TRAINER]),
                                   starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 2, 1))
    with pytest.raises(PermissionDenied):
        services.event_update(actor=organiser, event=event, expected_version=event.version, cohort=cohort)
    with pytest.raises(PermissionDenied):
        services.event_create(actor=organiser, organiser=organiser_org, title="With a cohort", cohort=cohort,
                              start_date=dt.date(2027, 1, 4), end_date=dt.date(2027, 1, 5))
    event.refresh_from_db()
    assert event.cohort is None


def test_participants_apply_cancel_and_evaluate_only_for_themselves(event, organiser, organiser_org):
    person, stranger = participant(), participant()
    with pytest.raises(PermissionDenied):  # on behalf of an organisation the person does not belong to
        services.registration_apply(actor=person, event=event, organisation=organiser_org)
    registration = services.registration_apply(actor=person, event=event)
    assert registration.organisation == person.memberships.get().organisation
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=stranger, registration=registration)
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    with pytest.raises(PermissionDenied):  # not approved yet
        services.evaluation_submit(actor=person, registration=registration, answers={question.pk: 5})
    services.registration_approve(actor=organiser, registration=registration)
    with pytest.raises(PermissionDenied):  # not theirs
        services.evaluation_submit(actor=stranger, registration=registration, answers={question.pk: 1})
    services.evaluation_submit(actor=person, registration=registration, answers={question.pk: 5})

    services.event_update(actor=organiser, event=event, expected_version=event.version, is_published=False)
    with pytest.raises(PermissionDenied):  # a draft the stranger cannot see
        services.registration_apply(actor=stranger, event=event)
    assert Registration.objects.count() == 1


def test_a_person_without_an_organisation_cannot_register(event):
    with pytest.raises(ValidationError, match="belong to an organisation"):
        services.registration_apply(actor=make_user(), event=event)
