"""integra.events: one published joint staff training week with a full agenda (rooms, speakers, parallel
working groups), five country quotas and registrations in every status; its organiser, whom the benchmark
signs in as, and the agenda and registration endpoints measured.

Rows are written directly: registration_apply and registration_approve write an audit event and an e-mail each.
"""

import random
import zlib
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation

from integra.core.models import Membership, MembershipRole, Organisation
from integra.core.roles import Role
from integra.events.models import CountryQuota, Event, Registration, Room, Slot, Speaker

from ..endpoints import api, page, public
from .common import CITIES, INSERT_BATCH, Scale, require_primary_keys, run_steps, weighted

User = get_user_model()

EVENT_TITLE = "Joint staff training week — preparing release together"
EVENT_TIME_ZONES = {"PT": "Europe/Lisbon", "FR": "Europe/Paris", "BG": "Europe/Sofia", "IT": "Europe/Rome",
                    "GR": "Europe/Athens"}  # the partner countries, each with a quota; the host is one of them
EVENT_COUNTRIES = list(EVENT_TIME_ZONES)
EVENT_SPEAKERS = [
    ("Dr Sophie Garnier", "Centre d'études sur la radicalisation, Lyon"),
    ("Assoc. Prof. Mihaela Stoyanova", "Sofia University, Department of Sociology"),
    ("Nikolay Ivanov", "General Directorate Execution of Sentences, Bulgaria"),
    ("Francesca Bianchi", "UEPE Roma"),
    ("João Martins", "Direção-Geral de Reinserção e Serviços Prisionais"),
    ("Dimitra Alexiou", "Korydallos Prison"),
    ("Elena Todorova", "Open Doors Foundation"),
    ("Rita Almeida", "Associação Recomeçar"),
    ("Laurent Castel", "Direction interrégionale des services pénitentiaires de Toulouse"),
    ("Giorgos Papadakis", "Hellenic Probation Service"),
    ("Marco Ferri", "Casa Circondariale di Bologna"),
    ("Ana Sousa", "Santa Casa da Misericórdia de Lisboa"),
]
EVENT_ROOMS = ["Plenary hall", "Room A", "Room B", "Room C", "Room D"]  # the plenary, then the group rooms
SESSION_TITLES = [
    "Understanding radicalisation: push and pull factors", "Risk and needs assessment in prison and probation",
    "Role of probation in prevention", "Disengagement and exit programmes in prison",
    "Working with families and communities", "Plenary: the working groups report back",
    "Multi-agency cooperation around release", "Mentoring after release: the role of volunteers",
    "Information sharing between prison, probation and partners", "Voices from practice: a mentee and his mentor",
    "Housing and work in the first weeks after release", "Next steps: what each country takes home",
]
GROUP_TITLES = ["Islamic fundamentalism vs conversion", "Right-wing extremism", "Left-wing extremism",
                "Other types of extremism", "Employment after release", "Housing after release",
                "Young adults leaving custody", "Women leaving custody"]
K = Slot.Kind
_SESSION, _GROUPS = "session", "groups"  # a plenary work session; four parallel working groups
_TEACHING_DAY = [("09:00", "10:30", _SESSION), ("10:30", "11:00", K.COFFEE_BREAK), ("11:00", "12:30", _SESSION),
                 ("12:30", "13:30", K.LUNCH), ("13:30", "15:30", _GROUPS), ("15:30", "16:00", K.COFFEE_BREAK),
                 ("16:00", "17:00", _SESSION)]
EVENT_DAYS = [  # (start, end, kind) per day, local times: 41 slots
    [("08:30", "09:00", K.REGISTRATION), ("09:00", "09:45", K.WELCOME), ("09:45", "11:00", _SESSION),
     ("11:00", "11:30", K.COFFEE_BREAK), ("11:30", "12:30", _SESSION), ("12:30", "13:30", K.LUNCH),
     ("13:30", "15:00", _SESSION), ("15:00", "15:30", K.COFFEE_BREAK), ("15:30", "17:00", _SESSION)],
    _TEACHING_DAY,
    [("08:30", "12:00", K.FIELD_VISIT), ("12:30", "13:30", K.LUNCH), ("14:00", "16:00", K.FIELD_VISIT),
     ("16:00", "16:30", K.COFFEE_BREAK), ("16:30", "18:30", K.FREE), ("19:30", "22:00", K.DINNER)],
    _TEACHING_DAY,
    [("09:00", "10:30", _SESSION), ("10:30", "11:00", K.COFFEE_BREAK), ("11:00", "12:00", K.EVALUATION),
     ("12:00", "12:30", K.CERTIFICATES), ("12:30", "13:00", K.CLOSURE), ("13:00", "14:00", K.LUNCH)],
]
FIELD_VISITS = ["Field visit: {city} prison", "Field visit: a probation office in {city}"]
REGISTRATION_STATUS_WEIGHTS = {Registration.Status.APPROVED: 55, Registration.Status.PENDING: 20,
                               Registration.Status.WAITING: 8, Registration.Status.DECLINED: 9,
                               Registration.Status.CANCELLED: 8}
