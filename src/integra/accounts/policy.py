"""Who may see and change accounts and personal access tokens."""

from django.db.models import Q

from integra.core.access import CHANGE, VIEW, Policy, all_roles, is_platform_admin, organisations_where, register
from integra.core.models import Membership
from integra.core.roles import ROLES_REQUIRING_SECOND_FACTOR, Role

from .models import PersonalAccessToken, User

DEACTIVATE = "deactivate"


def second_factor_required(user) -> bool:
    """Everyone whose roles reach personal data about people in transition, and platform administrators."""
    return is_platform_admin(user) or bool(all_roles(user) & ROLES_REQUIRING_SECOND_FACTOR)


@register(User)
class UserPolicy(Policy):
    """People see themselves; organisation administrators see their members; platform administrators all."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return User.objects.all()
        admin_orgs = organisations_where(actor, Role.ORG_ADMIN)
        if not admin_orgs:
            return User.objects.filter(pk=actor.pk)
        members = Membership.objects.filter(organisation_id__in=admin_orgs).values("user_id")
        return User.objects.filter(Q(pk=actor.pk) | Q(pk__in=members))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        if action in {VIEW, CHANGE} and obj.pk == actor.pk:
            return True
        if action == VIEW:
            admin_orgs = organisations_where(actor, Role.ORG_ADMIN)
            return bool(admin_orgs) and Membership.objects.filter(
                user=obj, organisation_id__in=admin_orgs
            ).exists()
        return False


@register(PersonalAccessToken)
class PersonalAccessTokenPolicy(Policy):
    def visible(self, actor):
        return PersonalAccessToken.objects.filter(user=actor)

    def can(self, actor, action, obj):
        return obj.user_id == actor.pk

    def can_create(self, actor, **context):
        return True
