"""The one adapter between Django REST framework and the policy framework, plus the API's shared parts:
one error format, pagination, and version conflicts as 409."""

import base64
import binascii
import json
from collections.abc import Mapping

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, pagination, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import access, limits
from .errors import StaleEdit


class PolicyPermission(permissions.BasePermission):
    """Default deny: a view must name a `policy_model` (or be marked `integra_access = "public"`).
    Read-only tokens may only read."""

    message = _("You do not have permission to do this.")

    def has_permission(self, request, view):
        if getattr(view, "integra_access", None) == "public":
            return True
        if getattr(view, "policy_model", None) is None:
            return False
        if not (request.user and request.user.is_authenticated and request.user.is_active):
            return False
        token = request.auth
        if getattr(token, "read_only", False) and request.method not in permissions.SAFE_METHODS:
            self.message = _("This access token is read-only.")
            return False
        return True

    def has_object_permission(self, request, view, obj):
        # A viewset's custom actions (e.g. accept, revoke) name the policy action their object needs; the
        # service they call then checks the precise right.
        action = getattr(view, "object_actions", {}).get(getattr(view, "action", None))
        return access.can(request.user, action or _METHOD_ACTIONS.get(request.method, "view"), obj)


_METHOD_ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "PUT": "change", "PATCH": "change",
                   "DELETE": "delete", "POST": "change"}


class PolicyViewSetMixin:
    """Lists are the policy's visible rows; a single row outside them is a 404, like the pages."""

    policy_model = None
    integra_access = "policy"

    def get_queryset(self):
        return self.optimise(access.visible(self.request.user, self.policy_model))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Someone who may create no row of this kind is refused before their request is read, so a 400 never
        # tells them what the endpoint would have accepted.
        if getattr(self, "action", None) == "create" and not access.can_any(request.user, self.policy_model,
                                                                              access.ADD):
            raise exceptions.PermissionDenied()

    def optimise(self, queryset):
        return queryset


class PolicyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to another row, resolved through that row's policy: an id the caller may not see gets the
    same answer as an id that does not exist ("Invalid pk"), so the API never tells which ids exist.

    `PolicyRelatedField(TransitionRecord)` accepts the records the caller sees; `action=` narrows it to those
    the caller may also act on (a row outside `can(actor, action, obj)` is "not found" too); `filters=` narrows
    it further (`{"is_active": True}`)."""

    def __init__(self, model, *, action: str = access.VIEW, filters: dict | None = None, **kwargs):
        self.policy_model, self.policy_action, self.filters = model, action, filters or {}
        if not kwargs.get("read_only"):
            kwargs["queryset"] = model._default_manager.none()  # replaced per request by get_queryset
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return access.visible(getattr(request, "user", None), self.policy_model).filter(**self.filters)

    def to_internal_value(self, data):
        obj = super().to_internal_value(data)
        request = self.context.get("request")
        if self.policy_action != access.VIEW and not access.can(getattr(request, "user", None), self.policy_action,
                                                               obj):
            self.fail("does_not_exist", pk_value=data)
        return obj


# --- input: every key a writable field, every value bounded -------------------------------------------------------


class BoundedInputMixin:
    """The base of every serializer of the API (a test checks it). Two guarantees, whatever the fields:

    - a key in the request body that is not a writable field of this serializer is refused (400 naming it), not
      ignored: a client that sends `reference` or `email` learns it cannot change them here;
    - every writable field is bounded as its model column is (length, choices, integer range), and a text, list or
      date without a column bound gets the one in `core.limits`, so SQLite and PostgreSQL refuse the same input,
      with the same message, before a service or the database sees it."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {field.field_name: field for field in self._writable_fields}
            errors = {key: [_("This field cannot be changed here.")] for key in data if key not in writable}
            if not isinstance(data, QueryDict):  # JSON has types: a number is no text, a text no number
                errors.update({key: [message] for key, value in data.items() if key in writable
                               for message in [_json_type_error(writable[key], value)] if message})
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def get_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        for field in fields.values():
            if not field.read_only:
                bound_field(field, _model_field(model, field))
        return fields


