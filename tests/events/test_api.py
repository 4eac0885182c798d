"""Events API and calendar feeds: the same policy as the pages (lists are the visible rows, a row outside them
is a 404, a related id the caller may not see is answered as one that does not exist), bad input, query counts."""

import pytest
from django.urls import reverse
from icalendar import Calendar
from rest_framework.test import APIClient

from integra.events import services
from integra.events.models import Registration
from tests.conftest import api_client, make_org, signed_in
from tests.events.conftest import SOFIA, at, participant

pytestmark = pytest.mark.django_db


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



def _draft(event, organiser):
    services.event_update(actor=organiser, event=event, expected_version=event.version, is_published=False)
    event.refresh_from_db()
    return event


def test_a_draft_s_calendar_and_agenda_are_for_its_readers_only(event, organiser):
    services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10))
    person = participant()
    services.registration_apply(actor=person, event=event)
    _draft(event, organiser)
    urls = [reverse("events:agenda_ics", args=[event.pk]), f"/api/v1/events/{event.pk}/agenda.ics",
            reverse("events:agenda_json", args=[event.pk]), reverse("events:agenda", args=[event.pk])]
    for url in urls:
        assert APIClient().get(url).status_code == 404, url
        assert signed_in(participant()).get(url).status_code == 404, url
        assert signed_in(organiser).get(url).status_code == 200, url
        assert signed_in(person).get(url).status_code == 200, url  # registered before it went back to draft
    assert APIClient().get(reverse("events:public", args=[event.pk])).status_code == 404
    assert signed_in(organiser).get(reverse("events:public", args=[event.pk])).status_code == 404  # public only
    assert APIClient().get("/api/v1/events/999999/agenda.ics").status_code == 404


def test_event_list_and_detail_are_the_visible_rows(event, organiser, organiser_org):
    draft = services.event_create(actor=organiser, organiser=organiser_org, title="Draft", start_date=event.start_date,
                                  end_date=event.end_date)
    stranger = api_client(participant())
    assert [e["id"] for e in stranger.get("/api/v1/events/").json()["results"]] == [event.pk]
    assert {e["id"] for e in api_client(organiser).get("/api/v1/events/").json()["results"]} == {event.pk, draft.pk}
    missing, forbidden = stranger.get("/api/v1/events/999999/"), stranger.get(f"/api/v1/events/{draft.pk}/")
    assert missing.status_code == forbidden.status_code == 404 and missing.json() == forbidden.json()
    assert stranger.get(f"/api/v1/events/{draft.pk}/agenda/").status_code == 404
    assert stranger.post(f"/api/v1/events/{draft.pk}/registrations/", {}, format="json").status_code == 404
    assert APIClient().get("/api/v1/events/").status_code in (401, 403)


def test_registration_organisation_ids_do_not_tell_which_exist(event):
    person = participant()
    client = api_client(person)
    closed = make_org("Closed organisation", is_active=False)
    missing = client.post(f"/api/v1/events/{event.pk}/registrations/", {"organisation": 999_999}, format="json")
    hidden = client.post(f"/api/v1/events/{event.pk}/registrations/", {"organisation": closed.pk}, format="json")
    assert missing.status_code == hidden.status_code == 400
    assert missing.json()["error"]["fields"]["organisation"][0].replace("999999", str(closed.pk)) == \
        hidden.json()["error"]["fields"]["organisation"][0]
    not_mine = client.post(f"/api/v1/events/{event.pk}/registrations/", {"organisation": make_org().pk},
                           format="json")
    assert not_mine.status_code == 403
    bad = client.post(f"/api/v1/events/{event.pk}/registrations/", {"dietary_needs": "x" * 301}, format="json")
    assert bad.status_code == 400 and "dietary_needs" in bad.json()["error"]["fields"]
    assert not Registration.objects.exists()
    mine = person.memberships.get().organisation
    created = client.post(f"/api/v1/events/{event.pk}/registrations/", {"organisation": mine.pk}, format="json")
    assert created.status_code == 201 and created.json()["organisation"] == mine.pk


def test_events_api_keeps_a_flat_query_count(event, organiser, count_queries):
    def grow(n):
        for _ in range(n):
            services.registration_apply(actor=participant(), event=event)

    grow(1)
    services.slot_save(actor=organiser, event=event, kind="welcome", starts_at=at(7, 9), ends_at=at(7, 10),
                       speakers=[services.speaker_add(actor=organiser, event=event, name="First")])
    client = api_client(organiser)
    urls = ["/api/v1/events/", f"/api/v1/events/{event.pk}/registrations/", f"/api/v1/events/{event.pk}/agenda/",
            f"/api/v1/events/{event.pk}/agenda.ics"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    grow(5)
    for hour in range(9, 14):
        speaker = services.speaker_add(actor=organiser, event=event, name=f"S{hour}")
        services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(8, hour),
                           ends_at=at(8, hour + 1), speakers=[speaker])
    assert [count_queries(lambda u=url: client.get(u))[0] for url in urls] == before
