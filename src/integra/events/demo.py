"""Demo joint staff training events, loaded from the files in `demo_content/` (one per event, plus the series):
the INTEGRA series with C1 Toulouse (June 2019), C2 Sofia (December 2019, the whole week with attendance,
evaluations and certificates) and C3 Lisbon (March 2020, registration open). The files say what is in the demo;
this loader only turns them into calls of the services, made by the demo organiser and by the participants
themselves, so the audit trail and notifications are real (the working groups of the past events' participants
are recorded by the organiser: once an event is over, only its organisers change them).
`toulouse-2019.toml` explains how to read a file.

Idempotent: an event whose English title exists already is left as it is."""

import datetime as dt
import tomllib
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import services
from .models import Event, EventSeries, Registration, Slot

K = Slot.Kind
ATTENDANCE_KINDS = {K.PLENARY, K.WORK_SESSION, K.WORKING_GROUP}  # where attendance is taken unless a slot says
CONTENT = resources.files("integra.events") / "demo_content"


def _content(name: str) -> dict:
    return tomllib.loads((CONTENT / name).read_text(encoding="utf-8"))


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    return user


def _texts(value) -> tuple[str, dict[str, str]]:
    """A text of the files, one English string or {language: text}: (English, the other languages)."""
    if isinstance(value, str):
        return value, {}
    others = {language: text for language, text in value.items() if language != "en"}
    return value["en"], others


def _translated_fields(field: str, value) -> dict[str, str]:
    """{field: English, field_fr: French, ...}, as the model's per-language fields."""
    english, others = _texts(value)
    return {field: english, **{f"{field}_{language}": text for language, text in others.items()}}


def _series(key: str) -> EventSeries:
    data = _content("series.toml")[key]
    title, _others = _texts(data["title"])
    return EventSeries.objects.filter(title_en=title).first() or EventSeries.objects.create(
        **_translated_fields("title", data["title"]), **_translated_fields("description", data["description"]))