def _json_type_error(field, value):
    """DRF reads 0 as the text "0" and "12" as the number 12; a JSON client that sends the wrong type made a
    mistake the API should tell it about."""
    if value is None:
        return None  # allow_null decides
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else _("Expected a boolean.")
    # Before ChoiceField: DRF's MultipleChoiceField is one, and takes a list.
    if isinstance(field, serializers.ListField | serializers.ManyRelatedField | serializers.MultipleChoiceField):
        return None if isinstance(value, list) else _("Expected a list.")
    if isinstance(field, serializers.ChoiceField | serializers.CharField | serializers.DateField |
                  serializers.DateTimeField):
        return None if isinstance(value, str) else _("Expected a string.")
    if isinstance(field, serializers.IntegerField):
        return None if isinstance(value, int) and not isinstance(value, bool) else _("Expected an integer.")
    return None


def _model_field(model, field):
    source = field.source or field.field_name
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        return model._meta.get_field(source.removesuffix("_id"))
    except Exception:  # noqa: BLE001 - not a column (a property, a method): no column bound to copy
        return None


_INT_RANGE = (-(2**31), 2**31 - 1)  # PostgreSQL's integer; SQLite would store more, then PostgreSQL refuse it


def bound_field(field, model_field=None) -> None:
    """Give a writable serializer field the bounds its model column has, or core.limits' default ones."""
    from django.core import validators as django_validators

    column_max = getattr(model_field, "max_length", None)
    # A MultipleChoiceField is a ChoiceField to DRF: its choices bound it (its value is a set of them).
    if isinstance(field, serializers.ChoiceField | serializers.BooleanField | serializers.RelatedField |
                  serializers.ManyRelatedField):
        pass
    elif isinstance(field, serializers.CharField):
        choices = getattr(model_field, "choices", None)
        if choices and not isinstance(field, serializers.ChoiceField):
            field.validators.append(_choice_validator(choices))
        limit = field.max_length or column_max or limits.LONG_TEXT
        if field.max_length is None or (column_max and column_max < field.max_length):
            field.max_length = limit if not column_max else min(limit, column_max)
            field.validators.append(django_validators.MaxLengthValidator(field.max_length))
    elif isinstance(field, serializers.ListField):
        if getattr(field, "max_length", None) is None:
            field.max_length = limits.ITEMS_PER_FORM
            field.validators.append(django_validators.MaxLengthValidator(limits.ITEMS_PER_FORM))
        bound_field(field.child)
    elif isinstance(field, serializers.IntegerField):
        low, high = _INT_RANGE
        if model_field is not None:
            low, high = model_field_range(model_field)
        if field.min_value is None:
            field.min_value = low
            field.validators.append(django_validators.MinValueValidator(low))
        if field.max_value is None:
            field.max_value = high
            field.validators.append(django_validators.MaxValueValidator(high))
    elif isinstance(field, serializers.DateField):
        field.validators.append(_date_validator)


