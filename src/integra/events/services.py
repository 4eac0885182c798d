"""Running an event: the event and its quotas, the agenda with conflict checks, registrations with country
quotas and waiting lists, attendance, the evaluation form and its answers, and certificates. Each write checks
the policy itself, runs in one transaction, records an audit event and sends e-mails after the commit."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.core import access, audit, limits
from integra.core.access import ADD, CHANGE, DELETE, VIEW
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid
from integra.core.models import Organisation
from integra.core.notifications import N_, message
from integra.core.selectors import organisation_choices
from integra.core.services import notification_send
from integra.core.tasks import enqueue_email_on_commit
from integra.learning.models import Certificate
from integra.learning.services import certificate_issue

from .ics import participant_calendar
from .models import (
    Answer,
    Attendance,
    CountryQuota,
    EvaluationQuestion,
    EvaluationResponse,
    Event,
    GroupChoice,
    Registration,
    Room,
    Slot,
    Speaker,
)
from .policy import CANCEL, CHOOSE_GROUPS, MANAGE, REGISTER


def _audit(action, actor, event, obj=None, **data):
    return audit.record(action=f"events.{action}", actor=actor, organisation=event.organiser_id, obj=obj or event,
                        data=data)


def _translations(field: str, translations: dict[str, str] | None) -> dict[str, str]:
    """{"fr": "..."} as the model's per-language fields ({"title_fr": "..."}), for the languages we offer."""
    offered = {code for code, _name in settings.LANGUAGES}
    unknown = set(translations or {}) - offered
    if unknown:
        raise ValueError(f"no such language: {', '.join(sorted(unknown))}")
    return {f"{field}_{language}": text for language, text in (translations or {}).items() if text}


def _require_cohort_readable(actor, cohort) -> None:
    if cohort is not None:
        access.require(actor, VIEW, cohort)


# --- events, quotas, rooms, speakers -----------------------------------------------------------------------------


def event_create(*, actor, organiser: Organisation, title: str, start_date: dt.date, end_date: dt.date,
                 **fields) -> Event:
    access.require_create(actor, Event, organisation=organiser)
    _require_cohort_readable(actor, fields.get("cohort"))
    if end_date < start_date:
        raise invalid(_("The event ends before it starts."), field="end_date")
    with transaction.atomic():
        event = Event.objects.create(organiser=organiser, title=title, start_date=start_date, end_date=end_date,
                                     created_by=actor, **fields)
        _audit("event.created", actor, event, title=title)
    return event


def event_update(*, actor, event: Event, expected_version: int, **changes) -> Event:
    access.require(actor, MANAGE, event)
    if set(changes) - set(Event.EDITABLE_FIELDS):
        raise ValueError("not editable")
    if changes.get("cohort") is not None and changes["cohort"].pk != event.cohort_id:
        _require_cohort_readable(actor, changes["cohort"])
    start, end = changes.get("start_date", event.start_date), changes.get("end_date", event.end_date)
    if end < start:
        raise invalid(_("The event ends before it starts."), field="end_date")
    practical = {"start_date", "end_date", "venue", "city", "time_zone"}
    moved = {k for k in changes if k in practical and changes[k] != getattr(event, k)}
    with transaction.atomic():
        update_versioned(event, expected_version=expected_version, **changes)
        _audit("event.updated", actor, event, fields=sorted(changes))
        if moved:
            for registration in event.registrations.holding_a_place().select_related("user"):
                _send_with_agenda(registration, subject=lambda: _("%(event)s has changed: new dates or place")
                                  % {"event": event.title})
    return event


def quota_set(*, actor, event: Event, country: str, places: int, organisation_kind: str = "") -> CountryQuota:
    access.require_create(actor, CountryQuota, event=event)
    if not 0 <= places <= limits.QUOTA_PLACES:
        raise invalid(_("Enter a number of places between 0 and %(limit)d.") % {"limit": limits.QUOTA_PLACES},
                      field="places")
    with transaction.atomic():
        quota, _created = CountryQuota.objects.update_or_create(
            event=event, country=country, organisation_kind=organisation_kind, defaults={"places": places})
        _audit("quota.set", actor, event, country=country, kind=organisation_kind, places=places)
        _promote_waiting(event, country)
    return quota


