"""When a second factor is mandatory, and whether a person has one."""

from allauth.mfa.models import Authenticator

from integra.core.access import all_roles, is_platform_admin
from integra.core.roles import ROLES_REQUIRING_SECOND_FACTOR


def second_factor_required(user) -> bool:
    """Everyone whose roles reach personal data about people in transition, and platform administrators."""
    return is_platform_admin(user) or bool(all_roles(user) & ROLES_REQUIRING_SECOND_FACTOR)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
