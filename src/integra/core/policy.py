"""Who may do what with organisations, memberships, invitations, notifications and the audit trail."""

from django.db.models import Q

from .access import CHANGE, VIEW, Policy, is_platform_admin, organisations_where, register
from .models import AuditEvent, Invitation, Membership, Notification, Organisation
from .roles import AUDIT_READER_ROLES, Role

MANAGE_MEMBERS = "manage_members"
VIEW_AUDIT = "view_audit"
DEACTIVATE = "deactivate"
DEACTIVATE_OWN = "deactivate_own"  # one's own membership: only the platform administrator may cut their own access


@register(Organisation)
class OrganisationPolicy(Policy):
    """The partner directory is open to every signed-in member; each organisation runs itself."""

    def visible(self, actor):
        qs = Organisation.objects.all()
        return qs if is_platform_admin(actor) else qs.filter(is_active=True)

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        if action == VIEW:
            return obj.is_active
        if action in {CHANGE, MANAGE_MEMBERS}:
            return obj.pk in organisations_where(actor, Role.ORG_ADMIN)
        if action == VIEW_AUDIT:
            return obj.pk in organisations_where(actor, *AUDIT_READER_ROLES)
        return False

    def can_create(self, actor, **context):
        return is_platform_admin(actor)

    def organisations_for(self, actor, action):
        if is_platform_admin(actor):
            return None
        if action in {CHANGE, MANAGE_MEMBERS}:
            return organisations_where(actor, Role.ORG_ADMIN)
        if action == VIEW_AUDIT:
            return organisations_where(actor, *AUDIT_READER_ROLES)
        return set()


def organisations_managed(actor) -> set[int]:
    """The organisations whose people the actor manages as their administrator (empty for the platform
    administrator, who reaches every organisation through the directory instead)."""
    return OrganisationPolicy().organisations_for(actor, MANAGE_MEMBERS) or set()


@register(Membership)
class MembershipPolicy(Policy):
    def visible(self, actor):
        qs = Membership.objects.all()
        if is_platform_admin(actor):
            return qs
        return qs.filter(Q(user=actor) | Q(organisation_id__in=organisations_where(actor, Role.ORG_ADMIN)))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        if action == VIEW:
            return obj.user_id == actor.pk or obj.organisation_id in organisations_where(actor, Role.ORG_ADMIN)
        if action in {CHANGE, DEACTIVATE}:
            return obj.organisation_id in organisations_where(actor, Role.ORG_ADMIN)
        return False  # DEACTIVATE_OWN included


@register(Invitation)
class InvitationPolicy(Policy):
    def visible(self, actor):
        qs = Invitation.objects.all()
        if is_platform_admin(actor):
            return qs
        return qs.filter(organisation_id__in=organisations_where(actor, Role.ORG_ADMIN))

    def can(self, actor, action, obj):
        return is_platform_admin(actor) or obj.organisation_id in organisations_where(actor, Role.ORG_ADMIN)

    def can_create(self, actor, *, organisation=None, **context):
        if is_platform_admin(actor):
            return True
        return organisation is not None and organisation.pk in organisations_where(actor, Role.ORG_ADMIN)


@register(Notification)
class NotificationPolicy(Policy):
    def visible(self, actor):
        return Notification.objects.filter(recipient=actor)

    def can(self, actor, action, obj):
        return obj.recipient_id == actor.pk


@register(AuditEvent)
class AuditEventPolicy(Policy):
    """Platform administrators see everything. Organisation administrators and data-protection officers see
    their organisation's events and the account events (sign-ins, second factors) of its members.
    Everyone sees their own actions."""

    def _filter(self, actor) -> Q:
        readable_orgs = organisations_where(actor, *AUDIT_READER_ROLES)
        condition = Q(actor_id=actor.pk)
        if readable_orgs:
            members = Membership.objects.filter(organisation_id__in=readable_orgs).values("user_id")
            condition |= Q(organisation_id__in=readable_orgs) | Q(organisation__isnull=True, actor_id__in=members)
        return condition

    def visible(self, actor):
        if is_platform_admin(actor):
            return AuditEvent.objects.all()
        return AuditEvent.objects.filter(self._filter(actor))

    def can(self, actor, action, obj):
        if action != VIEW:
            return False  # append-only, for everyone
        if is_platform_admin(actor):
            return True
        return AuditEvent.objects.filter(self._filter(actor), pk=obj.pk).exists()


    def organisations_for(self, actor, action):
        """Whose trail the actor reads beyond their own actions: their organisations' (None: everyone's)."""
        if action != VIEW:
            return set()
        return OrganisationPolicy().organisations_for(actor, VIEW_AUDIT)


def can_read_any_audit(actor) -> bool:
    """Whether to offer the audit trail page beyond the actor's own actions."""
    return AuditEventPolicy().can_any(actor, VIEW)


