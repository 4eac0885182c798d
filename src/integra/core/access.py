"""The policy framework: the one path every view, API endpoint, export and notification asks.

Each protected model has a `Policy` registered here with two faces that must agree:
`can(actor, action, obj)` for one object and `visible(actor)` for the rows an actor may see. A model
without a registered policy is denied. `access(actor, Model, pk)` fetches and checks in one call and
raises Http404 whether the row is missing or forbidden, so existence never leaks.
"""

from collections import defaultdict

from django.db import models
from django.http import Http404

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"

_registry: dict[type[models.Model], "Policy"] = {}


class Policy:
    model: type[models.Model]

    def can(self, actor, action: str, obj) -> bool:  # pragma: no cover - each policy says
        return False

    def visible(self, actor) -> models.QuerySet:
        return self.model._default_manager.none()

    def can_create(self, actor, **context) -> bool:
        return False


def register(model: type[models.Model]):
    def decorator(policy_class: type[Policy]) -> type[Policy]:
        policy_class.model = model
        _registry[model] = policy_class()
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _registry[model]
    except KeyError:
        return _DenyAll(model)


class _DenyAll(Policy):
    def __init__(self, model):
        self.model = model


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def can(actor, action: str, obj) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return policy_for(obj.__class__).can(actor, action, obj)  # __class__ sees through lazy objects


def visible(actor, model: type[models.Model]) -> models.QuerySet:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return model._default_manager.none()
    return policy_for(model).visible(actor)


def can_create(actor, model: type[models.Model], **context) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return policy_for(model).can_create(actor, **context)


def access(actor, model: type[models.Model], pk, action: str = VIEW, queryset=None):
    """Fetch a row the actor may act on, or 404 (never 403, so a forbidden row looks like a missing one)."""
    qs = queryset if queryset is not None else visible(actor, model)
    try:
        obj = qs.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can(actor, action, obj):
        raise Http404
    return obj


def access_audited(actor, model: type[models.Model], pk, *, purpose: str, action: str = VIEW, queryset=None,
                   organisation=None):
    """`access` for sensitive records: the read itself becomes an audit event, with its purpose."""
    from . import audit

    obj = access(actor, model, pk, action, queryset=queryset)
    audit.record(action=f"{model._meta.app_label}.{model._meta.model_name}.viewed", actor=actor, obj=obj,
                 organisation=organisation if organisation is not None else getattr(obj, "organisation_id", None),
                 purpose=purpose)
    return obj


# --- the actor's memberships, loaded once per request --------------------------------------------------


def roles_by_organisation(user) -> dict[int, frozenset[str]]:
    """{organisation id: roles} for the user's active memberships; cached on the user object."""
    cached = getattr(user, "_integra_roles", None)
    if cached is not None:
        return cached
    from .models import Membership

    roles: dict[int, set[str]] = defaultdict(set)
    if getattr(user, "is_authenticated", False):
        for org_id, role in Membership.objects.active().filter(user=user).values_list(
            "organisation_id", "roles__role"
        ):
            roles[org_id]
            if role:
                roles[org_id].add(role)
    result = {org_id: frozenset(r) for org_id, r in roles.items()}
    user._integra_roles = result
    return result


def forget_roles(user) -> None:
    user.__dict__.pop("_integra_roles", None)


def organisations_of(user) -> set[int]:
    return set(roles_by_organisation(user))


def organisations_where(user, *roles: str) -> set[int]:
    wanted = set(roles)
    return {org_id for org_id, held in roles_by_organisation(user).items() if held & wanted}


def has_role(user, *roles: str, organisation_id: int | None = None) -> bool:
    if organisation_id is None:
        return bool(organisations_where(user, *roles))
    return bool(roles_by_organisation(user).get(organisation_id, frozenset()) & set(roles))


def all_roles(user) -> frozenset[str]:
    return frozenset().union(*roles_by_organisation(user).values()) if roles_by_organisation(user) else frozenset()


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)
