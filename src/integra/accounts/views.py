"""Account pages: profile and language, API tokens, accepting an invitation."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.core import access
from integra.core.access import CHANGE
from integra.core.errors import StaleEdit
from integra.core.services import invitation_accept, invitation_by_token
from integra.core.viewmixins import PublicView, SignedInView, public

from . import services
from .forms import AcceptInvitationForm, ProfileForm, TokenForm
from .mfa import has_second_factor, second_factor_required
from .models import PersonalAccessToken


class ProfileView(SignedInView):
    def get(self, request):
        user = request.user
        form = ProfileForm(instance=user, initial={"version": user.version})
        return self._render(request, form)

    def post(self, request):
        user = request.user
        form = ProfileForm(request.POST, instance=get_user_model().objects.get(pk=user.pk))
        if form.is_valid():
            try:
                services.user_update_profile(actor=user, user=user, expected_version=form.cleaned_data["version"],
                                             full_name=form.cleaned_data["full_name"],
                                             language=form.cleaned_data["language"])
            except StaleEdit:
                form.add_error(None, _("Your profile was changed in another window. Reload and try again."))
            else:
                target = translate_url(request.path, user.language)  # resolved in the page's own language
                translation.activate(user.language)
                messages.success(request, _("Your profile was saved."))
                response = redirect(target)
                _set_language_cookie(response, user.language)
                return response
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(request, "accounts/profile.html", {
            "form": form, "second_factor_required": second_factor_required(request.user),
            "has_second_factor": has_second_factor(request.user),
        }, status=status)


def _set_language_cookie(response, language):
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE, httponly=True)


@public
@require_POST
def set_language(request):
    """Switch the interface language: stay on the same page in the new language, and remember the choice
    (on the account when signed in, in a cookie otherwise)."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("This language is not available."))
        language = translation.get_language()
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        nxt = "/"
    user = request.user
    if user.is_authenticated and user.language != language:
        services.user_update_profile(actor=user, user=user, language=language)
    # translate_url resolves the page in its own language, whatever the cookie says.
    with translation.override(get_language_from_path(urlsplit(nxt).path) or translation.get_language()):
        target = translate_url(nxt, language)
    response = redirect(target)
    _set_language_cookie(response, language)
    return response


class TokensView(SignedInView):
    def get(self, request):
        return self._render(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = services.token_create(actor=request.user, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self._render(request, TokenForm(), new_secret=secret, new_token=token)
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200, **extra):
        tokens = access.visible(request.user, PersonalAccessToken)
        return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, **extra}, status=status)


class TokenRevokeView(SignedInView):
    def post(self, request, pk):
        token = access.access(request.user, PersonalAccessToken, pk, CHANGE)
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("accounts:tokens")


class InvitationAcceptView(PublicView):
    """The link in an invitation e-mail. A new person creates their account here; someone who already has
    an account signs in first and then accepts."""

    def dispatch(self, request, token):
        self.invitation = invitation_by_token(token)
        if self.invitation is None:
            return render(request, "accounts/invitation_invalid.html", status=404)
        return super().dispatch(request, token)

    def get(self, request, token):
        return self._render(request, AcceptInvitationForm(email=self.invitation.email))

    def post(self, request, token):
        invitation = self.invitation
        if request.user.is_authenticated:
            try:
                invitation_accept(invitation=invitation, user=request.user)
            except PermissionDenied:
                messages.error(request, _("This invitation was sent to another e-mail address. Sign out and "
                                          "sign in as %(email)s to accept it.") % {"email": invitation.email})
                return self._render(request, AcceptInvitationForm(email=invitation.email), status=403)
            messages.success(request, _("You joined %(organisation)s.") % {"organisation": invitation.organisation})
            return redirect("core:dashboard")
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                user, _membership = invitation_accept(invitation=invitation, full_name=form.cleaned_data["full_name"],
                                                      password=form.cleaned_data["password1"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Through the normal sign-in, so rate limits and the second-factor setup apply as for everyone.
                messages.success(request, _("Your account is ready and you joined %(organisation)s. Sign in with "
                                            "your e-mail address and new password.")
                                 % {"organisation": invitation.organisation})
                return redirect(f"{reverse('account_login')}?email={user.email}")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        account_exists = get_user_model().objects.filter(email__iexact=self.invitation.email).exists()
        return render(request, "accounts/invitation_accept.html", {
            "invitation": self.invitation, "form": form, "account_exists": account_exists,
        }, status=status)