def room_add(*, actor, event: Event, name: str) -> Room:
    access.require_create(actor, Room, event=event)
    if not name.strip():
        raise invalid(_("This field is required."), field="name")
    with transaction.atomic():
        room = Room.objects.create(event=event, name=name.strip())
        _audit("room.added", actor, event, obj=room, name=room.name)
    return room


def speaker_add(*, actor, event: Event, name: str, organisation_name: str = "", user=None) -> Speaker:
    access.require_create(actor, Speaker, event=event)
    if not name.strip():
        raise invalid(_("This field is required."), field="name")
    with transaction.atomic():
        speaker = Speaker.objects.create(event=event, name=name.strip(), organisation_name=organisation_name.strip(),
                                         user=user)
        _audit("speaker.added", actor, event, obj=speaker, name=speaker.name)
    return speaker


# --- agenda ---------------------------------------------------------------------------------------------------


def slot_save(*, actor, event: Event, slot: Slot | None = None, expected_version: int | None = None, kind: str,
              starts_at: dt.datetime, ends_at: dt.datetime, title: str = "", room: Room | None = None,
              speakers=(), parallel_to: Slot | None = None, to_be_confirmed: bool = False,
              takes_attendance: bool = False, location: str = "", translations: dict[str, str] | None = None,
              location_translations: dict[str, str] | None = None) -> Slot:
    """Create or move/resize a slot, refusing overlaps in a room and a speaker in two places at once.
    `location`: where it takes place when not at the event's venue. `translations`, `location_translations`:
    the title and the location in other languages ({"fr": "..."})."""
    if slot is None:
        access.require_create(actor, Slot, event=event)
    else:
        access.require(actor, CHANGE, slot)
        if slot.event_id != event.pk:
            raise ValueError("the slot belongs to another event")
    speakers = list(speakers)
    for field, rows in (("room", [room]), ("speakers", speakers), ("parallel_to", [parallel_to])):
        if any(row is not None and row.event_id != event.pk for row in rows):
            raise invalid(_("Select a valid choice. That choice is not one of the available choices."), field=field)
    if ends_at <= starts_at:
        raise invalid(_("The slot ends before it starts."), field="ends_at")
    location = location.strip()
    limits.check_length(location, Slot._meta.get_field("location").max_length, field="location")
    local_days = (starts_at.astimezone(event.tz).date(), ends_at.astimezone(event.tz).date())
    if local_days[0] < event.start_date or local_days[1] > event.end_date:
        raise invalid(_("The slot is outside the event's dates."), field="starts_at")
    overlapping = Slot.objects.filter(event=event, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if slot is not None:
        overlapping = overlapping.exclude(pk=slot.pk)
    if room is not None and overlapping.filter(room=room).exists():
        clash = overlapping.filter(room=room).first()
        raise invalid(_("%(room)s is already used at that time by “%(slot)s”.")
                      % {"room": room.name, "slot": clash.label}, field="room")
    busy = [s for s in speakers if overlapping.filter(speakers=s).exists()]
    if busy:
        raise invalid(_("Already speaking elsewhere at that time: %(names)s.")
                      % {"names": ", ".join(s.name for s in busy)}, field="speakers")
    fields = {"kind": kind, "starts_at": starts_at, "ends_at": ends_at, "title": title, "room": room,
              "parallel_to": parallel_to, "to_be_confirmed": to_be_confirmed, "takes_attendance": takes_attendance,
              "location": location, **_translations("title", translations),
              **_translations("location", location_translations)}
    with transaction.atomic():
        if slot is None:
            slot = Slot.objects.create(event=event, **fields)
            _audit("slot.created", actor, event, slot=slot.pk)
        else:
            moved_block = (parallel_to.pk if parallel_to else None) != slot.parallel_to_id
            update_versioned(slot, expected_version=expected_version, **fields)
            if moved_block:  # a group moved to another block (or out of one): the choices of it no longer hold
                GroupChoice.objects.filter(Q(slot=slot) | Q(block=slot)).delete()
            _audit("slot.updated", actor, event, slot=slot.pk)
        slot.speakers.set(speakers)
    return slot


def slot_delete(*, actor, slot: Slot) -> None:
    access.require(actor, DELETE, slot)
    with transaction.atomic():
        _audit("slot.deleted", actor, slot.event, slot=slot.pk, title=slot.label)
        slot.delete()


# --- registrations -------------------------------------------------------------------------------------------------


def registration_apply(*, actor, event: Event, organisation: Organisation | None = None, dietary_needs: str = "",
                       accessibility_needs: str = "", listed_consent: bool = False) -> Registration:
    """Apply to attend, on behalf of one of the person's organisations (by default the first), whose country
    counts for the quotas."""
    access.require(actor, VIEW, event)
    if not access.can(actor, REGISTER, event):
        raise invalid(_("Registration for this event is closed."))
    if organisation is None:
        organisation = organisation_choices(actor=actor, model=Registration, action=ADD).first()
        if organisation is None:
            raise invalid(_("You need to belong to an organisation to register."))
    access.require_create(actor, Registration, event=event, organisation=organisation)
    if Registration.objects.filter(event=event, user=actor).exclude(status=Registration.Status.CANCELLED).exists():
        raise invalid(_("You have already registered for this event."))
    try:
        with transaction.atomic():
            Registration.objects.filter(event=event, user=actor, status=Registration.Status.CANCELLED).delete()
            registration = Registration.objects.create(
                event=event, user=actor, organisation=organisation, country=organisation.country,
                dietary_needs=dietary_needs, accessibility_needs=accessibility_needs, listed_consent=listed_consent)
            _audit("registration.applied", actor, event, obj=registration)
    except IntegrityError as exc:  # a second submit racing the first
        raise invalid(_("You have already registered for this event.")) from exc
    _tell(registration, message(N_("We received your application for %(event)s"), event=event.title),
          message(N_("The organisers will confirm your place.")))
    return registration


def _quota_for(event: Event, registration: Registration) -> CountryQuota | None:
    quotas = list(CountryQuota.objects.filter(event=event, country=registration.country).filter(
        Q(organisation_kind="") | Q(organisation_kind=registration.organisation.kind)))
    specific = [q for q in quotas if q.organisation_kind]
    return (specific or quotas or [None])[0]


def _places_left(event: Event, registration: Registration) -> int | None:
    """None: no quotas on this event (open). Otherwise the free places for the registration's country/type."""
    if not CountryQuota.objects.filter(event=event).exists():
        return None
    quota = _quota_for(event, registration)
    if quota is None:
        return 0
    taken = Registration.objects.holding_a_place().filter(event=event, country=quota.country)
    if quota.organisation_kind:
        taken = taken.filter(organisation__kind=quota.organisation_kind)
    return quota.places - taken.count()


def _lock_event(event: Event) -> None:
    # Serialises decisions on one event's places (SQLite already runs one writer at a time).
    Event.objects.select_for_update().filter(pk=event.pk).first()


def registration_approve(*, actor, registration: Registration) -> Registration:
    """Approve within the country's quota; past it, the registration goes to that country's waiting list."""
    access.require(actor, MANAGE, registration)
    if registration.status not in {Registration.Status.PENDING, Registration.Status.WAITING}:
        raise invalid(_("Only pending or waiting registrations can be approved."))
    with transaction.atomic():
        _lock_event(registration.event)
        left = _places_left(registration.event, registration)
        status = Registration.Status.APPROVED if left is None or left > 0 else Registration.Status.WAITING
        Registration.objects.filter(pk=registration.pk).update(status=status, decided_at=timezone.now())
        registration.refresh_from_db()
        _audit("registration." + status, actor, registration.event, obj=registration)
    if status == Registration.Status.APPROVED:
        _confirm_place(registration)
    else:
        _tell(registration,
              message(N_("You are on the waiting list for %(event)s"), event=registration.event.title),
              message(N_("Your country's places are taken. You move up automatically when a place frees.")))
    return registration


def registration_decline(*, actor, registration: Registration, reason: str = "") -> Registration:
    access.require(actor, MANAGE, registration)
    with transaction.atomic():
        was_holding = registration.status == Registration.Status.APPROVED
        Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.DECLINED,
                                                               decided_at=timezone.now(), decline_reason=reason)
        registration.refresh_from_db()
        # The reason is kept encrypted on the registration; the audit event names the registration.
        _audit("registration.declined", actor, registration.event, obj=registration, reason_given=bool(reason))
        if was_holding:
            _promote_waiting(registration.event, registration.country)
    _tell(registration, message(N_("Your registration for %(event)s was declined"), event=registration.event.title),
          reason)
    return registration


