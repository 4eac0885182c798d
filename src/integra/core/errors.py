"""Errors services raise; views and the API turn them into messages in the user's language."""

from django.core.exceptions import ValidationError


class StaleEdit(Exception):
    """Someone else saved the record after this user opened it (optimistic concurrency)."""


def invalid(message, *, field: str | None = None, code: str = "invalid") -> ValidationError:
    if field:
        return ValidationError({field: [ValidationError(message, code=code)]})
    return ValidationError(message, code=code)
