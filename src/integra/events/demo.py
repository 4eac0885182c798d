"""Demo joint staff training events: the INTEGRA series with C1 Toulouse (June 2019), C2 Sofia (December 2019)
and C3 Lisbon (March 2020, registration open).

Sofia has the whole training week as its agenda (parallel working groups in their own rooms, field visits, a
session with an invited guest still to be confirmed, the official dinner), approved participants with their
attendance, evaluations and certificates. Built through the services by the demo organiser (Ivana Dimitrova,
Sofia Probation Service) and by the participants themselves, so the audit trail and notifications are real.

Idempotent: nothing happens when the Sofia event already exists."""

import datetime as dt
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import services
from .models import EvaluationQuestion, Event, EventSeries, Slot

ORGANISER = "organiser@example.org"
SERIES_TITLE = "INTEGRA joint staff training events"
TOULOUSE_TITLE = "Short-term joint staff training event C1 — Toulouse"
SOFIA_TITLE = "Short-term joint staff training event C2 — Sofia"
LISBON_TITLE = "Short-term joint staff training event C3 — Lisbon"
PARTNER_COUNTRIES = ["FR", "BG", "IT", "PT", "GR"]

K = Slot.Kind
ATTENDANCE_KINDS = {K.WORK_SESSION, K.WORKING_GROUP}


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    return user


class _Agenda:
    """Rooms, speakers and slots of one event; times are written as local times in the event's time zone."""

    def __init__(self, actor, event):
        self.actor, self.event = actor, event
        self.tz = zoneinfo.ZoneInfo(event.time_zone)
        self.rooms, self.speakers = {}, {}

    def room(self, key, name):
        self.rooms[key] = services.room_add(actor=self.actor, event=self.event, name=name)

    def speaker(self, key, name, organisation_name, user=None):
        self.speakers[key] = services.speaker_add(actor=self.actor, event=self.event, name=name,
                                                  organisation_name=organisation_name, user=user)

    def at(self, day: int, time: str) -> dt.datetime:
        """Day 1 is the event's first day."""
        date = self.event.start_date + dt.timedelta(days=day - 1)
        return dt.datetime.combine(date, dt.time.fromisoformat(time), tzinfo=self.tz)

    def slot(self, day, start, end, kind, title="", *, room=None, speakers=(), parallel_to=None,
             to_be_confirmed=False, takes_attendance=None) -> Slot:
        if takes_attendance is None:
            takes_attendance = kind in ATTENDANCE_KINDS
        return services.slot_save(
            actor=self.actor, event=self.event, kind=kind, title=title, starts_at=self.at(day, start),
            ends_at=self.at(day, end), room=self.rooms[room] if room else None,
            speakers=[self.speakers[k] for k in speakers], parallel_to=parallel_to,
            to_be_confirmed=to_be_confirmed, takes_attendance=takes_attendance)


def _event(actor, series, *, title, title_fr, title_bg, start, end, time_zone, city, country, venue, languages,
           description_en, description_fr, description_bg="", registration_open, places):
    event = services.event_create(
        actor=actor, organiser=demo_organisation("bg-probation"), title=title, start_date=start, end_date=end,
        series=series, kind=Event.Kind.JOINT_TRAINING, city=city, country=country, venue=venue,
        time_zone=time_zone, languages=languages, is_published=True, registration_open=registration_open,
        title_fr=title_fr, title_bg=title_bg, description_en=description_en, description_fr=description_fr,
        description_bg=description_bg or None)
    for country_code in PARTNER_COUNTRIES:
        services.quota_set(actor=actor, event=event, country=country_code, places=places)
    return event


def _register(event, email, *, dietary="", accessibility="", consent=True):
    return services.registration_apply(actor=_person(email), event=event, dietary_needs=dietary,
                                       accessibility_needs=accessibility, listed_consent=consent)


def _close_registration(actor, event):
    event.refresh_from_db()
    services.event_update(actor=actor, event=event, expected_version=event.version, registration_open=False)


# --- C1 Toulouse ---------------------------------------------------------------------------------------------------