def registration_cancel(*, actor, registration: Registration) -> Registration:
    access.require(actor, CANCEL, registration)
    if registration.status in {Registration.Status.CANCELLED, Registration.Status.DECLINED}:
        raise invalid(_("This registration is no longer active."))
    if registration.event.has_ended:
        # Cancelling afterwards would erase the attendance and the certificate the person earned.
        raise invalid(_("This event is over: its registrations can no longer be cancelled."))
    with transaction.atomic():
        _lock_event(registration.event)
        was_holding = registration.status == Registration.Status.APPROVED
        Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
        registration.refresh_from_db()
        _audit("registration.cancelled", actor, registration.event, obj=registration)
        if was_holding:
            _promote_waiting(registration.event, registration.country)
    return registration


def registration_groups_choose(*, actor, registration: Registration, slots) -> list[GroupChoice]:
    """The participant's working groups: at most one group of each block of parallel groups of the event (a block
    left out has no choice). Until the event is over; afterwards only its organisers correct them."""
    access.require(actor, CHOOSE_GROUPS, registration)
    event = registration.event
    if event.has_ended and not access.can(actor, MANAGE, event):
        raise invalid(_("This event is over: its working groups can no longer be changed."))
    slots = list(slots)
    blocks = {slot.pk: slot.parallel_block_id for slot in
              Slot.objects.filter(event=event).filter(Q(parallel_to__isnull=False) | Q(parallel_groups__isnull=False))
              .distinct()}
    if any(slot.event_id != event.pk or slot.pk not in blocks for slot in slots):
        raise invalid(_("Select a valid choice. That choice is not one of the available choices."), field="groups")
    chosen = [blocks[slot.pk] for slot in slots]
    if len(chosen) != len(set(chosen)):
        raise invalid(_("Choose one working group of each block of parallel groups."), field="groups")
    with transaction.atomic():
        GroupChoice.objects.filter(registration=registration).delete()
        choices = GroupChoice.objects.bulk_create(
            GroupChoice(registration=registration, block_id=blocks[slot.pk], slot=slot) for slot in slots)
        _audit("registration.groups_chosen", actor, event, obj=registration, groups=sorted(s.pk for s in slots))
    return choices


