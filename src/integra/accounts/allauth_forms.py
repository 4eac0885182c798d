"""allauth's forms, labelled like the rest of the product: allauth's own "Email" label is not translated the same
way in every language (Portuguese and Greek showed "Email:"), ours is in all six."""

from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from django.utils.translation import gettext_lazy as _


class ResetPasswordForm(AllauthResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