def _toulouse(organiser, series):
    event = _event(
        organiser, series, title=TOULOUSE_TITLE,
        title_fr="Formation conjointe de courte durée C1 — Toulouse",
        title_bg="Краткосрочно съвместно обучение на персонала C1 — Тулуза",
        start=dt.date(2019, 6, 17), end=dt.date(2019, 6, 21), time_zone="Europe/Paris", city="Toulouse",
        country="FR", venue="Direction interrégionale des services pénitentiaires de Toulouse — training centre",
        languages="English, French (interpretation)",
        description_en=(
            "The first INTEGRA joint staff training week brings together prison officers, probation officers, "
            "researchers and community workers from France, Bulgaria, Italy, Portugal and Greece. It introduces "
            "the national prison and probation systems, the state of knowledge on radicalisation in prison and "
            "the tools used to detect it, with a field visit to a French prison."),
        description_fr=(
            "La première semaine de formation conjointe INTEGRA réunit des personnels pénitentiaires, des "
            "conseillers de probation, des chercheurs et des acteurs associatifs de France, de Bulgarie, d'Italie, "
            "du Portugal et de Grèce. Elle présente les systèmes pénitentiaires et de probation nationaux, l'état "
            "des connaissances sur la radicalisation en détention et les outils de repérage, avec une visite "
            "d'établissement."),
        registration_open=True, places=12)
    agenda = _Agenda(organiser, event)
    agenda.room("plenary", "Salle plénière")
    agenda.speaker("garnier", "Dr Sophie Garnier", "Centre d'études sur la radicalisation, Lyon")
    agenda.speaker("castel", "Laurent Castel", "Direction interrégionale des services pénitentiaires de Toulouse")
    agenda.speaker("dimitrova", "Ivana Dimitrova", "Sofia Probation Service", user=organiser)
    # Monday 17 June
    agenda.slot(1, "09:00", "09:30", K.REGISTRATION)
    agenda.slot(1, "09:30", "10:30", K.WELCOME, "Welcome and presentation of the INTEGRA project",
                room="plenary", speakers=["castel", "dimitrova"])
    agenda.slot(1, "10:30", "12:30", K.WORK_SESSION, "Radicalisation in prison: the state of knowledge",
                room="plenary", speakers=["garnier"])
    agenda.slot(1, "12:30", "13:30", K.LUNCH)
    agenda.slot(1, "13:30", "15:00", K.WORK_SESSION, "Prison and probation systems of the five partner countries",
                room="plenary", speakers=["dimitrova"])
    agenda.slot(1, "15:00", "15:30", K.COFFEE_BREAK)
    agenda.slot(1, "15:30", "17:00", K.WORK_SESSION, "Detecting signs of radicalisation: tools and their limits",
                room="plenary", speakers=["garnier", "castel"])
    # Tuesday 18 June
    agenda.slot(2, "09:00", "10:30", K.WORK_SESSION, "Case study: a radicalisation assessment unit",
                room="plenary", speakers=["castel"])
    agenda.slot(2, "10:30", "11:00", K.COFFEE_BREAK)
    agenda.slot(2, "11:00", "12:30", K.WORK_SESSION, "Exchange of practice in national groups", room="plenary")
    agenda.slot(2, "12:30", "13:30", K.LUNCH)
    agenda.slot(2, "14:00", "17:00", K.FIELD_VISIT, "Field visit: Centre pénitentiaire de Toulouse-Seysses",
                speakers=["castel"])
    # Friday 21 June
    agenda.slot(5, "09:00", "10:00", K.EVALUATION, room="plenary")
    agenda.slot(5, "10:00", "10:30", K.CERTIFICATES, room="plenary", speakers=["dimitrova"])
    agenda.slot(5, "10:30", "11:00", K.CLOSURE, "Closure and next steps: Sofia, December 2019", room="plenary")

    organiser_decides = [
        _register(event, "casemanager@example.org", dietary="Vegetarian"),
        _register(event, "frontline@example.org"),
        _register(event, "probation@example.org"),
    ]
    for registration in organiser_decides:
        services.registration_approve(actor=organiser, registration=registration)
    _close_registration(organiser, event)
    return event


# --- C2 Sofia: the whole training week -----------------------------------------------------------------------------

