"""Sign-ins, failed sign-ins and changes to a person's second factors go to the audit trail."""

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from integra.core import audit


@receiver(user_logged_in)
def _login(sender, request, user, **kwargs):
    audit.record(action="accounts.login.succeeded", actor=user, obj=user)


@receiver(user_logged_out)
def _logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(action="accounts.logout", actor=user, obj=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    known = get_user_model().objects.filter(email__iexact=email).first() if email else None
    audit.record(action="accounts.login.failed", actor_label=email, object_type="accounts.user",
                 object_id=str(known.pk) if known else "", data={"email": email})


@receiver(password_changed)
def _password_changed(sender, request, user, **kwargs):
    audit.record(action="accounts.password.changed", actor=user, obj=user)


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs):
    audit.record(action="accounts.password.reset", actor=user, obj=user)


@receiver(authenticator_added)
def _authenticator_added(sender, request, user, authenticator, **kwargs):
    audit.record(action="accounts.mfa.added", actor=user, obj=user, data={"type": authenticator.type})


@receiver(authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop("integra_mfa_ok", None)
    audit.record(action="accounts.mfa.removed", actor=user, obj=user, data={"type": authenticator.type})


@receiver(authenticator_reset)
def _authenticator_reset(sender, request, user, authenticator, **kwargs):
    audit.record(action="accounts.mfa.reset", actor=user, obj=user, data={"type": authenticator.type})
