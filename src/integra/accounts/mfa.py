"""When a second factor is mandatory, and whether a person has one."""

from allauth.mfa.models import Authenticator

from .policy import second_factor_required  # noqa: F401  (the rule is the policy's; sign-in asks it here)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
