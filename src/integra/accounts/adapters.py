from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from integra.core.redirects import safe_next_url


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only; after sign-in people land in their own language."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        with translation.override(getattr(request.user, "language", None) or settings.LANGUAGE_CODE):
            return safe_next_url(request, reverse("core:dashboard"))

    def login(self, request, user):
        # Before allauth adds its "signed in" message, so that it is in the person's own language too.
        if getattr(user, "language", None):
            translation.activate(user.language)
        return super().login(request, user)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.language:
            translation.activate(user.language)
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        return response

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up the first second factor right after signing in with a password (as the platform demands),
        and saving its recovery codes, does not ask for the password again; later changes do."""
        from allauth.core import context

        request = context.request
        if app.endswith("mfa") and request is not None and _first_factor_just_entered(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_mail(self, template_prefix, email, context):
        # allauth's own mails (password reset, security notices) also go through the tasks framework.
        from integra.core.tasks import enqueue_email_on_commit

        msg = self.render_mail(template_prefix, email, context)
        enqueue_email_on_commit(to=list(msg.to), subject=msg.subject, body=msg.body)


FIRST_SETUP_WINDOW_SECONDS = 600


def _first_factor_just_entered(request) -> bool:
    import time

    from allauth.mfa.models import Authenticator

    user = request.user
    if not user.is_authenticated:
        return False
    records = request.session.get("account_authentication_methods") or []
    signed_in_at = max((r.get("at", 0) for r in records if r.get("method") == "password"), default=0)
    if time.time() - signed_in_at >= FIRST_SETUP_WINDOW_SECONDS:
        return False
    # Every factor the person has was added in this very session, after the password: the first set-up.
    earlier = Authenticator.objects.filter(user=user, created_at__lt=_as_datetime(signed_in_at))
    return not earlier.exists()


def _as_datetime(timestamp: float):
    import datetime as dt

    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)


class MFAAdapter(DefaultMFAAdapter):
    def get_public_key_credential_rp_entity(self):
        return {"id": self.request_host(), "name": "INTEGRA"}

    def request_host(self):
        from allauth.core import context

        return context.request.get_host().split(":")[0]
