"""Reads for the event pages and the API. Lists of people's rows start from what the policy lets the actor see;
the agenda reads take an event the caller has already fetched through the policy (the agenda of a public event
is read by visitors who are not signed in)."""

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, F
from django.utils import timezone

from integra.core import access
from integra.core.countries import Country

from .models import Answer, Attendance, CountryQuota, EvaluationQuestion, Event, GroupChoice, Registration, Slot
from .policy import public_events


def events_for(*, actor):
    return access.visible(actor, Event).select_related("series", "organiser").order_by("-start_date")


def my_registered_event_ids(*, actor) -> set[int]:
    """The events the actor has applied for (and not cancelled)."""
    return set(access.visible(actor, Registration).filter(user=actor).exclude(status=Registration.Status.CANCELLED)
               .values_list("event_id", flat=True))


HOME_PAGE_EVENTS = 3


def public_events_for_home():
    """The published events the public home page links to: the coming ones first, then the latest past ones."""
    today = timezone.localdate()
    coming = list(public_events().filter(end_date__gte=today).order_by("start_date")[:HOME_PAGE_EVENTS])
    if len(coming) < HOME_PAGE_EVENTS:
        coming += list(public_events().filter(end_date__lt=today).order_by("-start_date")
                       [:HOME_PAGE_EVENTS - len(coming)])
    return coming


def my_registration(*, actor, event: Event) -> Registration | None:
    return (access.visible(actor, Registration).filter(event=event, user=actor)
            .select_related("organisation", "certificate").first())


def my_approved_registration(*, actor, event: Event) -> Registration | None:
    return (access.visible(actor, Registration)
            .filter(event=event, user=actor, status=Registration.Status.APPROVED).first())


def my_upcoming_registrations(*, actor, limit: int = 5) -> list[Registration]:
    """The actor's active registrations for events that have not ended yet, soonest first (dashboard card)."""
    return list(access.visible(actor, Registration)
                .filter(user=actor, event__end_date__gte=timezone.localdate())
                .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
                .select_related("event").order_by("event__start_date")[:limit])


# By time, and of parallel groups the one the others run parallel to first (NULLs sort first on SQLite but last
# on PostgreSQL unless told).
AGENDA_ORDER = ("starts_at", F("parallel_to_id").asc(nulls_first=True), "id")


def agenda_slots(event: Event):
    return (event.slots.select_related("event", "room", "parallel_to").prefetch_related("speakers")
            .order_by(*AGENDA_ORDER))


def parallel_blocks(slots) -> list[tuple[Slot, list[Slot]]]:
    """[(block, [its groups, the block's own slot first])] for each block of parallel working groups among
    `slots` (in agenda order): a participant attends one group of each block."""
    slots = list(slots)
    groups: dict[int, list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.parallel_to_id:
            groups[slot.parallel_to_id].append(slot)
    return [(slot, [slot, *groups[slot.pk]]) for slot in slots if slot.pk in groups]


def group_choices(registration: Registration) -> dict[int, int]:
    """{block id: chosen group's slot id} for one registration (read by its own participant or the organisers)."""
    return dict(GroupChoice.objects.filter(registration=registration).values_list("block_id", "slot_id"))


def participant_agenda_slots(registration: Registration) -> list[Slot]:
    """The participant's own agenda: every slot, but of each block of parallel groups only the group they chose
    (all of the block's groups while they have not chosen yet)."""
    chosen = group_choices(registration)
    slots = list(agenda_slots(registration.event))
    return [slot for slot in slots
            if slot.parallel_block_id not in chosen or chosen[slot.parallel_block_id] == slot.pk]


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
                   "location": s.site,
                   "parallel_to": s.parallel_to_id, "to_be_confirmed": s.to_be_confirmed,
                   "speakers": [{"name": sp.name, "organisation": sp.organisation_name} for sp in s.speakers.all()]}
                  for s in agenda_slots(event)],
    }


def quota_table(*, actor, event: Event) -> list[dict]:
    """Per quota: places, approved, pending and waiting."""
    registrations = access.visible(actor, Registration).filter(event=event)
    counts = {(r["country"], r["status"]): r["n"] for r in registrations.values("country", "status")
              .annotate(n=Count("pk")).order_by()}
    rows = []
    for quota in access.visible(actor, CountryQuota).filter(event=event):
        rows.append({"quota": quota, "approved": counts.get((quota.country, "approved"), 0),
                     "pending": counts.get((quota.country, "pending"), 0),
                     "waiting": counts.get((quota.country, "waiting"), 0)})
    return rows


