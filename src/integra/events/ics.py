"""The agenda as iCalendar: one VEVENT per slot, in the event's time zone."""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .selectors import agenda_slots, participant_agenda_slots


def agenda_calendar(event, slots) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//INTEGRA//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    calendar.add("x-wr-timezone", event.time_zone)
    tz = event.tz
    made_at = timezone.now()  # DTSTAMP is when this file was made (RFC 5545 §3.8.7.2), not when the slot starts
    for slot in slots:
        item = CalendarEvent()
        item.add("uid", f"integra-slot-{slot.pk}@integra")
        item.add("summary", slot.label)
        item.add("dtstart", slot.starts_at.astimezone(tz))
        item.add("dtend", slot.ends_at.astimezone(tz))
        item.add("dtstamp", made_at)
        # Its own place (a field visit, a dinner elsewhere) or the room at the venue, and the city.
        location = ", ".join(filter(None, [slot.place, event.city]))
        if location:
            item.add("location", location)
        speakers = ", ".join(f"{s.name} ({s.organisation_name})" if s.organisation_name else s.name
                             for s in slot.speakers.all())
        if speakers:
            item.add("description", speakers)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def agenda_ics_response(event) -> HttpResponse:
    """The event's agenda, every parallel group included, as a calendar file to download (the caller has fetched
    the event through the policy)."""
    return _ics_response(agenda_calendar(event, agenda_slots(event)), f"event-{event.pk}.ics")


def participant_calendar(registration) -> bytes:
    """A participant's own agenda: of each block of parallel working groups, the group they chose."""
    return agenda_calendar(registration.event, participant_agenda_slots(registration))


def participant_ics_response(registration) -> HttpResponse:
    """The caller has fetched the registration through the policy."""
    return _ics_response(participant_calendar(registration), f"event-{registration.event_id}-my-agenda.ics")
