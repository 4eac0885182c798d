"""Reads for the event pages and the API."""

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count
from django.utils import timezone

from integra.core import access
from integra.core.countries import Country

from .models import Answer, Attendance, CountryQuota, EvaluationQuestion, Event, Registration, Slot


def events_for(*, actor):
    return access.visible(actor, Event).select_related("series", "organiser").order_by("-start_date")


def agenda_slots(event: Event):
    return (event.slots.select_related("room", "parallel_to").prefetch_related("speakers")
            .order_by("starts_at", "parallel_to_id", "id"))


def agenda_by_day(event: Event) -> list[tuple[dt.date, list]]:
    """[(day, [slot, ...])] in the event's time zone, parallel groups next to each other."""
    days: dict[dt.date, list] = defaultdict(list)
    tz = event.tz
    for slot in agenda_slots(event):
        slot.local_start = slot.starts_at.astimezone(tz)
        slot.local_end = slot.ends_at.astimezone(tz)
        days[slot.local_start.date()].append(slot)
    return sorted(days.items())


def agenda_json(event: Event) -> dict:
    tz = event.tz
    return {
        "event": {"id": event.pk, "title": event.title, "city": event.city, "country": event.country,
                  "venue": event.venue, "start_date": event.start_date.isoformat(),
                  "end_date": event.end_date.isoformat(), "time_zone": event.time_zone},
        "slots": [{"id": s.pk, "kind": s.kind, "title": s.label, "starts_at": s.starts_at.astimezone(tz).isoformat(),
                   "ends_at": s.ends_at.astimezone(tz).isoformat(), "room": s.room.name if s.room else None,
                   "parallel_to": s.parallel_to_id, "to_be_confirmed": s.to_be_confirmed,
                   "speakers": [{"name": sp.name, "organisation": sp.organisation_name} for sp in s.speakers.all()]}
                  for s in agenda_slots(event)],
    }


def quota_table(event: Event) -> list[dict]:
    """Per quota: places, approved, pending and waiting."""
    counts = {(r["country"], r["status"]): r["n"] for r in event.registrations.values("country", "status")
              .annotate(n=Count("pk")).order_by()}
    rows = []
    for quota in CountryQuota.objects.filter(event=event):
        rows.append({"quota": quota, "approved": counts.get((quota.country, "approved"), 0),
                     "pending": counts.get((quota.country, "pending"), 0),
                     "waiting": counts.get((quota.country, "waiting"), 0)})
    return rows


def registrations_for_organiser(event: Event, *, country: str = "", status: str = ""):
    qs = event.registrations.select_related("user", "organisation").order_by("country", "created_at", "id")
    if country:
        qs = qs.filter(country=country)
    if status:
        qs = qs.filter(status=status)
    return qs


def my_attendance(registration: Registration) -> list[tuple[Slot, bool]]:
    """One line per session; for parallel working groups, the group the participant attended (or the first)."""
    marks = {a.slot_id: a.present for a in Attendance.objects.filter(registration=registration)}
    lines: dict[int, tuple[Slot, bool | None]] = {}
    for slot in registration.event.slots.filter(takes_attendance=True).order_by("starts_at", "parallel_to_id", "id"):
        unit = slot.parallel_to_id or slot.pk
        if unit not in lines or (marks.get(slot.pk) and not lines[unit][1]):
            lines[unit] = (slot, marks.get(slot.pk))
    return list(lines.values())


def evaluation_results(event: Event) -> list[dict]:
    """Per question: average and distribution of ratings (overall and per country), or the open answers."""
    results = []
    for question in EvaluationQuestion.objects.filter(event=event).select_related("slot"):
        answers = Answer.objects.filter(question=question)
        if question.kind == EvaluationQuestion.Kind.SCALE:
            distribution = {r["rating"]: r["n"] for r in answers.values("rating").annotate(n=Count("pk")).order_by()}
            total = sum(distribution.values()) or 1
            by_country = [{**row, "country": Country(row["response__registration__country"]).label}
                          for row in answers.values("response__registration__country").annotate(
                              average=Avg("rating"), n=Count("pk")).order_by("response__registration__country")]
            results.append({"question": question, "average": answers.aggregate(a=Avg("rating"))["a"],
                            "bars": [(value, distribution.get(value, 0),
                                      round(100 * distribution.get(value, 0) / total)) for value in range(1, 6)],
                            "by_country": by_country, "count": sum(distribution.values())})
        else:
            results.append({"question": question, "texts": list(answers.exclude(text="")
                                                                 .values_list("text", flat=True))})
    return results


def next_event_in_series(event: Event):
    if not event.series_id:
        return None
    return (Event.objects.filter(series_id=event.series_id, start_date__gt=event.start_date, is_published=True)
            .order_by("start_date").first())


def upcoming(qs):
    return qs.filter(end_date__gte=timezone.localdate())


def past(qs):
    return qs.filter(end_date__lt=timezone.localdate())