def model_field_range(model_field) -> tuple[int, int]:
    """The column's range as PostgreSQL stores it (Django's table of ranges, not the connection's: SQLite would
    answer "unbounded" and let through what PostgreSQL refuses)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    return BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type(), _INT_RANGE)


def _choice_validator(choices):
    allowed = {str(value) for value, _label in choices}

    def validate(value):
        if str(value) not in allowed:
            raise serializers.ValidationError(_('"%(value)s" is not a valid choice.') % {"value": value})

    return validate


def _date_validator(value):
    latest = limits.latest_date()
    if not limits.EARLIEST_DATE <= value <= latest:
        raise serializers.ValidationError(_("Enter a date between %(earliest)s and %(latest)s.")
                                          % {"earliest": limits.EARLIEST_DATE.isoformat(),
                                             "latest": latest.isoformat()})


class Serializer(BoundedInputMixin, serializers.Serializer):
    pass


class ModelSerializer(BoundedInputMixin, serializers.ModelSerializer):
    pass


# --- filters and pages: a query parameter is an integer of its range, or a 400 -------------------------------------

_ID_RANGE = (1, 2**63 - 1)


class _PresentIntegerField(forms.IntegerField):
    """A parameter that is sent must hold a number: `?owner=` is an error, not "no filter"."""

    def to_python(self, value):
        if value == "":
            raise forms.ValidationError(_("Enter a whole number."), code="invalid")
        return super().to_python(value)


class _PresentBooleanField(forms.NullBooleanField):
    """true/false (or 1/0): anything else sent is refused, where Django would read it as "no filter"."""

    widget = forms.TextInput  # the select widget of NullBooleanField reads any unknown value as None

    def to_python(self, value):
        if value is None:
            return None
        if value in (True, "True", "true", "1", 1):
            return True
        if value in (False, "False", "false", "0", 0):
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    field_class = _PresentBooleanField


class IdFilter(django_filters.NumberFilter):
    """A related row named by its id, compared as an id: an id the caller may not see filters to nothing, like one
    that does not exist (a choice among every row would refuse only the latter, telling which ids exist), and a
    value that is no id (0.5, 10^300) is refused rather than read as a number or overflowing SQLite."""

    field_class = _PresentIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", _ID_RANGE[0])
        kwargs.setdefault("max_value", _ID_RANGE[1])
        super().__init__(*args, **kwargs)


class IntegerFilter(django_filters.NumberFilter):
    field_class = _PresentIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", _INT_RANGE[0])
        kwargs.setdefault("max_value", _INT_RANGE[1])
        super().__init__(*args, **kwargs)


class BoundedFilterSet(django_filters.FilterSet):
    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
        models.AutoField: {"filter_class": IdFilter},
        models.BigAutoField: {"filter_class": IdFilter},
        models.IntegerField: {"filter_class": IntegerFilter},
        models.SmallIntegerField: {"filter_class": IntegerFilter},
        models.PositiveIntegerField: {"filter_class": IntegerFilter},
        models.PositiveSmallIntegerField: {"filter_class": IntegerFilter},
        models.BigIntegerField: {"filter_class": IntegerFilter},
        models.BooleanField: {"filter_class": BooleanFilter},
    }


class FilterBackend(DjangoFilterBackend):
    filterset_base = BoundedFilterSet


class _StrictPageSize:
    """A page size that is not a whole number from 1 to the maximum is refused, not silently replaced."""

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError({self.page_size_query_param: [
                _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]})
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            elif parameter["name"] == getattr(self, "page_query_param", None):
                parameter["schema"].update({"minimum": 1})
        return parameters


class PagePagination(_StrictPageSize, pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise exceptions.ValidationError({self.page_query_param: [_("Enter a whole number from 1.")]})
        return super().get_page_number(request, paginator)


class KeysetPagination(_StrictPageSize, pagination.CursorPagination):
    """Pages of a large list without a COUNT(*): `next` and `previous` are links holding a cursor, the key of the
    last (or first) row shown, and a page is the rows that come after that key in the list's order: one range query
    whatever the page and the size of the list, and rows inserted meanwhile never shift a page.

    The view names its order in `cursor_ordering` (default `("-id",)`); its last field must be unique (the key is
    then a total order, with no offsets for ties, unlike DRF's own cursor which keys on the first field only).
    A cursor this list did not make (damaged, or made by hand) is a 404, like any page that does not exist."""

    ordering = ("-id",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        return tuple(getattr(view, "cursor_ordering", None) or self.ordering)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.reverse, position = self._decode(request)
        order = [_reversed_field(f) for f in self.ordering] if self.reverse else list(self.ordering)
        queryset = queryset.order_by(*order)
        try:
            if position is not None:
                queryset = queryset.filter(_after(order, position))
            rows = list(queryset[: self.page_size + 1])
        except (ValueError, TypeError, DjangoValidationError, OverflowError) as error:
            # A key that is no value of its field (a text for an id): the cursor is invalid, not the server.
            raise exceptions.NotFound(self.invalid_cursor_message) from error
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if self.reverse:
            self.page.reverse()
        self.has_next = more if not self.reverse else position is not None
        self.has_previous = more if self.reverse else position is not None
        self.display_page_controls = self.has_next or self.has_previous
        return self.page

    def get_next_link(self):
        if not self.has_next:
            return None
        if not self.page:  # stepped back before the first row (it was deleted meanwhile): start again
            return remove_query_param(self.base_url, self.cursor_query_param)
        return self._link(False, self.page[-1])

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self._link(True, self.page[0])

    def _link(self, reverse, row):
        key = [_key_value(row, field.lstrip("-")) for field in self.ordering]
        raw = json.dumps({"r": int(reverse), "k": key}, separators=(",", ":"))
        return replace_query_param(self.base_url, self.cursor_query_param,
                                   base64.urlsafe_b64encode(raw.encode()).decode().rstrip("="))

    def _decode(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return False, None
        try:
            raw = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
            reverse, key = raw["r"], raw["k"]
            valid = (reverse in (0, 1) and isinstance(key, list) and len(key) == len(self.ordering)
                     and all(isinstance(v, str | int) and not isinstance(v, bool) for v in key))
        except (ValueError, TypeError, KeyError, binascii.Error):
            valid = False
        if not valid:
            raise exceptions.NotFound(self.invalid_cursor_message)
        return bool(reverse), key


def _reversed_field(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _after(order, key) -> models.Q:
    """Rows after `key` in `order`, compared field by field: (a > x) or (a = x and b > y) or ..."""
    condition = models.Q(pk__in=[])
    for i, field in enumerate(order):
        name = field.lstrip("-")
        step = models.Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": key[i]})
        for earlier, value in zip(order[:i], key[:i], strict=True):
            step &= models.Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition


def _key_value(row, name: str):
    value = row
    for part in name.split("__"):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


class SeqCursorPagination(KeysetPagination):
    """The audit trail: newest first by its sequence number."""

    ordering = ("-seq",)
    max_page_size = 500


def error_handler(exc, context):
    """Every API error as {"error": {"code", "message", "fields"?}} in the caller's language."""
    from rest_framework.views import exception_handler  # not at import time: DRF settings import this module

    if isinstance(exc, StaleEdit):
        exc = exceptions.APIException(_("Someone else changed this record after you loaded it. Reload it, "
                                        "check their changes and try again."))
        exc.status_code = status.HTTP_409_CONFLICT
        exc.default_code = "stale_version"
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, RequestDataTooBig):
        exc = exceptions.APIException(_("The request is too large."), code="too_large")
        exc.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    elif isinstance(exc, OverflowError):  # a number beyond what the database stores, wherever it was sent
        exc = exceptions.ValidationError({"non_field_errors": [_("A number in the request is out of range.")]})
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"code": getattr(exc, "default_code", "error"), "message": ""}
    detail = response.data
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _("Some fields are not valid; nothing was saved.")
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        body["fields"] = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in fields.items()}
    else:
        if isinstance(detail, dict) and "detail" in detail:
            body["message"] = str(detail["detail"])
            body["code"] = getattr(detail["detail"], "code", body["code"])
        else:
            body["message"] = str(detail)
    if status.HTTP_409_CONFLICT == response.status_code:
        body["code"] = "stale_version"
    return Response({"error": body}, status=response.status_code, headers=_auth_headers(response))


def _auth_headers(response):
    return {k: v for k, v in response.items() if k in {"WWW-Authenticate", "Retry-After"}}