class _EventLoader:
    def __init__(self, data: dict):
        self.data = data
        self.organiser = _person(data["organiser"])
        self.slots: dict[str, Slot] = {}
        self.questions: dict = {}

    def load(self) -> Event:
        self._create_event()
        self._agenda()
        registrations = self._registrations()
        if self.data.get("attendance_recorded"):
            self._attendance(registrations)
        self._evaluation(registrations)
        if self.data.get("certificates_issued"):
            services.certificates_issue(actor=self.organiser, event=self.event)
        if not self.data["registration_open"]:
            self.event.refresh_from_db()
            services.event_update(actor=self.organiser, event=self.event, expected_version=self.event.version,
                                  registration_open=False)
        return self.event

    def _create_event(self):
        data = self.data
        self.event = services.event_create(
            actor=self.organiser, organiser=demo_organisation(data["organisation"]),
            **_translated_fields("title", data["title"]), **_translated_fields("description", data["description"]),
            start_date=data["start_date"], end_date=data["end_date"], series=_series(data["series"]),
            kind=data["kind"], city=data["city"], country=data["country"], venue=data["venue"],
            time_zone=data["time_zone"], languages=data["languages"], is_published=True, registration_open=True)
        for country, places in data["quotas"].items():
            services.quota_set(actor=self.organiser, event=self.event, country=country, places=places)

    def _agenda(self):
        event, actor = self.event, self.organiser
        rooms = {key: services.room_add(actor=actor, event=event, name=name)
                 for key, name in self.data.get("rooms", {}).items()}
        speakers = {key: services.speaker_add(actor=actor, event=event, name=s["name"],
                                              organisation_name=s.get("organisation", ""),
                                              user=_person(s["user"]) if "user" in s else None)
                    for key, s in self.data.get("speakers", {}).items()}
        for day in self.data["days"]:
            for entry in day["slots"]:
                title, translations = _texts(entry.get("title", ""))
                location, location_translations = _texts(entry.get("location", ""))
                slot = services.slot_save(
                    actor=actor, event=event, kind=entry["kind"], title=title, translations=translations,
                    starts_at=self._at(day["date"], entry["start"]), ends_at=self._at(day["date"], entry["end"]),
                    room=rooms[entry["room"]] if "room" in entry else None,
                    location=location, location_translations=location_translations,
                    speakers=[speakers[key] for key in entry.get("speakers", [])],
                    parallel_to=self.slots[entry["parallel_to"]] if "parallel_to" in entry else None,
                    to_be_confirmed=entry.get("to_be_confirmed", False),
                    takes_attendance=entry.get("attendance", entry["kind"] in ATTENDANCE_KINDS))
                self.slots[entry.get("key", f"slot-{slot.pk}")] = slot

    def _at(self, date: dt.date, time: str) -> dt.datetime:
        return dt.datetime.combine(date, dt.time.fromisoformat(time), tzinfo=self.event.tz)

    def _registrations(self) -> dict[str, tuple[dict, Registration]]:
        """Everyone applies first, then the organiser decides, as on the registrations page."""
        registrations = {}
        for entry in self.data.get("registrations", []):
            registrations[entry["email"]] = (entry, services.registration_apply(
                actor=_person(entry["email"]), event=self.event, dietary_needs=entry.get("dietary", ""),
                accessibility_needs=entry.get("accessibility", ""), listed_consent=entry.get("listed", True)))
        for entry, registration in registrations.values():
            if entry.get("status", "pending") == "approved":
                services.registration_approve(actor=self.organiser, registration=registration)
        for entry, registration in registrations.values():
            if entry.get("groups"):  # chosen by each participant before the week; recorded by the organiser for
                # the demo's past events, whose choices the participants can no longer change
                actor = _person(entry["email"]) if not self.event.has_ended else self.organiser
                services.registration_groups_choose(actor=actor, registration=registration,
                                                    slots=[self.slots[key] for key in entry["groups"]])
        return registrations

    def _attendance(self, registrations):
        """Session by session: present unless absent that day; of parallel groups, only in one's own group."""
        in_parallel = {slot.pk for slot in self.slots.values() if slot.parallel_to_id} | {
            slot.parallel_to_id for slot in self.slots.values() if slot.parallel_to_id}
        for slot in self.slots.values():
            if not slot.takes_attendance:
                continue
            day = slot.starts_at.astimezone(self.event.tz).date()
            present = [registration.pk for entry, registration in registrations.values()
                       if day not in entry.get("absent_on", [])
                       and (slot.pk not in in_parallel or slot.pk in self._group_ids(entry))]
            services.attendance_mark(actor=self.organiser, slot=slot, present_registration_ids=present)

    def _group_ids(self, entry) -> set[int]:
        return {self.slots[key].pk for key in entry.get("groups", [])}

    def _evaluation(self, registrations):
        for entry in self.data.get("questions", []):
            text, translations = _texts(entry["text"])
            self.questions[entry["key"]] = services.evaluation_question_create(
                actor=self.organiser, event=self.event, text=text, translations=translations, kind=entry["kind"],
                order=entry.get("order", 0), slot=self.slots[entry["slot"]] if "slot" in entry else None)
        for entry in self.data.get("evaluations", []):
            answers = {self.questions[key].pk: value for key, value in entry["answers"].items()}
            services.evaluation_submit(actor=_person(entry["email"]), registration=registrations[entry["email"]][1],
                                       answers=answers)


def demo_event_files() -> list[dict]:
    """The events of the demo, earliest first."""
    events = [_content(path.name) for path in CONTENT.iterdir()
              if path.name.endswith(".toml") and path.name != "series.toml"]
    return sorted(events, key=lambda data: data["start_date"])


@transaction.atomic
def load_demo_events() -> None:
    with translation.override("en"):
        for data in demo_event_files():
            title, _others = _texts(data["title"])
            if not Event.objects.filter(title_en=title).exists():
                _EventLoader(data).load()
