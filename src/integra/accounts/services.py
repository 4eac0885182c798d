"""Writes on accounts: profile and language, deactivation, personal access tokens."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access, audit
from integra.core.access import CHANGE
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid

from .models import PersonalAccessToken, User
from .policy import DEACTIVATE

TOKEN_PREFIX = "itg"


def user_update_profile(*, actor, user: User, expected_version: int | None = None, **changes) -> User:
    if not access.can(actor, CHANGE, user):
        raise PermissionDenied
    allowed = {"full_name", "language"}
    if set(changes) - allowed:
        raise ValueError(f"not editable here: {set(changes) - allowed}")
    before = {k: getattr(user, k) for k in changes}
    with transaction.atomic():
        update_versioned(user, expected_version=expected_version, **changes)
        changed = {k: [before[k], v] for k, v in changes.items() if before[k] != v}
        if changed:
            audit.record(action="accounts.profile.updated", actor=actor, obj=user, data={"changes": changed})
    return user


def user_set_active(*, actor, user: User, active: bool) -> User:
    """Platform administrators switch a whole account on or off (organisations deactivate memberships)."""
    access.require(actor, DEACTIVATE, user)
    if user.pk == actor.pk and not active:
        raise invalid(_("You cannot deactivate your own account."))
    with transaction.atomic():
        update_versioned(user, expected_version=user.version, is_active=active)
        audit.record(action="accounts.user.reactivated" if active else "accounts.user.deactivated",
                     actor=actor, obj=user, data={"email": user.email})
        if not active:
            PersonalAccessToken.objects.usable().filter(user=user).update(revoked_at=timezone.now())
    return user


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, actor, user: User, name: str, days: int | None = 90, read_only: bool = True,
                 via: str = "web") -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with its full secret, which is never stored and never shown again."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied
    if not user.is_active:
        raise invalid(_("This account is deactivated."))
    if days is not None and not 1 <= days <= 366:
        raise invalid(_("A token must expire within 1 to 366 days."), field="days")
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = PersonalAccessToken.objects.create(
            user=user, name=name.strip() or _("Unnamed token"), prefix=prefix, secret_hash=_hash_secret(secret),
            scope=PersonalAccessToken.Scope.READ if read_only else PersonalAccessToken.Scope.READ_WRITE,
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        audit.record(action="accounts.token.created", actor=actor or user, obj=token,
                     actor_label="" if actor else f"console for {user.email}",
                     data={"name": token.name, "scope": token.scope, "via": via, "prefix": prefix,
                           "expires_at": token.expires_at})
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def token_revoke(*, actor, token: PersonalAccessToken, via: str = "web") -> PersonalAccessToken:
    if actor is not None and not access.can(actor, CHANGE, token):
        raise PermissionDenied
    if token.revoked_at:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(action="accounts.token.revoked", actor=actor or token.user, obj=token,
                     data={"prefix": token.prefix, "via": via})
    return token


def token_authenticate(raw: str) -> PersonalAccessToken | None:
    """The usable token a bearer secret belongs to, or None. Touches last_used_at at most once a minute."""
    try:
        label, prefix, secret = raw.split("_", 2)
    except ValueError:
        return None
    if label != TOKEN_PREFIX:
        return None
    token = PersonalAccessToken.objects.usable().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash_secret(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