DIETARY_NEEDS = ["", "", "", "", "", "", "Vegetarian", "Vegan", "Halal", "Gluten-free", "No pork", "Pescatarian"]
ACCESSIBILITY_NEEDS = [""] * 14 + ["Step-free access: uses a wheelchair", "Hearing loop in the plenary hall",
                                   "Interpretation into French"]


def _event_organiser() -> tuple[int, int]:
    """(organisation id, user id): an event organiser who administers no organisation, of the largest organisation
    of a partner country that has one (else of the largest anywhere)."""
    sizes = dict(Membership.objects.active().values_list("organisation_id").annotate(n=Count("id")))
    administrators = MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id")
    organisers = (Membership.objects.active().filter(roles__role=Role.EVENT_ORGANISER)
                  .exclude(user_id__in=administrators)
                  .values_list("organisation_id", "organisation__country", "user_id"))
    ranked = sorted(organisers, key=lambda o: (o[1] not in EVENT_COUNTRIES, -sizes.get(o[0], 0), o[0], o[2]))
    if not ranked:
        raise RuntimeError("No active member holds the event-organiser role: seed people first.")
    return ranked[0][0], ranked[0][2]


def _create_event(rng: random.Random) -> Event:
    """The event, its rooms and speakers, the agenda of EVENT_DAYS (parallel working groups on days 2 and 4, one
    guest to be confirmed) and a quota for each partner country. Starts on a Monday six weeks from now, in the
    organiser's country and time zone."""
    organisation_id, organiser_id = _event_organiser()
    organisation = Organisation.objects.get(pk=organisation_id)
    city = CITIES[organisation.country][0]
    start = timezone.localdate() + timedelta(days=42)
    start -= timedelta(days=start.weekday())
    event = Event.objects.create(
        title=EVENT_TITLE, kind=Event.Kind.JOINT_TRAINING, organiser=organisation, created_by_id=organiser_id,
        description="A week of joint training for prison, probation and community staff of the five partner "
                    "countries: preparing release together, from the first assessment to life after release.",
        city=city, country=organisation.country, venue=f"{city} training centre", start_date=start,
        end_date=start + timedelta(days=len(EVENT_DAYS) - 1),
        time_zone=EVENT_TIME_ZONES.get(organisation.country, "Europe/Brussels"),
        languages="English (interpretation into the partners' languages)", is_published=True, registration_open=True)
    rooms = Room.objects.bulk_create([Room(event=event, name=name) for name in EVENT_ROOMS])
    speakers = Speaker.objects.bulk_create([Speaker(event=event, name=name, organisation_name=organisation_name)
                                            for name, organisation_name in EVENT_SPEAKERS])
    require_primary_keys(rooms + speakers)
    tz = event.tz
    sessions, groups = iter(SESSION_TITLES * 2), iter(GROUP_TITLES * 2)
    visits = iter([title.format(city=city) for title in FIELD_VISITS])
    slots, parallel, speaking = [], [], []  # parallel: (slot, first group of its time); speaking: (slot, speaker)

    def local(day, hhmm):
        moment = start + timedelta(days=day)
        return datetime(moment.year, moment.month, moment.day, int(hhmm[:2]), int(hhmm[3:]), tzinfo=tz)

    for day, plan in enumerate(EVENT_DAYS):
        for begins, ends, kind in plan:
            times = dict(event=event, starts_at=local(day, begins), ends_at=local(day, ends))
            if kind == _GROUPS:  # the first group in room A, the others parallel to it, one speaker each
                group_speakers = rng.sample(speakers, len(rooms) - 1)
                first = Slot(kind=K.WORKING_GROUP, title=next(groups), room=rooms[1], takes_attendance=True, **times)
                slots.append(first)
                speaking.append((first, group_speakers[0]))
                for room, speaker in zip(rooms[2:], group_speakers[1:], strict=True):
                    slot = Slot(kind=K.WORKING_GROUP, title=next(groups), room=room, takes_attendance=True, **times)
                    parallel.append((slot, first))
                    speaking.append((slot, speaker))
                continue
            if kind == _SESSION:
                title = next(sessions)
                slot = Slot(kind=K.WORK_SESSION, title=title, room=rooms[0], takes_attendance=True,
                            to_be_confirmed=title.startswith("Voices from practice"), **times)
                speaking.extend((slot, speaker) for speaker in rng.sample(speakers, rng.randint(1, 2)))
            elif kind == K.FIELD_VISIT:
                slot = Slot(kind=kind, title=next(visits), takes_attendance=True, **times)
                speaking.append((slot, rng.choice(speakers)))
            else:
                plenary = kind in (K.WELCOME, K.EVALUATION, K.CERTIFICATES, K.CLOSURE)
                slot = Slot(kind=kind, room=rooms[0] if plenary else None, **times)
                if plenary and kind != K.EVALUATION:
                    speaking.append((slot, speakers[0]))
            slots.append(slot)
    Slot.objects.bulk_create(slots)
    require_primary_keys(slots)
    for slot, first in parallel:
        slot.parallel_to = first
    Slot.objects.bulk_create([slot for slot, _first in parallel])
    Slot.speakers.through.objects.bulk_create([Slot.speakers.through(slot=slot, speaker=speaker)
                                               for slot, speaker in speaking])
    return event


