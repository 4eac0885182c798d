"""Evaluation results say how many of the approved participants they rest on."""

import pytest
from django.urls import reverse

from integra.events import selectors, services
from tests.conftest import signed_in
from tests.events.conftest import event_with_sessions, participant

pytestmark = pytest.mark.django_db


def test_results_show_the_response_rate(event, organiser, count_queries):
    people = [participant(), participant("IT"), participant("PT")]
    _sessions, registrations = event_with_sessions(event, organiser, people)
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?")
    for person, registration in zip(people[:2], registrations[:2], strict=True):
        services.evaluation_submit(actor=person, registration=registration, answers={question.pk: 4})
    assert selectors.evaluation_response_rate(actor=organiser, event=event) == {
        "participants": 3, "responses": 2, "percent": 67}
    page = signed_in(organiser).get(reverse("events:results", args=[event.pk]))
    assert "2 of 3 approved participants answered the evaluation (67%)." in page.content.decode()
    fr = signed_in(organiser).get(reverse("events:results", args=[event.pk]).replace("/en/", "/fr/"))
    assert "2 sur 3" in fr.content.decode()


def test_no_participant_yet_is_said_in_words(event, organiser):
    page = signed_in(organiser).get(reverse("events:results", args=[event.pk])).content.decode()
    assert "No participant has been approved yet" in page
    assert selectors.evaluation_response_rate(actor=organiser, event=event)["percent"] is None


def test_only_the_organisers_read_the_rate(event):
    assert signed_in(participant()).get(reverse("events:results", args=[event.pk])).status_code == 404


def test_the_organiser_is_not_shown_a_registration_of_their_own(event, organiser):
    page = signed_in(organiser).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Your registration" not in page
    other = signed_in(participant()).get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Your registration" in other


def test_the_public_page_shows_the_venue_and_how_to_apply_while_registration_is_open(event, organiser, client):
    services.event_update(actor=organiser, event=event, expected_version=event.version, venue="Hotel Rila",
                          registration_open=True)
    page = client.get(reverse("events:public", args=[event.pk])).content.decode()
    assert "Hotel Rila" in page and "Apply to attend" in page
    event.refresh_from_db()
    services.event_update(actor=organiser, event=event, expected_version=event.version, registration_open=False)
    assert "Apply to attend" not in client.get(reverse("events:public", args=[event.pk])).content.decode()
