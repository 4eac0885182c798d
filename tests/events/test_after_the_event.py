"""Once an event is over, what happened there stays: its registrations cannot be cancelled (that would erase
the attendance and the certificate), and its calendar file says when it was made."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from integra.events import services
from integra.events.ics import agenda_calendar
from integra.events.models import Event, Registration
from integra.events.selectors import agenda_slots
from tests.conftest import signed_in
from tests.events.conftest import at, participant

pytestmark = pytest.mark.django_db


def _over(event):
    Event.objects.filter(pk=event.pk).update(start_date=dt.date(2019, 12, 2), end_date=dt.date(2019, 12, 6))
    return Event.objects.get(pk=event.pk)


def test_a_registration_of_an_event_that_is_over_cannot_be_cancelled(event, organiser):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    services.registration_approve(actor=organiser, registration=registration)
    event = _over(event)
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    with pytest.raises(ValidationError, match="is over"):
        services.registration_cancel(actor=person, registration=registration)
    client = signed_in(person)
    page = client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Cancel my registration" not in page
    response = client.post(reverse("events:registration_cancel", args=[registration.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.APPROVED


def test_a_registration_of_a_coming_event_can_still_be_cancelled(event):
    person = participant()
    registration = services.registration_apply(actor=person, event=event)
    assert "Cancel my registration" in signed_in(person).get(reverse("events:event", args=[event.pk])).content.decode()
    assert services.registration_cancel(actor=person, registration=registration).status == "cancelled"


def test_the_calendar_file_is_stamped_when_it_is_made(event, organiser):
    services.slot_save(actor=organiser, event=event, kind="work_session", title="Session", starts_at=at(8, 10),
                       ends_at=at(8, 12))
    before = timezone.now().replace(microsecond=0)
    calendar = Calendar.from_ical(agenda_calendar(event, agenda_slots(event)))
    stamps = [component.decoded("dtstamp") for component in calendar.walk("VEVENT")]
    assert stamps and all(before <= stamp <= timezone.now() for stamp in stamps)
