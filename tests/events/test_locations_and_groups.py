"""Each slot has its own location (a field visit is not at the venue), on the agenda and in the calendar; a
participant chooses one working group of each block of parallel groups, and their own calendar holds only those,
while the event's calendar keeps every group."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from integra.core.models import AuditEvent
from integra.events import services
from integra.events.models import GroupChoice, Registration
from tests.conftest import signed_in
from tests.events.conftest import at, participant

pytestmark = pytest.mark.django_db

VENUE = "Training centre"


@pytest.fixture
def week(event, organiser):
    """A plenary at the venue, a field visit elsewhere, and two blocks of parallel groups (3 + 2)."""
    services.event_update(actor=organiser, event=event, expected_version=event.version, venue=VENUE)
    event.refresh_from_db()
    room_a = services.room_add(actor=organiser, event=event, name="Room A")
    rooms = [room_a, services.room_add(actor=organiser, event=event, name="Room B"),
             services.room_add(actor=organiser, event=event, name="Room C")]
    slots = {"plenary": services.slot_save(actor=organiser, event=event, kind="plenary", title="Opening",
                                           starts_at=at(7, 9), ends_at=at(7, 10), room=room_a),
             "visit": services.slot_save(actor=organiser, event=event, kind="field_visit", title="Prison visit",
                                         starts_at=at(8, 9), ends_at=at(8, 12), location="Central Prison",
                                         location_translations={"fr": "Prison centrale"})}
    first = None
    for i, name in enumerate(["G1", "G2", "G3"]):
        slots[name] = services.slot_save(actor=organiser, event=event, kind="working_group", title=name,
                                         starts_at=at(7, 14), ends_at=at(7, 15), room=rooms[i], parallel_to=first)
        first = first or slots[name]
    slots["H1"] = services.slot_save(actor=organiser, event=event, kind="working_group", title="H1",
                                     starts_at=at(9, 14), ends_at=at(9, 15), room=rooms[0])
    slots["H2"] = services.slot_save(actor=organiser, event=event, kind="working_group", title="H2",
                                     starts_at=at(9, 14), ends_at=at(9, 15), room=rooms[1], parallel_to=slots["H1"])
    return slots


def _summaries(content: bytes) -> list[str]:
    return [str(item["summary"]) for item in Calendar.from_ical(content).walk("VEVENT")]


def _locations(content: bytes) -> dict[str, str]:
    return {str(item["summary"]): str(item.get("location", "")) for item in Calendar.from_ical(content).walk("VEVENT")}


def test_a_slot_s_location_is_on_the_agenda_and_in_the_calendar(event, week, client):
    locations = _locations(client.get(reverse("events:agenda_ics", args=[event.pk])).content)
    assert locations["Prison visit"] == "Central Prison, Sofia"
    assert locations["Opening"] == f"Room A, {VENUE}, Sofia"
    page = client.get(reverse("events:agenda", args=[event.pk])).content.decode()
    assert "Central Prison" in page and f"Room A, {VENUE}" in page
    slots = client.get(reverse("events:agenda_json", args=[event.pk])).json()["slots"]
    assert {s["title"]: s["location"] for s in slots}["Prison visit"] == "Central Prison"
    assert "Prison centrale" in client.get(f"/fr/events/{event.pk}/agenda/").content.decode()



def test_the_agenda_builder_saves_a_location_and_refuses_a_too_long_one(event, organiser, week):
    url = reverse("events:agenda_edit", args=[event.pk])
    form = {"kind": "dinner", "day": "2026-12-10", "start": "19:00", "end": "21:00", "location": "Restaurant Mora"}
    assert signed_in(organiser).post(url, form).status_code == 302
    assert event.slots.get(kind="dinner").location == "Restaurant Mora"
    response = signed_in(organiser).post(url, {**form, "start": "21:00", "end": "22:00", "location": "x" * 201})
    assert response.status_code == 400 and not event.slots.filter(starts_at=at(10, 21)).exists()
    with pytest.raises(ValidationError):
        services.slot_save(actor=organiser, event=event, kind="dinner", starts_at=at(10, 21), ends_at=at(10, 22),
                           location="x" * 201)


def test_a_participant_s_calendar_holds_the_groups_they_chose_and_the_event_s_all(event, organiser, week, client):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    services.registration_approve(actor=organiser, registration=registration)
    browser = signed_in(person)
    page = browser.get(reverse("events:groups", args=[event.pk]))
    assert page.status_code == 200 and "G2" in page.content.decode()
    response = browser.post(reverse("events:groups", args=[event.pk]),
                            {f"block{week['G1'].pk}": week["G2"].pk, f"block{week['H1'].pk}": ""})
    assert response.status_code == 302
    mine = _summaries(browser.get(reverse("events:my_agenda_ics", args=[event.pk])).content)
    assert "G2" in mine and "G1" not in mine and "G3" not in mine
    assert {"H1", "H2"} <= set(mine)  # a block not chosen yet keeps its groups
    assert {"Opening", "Prison visit"} <= set(mine)
    everyone = _summaries(client.get(reverse("events:agenda_ics", args=[event.pk])).content)
    assert {"G1", "G2", "G3", "H1", "H2"} <= set(everyone)
    event_page = browser.get(reverse("events:event", args=[event.pk])).content.decode()
    assert reverse("events:my_agenda_ics", args=[event.pk]) in event_page and "G2" in event_page
    # changing it
    browser.post(reverse("events:groups", args=[event.pk]),
                 {f"block{week['G1'].pk}": week["G3"].pk, f"block{week['H1'].pk}": week["H2"].pk})
    mine = _summaries(browser.get(reverse("events:my_agenda_ics", args=[event.pk])).content)
    assert "G3" in mine and "G2" not in mine and "H2" in mine and "H1" not in mine
    assert AuditEvent.objects.filter(action="events.registration.groups_chosen").count() == 2


def test_the_confirmation_e_mail_carries_the_participant_s_own_calendar(event, organiser, week, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    services.registration_groups_choose(actor=person, registration=registration, slots=[week["G3"]])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_approve(actor=organiser, registration=registration)
    calendar = next(content for mail in mailoutbox for _name, content, _type in mail.attachments)
    summaries = _summaries(calendar.encode() if isinstance(calendar, str) else calendar)
    assert "G3" in summaries and "G1" not in summaries and "G2" not in summaries


def test_choosing_groups_refuses_bad_choices(event, organiser, week, organiser_org):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    for slots in ([week["G1"], week["G2"]], [week["plenary"]], [week["visit"]]):
        with pytest.raises(ValidationError):
            services.registration_groups_choose(actor=person, registration=registration, slots=slots)
    other = services.event_create(actor=organiser, organiser=organiser_org, title="Other", start_date=event.start_date,
                                  end_date=event.end_date, time_zone="Europe/Sofia", is_published=True)
    head = services.slot_save(actor=organiser, event=other, kind="working_group", title="X", starts_at=at(7, 14),
                              ends_at=at(7, 15))
    services.slot_save(actor=organiser, event=other, kind="working_group", title="Y", starts_at=at(7, 14),
                       ends_at=at(7, 15), parallel_to=head)
    with pytest.raises(ValidationError):
        services.registration_groups_choose(actor=person, registration=registration, slots=[head])
    assert not GroupChoice.objects.exists()
    response = signed_in(person).post(reverse("events:groups", args=[event.pk]),
                                      {f"block{week['G1'].pk}": week["H2"].pk})
    assert response.status_code == 400 and not GroupChoice.objects.exists()


def test_only_the_participant_and_the_organisers_choose_and_only_until_the_event_is_over(event, organiser, week):
    person, stranger = participant(), participant()
    registration = services.registration_apply(actor=person, event=event)
    with pytest.raises(Exception):  # noqa: B017 - the policy refuses (404 or 403, whichever the helper raises)
        services.registration_groups_choose(actor=stranger, registration=registration, slots=[week["G1"]])
    assert signed_in(stranger).get(reverse("events:groups", args=[event.pk])).status_code == 404
    assert signed_in(stranger).get(reverse("events:my_agenda_ics", args=[event.pk])).status_code == 404
    services.registration_groups_choose(actor=organiser, registration=registration, slots=[week["G1"]])
    services.registration_cancel(actor=person, registration=registration)
    assert signed_in(person).get(reverse("events:groups", args=[event.pk])).status_code == 404
    registration.refresh_from_db()
    with pytest.raises(Exception):  # noqa: B017
        services.registration_groups_choose(actor=person, registration=registration, slots=[week["G2"]])


def test_after_the_event_the_participant_can_no_longer_change_groups(event, organiser, week, settings):
    import datetime as dt

    from django.utils import timezone

    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    services.registration_approve(actor=organiser, registration=registration)
    later = dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC)
    from unittest import mock

    with mock.patch.object(timezone, "now", return_value=later):
        with pytest.raises(ValidationError):
            services.registration_groups_choose(actor=person, registration=registration, slots=[week["G1"]])
        services.registration_groups_choose(actor=organiser, registration=registration, slots=[week["G1"]])
        page = signed_in(person).get(reverse("events:groups", args=[event.pk])).content.decode()
        assert "can no longer be changed" in page
    assert Registration.objects.get(pk=registration.pk).group_choices.count() == 1


def test_groups_page_and_my_calendar_keep_a_flat_query_count(event, organiser, week, count_queries):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    services.registration_groups_choose(actor=person, registration=registration, slots=[week["G1"]])
    client = signed_in(person)
    urls = [reverse("events:groups", args=[event.pk]), reverse("events:my_agenda_ics", args=[event.pk]),
            reverse("events:event", args=[event.pk])]
    for url in urls:
        assert client.get(url).status_code == 200
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    for i in range(4):
        head = services.slot_save(actor=organiser, event=event, kind="working_group", title=f"K{i}",
                                  starts_at=at(10, 9 + i), ends_at=at(10, 10 + i))
        services.slot_save(actor=organiser, event=event, kind="working_group", title=f"L{i}",
                           starts_at=at(10, 9 + i), ends_at=at(10, 10 + i), parallel_to=head)
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after
