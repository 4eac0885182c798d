"""Event pages: who may open them (public, participant, organiser, stranger), what they show, their forms and
buttons (one URL per action), bad input, exports and query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from integra.core.models import AuditEvent
from integra.events import services
from integra.events.models import EvaluationQuestion, Event, Registration, Room, Slot, Speaker
from integra.learning.models import Certificate
from tests.conftest import make_org, signed_in
from tests.events.conftest import at, event_with_sessions, participant

pytestmark = pytest.mark.django_db

OPEN_REDIRECTS = ["//evil.example/", "https://evil.example/", "/\\evil.example/", "javascript:alert(1)",
                  "http:evil.example"]


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
    assert signed_in(other).post(reverse("events:registration_approve", args=[registration.pk])).status_code == 404
    assert signed_in(person).post(reverse("events:registration_approve", args=[registration.pk])).status_code == 403
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


def test_participant_sees_own_attendance_and_downloads_certificate(event, organiser):
    person = participant()
    sessions, registrations = event_with_sessions(event, organiser, [person])
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
    sessions, registrations = event_with_sessions(event, organiser, [person])
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    services.certificates_issue(actor=organiser, event=event)
    from integra.learning import services as learning_services

    monkeypatch.setattr(learning_services, "certificate_pdf", lambda **kw: (_ for _ in ()).throw(OSError("pango")))
    certificate = Certificate.objects.get(holder=person)
    response = signed_in(person).get(reverse("learning:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 302 and Certificate.objects.filter(pk=certificate.pk).exists()


def test_participant_csv_is_formula_safe_and_per_country(event, organiser):
    person = participant("PT")
    services.registration_apply(actor=person, event=event, dietary_needs="=cmd|' /C calc'!A0")
    services.registration_apply(actor=participant("FR"), event=event)
    response = signed_in(organiser).get(reverse("events:registrations", args=[event.pk]), {"country": "PT",
                                                                                         "format": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "'=cmd" in content and content.count("\n") == 2  # header + one Portuguese participant


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


# --- registrations: one URL per decision ----------------------------------------------------------------------------


def test_approve_decline_and_cancel_have_their_own_urls(event, organiser):
    people = [participant(), participant(), participant()]
    first, second, third = (services.registration_apply(actor=p, event=event) for p in people)
    registrations_url = reverse("events:registrations", args=[event.pk])
    organiser_client = signed_in(organiser)

    response = organiser_client.post(reverse("events:registration_approve", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == registrations_url
    assert Registration.objects.get(pk=first.pk).status == "approved"
    page = organiser_client.get(registrations_url).content.decode()
    assert f"Registration of {people[0]}: Approved." in page
    assert reverse("events:registration_decline", args=[first.pk]) in page
    assert reverse("events:registration_approve", args=[second.pk]) in page
    assert reverse("events:registration_approve", args=[first.pk]) not in page  # approved already

    response = organiser_client.post(reverse("events:registration_decline", args=[second.pk]), {"reason": "Full"})
    assert response.status_code == 302 and response["Location"] == registrations_url
    assert Registration.objects.get(pk=second.pk).status == "declined"
    # The reason is kept (encrypted) on the registration, not copied into the audit trail.
    assert Registration.objects.get(pk=second.pk).decline_reason == "Full"
    assert AuditEvent.objects.get(action="events.registration.declined").data == {"reason_given": True}

    response = organiser_client.post(reverse("events:registration_approve", args=[second.pk]))  # declined: refused
    assert response.status_code == 302 and Registration.objects.get(pk=second.pk).status == "declined"
    assert "Only pending or waiting registrations can be approved." in organiser_client.get(
        registrations_url).content.decode()

    participant_client = signed_in(people[2])
    event_page = participant_client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert reverse("events:registration_cancel", args=[third.pk]) in event_page
    response = participant_client.post(reverse("events:registration_cancel", args=[third.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("events:event", args=[event.pk])
    assert Registration.objects.get(pk=third.pk).status == "cancelled"


def test_registration_decisions_refuse_others_and_get(event, organiser):
    person, stranger = participant(), participant()
    registration = services.registration_apply(actor=person, event=event)
    for name in ("registration_approve", "registration_decline", "registration_cancel"):
        url = reverse(f"events:{name}", args=[registration.pk])
        assert signed_in(stranger).post(url).status_code == 404  # not theirs to see
        assert signed_in(organiser).get(url).status_code == 405  # buttons only
        assert signed_in(person).post(reverse(f"events:{name}", args=[999_999])).status_code == 404
    for name in ("registration_approve", "registration_decline"):
        assert signed_in(person).post(reverse(f"events:{name}", args=[registration.pk])).status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "pending"


def test_register_and_its_bad_input(event):
    person = participant()
    client = signed_in(person)
    organisation = person.memberships.get().organisation
    url = reverse("events:register", args=[event.pk])
    response = client.post(url, {"organisation": make_org().pk, "dietary_needs": "x"})
    assert response.status_code == 302 and not Registration.objects.exists()  # not one of theirs: not a choice
    assert "Check the form" in client.get(reverse("events:event", args=[event.pk])).content.decode()
    response = client.post(url, {"organisation": organisation.pk, "dietary_needs": "d" * 301})
    assert response.status_code == 302 and not Registration.objects.exists()
    response = client.post(url, {"organisation": organisation.pk, "dietary_needs": "Vegan",
                                 "listed_consent": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("events:event", args=[event.pk])
    registration = Registration.objects.get()
    assert (registration.organisation, registration.dietary_needs, registration.listed_consent) == (
        organisation, "Vegan", True)
    assert signed_in(participant()).get(url).status_code == 405


@pytest.mark.parametrize("payload", OPEN_REDIRECTS)
def test_actions_never_redirect_off_site(event, organiser, payload):
    person = participant()
    response = signed_in(person).post(reverse("events:register", args=[event.pk]) + f"?next={payload}")
    assert response.status_code == 302 and response["Location"] == reverse("events:event", args=[event.pk])
    registration = Registration.objects.get(user=person)
    response = signed_in(organiser).post(reverse("events:registration_approve", args=[registration.pk]),
                                         {"next": payload})
    assert response["Location"] == reverse("events:registrations", args=[event.pk])
    response = signed_in(organiser).post(reverse("events:registration_approve", args=[registration.pk]),
                                         {"next": reverse("events:list")})
    assert response["Location"] == reverse("events:list")  # a page of ours is fine


# --- the event and its quotas ------------------------------------------------------------------------------------


def test_create_an_event_in_an_organisation_the_policy_offers(organiser, organiser_org):
    client = signed_in(organiser)
    page = client.get(reverse("events:create")).content.decode()
    assert organiser_org.name in page
    elsewhere = make_org("Somewhere else")
    assert elsewhere.name not in page
    data = {"title": "Lisbon 2027", "kind": "joint_training", "start_date": "2027-03-08", "end_date": "2027-03-12",
            "time_zone": "Europe/Lisbon", "attendance_rule": 80, "registration_open": "on"}
    response = client.post(reverse("events:create"), {**data, "organiser": elsewhere.pk})
    assert response.status_code == 400 and not Event.objects.exists()
    response = client.post(reverse("events:create"), {**data, "organiser": organiser_org.pk, "end_date": "2027-03-01"})
    assert response.status_code == 400 and "ends before it starts" in response.content.decode()
    response = client.post(reverse("events:create"), {**data, "organiser": organiser_org.pk})
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events:event", args=[event.pk])
    assert event.organiser == organiser_org and event.created_by == organiser
    assert signed_in(participant()).post(reverse("events:create"), {**data, "organiser": organiser_org.pk})\
        .status_code == 403


def test_edit_an_event_refuses_a_stale_version_and_strangers(event, organiser):
    url = reverse("events:edit", args=[event.pk])
    form = {"title": "Renamed", "kind": event.kind, "start_date": "2026-12-07", "end_date": "2026-12-11",
            "time_zone": event.time_zone, "attendance_rule": 50, "is_published": "on", "registration_open": "on"}
    assert signed_in(participant()).get(url).status_code == 404
    assert signed_in(participant()).post(url, {**form, "version": event.version}).status_code == 404
    response = signed_in(organiser).post(url, {**form, "version": event.version})
    assert response.status_code == 302
    response = signed_in(organiser).post(url, {**form, "title": "Overwritten", "version": event.version})
    assert response.status_code == 409 and "Someone else changed this event" in response.content.decode()
    response = signed_in(organiser).post(url, {**form, "end_date": "2026-12-01", "version": event.version + 1})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.title == "Renamed" and event.version == 2


def test_quotas_page_saves_and_refuses_bad_input(event, organiser):
    url = reverse("events:quotas", args=[event.pk])
    assert signed_in(participant()).post(url, {"country": "FR", "places": 3}).status_code == 404
    response = signed_in(organiser).post(url, {"country": "FR", "places": -1})
    assert response.status_code == 400 and not event.quotas.exists()
    response = signed_in(organiser).post(url, {"country": "FR", "places": 3})
    assert response.status_code == 302 and event.quotas.get().places == 3


# --- the agenda builder: one URL per action ------------------------------------------------------------------------


def test_agenda_builder_edits_moves_and_removes_a_slot(event, organiser):
    client = signed_in(organiser)
    slot = services.slot_save(actor=organiser, event=event, kind="welcome", title="Welcome", starts_at=at(7, 9),
                              ends_at=at(7, 10))
    builder = client.get(reverse("events:agenda_edit", args=[event.pk])).content.decode()
    edit_url = reverse("events:slot_edit", args=[event.pk, slot.pk])
    assert edit_url in builder
    page = client.get(edit_url).content.decode()
    assert 'value="09:00"' in page and reverse("events:slot_delete", args=[event.pk, slot.pk]) in page
    form = {"kind": "welcome", "title": "Official Welcome", "day": "2026-12-07", "start": "09:15", "end": "09:30",
            "version": slot.version}
    response = client.post(edit_url, form)
    assert response.status_code == 302 and response["Location"] == reverse("events:agenda_edit", args=[event.pk])
    slot.refresh_from_db()
    assert (slot.title, slot.starts_at, slot.version) == ("Official Welcome", at(7, 9, 15), 2)
    response = client.post(edit_url, {**form, "title": "Stale"})
    assert response.status_code == 409 and "Someone else changed this slot" in response.content.decode()
    response = client.post(edit_url, {**form, "end": "09:00", "version": slot.version})
    assert response.status_code == 400
    response = client.post(reverse("events:slot_delete", args=[event.pk, slot.pk]))
    assert response.status_code == 302 and not Slot.objects.exists()
    assert AuditEvent.objects.filter(action="events.slot.deleted").exists()


def test_agenda_builder_urls_refuse_strangers_and_other_events(event, organiser, organiser_org):
    slot = services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10))
    other = services.event_create(actor=organiser, organiser=organiser_org, title="Other", is_published=True,
                                  start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 8))
    stranger = signed_in(participant())
    assert signed_in(organiser).get(reverse("events:slot_edit", args=[other.pk, slot.pk])).status_code == 404
    assert signed_in(organiser).post(reverse("events:slot_delete", args=[other.pk, slot.pk])).status_code == 404
    for url in (reverse("events:slot_edit", args=[event.pk, slot.pk]),
                reverse("events:slot_delete", args=[event.pk, slot.pk]),
                reverse("events:room_add", args=[event.pk]), reverse("events:speaker_add", args=[event.pk]),
                reverse("events:agenda_edit", args=[event.pk])):
        assert stranger.post(url, {"name": "Mine", "kind": "lunch", "day": "2026-12-07", "start": "12:00",
                                   "end": "13:00"}).status_code == 404
    assert Slot.objects.count() == 1 and not Room.objects.exists() and not Speaker.objects.exists()


def test_rooms_and_speakers_are_added_from_the_builder(event, organiser):
    client = signed_in(organiser)
    back = reverse("events:agenda_edit", args=[event.pk])
    response = client.post(reverse("events:room_add", args=[event.pk]), {"name": "Room A"})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(reverse("events:speaker_add", args=[event.pk]),
                           {"name": "Pedro Liberado", "organisation_name": "IPS"})
    assert response.status_code == 302
    response = client.post(reverse("events:room_add", args=[event.pk]), {"name": ""})  # bad input: nothing added
    assert response.status_code == 302 and response["Location"] == back
    assert list(event.rooms.values_list("name", flat=True)) == ["Room A"]
    assert list(event.speakers.values_list("name", "organisation_name")) == [("Pedro Liberado", "IPS")]
    builder = client.get(back).content.decode()
    assert "Room A" in builder and "Pedro Liberado (IPS)" in builder and "This field is required." in builder
    assert client.get(reverse("events:room_add", args=[event.pk])).status_code == 405


# --- attendance ------------------------------------------------------------------------------------------------------


def test_attendance_page_saves_and_refuses_bad_input(event, organiser):
    person = participant()
    sessions, registrations = event_with_sessions(event, organiser, [person])
    pending = services.registration_apply(actor=participant(), event=event)
    url = reverse("events:attendance", args=[event.pk, sessions[0].pk])
    client = signed_in(organiser)
    for bad in (["x"], [str(pending.pk)], ["999999"]):
        response = client.post(url, {"present": bad})
        assert response.status_code == 400 and "Nothing was saved" in response.content.decode()
    assert not sessions[0].attendance.exists()
    response = client.post(url, {"present": [registrations[0].pk]})
    assert response.status_code == 302 and response["Location"] == url
    assert sessions[0].attendance.get().present
    assert "Attendance saved: 1 present." in client.get(url).content.decode()
    assert signed_in(person).get(url).status_code == 404
    assert signed_in(person).post(url, {"present": [registrations[0].pk]}).status_code == 404
    assert client.get(reverse("events:attendance", args=[event.pk, 999_999])).status_code == 404


# --- the evaluation form and its results ----------------------------------------------------------------------------


def test_organisers_add_and_remove_evaluation_questions(event, organiser):
    client = signed_in(organiser)
    results_url = reverse("events:results", args=[event.pk])
    add_url = reverse("events:question_add", args=[event.pk])
    assert add_url in client.get(results_url).content.decode()
    response = client.post(add_url, {"text": "Was it useful?", "kind": "scale", "order": 1})
    assert response.status_code == 302 and response["Location"] == results_url
    question = EvaluationQuestion.objects.get()
    assert AuditEvent.objects.filter(action="events.question.created", object_id=str(question.pk)).exists()
    page = client.get(results_url).content.decode()
    assert "Question added to the evaluation form." in page
    delete_url = reverse("events:question_delete", args=[event.pk, question.pk])
    assert delete_url in page
    response = client.post(add_url, {"text": "", "kind": "essay"})  # bad input: nothing added
    assert response.status_code == 302 and EvaluationQuestion.objects.count() == 1
    assert "This field is required." in client.get(results_url).content.decode()

    stranger = signed_in(participant())
    assert stranger.post(add_url, {"text": "Mine?", "kind": "text", "order": 0}).status_code == 404
    assert stranger.post(delete_url).status_code == 404
    assert client.get(delete_url).status_code == 405
    response = client.post(delete_url)
    assert response.status_code == 302 and not EvaluationQuestion.objects.exists()


def test_a_question_with_answers_cannot_be_removed_from_the_page(event, organiser):
    person = participant()
    _sessions, registrations = event_with_sessions(event, organiser, [person])
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    services.evaluation_submit(actor=person, registration=registrations[0], answers={question.pk: 4})
    client = signed_in(organiser)
    delete_url = reverse("events:question_delete", args=[event.pk, question.pk])
    assert delete_url not in client.get(reverse("events:results", args=[event.pk])).content.decode()
    client.post(delete_url)
    assert EvaluationQuestion.objects.filter(pk=question.pk).exists()
    assert "has answers already" in client.get(reverse("events:results", args=[event.pk])).content.decode()


def test_the_evaluation_page_puts_errors_next_to_their_question(event, organiser):
    person = participant()
    _sessions, registrations = event_with_sessions(event, organiser, [person])
    scale = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    text = services.evaluation_question_create(actor=organiser, event=event, text="What next?", kind="text")
    url = reverse("events:evaluation", args=[event.pk])
    assert signed_in(participant()).get(url).status_code == 404  # not a participant
    response = signed_in(person).post(url, {f"q{scale.pk}": "9", f"q{text.pk}": "More exercises"})
    body = response.content.decode()
    assert response.status_code == 400 and "Ratings go from 1 to 5." in body and "More exercises" in body
    assert not hasattr(Registration.objects.get(pk=registrations[0].pk), "evaluation")
    response = signed_in(person).post(url, {f"q{scale.pk}": "4"})
    assert response.status_code == 302 and response["Location"] == reverse("events:event", args=[event.pk])
    response = signed_in(person).post(url, {f"q{scale.pk}": "5"})
    assert response.status_code == 400 and "already sent" in response.content.decode()


# --- certificates ----------------------------------------------------------------------------------------------------


def test_issue_certificates_button(event, organiser):
    person = participant()
    sessions, registrations = event_with_sessions(event, organiser, [person, participant()])
    services.attendance_mark(actor=organiser, slot=sessions[0], present_registration_ids=[registrations[0].pk])
    url = reverse("events:certificates", args=[event.pk])
    assert signed_in(person).post(url).status_code == 404
    assert not Certificate.objects.exists()
    client = signed_in(organiser)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("events:registrations", args=[event.pk])
    page = client.get(response["Location"]).content.decode()
    assert "1 certificate available. 1 participant did not meet the attendance rule." in page
    assert "Without a certificate: Participant FR." in page  # the organiser is told whom to look at
    assert Certificate.objects.get().holder == person


# --- query counts ---------------------------------------------------------------------------------------------------


def _grow(event, organiser, start_day, n):
    """n more speakers, slots with attendance, approved participants, questions and answers."""
    for i in range(n):
        speaker = services.speaker_add(actor=organiser, event=event, name=f"Speaker {start_day}-{i}")
        slot = services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(start_day, 9 + i),
                                  ends_at=at(start_day, 10 + i), speakers=[speaker], takes_attendance=True)
        person = participant()
        registration = services.registration_approve(
            actor=organiser, registration=services.registration_apply(actor=person, event=event))
        services.attendance_mark(actor=organiser, slot=slot, present_registration_ids=[registration.pk])
        question = services.evaluation_question_create(actor=organiser, event=event, text=f"Q{start_day}-{i}",
                                                       slot=slot)
        services.evaluation_submit(actor=person, registration=registration, answers={question.pk: 4})
        services.quota_set(actor=organiser, event=event, country=["FR", "IT", "PT", "GR", "BG", "ES"][i],
                           places=10 + start_day)


def test_organiser_and_participant_pages_keep_a_flat_query_count(event, organiser, count_queries):
    services.room_add(actor=organiser, event=event, name="Hall")
    _grow(event, organiser, 7, 1)
    person = participant()
    services.registration_approve(actor=organiser, registration=services.registration_apply(actor=person,
                                                                                             event=event))
    slot = event.slots.first()
    organiser_urls = [reverse(name, args=[event.pk]) for name in (
        "events:event", "events:edit", "events:quotas", "events:agenda_edit", "events:results", "events:agenda")]
    organiser_urls += [reverse("events:attendance", args=[event.pk, slot.pk]),
                       reverse("events:slot_edit", args=[event.pk, slot.pk]),
                       reverse("events:sign_in_sheet", args=[event.pk, "2026-12-08"]),
                       reverse("events:public", args=[event.pk])]
    participant_urls = [reverse("events:event", args=[event.pk]), reverse("events:evaluation", args=[event.pk]),
                        reverse("events:list"), reverse("core:dashboard")]
    clients = {"organiser": signed_in(organiser), "participant": signed_in(person)}
    pages = [("organiser", url) for url in organiser_urls] + [("participant", url) for url in participant_urls]
    for who, url in pages:
        assert clients[who].get(url).status_code == 200, url
    before = [count_queries(lambda c=clients[who], u=url: c.get(u))[0] for who, url in pages]
    _grow(event, organiser, 8, 5)
    after = [count_queries(lambda c=clients[who], u=url: c.get(u))[0] for who, url in pages]
    grew = [f"{who} {url}: {b} → {a}" for (who, url), b, a in zip(pages, before, after, strict=True) if a != b]
    assert not grew, "query counts grew with the data:\n" + "\n".join(grew)
