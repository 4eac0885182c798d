"""Who may see a subject-access release: whoever may export the record (its owner's data-protection officer,
the owner's full-access team). Kept beside `policy.py` and asking it through `records_where`/`access.can`, so
every rule still lives there; registered from `CooperationConfig.ready`."""

from integra.core.access import ADD, VIEW, Policy, register

from .models import SubjectAccessRelease
from .policy import EXPORT, records_where


@register(SubjectAccessRelease)
class SubjectAccessReleasePolicy(Policy):
    def visible(self, actor, within=None):
        records = records_where(actor, EXPORT)
        if within is not None:
            records = records.filter(pk=within)
        return SubjectAccessRelease.objects.filter(record__in=records.values("pk"))

    def can(self, actor, action, obj):
        from integra.core import access

        return action in {VIEW, ADD} and access.can(actor, EXPORT, obj.record)

    def can_create(self, actor, *, record=None, **context):
        from integra.core import access

        return record is not None and access.can(actor, EXPORT, record)

    def organisations_for(self, actor, action):
        from integra.core import access

        from .models import TransitionRecord

        return access.organisations_for(actor, TransitionRecord, EXPORT) if action in {VIEW, ADD} else set()
