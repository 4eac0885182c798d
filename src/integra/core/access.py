"""The policy framework: the one path every view, API endpoint, export, menu, card and notification asks.

Each protected model has a `Policy` registered here. It answers three kinds of question:
- about one object: `can(actor, action, obj)`;
- about the rows: `visible(actor)`, the queryset of what the actor may see; it must agree with
  `can(actor, VIEW, obj)` (tests/core/test_policy_agreement.py holds every policy to it);
- about the kind: `can_create(actor, **context)`, `organisations_for(actor, action)` (in which organisations
  the actor may do it: choice lists) and `can_any(actor, action)` (whether to offer it at all: menus and
  dashboard cards).
A model without a registered policy is denied. A row that lives inside another (a lesson in a course, a
document on a record) registers a `ChildPolicy` that asks its parent's policy. `access(actor, Model, pk)`
fetches and checks in one call and raises Http404 whether the row is missing or forbidden, so existence never
leaks; each app's `policy.py` wraps it as `access_<entity>(actor, pk, action)`.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
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

    def organisations_for(self, actor, action: str) -> set[int] | None:
        """The organisations in which the actor may do `action` to rows of this kind; None means every one
        (the platform administrator). Choice lists of organisations come from here."""
        return set()

    def can_any(self, actor, action: str) -> bool:
        """Whether the actor may do `action` to some row of this kind: menus, dashboard cards and the API's
        create endpoints (before reading the request) ask this."""
        organisations = self.organisations_for(actor, action)
        if organisations is None or organisations:
            return True
        return action == ADD and self.can_create(actor)


class ChildPolicy(Policy):
    """A row that lives inside a parent row: the parent's policy decides.

    `parent` is the path from the child to its parent (`"module__course"`), `parent_model` the parent's
    model; `actions` maps the child's actions onto the parent's (by default an action is asked of the parent
    as it is), so "change a lesson" can mean "design the course"."""

    parent: str
    parent_model: type[models.Model]
    actions: dict[str, str] = {}

    def parent_of(self, obj):
        for name in self.parent.split("__"):
            obj = getattr(obj, name)
        return obj

    def _parent_action(self, action: str) -> str:
        return self.actions.get(action, action)

    def can(self, actor, action, obj):
        return policy_for(self.parent_model).can(actor, self._parent_action(action), self.parent_of(obj))

    def visible(self, actor):
        parents = policy_for(self.parent_model).visible(actor)
        return self.model._default_manager.filter(**{f"{self.parent}__in": parents.values("pk")})

    def can_create(self, actor, **context):
        parent = context.get(self.parent.split("__")[-1]) or context.get("parent")
        if parent is None:
            return False
        return policy_for(self.parent_model).can(actor, self._parent_action(ADD), parent)

    def organisations_for(self, actor, action):
        return policy_for(self.parent_model).organisations_for(actor, self._parent_action(action))


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


def _signed_in(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def can(actor, action: str, obj) -> bool:
    if not _signed_in(actor):
        return False
    return policy_for(obj.__class__).can(actor, action, obj)  # __class__ sees through lazy objects


def visible(actor, model: type[models.Model]) -> models.QuerySet:
    if not _signed_in(actor):
        return model._default_manager.none()
    return policy_for(model).visible(actor)


def can_create(actor, model: type[models.Model], **context) -> bool:
    if not _signed_in(actor):
        return False
    return policy_for(model).can_create(actor, **context)


def organisations_for(actor, model: type[models.Model], action: str) -> set[int] | None:
    """In which organisations the actor may do `action` to rows of this kind (None: every organisation)."""
    if not _signed_in(actor):
        return set()
    return policy_for(model).organisations_for(actor, action)


def can_any(actor, model: type[models.Model], action: str = VIEW) -> bool:
    """Whether the actor may do `action` to some row of this kind (menus, dashboard cards, buttons)."""
    if not _signed_in(actor):
        return False
    return policy_for(model).can_any(actor, action)


def require(actor, action: str, obj) -> None:
    """A service's own check, whoever calls it: PermissionDenied unless the policy allows `action` on `obj`."""
    if not can(actor, action, obj):
        raise PermissionDenied


def require_create(actor, model: type[models.Model], **context) -> None:
    """A creating service's own check (context: the organisation, the parent row...)."""
    if not can_create(actor, model, **context):
        raise PermissionDenied


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
