import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import has_second_factor, second_factor_required

_ACTIVITY_KEY = "integra_last_activity"
_MFA_OK_KEY = "integra_mfa_ok"


class IdleSessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT_MINUTES without a request. The timestamp is refreshed at
    most once a minute so that reading pages does not write the session on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(_ACTIVITY_KEY)
            if last and now - last > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after %(minutes)d minutes without activity.")
                              % {"minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES})
                if request.path.startswith("/api/"):
                    return JsonResponse({"error": {"code": "session_expired",
                                                   "message": _("Your session expired.")}}, status=401)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if not last or now - last >= 60:
                request.session[_ACTIVITY_KEY] = now
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """People whose roles reach personal data about people in transition must set up a second factor
    before they can use anything but the second-factor pages, sign-out and the language switch."""

    EXEMPT_PREFIXES = ("/static/", "/healthz", "/accounts/2fa/", "/accounts/logout/", "/i18n/", "/favicon")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or request.session.get(_MFA_OK_KEY):
            return self.get_response(request)
        path = request.path_info
        stripped = _without_language_prefix(path)
        if stripped.startswith(self.EXEMPT_PREFIXES) or not second_factor_required(user):
            return self.get_response(request)
        if has_second_factor(user):
            request.session[_MFA_OK_KEY] = True
            return self.get_response(request)
        message = _("Your role gives access to personal data about people in transition. Set up a second "
                    "factor (an authenticator app or a passkey) before you continue.")
        if path.startswith("/api/"):
            return JsonResponse({"error": {"code": "second_factor_required", "message": message}}, status=403)
        messages.warning(request, message)
        return redirect("mfa_activate_totp")


def _without_language_prefix(path: str) -> str:
    head, _sep, rest = path[1:].partition("/")
    return "/" + rest if head in {code for code, _name in settings.LANGUAGES} else path
