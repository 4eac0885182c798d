"""What each audit action code means, in the reader's language. Unknown codes are shown as they are."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "accounts.login.succeeded": _("Signed in"),
    "accounts.login.failed": _("Failed sign-in"),
    "accounts.logout": _("Signed out"),
    "accounts.password.changed": _("Changed password"),
    "accounts.password.reset": _("Reset password"),
    "accounts.mfa.added": _("Added a second factor"),
    "accounts.mfa.removed": _("Removed a second factor"),
    "accounts.mfa.reset": _("Regenerated recovery codes"),
    "accounts.profile.updated": _("Updated profile"),
    "accounts.user.created": _("Account created"),
    "accounts.user.deactivated": _("Account deactivated"),
    "accounts.user.reactivated": _("Account reactivated"),
    "accounts.token.created": _("Created an API token"),
    "accounts.token.revoked": _("Revoked an API token"),
    "core.organisation.created": _("Organisation created"),
    "core.organisation.updated": _("Organisation updated"),
    "core.organisation.deactivated": _("Organisation deactivated"),
    "core.organisation.reactivated": _("Organisation reactivated"),
    "core.invitation.created": _("Invitation sent"),
    "core.invitation.revoked": _("Invitation revoked"),
    "core.invitation.accepted": _("Invitation accepted"),
    "core.membership.roles_changed": _("Roles changed"),
    "core.membership.deactivated": _("Membership deactivated"),
    "core.membership.reactivated": _("Membership reactivated"),
    "core.audit.exported": _("Exported the audit trail"),
    "core.retention.purged": _("Expired records purged"),
    "core.keys.rotated": _("Encryption keys rotated"),
    "core.membership.viewed": _("Viewed a membership"),
    "cooperation.referral.viewed": _("Viewed a referral"),
    "admin.object.added": _("Added in the administration site"),
    "admin.object.changed": _("Changed in the administration site"),
    "admin.object.deleted": _("Deleted in the administration site"),
}


def describe(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def action_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1])