def _promote_waiting(event: Event, country: str) -> None:
    """Give freed places to that country's waiting list, first come first served."""
    for waiting in Registration.objects.filter(event=event, country=country, status=Registration.Status.WAITING)\
            .select_related("organisation", "user").order_by("created_at", "id"):
        left = _places_left(event, waiting)
        if left is not None and left <= 0:
            continue
        Registration.objects.filter(pk=waiting.pk).update(status=Registration.Status.APPROVED,
                                                          decided_at=timezone.now())
        waiting.refresh_from_db()
        audit.record(action="events.registration.promoted", organisation=event.organiser_id, obj=waiting,
                     actor_label="waiting list")
        _confirm_place(waiting)


def _send_with_agenda(registration: Registration, *, subject) -> None:
    """An e-mail in the participant's language with the event's agenda attached as .ics."""
    event = registration.event
    calendar = participant_calendar(registration)  # of parallel groups, the one the participant chose
    with translation.override(registration.user.language or "en"):
        text = str(subject())
        body = _("%(event)s, %(city)s, %(start)s – %(end)s. The agenda is attached (add it to your calendar).") % {
            "event": event.title, "city": event.city, "start": event.start_date, "end": event.end_date}
    enqueue_email_on_commit(to=[registration.user.email], subject=text, body=body,
                            attachments=[{"filename": "agenda.ics", "content": calendar.decode(),
                                          "mimetype": "text/calendar"}])


