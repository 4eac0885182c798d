"""Certificates: the holder sees their own; the public sees only validity, name, title and date (verify)."""

from integra.core.access import VIEW, Policy, is_platform_admin, register

from .models import Certificate


@register(Certificate)
class CertificatePolicy(Policy):
    def visible(self, actor):
        qs = Certificate.objects.all()
        return qs if is_platform_admin(actor) else qs.filter(holder=actor)

    def can(self, actor, action, obj):
        return action == VIEW and (obj.holder_id == actor.pk or is_platform_admin(actor))
