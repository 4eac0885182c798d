"""Account pages: profile and language, API tokens, accepting an invitation."""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.core import access
from integra.core.access import CHANGE
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.redirects import safe_next_url
from integra.core.services import invitation_accept, invitation_by_token
from integra.core.viewmixins import PublicView, public

from . import selectors, services
from .forms import AcceptInvitationForm, ProfileForm, TokenForm
from .mfa import has_second_factor, second_factor_required
from .models import PersonalAccessToken


class ProfileView(ServiceFormView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    stale_message = _("Your profile was changed in another window. Reload and try again.")

    def get_form_kwargs(self):
        return {"instance": copy.copy(self.request.user)}  # the form writes into its instance while validating

    def get_initial(self):
        return {"version": self.request.user.version}

    def get_context(self, form):
        return {"second_factor_required": second_factor_required(self.request.user),
                "has_second_factor": has_second_factor(self.request.user)}

    def perform(self, form):
        user = self.request.user
        return services.user_update_profile(actor=user, user=user, expected_version=form.cleaned_data["version"],
                                            full_name=form.cleaned_data["full_name"],
                                            language=form.cleaned_data["language"])

    def on_success(self, user):
        target = translate_url(self.request.path, user.language)  # resolved in the page's own language
        translation.activate(user.language)
        messages.success(self.request, _("Your profile was saved."))
        response = redirect(target)
        _set_language_cookie(response, user.language)
        return response


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
    nxt = safe_next_url(request, "/")
    user = request.user
    if user.is_authenticated and user.language != language:
        services.user_update_profile(actor=user, user=user, language=language)
    # translate_url resolves the page in its own language, whatever the cookie says.
    with translation.override(get_language_from_path(urlsplit(nxt).path) or translation.get_language()):
        target = translate_url(nxt, language)
    response = redirect(target)
    _set_language_cookie(response, language)
    return response


class TokensView(ServiceFormView):
    form_class = TokenForm
    template_name = "accounts/tokens.html"

    def get_context(self, form):
        return {"tokens": access.visible(self.request.user, PersonalAccessToken)}

    def perform(self, form):
        return services.token_create(actor=self.request.user, user=self.request.user, **form.cleaned_data)

    def on_success(self, created):
        token, secret = created  # the secret is shown once, on this answer, and never stored
        return render(self.request, self.template_name, {"form": TokenForm(), "new_secret": secret,
                                                         "new_token": token, **self.get_context(None)})


class TokenRevokeView(ServiceActionView):
    def load(self, request, pk):
        self.token = access.access(request.user, PersonalAccessToken, pk, CHANGE)

    def perform(self, form):
        return services.token_revoke(actor=self.request.user, token=self.token)

    def success_message(self, result):
        return _("The token “%(name)s” was revoked.") % {"name": self.token.name}

    def back_url(self):
        return reverse("accounts:tokens")


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
        account_exists = selectors.account_exists(email=self.invitation.email)
        return render(request, "accounts/invitation_accept.html", {
            "invitation": self.invitation, "form": form, "account_exists": account_exists,
        }, status=status)