def reminders_send(*, today: dt.date | None = None, days_before=(7, 1)) -> int:
    """Remind approved participants a week and a day before their event (run daily: `integra remind_events`)."""
    today = today or timezone.localdate()
    starting = [today + dt.timedelta(days=d) for d in days_before]
    sent = 0
    for registration in Registration.objects.holding_a_place().filter(event__start_date__in=starting)\
            .select_related("event", "user"):
        _send_with_agenda(registration, subject=lambda r=registration: _("Reminder: %(event)s starts on %(date)s")
                          % {"event": r.event.title, "date": r.event.start_date})
        sent += 1
    return sent


def _confirm_place(registration: Registration) -> None:
    event = registration.event
    _send_with_agenda(registration, subject=lambda: _("Your place at %(event)s is confirmed") % {"event": event.title})
    notification_send(recipients=[registration.user], title=message(N_("Your place at %(event)s is confirmed"),
                                                                    event=event.title),
                      url=reverse("events:event", args=[event.pk]), email=False)


def _tell(registration, title, body):
    notification_send(recipients=[registration.user], title=title, body=body or "",
                      url=reverse("events:event", args=[registration.event_id]))


# --- the evaluation form ---------------------------------------------------------------------------------------------


def evaluation_question_create(*, actor, event: Event, text: str, kind: str = EvaluationQuestion.Kind.SCALE,
                               slot: Slot | None = None, order: int = 0,
                               translations: dict[str, str] | None = None) -> EvaluationQuestion:
    """A question of the event's evaluation form, about the whole event or one session. `translations`: the
    question in other languages ({"fr": "..."})."""
    access.require_create(actor, EvaluationQuestion, event=event)
    if not text.strip():
        raise invalid(_("This field is required."), field="text")
    if kind not in EvaluationQuestion.Kind.values:
        raise invalid(_("Select a valid choice. %(value)s is not one of the available choices.") % {"value": kind},
                      field="kind")
    if slot is not None and slot.event_id != event.pk:
        raise invalid(_("Select a valid choice. That choice is not one of the available choices."), field="slot")
    with transaction.atomic():
        question = EvaluationQuestion.objects.create(event=event, slot=slot, text=text.strip(), kind=kind,
                                                     order=order, **_translations("text", translations))
        _audit("question.created", actor, event, obj=question, kind=kind, slot=slot.pk if slot else None)
    return question


def evaluation_question_delete(*, actor, question: EvaluationQuestion) -> None:
    """Remove a question nobody has answered yet (answers are kept: a question with answers stays)."""
    access.require(actor, DELETE, question)
    if question.answers.exists():
        raise invalid(_("This question has answers already: it stays on the evaluation form."))
    with transaction.atomic():
        _audit("question.deleted", actor, question.event, obj=question, text=question.text)
        question.delete()


# --- attendance, evaluation, certificates ---------------------------------------------------------------------------


def attendance_mark(*, actor, slot: Slot, present_registration_ids) -> int:
    access.require(actor, CHANGE, slot)
    present = set(present_registration_ids)
    approved = list(Registration.objects.holding_a_place().filter(event=slot.event).values_list("pk", flat=True))
    if present - set(approved):
        raise invalid(_("Attendance can be taken only for approved participants."))
    with transaction.atomic():
        for registration_id in approved:
            Attendance.objects.update_or_create(registration_id=registration_id, slot=slot,
                                                defaults={"present": registration_id in present})
        if not slot.takes_attendance:
            Slot.objects.filter(pk=slot.pk).update(takes_attendance=True)
        _audit("attendance.marked", actor, slot.event, slot=slot.pk, present=len(present))
    return len(present)


