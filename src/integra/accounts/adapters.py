from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only; after sign-in people land in their own language."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        nxt = request.GET.get("next") or request.POST.get("next")
        if nxt and self.is_safe_url(nxt):
            return nxt
        with translation.override(getattr(request.user, "language", None) or settings.LANGUAGE_CODE):
            return reverse("core:dashboard")

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.language:
            translation.activate(user.language)
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        return response

    def send_mail(self, template_prefix, email, context):
        # allauth's own mails (password reset, security notices) also go through the tasks framework.
        from integra.core.tasks import enqueue_email_on_commit

        msg = self.render_mail(template_prefix, email, context)
        enqueue_email_on_commit(to=list(msg.to), subject=msg.subject, body=msg.body)


class MFAAdapter(DefaultMFAAdapter):
    def get_public_key_credential_rp_entity(self):
        return {"id": self.request_host(), "name": "INTEGRA"}

    def request_host(self):
        from allauth.core import context

        return context.request.get_host().split(":")[0]
