"""Who sees and runs events: the one place the events' access rules are written.

- A published event is public: its page, agenda and calendar are open to everyone, signed in or not
  (`public_events`, `is_public`). A draft is seen only by its organisers and by the people registered for it.
- The event organisers of the organising organisation run the event (MANAGE): its quotas, agenda,
  registrations, attendance, evaluation and certificates. They create events in their organisations.
- A participant sees their own registration; organisers see all of their event's, with needs and consent.
- Quotas, rooms, speakers, slots and evaluation questions live inside their event; attendance marks, working-group
  choices and evaluations inside their registration: they ask the parent's policy (changing a slot is managing
  the event).
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from integra.core import access
from integra.core.access import (
    ADD,
    CHANGE,
    DELETE,
    VIEW,
    ChildPolicy,
    Policy,
    is_platform_admin,
    organisations_of,
    organisations_where,
    register,
)
from integra.core.roles import Role
from integra.learning.policy import register_certificate_authority

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

MANAGE = "manage"
REGISTER = "register"
CANCEL = "cancel"
EVALUATE = "evaluate"
CHOOSE_GROUPS = "choose_groups"

_PUBLIC = Q(is_published=True)


def public_events():
    """The events whose page, agenda and calendar anyone may read, signed in or not."""
    return Event.objects.filter(_PUBLIC)


def is_public(event: Event) -> bool:
    return event.is_published


def _organising(actor) -> set[int] | None:
    """The organisations whose events the actor runs (None: every organisation's)."""
    if is_platform_admin(actor):
        return None
    return organisations_where(actor, Role.EVENT_ORGANISER)


def _runs(actor, event: Event) -> bool:
    organising = _organising(actor)
    return organising is None or event.organiser_id in organising


@register(Event)
class EventPolicy(Policy):
    def visible(self, actor):
        organising = _organising(actor)
        if organising is None:
            return Event.objects.all()
        registered = Registration.objects.filter(event=OuterRef("pk"), user=actor)
        return Event.objects.filter(_PUBLIC | Q(organiser_id__in=organising) | Exists(registered))

    def can(self, actor, action, obj):
        if action == VIEW:
            return is_public(obj) or _runs(actor, obj) or obj.registrations.filter(user=actor).exists()
        if action in {MANAGE, CHANGE}:
            return _runs(actor, obj)
        if action == REGISTER:
            return obj.accepts_registrations
        return False

    def can_create(self, actor, *, organisation=None, **context):
        organising = _organising(actor)
        if organisation is None:  # in some organisation: whether to offer "Create an event"
            return organising is None or bool(organising)
        return organising is None or organisation.pk in organising

    def organisations_for(self, actor, action):
        if action in {ADD, MANAGE, CHANGE}:
            return _organising(actor)
        if action == VIEW:
            return None  # published events of every organisation are open to every signed-in person
        return set()


@register(Registration)
class RegistrationPolicy(Policy):
    def visible(self, actor):
        organising = _organising(actor)
        if organising is None:
            return Registration.objects.all()
        return Registration.objects.filter(Q(user=actor) | Q(event__organiser_id__in=organising))

    def can(self, actor, action, obj):
        if action in {VIEW, CANCEL}:
            return obj.user_id == actor.pk or _runs(actor, obj.event)
        if action == MANAGE:
            return _runs(actor, obj.event)
        if action == CHOOSE_GROUPS:  # the participant picks their working groups (the organisers may correct them)
            active = obj.status not in {Registration.Status.CANCELLED, Registration.Status.DECLINED}
            return active and (obj.user_id == actor.pk or _runs(actor, obj.event))
        if action == EVALUATE:  # the participant, once approved, evaluates the event (once: see the service)
            return obj.user_id == actor.pk and obj.status == Registration.Status.APPROVED
        return False

    def can_create(self, actor, *, event=None, organisation=None, **context):
        """A person applies for themselves, on behalf of an organisation they belong to."""
        if event is None or not EventPolicy().can(actor, REGISTER, event):
            return False
        return organisation is None or organisation.pk in organisations_of(actor)

    def organisations_for(self, actor, action):
        if action == ADD:  # "You represent": the organisations the person belongs to
            return organisations_of(actor)
        if action in {VIEW, MANAGE}:
            return _organising(actor)
        return set()


class _InsideEvent(ChildPolicy):
    """A part of an event's set-up: seen with the event, changed by whoever manages it."""

    parent = "event"
    parent_model = Event
    actions = {ADD: MANAGE, CHANGE: MANAGE, DELETE: MANAGE}


@register(CountryQuota)
class CountryQuotaPolicy(_InsideEvent):
    pass


@register(Room)
class RoomPolicy(_InsideEvent):
    pass


@register(Speaker)
class SpeakerPolicy(_InsideEvent):
    pass


@register(Slot)
class SlotPolicy(_InsideEvent):
    pass


@register(EvaluationQuestion)
class EvaluationQuestionPolicy(_InsideEvent):
    pass


class _InsideRegistration(ChildPolicy):
    """A participant's own record at the event: seen with the registration."""

    parent_model = Registration


@register(Attendance)
class AttendancePolicy(_InsideRegistration):
    """Marked by the organisers."""

    parent = "registration"
    actions = {ADD: MANAGE, CHANGE: MANAGE, DELETE: MANAGE}


@register(GroupChoice)
class GroupChoicePolicy(_InsideRegistration):
    """Made by the participant (or an organiser) for an active registration."""

    parent = "registration"
    actions = {ADD: CHOOSE_GROUPS, CHANGE: CHOOSE_GROUPS, DELETE: CHOOSE_GROUPS}


@register(EvaluationResponse)
class EvaluationResponsePolicy(_InsideRegistration):
    """Sent by the participant; final once sent (nobody changes or deletes it)."""

    parent = "registration"
    actions = {ADD: EVALUATE}


@register(Answer)
class AnswerPolicy(_InsideRegistration):
    parent = "response__registration"
    actions = {ADD: EVALUATE}


# --- fetch and check, for views and the API alike (404 for missing and forbidden alike) ---------------------------


def access_event(actor, pk, action=VIEW) -> Event:
    return access.access(actor, Event, pk, action,
                         queryset=access.visible(actor, Event).select_related("series", "organiser"))


def readable_events(actor):
    """What the pages open to the public show this person: the public events, and for a signed-in person the
    drafts the policy lets them see too."""
    if getattr(actor, "is_authenticated", False) and actor.is_active:
        return access.visible(actor, Event)
    return public_events()


def access_readable_event(actor, pk) -> Event:
    """An event for the agenda, its calendar and JSON: public ones for anyone, drafts for their readers."""
    return _get_or_404(readable_events(actor).select_related("series", "organiser"), pk)


def access_public_event(pk) -> Event:
    """An event for its public page, which shows published events only (even to their organisers)."""
    return _get_or_404(public_events().select_related("series", "organiser"), pk)


def access_registration(actor, pk, action=VIEW) -> Registration:
    return access.access(actor, Registration, pk, action, queryset=access.visible(actor, Registration)
                         .select_related("event", "user", "organisation"))


def access_slot(actor, pk, action=VIEW, *, event: Event) -> Slot:
    """A slot of `event` (a slot of another event is missing here, whatever the actor may do there)."""
    return access.access(actor, Slot, pk, action,
                         queryset=access.visible(actor, Slot).filter(event=event).select_related("event"))


def access_question(actor, pk, action=VIEW, *, event: Event) -> EvaluationQuestion:
    return access.access(actor, EvaluationQuestion, pk, action,
                         queryset=access.visible(actor, EvaluationQuestion).filter(event=event)
                         .select_related("event"))


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _organises_certificate_source(actor, source: str) -> bool:
    """Certificates of attendance ("events.registration:<id>") are issued and revoked by the event's organisers."""
    registration_id = source.split(":", 1)[-1]
    if not registration_id.isdigit():
        return False
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    return registration is not None and EventPolicy().can(actor, MANAGE, registration.event)


register_certificate_authority("events.registration", _organises_certificate_source)