def registrations_for_organiser(*, actor, event: Event, country: str = "", status: str = ""):
    qs = (access.visible(actor, Registration).filter(event=event).select_related("user", "organisation")
          .order_by("country", "created_at", "id"))
    if country:
        qs = qs.filter(country=country)
    if status:
        qs = qs.filter(status=status)
    return qs


def approved_participants(*, actor, event: Event):
    """The registrations holding a place: whom attendance is taken for and who signs the sheet."""
    return (access.visible(actor, Registration).holding_a_place().filter(event=event)
            .select_related("user", "organisation"))


def my_attendance(registration: Registration) -> list[tuple[Slot, bool]]:
    """One line per session; for parallel working groups, the group the participant attended (or the first)."""
    marks = {a.slot_id: a.present for a in Attendance.objects.filter(registration=registration)}
    lines: dict[int, tuple[Slot, bool | None]] = {}
    for slot in registration.event.slots.filter(takes_attendance=True).order_by(*AGENDA_ORDER):
        unit = slot.parallel_to_id or slot.pk
        if unit not in lines or (marks.get(slot.pk) and not lines[unit][1]):
            lines[unit] = (slot, marks.get(slot.pk))
    return list(lines.values())


def evaluation_questions(event: Event):
    """The event's evaluation form, with how many answers each question has (a question with answers stays)."""
    return (EvaluationQuestion.objects.filter(event=event).select_related("slot")
            .annotate(answer_count=Count("answers"))
            .order_by(F("slot_id").asc(nulls_first=True), "order", "id"))  # the whole event's questions first


def evaluation_results(*, actor, event: Event) -> list[dict]:
    """Per question: average and distribution of ratings (overall and per country), or the open answers.
    A fixed number of queries, however many questions and answers."""
    answers = access.visible(actor, Answer).filter(question__event=event).order_by()
    distribution: dict[int, dict[int, int]] = defaultdict(dict)
    for row in answers.filter(rating__isnull=False).values("question_id", "rating").annotate(n=Count("pk")):
        distribution[row["question_id"]][row["rating"]] = row["n"]
    by_country: dict[int, list[dict]] = defaultdict(list)
    country = "response__registration__country"
    for row in (answers.filter(rating__isnull=False).values("question_id", country)
                .annotate(average=Avg("rating"), n=Count("pk")).order_by("question_id", country)):
        by_country[row["question_id"]].append({"country": Country(row[country]).label, "average": row["average"],
                                               "n": row["n"]})
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in answers.exclude(text="").order_by("id").values_list("question_id", "text"):
        texts[question_id].append(text)
    results = []
    for question in evaluation_questions(event):
        if question.kind == EvaluationQuestion.Kind.SCALE:
            counts = distribution[question.pk]
            count = sum(counts.values())
            results.append({"question": question, "count": count, "by_country": by_country[question.pk],
                            "average": sum(value * n for value, n in counts.items()) / count if count else None,
                            "bars": [(value, counts.get(value, 0), round(100 * counts.get(value, 0) / (count or 1)))
                                     for value in range(1, 6)]})
        else:
            results.append({"question": question, "texts": texts[question.pk]})
    return results


def evaluation_response_rate(*, actor, event: Event) -> dict:
    """How many of the approved participants sent the evaluation, as the share the results rest on."""
    approved = access.visible(actor, Registration).filter(event=event, status=Registration.Status.APPROVED)
    counts = approved.aggregate(participants=Count("pk"), responses=Count("evaluation"))
    participants, responses = counts["participants"], counts["responses"]
    return {"participants": participants, "responses": responses,
            "percent": round(100 * responses / participants) if participants else None}


def evaluation_answers(*, actor, event: Event):
    """Every answer of the event's evaluation, for the export."""
    return (access.visible(actor, Answer).filter(question__event=event)
            .select_related("question", "question__slot", "response__registration").order_by("question_id", "id"))


def next_event_in_series(event: Event):
    if not event.series_id:
        return None
    return (public_events().filter(series_id=event.series_id, start_date__gt=event.start_date)
            .order_by("start_date").first())


def upcoming(qs):
    return qs.filter(end_date__gte=timezone.localdate())


def past(qs):
    return qs.filter(end_date__lt=timezone.localdate())
