"""The accounts app's audit codes in words (registered from `AccountsConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from integra.core.audit_labels import register

register(
    actions={
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
    },
    families={
        "accounts.login": _("Sign-in"),
        "accounts": _("Sign-in"),
        "accounts.password": _("Passwords"),
        "accounts.mfa": _("Second factors"),
        "accounts.profile": _("Profiles"),
        "accounts.user": _("Accounts"),
        "accounts.token": _("API tokens"),
    },
)
