"""Reads shared by pages and the API, already filtered to what the actor may see."""

import datetime as dt

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from . import access
from .models import AuditCheckpoint, AuditEvent, Invitation, Membership, MembershipRole, Organisation
from .roles import ROLES_REQUIRING_SECOND_FACTOR


def organisation_list(*, actor, q: str = "", country: str = "", kind: str = "", managed: bool = False):
    qs = access.visible(actor, Organisation).select_related("parent")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(city__icontains=q))
    if country:
        qs = qs.filter(country=country)
    if kind:
        qs = qs.filter(kind=kind)
    if managed:
        from .policy import MANAGE_MEMBERS

        managed_ids = access.organisations_for(actor, Organisation, MANAGE_MEMBERS)
        if managed_ids is not None:
            qs = qs.filter(pk__in=managed_ids)
    return qs.order_by("name", "id")


def my_memberships(*, actor):
    """The actor's own active memberships with their organisations and roles (the dashboard's header)."""
    return (access.visible(actor, Membership).active().filter(user=actor)
            .select_related("organisation").prefetch_related("roles"))


def organisations_without_administrator(*, actor):
    """Active organisations of the directory that have no active organisation administrator."""
    from .roles import Role

    administered = Membership.objects.active().with_role(Role.ORG_ADMIN).values("organisation_id")
    return access.visible(actor, Organisation).active().exclude(pk__in=administered)


def organisation_choices(*, actor, model, action: str):
    """The organisations to offer in a form: those where the policy lets the actor do `action` to `model`."""
    org_ids = access.organisations_for(actor, model, action)
    qs = Organisation.objects.active() if org_ids is None else Organisation.objects.filter(pk__in=org_ids)
    return qs.order_by("name")


def organisation_members(*, actor, organisation: Organisation, q: str = "", role: str = "", status: str = "",
                         second_factor: str = ""):
    """Members of an organisation the actor manages (the caller has checked MANAGE_MEMBERS)."""
    has_factor = Authenticator.objects.filter(user=OuterRef("user_id"), type__in=["totp", "webauthn"])
    qs = (access.visible(actor, Membership).filter(organisation=organisation)
          .select_related("user").prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
          .annotate(has_second_factor=Exists(has_factor)))
    if status == "inactive":
        qs = qs.filter(is_active=False)
    elif status != "all":
        qs = qs.filter(is_active=True)
    if q:
        qs = qs.filter(Q(user__email__icontains=q) | Q(user__full_name__icontains=q))
    if role:
        qs = qs.filter(roles__role=role)
    if second_factor == "missing":
        qs = qs.filter(has_second_factor=False, roles__role__in=ROLES_REQUIRING_SECOND_FACTOR)
    return qs.distinct().order_by("user__full_name", "user__email")


def pending_invitations(*, actor, organisation: Organisation):
    return access.visible(actor, Invitation).pending().filter(organisation=organisation).select_related("invited_by")


def audit_events(*, actor, action: str = "", family: str = "", actor_email: str = "", object_type: str = "",
                 object_id: str = "", organisation: int | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None,
                 before: int | None = None):
    qs = access.visible(actor, AuditEvent).select_related("organisation")
    if action:
        qs = qs.filter(action=action)
    if family:
        qs = qs.filter(Q(action=family) | Q(action__startswith=family + "."))
    if actor_email:
        ids = get_user_model().objects.filter(email__iexact=actor_email).values("pk")
        qs = qs.filter(Q(actor_id__in=ids) | Q(actor_label__iexact=actor_email))
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(occurred_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(occurred_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    if before:
        qs = qs.filter(seq__lt=before)
    return qs.order_by("-seq")


def audit_filter_scope(*, actor, limit: int = 300) -> dict:
    """The choices of the audit trail's filters for this reader: the organisations whose trail they read and
    the people of those organisations (None when there are more than `limit`: the form asks for an e-mail).
    Two queries, whatever the size of the trail."""
    from .policy import can_read_any_audit

    if not can_read_any_audit(actor):
        return {"organisations": [], "people": []}
    org_ids = access.organisations_for(actor, AuditEvent, access.VIEW)
    organisations = Organisation.objects.all() if org_ids is None else Organisation.objects.filter(pk__in=org_ids)
    people = get_user_model().objects.filter(is_active=True)
    if org_ids is not None:
        people = people.filter(memberships__organisation_id__in=org_ids).distinct()
    listed = list(people.order_by("full_name", "email").values_list("email", "full_name")[:limit + 1])
    return {
        "organisations": list(organisations.order_by("name").values_list("pk", "name")),
        "people": None if len(listed) > limit else [(email, f"{name} ({email})" if name else email)
                                                     for email, name in listed],
    }


def people_with_roles(*, organisation_id: int, roles) -> list:
    """Active people holding one of `roles` in an organisation (to notify them)."""
    members = Membership.objects.active().filter(organisation_id=organisation_id, roles__role__in=list(roles))
    return list(get_user_model().objects.filter(memberships__in=members).distinct())


def audit_checkpoints(*, actor, limit: int = 20) -> dict:
    """The recent signed checkpoints and how many events wait for the next one. Platform-wide numbers and
    hashes only, no event content: offered to whoever may read the audit trail beyond their own actions."""
    from .audit_seal import read_verification
    from .policy import can_read_any_audit

    if not can_read_any_audit(actor):
        raise PermissionDenied
    checkpoints = list(AuditCheckpoint.objects.order_by("-tree_size")[:limit])
    sealed_up_to = checkpoints[0].last_seq if checkpoints else 0
    return {"checkpoints": checkpoints, "pending": AuditEvent.objects.filter(seq__gt=sealed_up_to).count(),
            "verification": read_verification()}
