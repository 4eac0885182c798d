"""Retention: each app registers what expires and how it is removed; `integra purge` runs them all."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Purger:
    code: str
    description: str
    run: Callable[..., int]  # run(now=..., dry_run=...) -> rows removed or anonymised


_purgers: dict[str, Purger] = {}


def register_purger(code: str, description) -> Callable:
    def decorator(fn):
        _purgers[code] = Purger(code, str(description), fn)
        return fn

    return decorator


def purgers() -> list[Purger]:
    return list(_purgers.values())


def _delete(qs, dry_run: bool) -> int:
    if dry_run:
        return qs.count()
    return qs.delete()[1].get(qs.model._meta.label, 0)


@register_purger("core.invitations", _("Invitations accepted, revoked or expired more than 90 days ago"))
def _old_invitations(*, now, dry_run=False):
    from .models import Invitation

    cutoff = now - timedelta(days=90)
    return _delete(Invitation.objects.filter(
        Q(accepted_at__lt=cutoff) | Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)), dry_run)


@register_purger("core.notifications", _("Notifications read more than 180 days ago"))
def _old_notifications(*, now, dry_run=False):
    from .models import Notification

    return _delete(Notification.objects.filter(read_at__lt=now - timedelta(days=180)), dry_run)


def purge_all(*, dry_run: bool = False, now=None) -> dict[str, int]:
    from . import audit

    now = now or timezone.now()
    counts = {p.code: p.run(now=now, dry_run=dry_run) for p in purgers()}
    if not dry_run:
        audit.record(action="core.retention.purged", actor_label="integra purge", data={"counts": counts})
    return counts