# email, dietary needs, accessibility needs, working group (0-3), days present
SOFIA_PARTICIPANTS = [
    ("frontline@example.org", "", "", 1, {1, 2, 3, 4, 5}),
    ("probation@example.org", "Vegetarian", "", 2, {1, 2, 3, 4, 5}),
    ("casemanager@example.org", "", "", 0, {1, 2, 3, 4, 5}),
    ("prisoncase@example.org", "Halal", "", 0, {1, 2, 3, 4, 5}),
    ("mentor@example.org", "Pescatarian", "", 3, {1, 2, 3, 4, 5}),
    ("trainer@example.org", "", "Step-free access: uses a wheelchair", 1, {1, 2, 3, 4, 5}),
    ("researcher@example.org", "Gluten-free", "", 2, {1, 2, 3, 4, 5}),
    ("volunteer@example.org", "Vegan", "Hearing loop in the plenary hall", 3, {1, 2, 3, 4, 5}),
    # Arrived on Wednesday: misses the first two days, so no certificate of attendance.
    ("coordinator@example.org", "No pork", "", 3, {3, 4, 5}),
]


def _sofia(organiser, series):
    event = _event(
        organiser, series, title=SOFIA_TITLE,
        title_fr="Formation conjointe de courte durée C2 — Sofia",
        title_bg="Краткосрочно съвместно обучение на персонала C2 — София",
        start=dt.date(2019, 12, 2), end=dt.date(2019, 12, 6), time_zone="Europe/Sofia", city="Sofia",
        country="BG", venue="Sofia Probation Service training centre",
        languages="English, Bulgarian (interpretation into French and Italian)",
        description_en=(
            "A week of joint training for prison, probation and community staff of the five partner countries on "
            "preventing radicalisation and supporting disengagement: push and pull factors, risk and needs "
            "assessment, the role of probation, parallel working groups on the types of extremism, field visits "
            "to Sofia Central Prison and a probation office, multi-agency cooperation and mentoring."),
        description_fr=(
            "Une semaine de formation conjointe pour les personnels pénitentiaires, de probation et associatifs "
            "des cinq pays partenaires sur la prévention de la radicalisation et l'accompagnement du désengagement : "
            "facteurs d'attraction et de rejet, évaluation des risques et des besoins, rôle de la probation, "
            "groupes de travail parallèles sur les formes d'extrémisme, visites de la prison centrale de Sofia et "
            "d'un service de probation, coopération pluri-institutionnelle et mentorat."),
        description_bg=(
            "Седмица на съвместно обучение за служители от затворите, пробацията и общността от петте "
            "страни партньори: превенция на радикализацията и подкрепа за дистанциране, оценка на риска и "
            "потребностите, ролята на пробацията, работни групи, посещения на Софийския централен затвор и "
            "пробационна служба, междуинституционално сътрудничество и менторство."),
        registration_open=True, places=12)

    a = _Agenda(organiser, event)
    a.room("plenary", "Plenary hall")
    for letter in "ABCD":
        a.room(letter, f"Room {letter}")
    a.speaker("dimitrova", "Ivana Dimitrova", "Sofia Probation Service", user=organiser)
    a.speaker("garnier", "Dr Sophie Garnier", "Centre d'études sur la radicalisation, Lyon")
    a.speaker("stoyanova", "Assoc. Prof. Mihaela Stoyanova", "Sofia University, Department of Sociology")
    a.speaker("ivanov", "Nikolay Ivanov", "General Directorate Execution of Sentences, Bulgaria")
    a.speaker("bianchi", "Francesca Bianchi", "UEPE Roma")
    a.speaker("martins", "João Martins", "Direção-Geral de Reinserção e Serviços Prisionais")
    a.speaker("alexiou", "Dimitra Alexiou", "Korydallos Prison")
    a.speaker("todorova", "Elena Todorova", "Open Doors Foundation")

    sessions = []  # every slot where attendance is taken, with the day it is on

    def session(day, *args, **kwargs):
        slot = a.slot(day, *args, **kwargs)
        sessions.append((day, slot))
        return slot

    # Day 1 — Monday 2 December
    a.slot(1, "09:00", "09:30", K.REGISTRATION, "Registration and welcome coffee")
    a.slot(1, "09:30", "10:30", K.WELCOME, "Welcome and introduction of partners", room="plenary",
           speakers=["dimitrova"])
    radicalisation = session(1, "10:30", "12:00", K.WORK_SESSION, "Understanding radicalisation: push and pull factors",
                             room="plenary", speakers=["garnier", "stoyanova"])
    a.slot(1, "12:00", "12:30", K.COFFEE_BREAK)
    a.slot(1, "12:30", "13:30", K.LUNCH)
    session(1, "13:30", "15:00", K.WORK_SESSION, "Risk and needs assessment in prison and probation",
            room="plenary", speakers=["ivanov", "martins"])
    a.slot(1, "15:00", "15:30", K.COFFEE_BREAK)
    session(1, "15:30", "17:00", K.WORK_SESSION, "Role of probation in prevention", room="plenary",
            speakers=["bianchi", "dimitrova"])

    # Day 2 — Tuesday 3 December: plenary in the morning, four parallel working groups in the afternoon
    session(2, "09:00", "10:30", K.WORK_SESSION, "Disengagement and exit programmes in prison", room="plenary",
            speakers=["alexiou", "garnier"])
    a.slot(2, "10:30", "11:00", K.COFFEE_BREAK)
    session(2, "11:00", "12:30", K.WORK_SESSION, "Working with families and communities", room="plenary",
            speakers=["todorova", "martins"])
    a.slot(2, "12:30", "13:30", K.LUNCH)
    groups = []
    for room, title, speaker in [("A", "Islamic fundamentalism vs conversion", "garnier"),
                                 ("B", "Right-wing extremism", "stoyanova"),
                                 ("C", "Left-wing extremism", "bianchi"),
                                 ("D", "Other types of extremism", "alexiou")]:
        groups.append(session(2, "13:30", "15:30", K.WORKING_GROUP, title, room=room, speakers=[speaker],
                              parallel_to=groups[0] if groups else None))
    a.slot(2, "15:30", "16:00", K.COFFEE_BREAK)
    session(2, "16:00", "17:00", K.WORK_SESSION, "Plenary: the working groups report back", room="plenary",
            speakers=["dimitrova"])

    # Day 3 — Wednesday 4 December: field visits (a list of visitors is kept for the prison, so attendance counts)
    prison_visit = session(3, "08:30", "12:00", K.FIELD_VISIT, "Field visit: Sofia Central Prison",
                           speakers=["ivanov"], to_be_confirmed=False, takes_attendance=True)
    a.slot(3, "12:30", "13:30", K.LUNCH)
    session(3, "14:00", "16:00", K.FIELD_VISIT, "Field visit: Sofia Probation Service, Lozenets district office",
            speakers=["dimitrova"], takes_attendance=True)
    a.slot(3, "16:00", "16:30", K.COFFEE_BREAK, "Coffee and debriefing")

    # Day 4 — Thursday 5 December
    session(4, "09:00", "10:30", K.WORK_SESSION, "Multi-agency cooperation around release", room="plenary",
            speakers=["martins", "bianchi"])
    a.slot(4, "10:30", "11:00", K.COFFEE_BREAK)
    session(4, "11:00", "12:30", K.WORK_SESSION, "Mentoring after release: the role of volunteers", room="plenary",
            speakers=["todorova"])
    a.slot(4, "12:30", "13:30", K.LUNCH)
    session(4, "13:30", "15:00", K.WORK_SESSION, "Voices from practice: a former mentee and his mentor",
            room="plenary", to_be_confirmed=True)
    a.slot(4, "15:00", "15:30", K.COFFEE_BREAK)
    a.slot(4, "15:30", "18:30", K.FREE, "Free programme (optional guided walk through central Sofia)")
    a.slot(4, "19:30", "22:00", K.DINNER, "Official dinner")

    # Day 5 — Friday 6 December
    a.slot(5, "09:00", "10:00", K.EVALUATION, "Evaluation of the training week", room="plenary")
    a.slot(5, "10:00", "10:30", K.CERTIFICATES, room="plenary", speakers=["dimitrova"])
    a.slot(5, "10:30", "11:00", K.CLOSURE, "Closure and next steps: Lisbon, March 2020", room="plenary",
           speakers=["dimitrova"])
    a.slot(5, "11:00", "11:30", K.COFFEE_BREAK, "Farewell coffee")
    a.slot(5, "12:00", "13:00", K.LUNCH, "Farewell lunch")

    # Registrations: each participant applies, the organiser approves within the country quotas.
    registrations = {}
    for email, dietary, accessibility, _group, _days in SOFIA_PARTICIPANTS:
        registrations[email] = _register(event, email, dietary=dietary, accessibility=accessibility)
    for registration in registrations.values():
        services.registration_approve(actor=organiser, registration=registration)

    # Attendance, session by session; in the working-group slot each participant is in their own group only.
    for day, slot in sessions:
        present = [registrations[email].pk for email, _d, _a, group, days in SOFIA_PARTICIPANTS
                   if day in days and (slot.kind != K.WORKING_GROUP or groups[group].pk == slot.pk)]
        services.attendance_mark(actor=organiser, slot=slot, present_registration_ids=present)

    # Evaluation: questions on the whole event and on two sessions, then a few participants' answers.
    def question(order, kind, text_en, text_fr, slot=None):
        return EvaluationQuestion.objects.create(event=event, slot=slot, kind=kind, order=order, text_en=text_en,
                                                 text_fr=text_fr)

    scale, text = EvaluationQuestion.Kind.SCALE, EvaluationQuestion.Kind.TEXT
    useful = question(1, scale, "Overall, how useful was the training week for your daily work?",
                      "Dans l'ensemble, cette semaine de formation a-t-elle été utile pour votre travail quotidien ?")
    organisation = question(2, scale, "How would you rate the organisation (venue, interpretation, logistics)?",
                            "Comment évaluez-vous l'organisation (lieu, interprétation, logistique) ?")
    change = question(3, text, "What will you do differently in your work after this week?",
                      "Que ferez-vous différemment dans votre travail après cette semaine ?")
    next_time = question(4, text, "What should the next training event in Lisbon cover?",
                         "Quels sujets la prochaine formation, à Lisbonne, devrait-elle aborder ?")
    session_rating = question(1, scale, "How would you rate this session?", "Comment évaluez-vous cette séance ?",
                              slot=radicalisation)
    visit_rating = question(1, scale, "How would you rate this field visit?", "Comment évaluez-vous cette visite ?",
                            slot=prison_visit)
    evaluations = {
        "frontline@example.org": {
            useful.pk: 5, organisation.pk: 4, session_rating.pk: 5, visit_rating.pk: 4,
            change.pk: "Share the push and pull factors grid with my colleagues on the wing and use it in our "
                       "weekly case discussions.",
            next_time.pk: "More on working with families, and practical exercises on writing risk reports."},
        "probation@example.org": {
            useful.pk: 4, organisation.pk: 5, session_rating.pk: 4, visit_rating.pk: 5,
            change.pk: "Contact the prison case manager earlier, months before release, not weeks.",
            next_time.pk: "Mentoring programmes run with volunteers: how they are supervised."},
        "mentor@example.org": {
            useful.pk: 5, organisation.pk: 3, session_rating.pk: 4,
            change.pk: "Prepare the first meeting with the probation officer before the mentee is released.",
            next_time.pk: ""},
    }
    for email, answers in evaluations.items():
        services.evaluation_submit(actor=_person(email), registration=registrations[email], answers=answers)

    services.certificates_issue(actor=organiser, event=event)
    _close_registration(organiser, event)
    return event