def seed_event(scale: Scale) -> str | None:
    """The training week (created once), then its registrations topped up to `event_registrations`: active
    members of organisations in the partner countries, in every status, never more approved in a country
    than its quota (the rest of the approvals go to the waiting list, as registration_approve does)."""
    event = Event.objects.filter(title_en=EVENT_TITLE).first()
    present = event.registrations.count() if event else 0
    if event is not None and present >= scale.event_registrations:
        return None
    rng = random.Random(f"event-{present}")
    created = event is None
    with translation.override("en"), transaction.atomic():
        if created:
            event = _create_event(rng)
            CountryQuota.objects.bulk_create([CountryQuota(event=event, country=country, places=scale.event_places)
                                              for country in EVENT_COUNTRIES])
        registered = Registration.objects.filter(event=event).values("user_id")
        approved = defaultdict(int, Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
                               .values_list("country").annotate(n=Count("id")))
        first_membership = {}
        for user_id, organisation_id, country in (
            Membership.objects.active().filter(organisation__country__in=EVENT_COUNTRIES)
            .exclude(user_id__in=registered).exclude(user_id=event.created_by_id)
            .order_by("user_id", "id").values_list("user_id", "organisation_id", "organisation__country")
        ):
            first_membership.setdefault(user_id, (organisation_id, country))
        # A stable draw over people (not the first accounts only), so every country and organisation size applies.
        chosen = sorted(first_membership, key=lambda pk: zlib.crc32(f"registrant-{pk}".encode()))
        now = timezone.now()
        applied = sorted(now - timedelta(days=60) * rng.random()
                         for _ in chosen[:scale.event_registrations - present])
        registrations = []
        for user_id, created_at in zip(chosen, applied, strict=False):
            organisation_id, country = first_membership[user_id]
            status = weighted(rng, REGISTRATION_STATUS_WEIGHTS)
            if status == Registration.Status.APPROVED:
                if approved[country] < scale.event_places:
                    approved[country] += 1
                else:
                    status = Registration.Status.WAITING
            decided = status not in (Registration.Status.PENDING, Registration.Status.CANCELLED)
            registrations.append(Registration(
                event=event, user_id=user_id, organisation_id=organisation_id, country=country, status=status,
                dietary_needs=rng.choice(DIETARY_NEEDS), accessibility_needs=rng.choice(ACCESSIBILITY_NEEDS),
                listed_consent=rng.random() < 0.7, created_at=created_at,
                decided_at=min(now, created_at + timedelta(days=rng.randint(1, 7))) if decided else None))
        Registration.objects.bulk_create(registrations, batch_size=INSERT_BATCH)
    outcome = f"{len(registrations):,} registrations"
    if created:
        outcome = (f"1 event, {event.slots.count()} slots, {len(EVENT_ROOMS)} rooms, {len(EVENT_SPEAKERS)} speakers, "
                   f"{len(EVENT_COUNTRIES)} quotas, {outcome}")
    return outcome


# --- what events adds to the benchmark ----------------------------------------------------------------------


def seed(scale: Scale) -> bool:
    return run_steps(scale, [seed_event])


def dataset_summary() -> dict[str, int]:
    return {
        "event_slots": Slot.objects.count(),
        "event_registrations": Registration.objects.count(),
    }


# --- who the endpoints are called as, and the values in their paths -----------------------------------------


def _bench_event() -> Event:
    event = Event.objects.filter(title_en=EVENT_TITLE).select_related("created_by").first()
    if event is None:
        raise RuntimeError("The benchmark event is missing: seeding did not run to the end.")
    return event


def event_organiser() -> User:
    """The event organiser (of the organising organisation) who created the benchmark event."""
    return _bench_event().created_by


# The organiser of a five-day training week.
EVENT_ORGANISER = "event_organiser"
PERSONAS: dict[str, Callable[[], User]] = {EVENT_ORGANISER: event_organiser}
PATH_VALUES: dict[str, Callable[[], object]] = {"bench_event": lambda: _bench_event().pk}

EVENT = "/en/events/{bench_event}/"

ENDPOINTS = [
    public("event agenda · public", EVENT + "agenda/"),
    page("event registrations · organiser", EVENT + "registrations/", EVENT_ORGANISER),
    page("participants CSV · organiser", EVENT + "registrations/?format=csv", EVENT_ORGANISER),  # streaming
    api("API event agenda · organiser", "/api/v1/events/{bench_event}/agenda/", EVENT_ORGANISER),
    public("API agenda.ics · public", "/api/v1/events/{bench_event}/agenda.ics"),
]
