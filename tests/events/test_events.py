"""Events: quotas and waiting lists (also under concurrency), agenda conflicts, iCalendar, certificates and
their verification, evaluations, permissions, exports, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar
from rest_framework.test import APIClient

from integra.events import services
from integra.events.models import EvaluationQuestion, Registration, Slot
from integra.learning.models import Certificate
from tests.conftest import api_client, signed_in
from tests.events.conftest import SOFIA, at, participant

pytestmark = pytest.mark.django_db


def _approve_all(organiser, registrations):
    return [services.registration_approve(actor=organiser, registration=r).status for r in registrations]


# --- quotas and waiting lists --------------------------------------------------------------------------------------


def test_quota_then_waiting_list_then_automatic_move_up(event, organiser, django_capture_on_commit_callbacks,
                                                        mailoutbox):
    services.quota_set(actor=organiser, event=event, country="FR", places=2)
    people = [participant("FR") for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [services.registration_apply(actor=p, event=event, listed_consent=True) for p in people]
        statuses = _approve_all(organiser, registrations)
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
    statuses = _approve_all(organiser, [services.registration_apply(actor=p, event=event)
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


def test_agenda_page_form_shows_the_conflict(event, organiser):
    hall = services.room_add(actor=organiser, event=event, name="Hall")
    services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10), room=hall)
    response = signed_in(organiser).post(reverse("events:agenda_edit", args=[event.pk]), {
        "kind": "work_session", "title": "Clash", "day": "2026-12-07", "start": "09:30", "end": "10:30",
        "room": hall.pk})
    assert response.status_code == 400 and "already used at that time" in response.content.decode()
    response = signed_in(organiser).post(reverse("events:agenda_edit", args=[event.pk]), {
        "kind": "work_session", "title": "Backwards", "day": "2026-12-07", "start": "11:00", "end": "10:30"})
    assert response.status_code == 400 and "ends before it starts" in response.content.decode()


def test_ics_parses_back_with_events_times_and_time_zone(event, organiser):
    services.slot_save(actor=organiser, event=event, kind="registration", starts_at=at(7, 9), ends_at=at(7, 9, 30))
    services.slot_save(actor=organiser, event=event, kind="welcome", title="Welcome", starts_at=at(7, 9, 30),
                       ends_at=at(7, 10, 30))
    services.slot_save(actor=organiser, event=event, kind="dinner", starts_at=at(10, 19, 30), ends_at=at(10, 22))
    for url in (reverse("events:agenda_ics", args=[event.pk]), f"/api/v1/events/{event.pk}/agenda.ics"):
        response = APIClient().get(url)  # published: public
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        vevents = calendar.walk("VEVENT")
        assert len(vevents) == 3
        starts = sorted(v.decoded("dtstart") for v in vevents)
        assert starts[0] == at(7, 9) and str(starts[0].tzinfo) in {"Europe/Sofia", str(SOFIA)}
        assert any(v.get("summary") == "Welcome" for v in vevents)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Sofia"


def test_agenda_json_and_api(event, organiser):
    services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10))
    data = signed_in(organiser).get(reverse("events:agenda_json", args=[event.pk])).json()
    assert data["event"]["time_zone"] == "Europe/Sofia" and data["slots"][0]["starts_at"].startswith("2026-12-07T09:00")
    api = api_client(organiser).get(f"/api/v1/events/{event.pk}/agenda/").json()
    assert api["slots"][0]["kind"] == "welcome"


# --- permissions ---------------------------------------------------------------------------------------------------


def test_public_organiser_and_participant_views(event, organiser, client):
    person = participant()
    registration = services.registration_apply(actor=person, event=event, dietary_needs="vegetarian")
    assert client.get(reverse("events:public", args=[event.pk])).status_code == 200
    assert "vegetarian" not in client.get(reverse("events:public", args=[event.pk])).content.decode()
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 302  # sign in first
    assert signed_in(person).get(reverse("events:registrations", args=[event.pk])).status_code == 404
    page = signed_in(organiser).get(reverse("events:registrations", args=[event.pk]))
    assert page.status_code == 200 and "vegetarian" in page.content.decode()
    other = participant()
    assert signed_in(other).post(reverse("events:registration_action", args=[registration.pk]),
                                 {"decision": "approve"}).status_code == 404
    assert signed_in(person).post(reverse("events:registration_action", args=[registration.pk]),
                                  {"decision": "approve"}).status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "pending"  # participants cannot approve


def test_unpublished_events_are_hidden(event, organiser, client):
    services.event_update(actor=organiser, event=event, expected_version=event.version, is_published=False)
    assert client.get(reverse("events:public", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:agenda", args=[event.pk])).status_code == 404
    assert signed_in(participant()).get(reverse("events:event", args=[event.pk])).status_code == 404
    assert signed_in(organiser).get(reverse("events:event", args=[event.pk])).status_code == 200


def test_only_organisers_create_events(organiser_org):
    response = signed_in(participant()).get(reverse("events:create"))
    assert response.status_code == 403


def test_registration_through_api(event, organiser):
    person = participant()
    response = api_client(person).post(f"/api/v1/events/{event.pk}/registrations/",
                                       {"dietary_needs": "halal", "listed_consent": True}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    again = api_client(person).post(f"/api/v1/events/{event.pk}/registrations/", {}, format="json")
    assert again.status_code == 400
    mine = api_client(person).get(f"/api/v1/events/{event.pk}/registrations/").json()
    assert mine["count"] == 1
    services.registration_apply(actor=participant(), event=event)
    assert api_client(organiser).get(f"/api/v1/events/{event.pk}/registrations/").json()["count"] == 2


# --- attendance, certificates, evaluation ------------------------------------------------------------------------


def _event_with_sessions(event, organiser, people):
    sessions = [services.slot_save(actor=organiser, event=event, kind="work_session", title=f"Session {i}",
                                   starts_at=at(7 + i, 10), ends_at=at(7 + i, 12), takes_attendance=True)
                for i in range(2)]
    registrations = [services.registration_apply(actor=p, event=event) for p in people]
    _approve_all(organiser, registrations)
    return sessions, registrations


def test_certificates_follow_the_attendance_rule_and_verify_publicly(event, organiser, client):
    people = [participant(), participant()]
    sessions, registrations = _event_with_sessions(event, organiser, people)
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    services.attendance_mark(actor=organiser, slot=sessions[1], present_registration_ids=[])
    issued, skipped = services.certificates_issue(actor=organiser, event=event)
    assert (issued, skipped) == (1, 0 + 1)  # 50% rule: one of two sessions attended is enough; none is not
    certificate = Certificate.objects.get()
    assert certificate.holder == people[0]
    assert services.certificates_issue(actor=organiser, event=event) == (1, 1)  # idempotent
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
    sessions, _registrations = _event_with_sessions(event, organiser, [participant()])
    pending = services.registration_apply(actor=participant(), event=event)
    with pytest.raises(ValidationError, match="approved"):
        services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[pending.pk])


def test_participant_sees_own_attendance_and_downloads_certificate(event, organiser):
    person = participant()
    sessions, registrations = _event_with_sessions(event, organiser, [person])
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    services.certificates_issue(actor=organiser, event=event)
    page = signed_in(person).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Session 0" in page and "present" in page and "Download your certificate" in page
    certificate = Certificate.objects.get(holder=person)
    pdf = signed_in(person).get(reverse("learning:certificate_pdf", args=[certificate.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert signed_in(participant()).get(reverse("learning:certificate_pdf", args=[certificate.pk])).status_code == 404


def test_a_broken_pdf_renderer_keeps_the_certificate(event, organiser, monkeypatch):
    person = participant()
    sessions, registrations = _event_with_sessions(event, organiser, [person])
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    services.certificates_issue(actor=organiser, event=event)
    from integra.learning import services as learning_services

    monkeypatch.setattr(learning_services, "certificate_pdf", lambda **kw: (_ for _ in ()).throw(OSError("pango")))
    certificate = Certificate.objects.get(holder=person)
    response = signed_in(person).get(reverse("learning:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 302 and Certificate.objects.filter(pk=certificate.pk).exists()


def test_evaluation_once_with_valid_ratings_and_results(event, organiser):
    people = [participant("FR"), participant("IT")]
    _sessions, registrations = _event_with_sessions(event, organiser, people)
    scale = EvaluationQuestion.objects.create(event=event, text="Overall usefulness", kind="scale")
    text = EvaluationQuestion.objects.create(event=event, text="What should change?", kind="text")
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


def test_participant_csv_is_formula_safe_and_per_country(event, organiser):
    person = participant("PT")
    services.registration_apply(actor=person, event=event, dietary_needs="=cmd|' /C calc'!A0")
    services.registration_apply(actor=participant("FR"), event=event)
    response = signed_in(organiser).get(reverse("events:registrations", args=[event.pk]), {"country": "PT",
                                                                                         "format": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "'=cmd" in content and content.count("\n") == 2  # header + one Portuguese participant


def test_a_failing_mail_server_does_not_lose_a_registration(event, organiser, settings,
                                                            django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_services.BrokenEmailBackend"
    person = participant()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_apply(actor=person, event=event)
        services.registration_approve(actor=organiser, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == "approved"


def test_next_steps_link_to_the_next_event_of_the_series(event, organiser, organiser_org):
    from integra.events.models import EventSeries

    series = EventSeries.objects.create(title="INTEGRA series")
    services.event_update(actor=organiser, event=event, expected_version=event.version, series=series)
    lisbon = services.event_create(actor=organiser, organiser=organiser_org, title="Lisbon", series=series,
                                   start_date=dt.date(2027, 3, 9), end_date=dt.date(2027, 3, 13), is_published=True)
    page = signed_in(organiser).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Next steps" in page and reverse("events:event", args=[lisbon.pk]) in page


def test_agenda_and_registration_pages_keep_a_flat_query_count(event, organiser, count_queries):
    client = signed_in(organiser)
    urls = [reverse("events:agenda", args=[event.pk]), reverse("events:registrations", args=[event.pk]),
            reverse("events:list")]
    speaker = services.speaker_add(actor=organiser, event=event, name="A")
    services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10),
                       speakers=[speaker])
    services.registration_apply(actor=participant(), event=event)
    for url in urls:
        client.get(url)
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    for i in range(6):
        extra = services.speaker_add(actor=organiser, event=event, name=f"S{i}")
        services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(8, 9 + i),
                           ends_at=at(8, 10 + i), speakers=[extra])
        services.registration_apply(actor=participant(), event=event)
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after


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


def test_agenda_pages_show_the_event_s_local_times(event, organiser, client):
    services.slot_save(actor=organiser, event=event, kind="registration", title="Registration desk",
                       starts_at=at(7, 9), ends_at=at(7, 9, 30), takes_attendance=True)
    for url in (reverse("events:agenda", args=[event.pk]), reverse("events:public", args=[event.pk])):
        body = client.get(url).content.decode()
        assert "09:00" in body and "09:30" in body and "08:00" not in body
    editor = signed_in(organiser).get(reverse("events:agenda_edit", args=[event.pk])).content.decode()
    assert "09:00" in editor
    sheet = signed_in(organiser).get(reverse("events:sign_in_sheet", args=[event.pk, "2026-12-07"])).content.decode()
    assert "09:00 Registration desk" in sheet


def test_registration_closes_after_its_deadline(event, organiser):
    services.event_update(actor=organiser, event=event, expected_version=event.version,
                          registration_closes_on=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="closed"):
        services.registration_apply(actor=participant(), event=event)
    page = signed_in(participant()).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Registration is closed." in page and "Apply to attend" not in page