# --- C3 Lisbon: registration open ----------------------------------------------------------------------------------


def _lisbon(organiser, series):
    event = _event(
        organiser, series, title=LISBON_TITLE,
        title_fr="Formation conjointe de courte durée C3 — Lisbonne",
        title_bg="Краткосрочно съвместно обучение на персонала C3 — Лисабон",
        start=dt.date(2020, 3, 9), end=dt.date(2020, 3, 13), time_zone="Europe/Lisbon", city="Lisboa",
        country="PT", venue="Centro de Formação Lisboa", languages="English, Portuguese (interpretation)",
        description_en=(
            "The third INTEGRA training week focuses on life after release: mentoring programmes with volunteers, "
            "family support, employment and housing, and the cooperation between prison, probation and community "
            "organisations that makes them work. With a field visit to a Lisbon prison."),
        description_fr=(
            "La troisième semaine de formation INTEGRA porte sur la vie après la libération : programmes de "
            "mentorat avec des bénévoles, soutien aux familles, emploi et logement, et la coopération entre "
            "prison, probation et associations qui les rend possibles. Avec une visite d'établissement à Lisbonne."),
        registration_open=True, places=8)
    agenda = _Agenda(organiser, event)
    agenda.room("plenary", "Auditório")
    agenda.room("A", "Sala 1")
    agenda.room("B", "Sala 2")
    agenda.speaker("martins", "João Martins", "Direção-Geral de Reinserção e Serviços Prisionais")
    agenda.speaker("almeida", "Rita Almeida", "Associação Recomeçar")
    agenda.speaker("todorova", "Elena Todorova", "Open Doors Foundation")
    agenda.speaker("dimitrova", "Ivana Dimitrova", "Sofia Probation Service", user=organiser)
    # Monday 9 March
    agenda.slot(1, "09:00", "09:30", K.REGISTRATION)
    agenda.slot(1, "09:30", "10:30", K.WELCOME, "Welcome and results of the Sofia evaluation", room="plenary",
                speakers=["martins", "dimitrova"])
    agenda.slot(1, "10:30", "11:00", K.COFFEE_BREAK)
    agenda.slot(1, "11:00", "12:30", K.WORK_SESSION, "Mentoring programmes for people leaving prison",
                room="plenary", speakers=["almeida"])
    agenda.slot(1, "12:30", "13:30", K.LUNCH)
    agenda.slot(1, "13:30", "15:00", K.WORK_SESSION, "Working with volunteers: recruitment, training, supervision",
                room="plenary", speakers=["almeida", "todorova"])
    # Tuesday 10 March
    agenda.slot(2, "09:00", "10:30", K.WORK_SESSION, "Family support and reintegration", room="plenary",
                speakers=["todorova"])
    agenda.slot(2, "10:30", "11:00", K.COFFEE_BREAK)
    first = agenda.slot(2, "11:00", "12:30", K.WORKING_GROUP, "Employment after release", room="A",
                        speakers=["martins"])
    agenda.slot(2, "11:00", "12:30", K.WORKING_GROUP, "Housing after release", room="B", speakers=["almeida"],
                parallel_to=first)
    agenda.slot(2, "12:30", "13:30", K.LUNCH)
    agenda.slot(2, "14:00", "17:00", K.FIELD_VISIT, "Field visit: Estabelecimento Prisional de Lisboa",
                speakers=["martins"], to_be_confirmed=True)
    # Friday 13 March
    agenda.slot(5, "09:00", "10:00", K.EVALUATION, room="plenary")
    agenda.slot(5, "10:00", "10:30", K.CERTIFICATES, room="plenary", speakers=["martins"])
    agenda.slot(5, "10:30", "11:00", K.CLOSURE, room="plenary")

    approved = _register(event, "trainer@example.org", dietary="Vegetarian")
    services.registration_approve(actor=organiser, registration=approved)
    _register(event, "researcher@example.org", accessibility="Interpretation into French")  # left pending
    return event


@transaction.atomic
def load_demo_events() -> None:
    if Event.objects.filter(title_en=SOFIA_TITLE).exists():
        return
    with translation.override("en"):
        organiser = _person(ORGANISER)
        series = EventSeries.objects.filter(title_en=SERIES_TITLE).first() or EventSeries.objects.create(
            title=SERIES_TITLE, title_fr="Formations conjointes des personnels INTEGRA",
            title_bg="Съвместни обучения на персонала INTEGRA",
            description_en="Three short-term joint staff training weeks for prison, probation and community staff "
                           "of the INTEGRA partner countries, hosted in turn by the partners.",
            description_fr="Trois semaines de formation conjointe de courte durée pour les personnels "
                           "pénitentiaires, de probation et associatifs des pays partenaires d'INTEGRA, accueillies "
                           "à tour de rôle par les partenaires.")
        _toulouse(organiser, series)
        _sofia(organiser, series)
        _lisbon(organiser, series)
