"""Optimistic concurrency: a save is refused when the row's version moved since the editor loaded it."""

from django.db.models import F, Model

from .errors import StaleEdit


def update_versioned(obj: Model, *, expected_version: int | None, **changes) -> Model:
    """Write `changes` only if the stored version still equals `expected_version`; bump the version."""
    if expected_version is None:
        expected_version = obj.version
    updated = obj.__class__._default_manager.filter(pk=obj.pk, version=expected_version).update(
        **changes, version=F("version") + 1
    )
    if not updated:
        raise StaleEdit
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = expected_version + 1
    return obj
