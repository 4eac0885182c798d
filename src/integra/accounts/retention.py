from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integra.core.retention import register_purger

from .models import PersonalAccessToken


@register_purger("accounts.tokens", _("API tokens revoked or expired more than 90 days ago"))
def _old_tokens(*, now, dry_run=False):
    cutoff = now - timedelta(days=90)
    qs = PersonalAccessToken.objects.filter(Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff))
    return qs.count() if dry_run else qs.delete()[1].get(PersonalAccessToken._meta.label, 0)