def evaluation_submit(*, actor, registration: Registration, answers: dict) -> EvaluationResponse:
    """`answers`: {question id: rating (1-5) or text}. One evaluation per participant."""
    access.require_create(actor, EvaluationResponse, registration=registration)
    if EvaluationResponse.objects.filter(registration=registration).exists():
        raise invalid(_("You have already sent your evaluation. Thank you!"))
    questions = {q.pk: q for q in EvaluationQuestion.objects.filter(event=registration.event)}
    unknown = set(answers) - set(questions)
    if unknown:
        raise invalid(_("An answer refers to a question that is not in this evaluation."))
    rows = []
    for question_id, value in answers.items():
        question = questions[question_id]
        if question.kind == EvaluationQuestion.Kind.SCALE:
            if value in (None, ""):
                continue
            if not (isinstance(value, int) and 1 <= value <= 5):
                raise invalid(_("Ratings go from 1 to 5."), field=f"q{question_id}")
            rows.append(Answer(question=question, rating=value))
        elif str(value).strip():
            rows.append(Answer(question=question, text=str(value).strip()[:5000]))
    try:
        with transaction.atomic():
            response = EvaluationResponse.objects.create(registration=registration)
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            _audit("evaluation.submitted", actor, registration.event, obj=response, answers=len(rows))
    except IntegrityError as exc:
        raise invalid(_("You have already sent your evaluation. Thank you!")) from exc
    return response


def attendance_units(event: Event) -> dict[int, int]:
    """{slot id: unit id} for slots with attendance. Parallel working groups form one unit: a participant can
    attend only one of them, and being present in any counts."""
    return {slot_id: parent_id or slot_id for slot_id, parent_id in
            event.slots.filter(takes_attendance=True).values_list("pk", "parallel_to_id")}


def programme_hours(event: Event) -> int | None:
    """The hours a certificate of attendance certifies: the sessions that take attendance, each block of parallel
    groups counted once (a participant attends one of them)."""
    seconds = {}
    for slot_id, parent_id, starts_at, ends_at in event.slots.filter(takes_attendance=True).values_list(
            "pk", "parallel_to_id", "starts_at", "ends_at"):
        unit = parent_id or slot_id
        seconds[unit] = max(seconds.get(unit, 0), (ends_at - starts_at).total_seconds())
    return round(sum(seconds.values()) / 3600) or None


def attendance_share(registration: Registration, units: dict[int, int]) -> float:
    if not units:
        return 1.0
    present_in = Attendance.objects.filter(registration=registration, slot_id__in=units, present=True)\
        .values_list("slot_id", flat=True)
    return len({units[slot_id] for slot_id in present_in}) / len(set(units.values()))


class CertificatesIssued(tuple):
    """(issued or already there, not eligible), and `.not_eligible`: the names of those who did not meet the
    attendance rule, so the organiser is told whom to look at."""

    def __new__(cls, issued: int, not_eligible: list[str]):
        run = super().__new__(cls, (issued, len(not_eligible)))
        run.not_eligible = not_eligible
        return run


def certificates_issue(*, actor, event: Event) -> CertificatesIssued:
    """Issue certificates of attendance to approved participants who met the attendance rule."""
    access.require(actor, MANAGE, event)
    units = attendance_units(event)
    issued = 0
    not_eligible = []
    dates = f"{event.start_date:%Y-%m-%d} – {event.end_date:%Y-%m-%d}"
    hours = programme_hours(event)
    for registration in Registration.objects.holding_a_place().filter(event=event).select_related("user"):
        if attendance_share(registration, units) * 100 < event.attendance_rule:
            not_eligible.append(registration.user.get_full_name() or registration.user.email)
            continue
        with translation.override(registration.user.language or "en"):  # the title in the holder's language
            title = event.title
        certificate = certificate_issue(
            actor=actor, holder=registration.user, kind=Certificate.Kind.EVENT_ATTENDANCE, title=title,
            detail=f"{event.city} {dates}".strip(), awarded_on=event.end_date, hours=hours, issuer=event.organiser,
            language=registration.user.language or "en", source=f"events.registration:{registration.pk}")
        if registration.certificate_id != certificate.pk:
            Registration.objects.filter(pk=registration.pk).update(certificate=certificate)
            notification_send(recipients=[registration.user],
                              title=message(N_("Your certificate of attendance for %(event)s"), event=event.title),
                              url=reverse("learning:my_certificates"))
        issued += 1
    _audit("certificates.issued", actor, event, issued=issued, not_eligible=len(not_eligible))
    return CertificatesIssued(issued, sorted(not_eligible))


