"""The demo events load from the files in `integra/events/demo_content/` through the services (a real audit
trail), once; and the Sofia week is the printed agenda of C2 Sofia, cell by cell."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from integra.core import access
from integra.core.access import VIEW
from integra.core.demo import load_demo
from integra.core.models import AuditEvent
from integra.events.demo import demo_event_files, load_demo_events
from integra.events.models import EvaluationQuestion, EvaluationResponse, Event, Registration, Slot
from integra.events.selectors import agenda_slots
from integra.learning.models import Certificate
from tests.events.test_policy import EVENTS_MODELS

pytestmark = pytest.mark.django_db

SOFIA = "Short-term joint staff training event C2 — Sofia"
CSD = ["Mariyan Sabev (CSD)", "Rositsa Dzhekova (CSD)"]
IPS_PAIR = ["Catarina Abrunhosa (IPS)", "Pedro Liberado (IPS)"]
GROUPS_A = "Dealing with radicalisation (prison vs probation): "

# (day, start, end, kind, label, speakers): the printed agenda as /work/shared/seed/sofia-2019-agenda.md reads it.
# Where the sheet leaves it open, the demo chose: Friday's 09:00 block splits at 09:45; the free programmes and the
# dinner end at 21:00, the closure at 14:30 (see the comments in sofia-2019.toml).
SOFIA_WEEK = [
    (2, "09:00", "09:15", "registration", "Registration", []),
    (2, "09:15", "09:30", "welcome", "Official Welcome", []),
    (2, "09:30", "10:30", "plenary", "Introduction & Training Programme", CSD),
    (2, "10:30", "11:00", "coffee_break", "Coffee break", []),
    (2, "11:00", "12:30", "work_session", "Follow-up of the 1st STJSTE — Radicalisation in prisons & probation "
                                          "settings — The emerging challenge of online radicalisation",
     ["Pedro Liberado (IPS)", "Rasha Nagem (UT2J)"]),
    (2, "12:30", "14:00", "lunch", "Lunch", []),
    (2, "14:00", "15:30", "working_group", GROUPS_A + "Islamic fundamentalism vs Conversion", IPS_PAIR),
    (2, "14:00", "15:30", "working_group", GROUPS_A + "Right-wing extremism", []),
    (2, "14:00", "15:30", "working_group", GROUPS_A + "Left-wing extremism", []),
    (2, "14:00", "15:30", "working_group", GROUPS_A + "Other types of extremism", []),
    (2, "15:30", "16:00", "coffee_break", "Coffee break", []),
    (2, "16:00", "17:30", "working_group", "Radicalisation push & pull factors", [*IPS_PAIR, "Rasha Nagem (UT2J)"]),
    (2, "16:00", "17:30", "working_group",
     "Probation & community organisations: the importance of information sharing", []),
    (2, "16:00", "17:30", "working_group", "Best probation practices", []),
    (2, "17:30", "21:00", "free", "Free programme", []),
    (3, "09:00", "10:30", "work_session",
     "Countering radicalisation in prisons: implementing an effective institutional policy framework", CSD),
    (3, "10:30", "11:00", "coffee_break", "Coffee break", []),
    (3, "11:00", "12:30", "work_session",
     "Addressing radicalisation in prisons and probation: Risk and needs assessment (Findings from O2)", CSD),
    (3, "12:30", "14:00", "lunch", "Lunch", []),
    (3, "14:00", "15:30", "working_group",
     "Framework of competences for probation staff to deal with radicalised individuals", IPS_PAIR),
    (3, "15:30", "16:00", "coffee_break", "Coffee break", []),
    (3, "16:00", "17:30", "work_session",
     "Psychological characteristics of the accused and convicted terrorists in Sofia prison",
     ["Ivelina Guerguieva (GDIN)"]),
    (3, "17:30", "21:00", "free", "Free programme", []),
    (4, "09:00", "10:30", "plenary", "How probation should address the issue of radicalisation", []),
    (4, "10:30", "11:00", "coffee_break", "Coffee break", []),
    (4, "11:00", "12:30", "work_session", "Civil engagement in institutional developments related to probation",
     ["Andrei Momchilov (IGA)", "Zornitsa Gesheva (IGA)"]),
    (4, "12:30", "14:00", "lunch", "Lunch", []),
    (4, "14:00", "15:30", "work_session",
     "Working with extremist offenders in prison: programme design, approaches and lessons learned",
     ["Ariane Wolf (VPN)", "Michèle Leaman (VPN)"]),
    (4, "15:30", "16:00", "coffee_break", "Coffee break", []),
    (4, "16:00", "17:30", "work_session",
     "INTEGRA Training programme — E-learning course (participants' feedback & next steps)",
     ["Pedro Liberado (IPS)"]),
    (4, "17:30", "21:00", "free", "Free programme", []),
    (5, "09:00", "12:30", "field_visit",
     "Field visits to the Sofia Central Prison and the Kremikovci Prison Dormitory", []),
    (5, "12:30", "14:00", "lunch", "Lunch", []),
    (5, "14:00", "15:30", "work_session", "Radicalization awareness in prisons", ["Nadya Radkovska (GDIN)"]),
    (5, "15:30", "16:00", "coffee_break", "Coffee break", []),
    (5, "16:00", "17:30", "working_group", "Profiling or scenario awareness? New paradigms for CVE",
     ["Sergio Bianchi (Agenfor)"]),
    (5, "17:30", "21:00", "dinner", "Official dinner", []),
    (6, "09:00", "09:45", "plenary", "Next steps (3rd STJSTE, Lisbon 2020)", CSD),
    (6, "09:45", "10:30", "evaluation", "Evaluation session", CSD),
    (6, "10:30", "11:00", "coffee_break", "Coffee break", []),
    (6, "11:00", "12:30", "certificates", "Final conclusions & Delivery of certificates & group photo", CSD),
    (6, "12:30", "14:00", "lunch", "Lunch", []),
    (6, "14:00", "14:30", "closure", "Closure", []),
]


@pytest.fixture
def demo(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()
    load_demo_events()


def _week(event):
    rows = []
    for slot in agenda_slots(event):
        start, end = slot.starts_at.astimezone(event.tz), slot.ends_at.astimezone(event.tz)
        rows.append((start.day, f"{start:%H:%M}", f"{end:%H:%M}", slot.kind, slot.label,
                     sorted(f"{s.name} ({s.organisation_name})" for s in slot.speakers.all())))
    return rows


def test_the_sofia_week_is_the_printed_agenda(demo):
    event = Event.objects.get(title_en=SOFIA)
    assert (event.start_date, event.end_date, event.time_zone) == (dt.date(2019, 12, 2), dt.date(2019, 12, 6),
                                                                   "Europe/Sofia")
    expected = [(day, start, end, kind, label, sorted(speakers)) for day, start, end, kind, label, speakers
                in SOFIA_WEEK]
    assert _week(event) == expected


def test_the_sofia_week_has_the_counts_of_the_printed_sheet(demo):
    event = Event.objects.get(title_en=SOFIA)
    slots = list(event.slots.all())

    def local(slot):
        return slot.starts_at.astimezone(event.tz)

    breaks = [s for s in slots if s.kind == Slot.Kind.COFFEE_BREAK]
    assert sorted(local(s).day for s in breaks if local(s).hour < 12) == [2, 3, 4, 6]  # none on Thursday
    assert sorted(local(s).day for s in breaks if local(s).hour >= 12) == [2, 3, 4, 5]  # none on Friday
    assert sorted(local(s).day for s in slots if s.kind == Slot.Kind.LUNCH) == [2, 3, 4, 5, 6]
    assert sorted(local(s).day for s in slots if s.kind == Slot.Kind.FREE) == [2, 3, 4]
    dinner = [s for s in slots if s.kind == Slot.Kind.DINNER]
    assert len(dinner) == 1 and (local(dinner[0]).day, f"{local(dinner[0]):%H:%M}") == (5, "17:30")
    assert len([s for s in slots if s.kind == Slot.Kind.FIELD_VISIT]) == 1
    monday_groups = [s for s in slots if s.kind == Slot.Kind.WORKING_GROUP and local(s).day == 2]
    heads = [s for s in monday_groups if s.parallel_to_id is None]
    assert sorted(len([g for g in monday_groups if g.pk == head.pk or g.parallel_to_id == head.pk])
                  for head in heads) == [3, 4]
    guest = event.slots.get(title_en="How probation should address the issue of radicalisation")
    assert guest.to_be_confirmed and not guest.speakers.exists()
    assert [s.label for s in slots if s.to_be_confirmed] == [guest.label]


def test_the_sofia_week_has_its_participants_attendance_evaluations_and_certificates(demo):
    event = Event.objects.get(title_en=SOFIA)
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 9 and set(registrations.values_list("status", flat=True)) == {"approved"}
    assert not event.registration_open
    certified = set(registrations.filter(certificate__isnull=False).values_list("user__email", flat=True))
    assert len(certified) == 8 and "coordinator@example.org" not in certified  # arrived on Wednesday
    assert Certificate.objects.filter(source__startswith="events.registration:").count() >= 8
    # of each block of parallel groups, each participant is present in one group only
    frontline = registrations.get(user__email="frontline@example.org")
    present_in_groups = frontline.attendance.filter(present=True, slot__kind=Slot.Kind.WORKING_GROUP,
                                                    slot__starts_at__date=dt.date(2019, 12, 2))
    assert sorted(present_in_groups.values_list("slot__title_en", flat=True)) == [
        GROUPS_A + "Right-wing extremism", "Radicalisation push & pull factors"]
    questions = EvaluationQuestion.objects.filter(event=event)
    assert questions.count() == 6 and questions.get(order=1, slot__isnull=True).text_fr.startswith("Dans l'ensemble")
    assert EvaluationResponse.objects.filter(registration__event=event).count() == 3


def test_the_demo_events_are_built_through_the_services(demo):
    actions = set(AuditEvent.objects.filter(action__startswith="events.").values_list("action", flat=True))
    assert {"events.event.created", "events.quota.set", "events.room.added", "events.speaker.added",
            "events.slot.created", "events.registration.applied", "events.registration.approved",
            "events.attendance.marked", "events.question.created", "events.evaluation.submitted",
            "events.certificates.issued", "events.event.updated"} <= actions
    slots = Slot.objects.count()
    assert AuditEvent.objects.filter(action="events.slot.created").count() == slots


def test_every_demo_event_file_loads_once(demo):
    titles = [data["title"]["en"] for data in demo_event_files()]
    assert titles == ["Short-term joint staff training event C1 — Toulouse", SOFIA,
                      "Short-term joint staff training event C3 — Lisbon"]
    before = (Event.objects.count(), Slot.objects.count(), AuditEvent.objects.count())
    load_demo_events()
    assert (Event.objects.count(), Slot.objects.count(), AuditEvent.objects.count()) == before
    lisbon = Event.objects.get(title_en=titles[2])
    assert lisbon.registration_open and lisbon.title_fr == "Formation conjointe de courte durée C3 — Lisbonne"
    assert sorted(lisbon.registrations.values_list("user__email", "status")) == [
        ("researcher@example.org", "pending"), ("trainer@example.org", "approved")]
    assert lisbon.slots.filter(takes_attendance=True).count() == 5


def test_every_demo_person_s_view_of_the_demo_events_agrees_with_the_lists(demo):
    for user in get_user_model().objects.all():
        for model in EVENTS_MODELS:
            allowed = {obj.pk for obj in model._default_manager.all() if access.can(user, VIEW, obj)}
            listed = set(access.visible(user, model).values_list("pk", flat=True))
            assert allowed == listed, f"{model.__name__} for {user.email}"


# Where each slot of the printed week takes place: the field visits at the two prisons they name, every other slot
# at the venue (the source names no other place). Read from the .ics: LOCATION is "[room, ]place, city".
SOFIA_VENUE = "Sofia Probation Service training centre"
FIELD_VISIT_SITES = "Sofia Central Prison and Kremikovci Prison Dormitory"


def _calendar_rows(content: bytes) -> list[tuple]:
    from icalendar import Calendar

    rows = []
    for item in Calendar.from_ical(content).walk("VEVENT"):
        start, end = item.decoded("dtstart"), item.decoded("dtend")
        rows.append((start.day, f"{start:%H:%M}", f"{end:%H:%M}", str(item["summary"]), str(item["location"])))
    return rows


def test_the_sofia_calendar_is_the_printed_agenda_slot_by_slot_with_its_locations(demo, client):
    from django.urls import reverse

    event = Event.objects.get(title_en=SOFIA)
    rows = _calendar_rows(client.get(reverse("events:agenda_ics", args=[event.pk])).content)
    assert [row[:4] for row in rows] == [(day, start, end, label) for day, start, end, _kind, label, _s in SOFIA_WEEK]
    for (_day, _start, _end, kind, _label, _speakers), row in zip(SOFIA_WEEK, rows, strict=True):
        *room, place, city = row[4].split(", ")
        assert city == "Sofia", row
        if kind == "field_visit":
            assert (room, place) == ([], FIELD_VISIT_SITES), row
        else:
            assert place == SOFIA_VENUE and len(room) <= 1, row
    visit = event.slots.get(kind=Slot.Kind.FIELD_VISIT)
    assert visit.location_bg == "Софийски централен затвор и затворническо общежитие „Кремиковци“"


def test_a_sofia_participant_s_calendar_holds_only_the_groups_they_chose(demo):
    from django.urls import reverse

    from tests.conftest import signed_in

    event = Event.objects.get(title_en=SOFIA)
    frontline = get_user_model().objects.get(email="frontline@example.org")  # Right-wing extremism, push & pull
    rows = _calendar_rows(signed_in(frontline).get(reverse("events:my_agenda_ics", args=[event.pk])).content)
    labels = [row[3] for row in rows]
    assert GROUPS_A + "Right-wing extremism" in labels and "Radicalisation push & pull factors" in labels
    others = [GROUPS_A + g for g in ("Islamic fundamentalism vs Conversion", "Left-wing extremism",
                                     "Other types of extremism")] + [
        "Probation & community organisations: the importance of information sharing", "Best probation practices"]
    assert not set(others) & set(labels)
    assert len(rows) == len(SOFIA_WEEK) - len(others)
