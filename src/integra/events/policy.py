"""Who sees and runs events. Organisers are the event organisers of the organising organisation."""

from django.db.models import Exists, OuterRef, Q

from integra.core.access import VIEW, Policy, is_platform_admin, organisations_where, register
from integra.core.roles import Role
from integra.learning.policy import register_certificate_authority

from .models import Event, Registration

MANAGE = "manage"
REGISTER = "register"


def organiser_of(actor, event) -> bool:
    return is_platform_admin(actor) or event.organiser_id in organisations_where(actor, Role.EVENT_ORGANISER)


@register(Event)
class EventPolicy(Policy):
    """Published events are open to every signed-in person (and their public page to everyone); drafts only
    to their organisers and to people already registered."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return Event.objects.all()
        registered = Registration.objects.filter(event=OuterRef("pk"), user=actor)
        return Event.objects.filter(
            Q(is_published=True) | Q(organiser_id__in=organisations_where(actor, Role.EVENT_ORGANISER))
            | Exists(registered))

    def can(self, actor, action, obj):
        if action == VIEW:
            return obj.is_published or organiser_of(actor, obj) or obj.registrations.filter(user=actor).exists()
        if action == MANAGE:
            return organiser_of(actor, obj)
        if action == REGISTER:
            return obj.accepts_registrations
        return False

    def can_create(self, actor, **context):
        return is_platform_admin(actor) or bool(organisations_where(actor, Role.EVENT_ORGANISER))


@register(Registration)
class RegistrationPolicy(Policy):
    """Participants see their own registration; organisers see the event's (with needs and consent)."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return Registration.objects.all()
        return Registration.objects.filter(
            Q(user=actor) | Q(event__organiser_id__in=organisations_where(actor, Role.EVENT_ORGANISER)))

    def can(self, actor, action, obj):
        if action == VIEW:
            return obj.user_id == actor.pk or organiser_of(actor, obj.event)
        if action == MANAGE:
            return organiser_of(actor, obj.event)
        if action == "cancel":
            return obj.user_id == actor.pk or organiser_of(actor, obj.event)
        return False


def _organises_certificate_source(actor, source: str) -> bool:
    """Certificates of attendance ("events.registration:<id>") are issued and revoked by the event's organisers."""
    registration_id = source.split(":", 1)[-1]
    if not registration_id.isdigit():
        return False
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    return registration is not None and organiser_of(actor, registration.event)


register_certificate_authority("events.registration", _organises_certificate_source)
