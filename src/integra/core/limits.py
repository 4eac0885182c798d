"""The bounds on what anyone may send, in one place: forms, serializers and services read them from here, so a
page, the API and a script refuse the same input with the same message. Each bound is generous for real use and
small enough that no request can fill a disk, a mailbox or a page with one field."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --- text ------------------------------------------------------------------------------------------------------
SHORT_TEXT = 1_000  # a one-line text stored without a column limit (a title, a location)
REASON_TEXT = 5_000  # a referral, decline or emergency reason, a decision, a sharing basis
LONG_TEXT = 50_000  # a note, minutes, an agenda, a lesson's body: many pages, never a dump
JSON_TEXT = 200_000  # a scenario or a question's answers, as JSON
JSON_DEPTH = 20  # nesting of that JSON: a scenario is at most a few levels deep

# --- counts ----------------------------------------------------------------------------------------------------
ITEMS_PER_FORM = 200  # decisions, attendees, sections, roles... sent in one form or request
QUOTA_PLACES = 10_000  # places of one country's quota at one event

# --- dates, relative to today ----------------------------------------------------------------------------------
EARLIEST_DATE = dt.date(1900, 1, 1)  # no date anyone sends is before this (a birth date at the earliest)
YEARS_AHEAD = 100  # ... nor more than this many years ahead
DUE_DATE_YEARS_BACK = 1  # an action's due date: at most a year in the past (recording late work) ...
DUE_DATE_YEARS_AHEAD = 10  # ... and at most ten years ahead
RELEASE_DATE_YEARS_BACK = 10  # an expected release date: a record opened late may have one in the past ...
RELEASE_DATE_YEARS_AHEAD = 60  # ... and a long sentence one far ahead


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def latest_date() -> dt.date:
    return _years_from(timezone.localdate(), YEARS_AHEAD)


def check_length(value: str, limit: int, *, field: str) -> None:
    if value is not None and len(value) > limit:
        raise ValidationError({field: [ngettext("Ensure this value has at most %(limit)d character (it has %(n)d).",
                                                "Ensure this value has at most %(limit)d characters (it has %(n)d).",
                                                limit) % {"limit": limit, "n": len(value)}]})


def check_count(items, limit: int, *, field: str) -> None:
    if len(items) > limit:
        raise ValidationError({field: [ngettext("At most %(limit)d item can be sent at once.",
                                                "At most %(limit)d items can be sent at once.",
                                                limit) % {"limit": limit}]})


def check_date_within(value: dt.date | None, *, years_back: int, years_ahead: int, field: str) -> None:
    """A date no more than `years_back` before today and `years_ahead` after it."""
    if value is None:
        return
    today = timezone.localdate()
    earliest, latest = _years_from(today, -years_back), _years_from(today, years_ahead)
    if not earliest <= value <= latest:
        raise ValidationError({field: [_("Enter a date between %(earliest)s and %(latest)s.")
                                       % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}]})


def check_json_depth(value, *, field: str, limit: int = JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than `limit`, walking it without recursion (a deep value must not be what
    overflows the stack while we check it)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise ValidationError({field: [_("This JSON is nested too deeply (at most %(limit)d levels).")
                                           % {"limit": limit}]})
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def loads_bounded(raw: str, *, field: str):
    """json.loads for text someone sent: bounded in size, and nesting that would exhaust the parser's recursion is
    an error of the input, not of the server."""
    import json

    check_length(raw, JSON_TEXT, field=field)
    # Counting brackets before parsing keeps the parser from recursing 100,000 levels deep at all.
    depth = deepest = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > JSON_DEPTH:
        raise ValidationError({field: [_("This JSON is nested too deeply (at most %(limit)d levels).")
                                       % {"limit": JSON_DEPTH}]})
    return json.loads(raw)


def bound_form(form):
    """Give every field of a page's form the bounds of this module where it has none of its own: a text without a
    maximum length gets LONG_TEXT, a multiple choice at most ITEMS_PER_FORM items, a date the years from
    EARLIEST_DATE to YEARS_AHEAD ahead, a whole number PostgreSQL's integer range. The service views apply it to
    each form they build, so no page takes an unbounded value even where its form forgot to say so."""
    from django import forms
    from django.core import validators

    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = LONG_TEXT
            field.validators.append(validators.MaxLengthValidator(LONG_TEXT))
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            field.validators.append(_count_validator)
        elif isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
            field.validators.append(_date_validator)
        elif isinstance(field, forms.IntegerField):
            if field.max_value is None:
                field.max_value = 2**31 - 1
                field.validators.append(validators.MaxValueValidator(field.max_value))
            if field.min_value is None:
                field.min_value = -(2**31)
                field.validators.append(validators.MinValueValidator(field.min_value))
    return form


def _count_validator(value):
    if value is not None and len(value) > ITEMS_PER_FORM:
        raise ValidationError(ngettext("At most %(limit)d item can be sent at once.",
                                       "At most %(limit)d items can be sent at once.",
                                       ITEMS_PER_FORM) % {"limit": ITEMS_PER_FORM})


def _date_validator(value):
    latest = latest_date()
    if value is not None and not EARLIEST_DATE <= value <= latest:
        raise ValidationError(_("Enter a date between %(earliest)s and %(latest)s.")
                              % {"earliest": EARLIEST_DATE.isoformat(), "latest": latest.isoformat()})
