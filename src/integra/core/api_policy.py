"""The one adapter between Django REST framework and the policy framework, plus the API's shared parts:
one error format, pagination, and version conflicts as 409."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions, serializers, status
from rest_framework.response import Response

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
            writable = {field.field_name for field in self._writable_fields}
            refused = sorted(key for key in data if key not in writable)
            if refused:
                raise serializers.ValidationError({key: [_("This field cannot be changed here.")] for key in refused})
        return super().to_internal_value(data)

    def get_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        for field in fields.values():
            if not field.read_only:
                bound_field(field, _model_field(model, field))
        return fields


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
    elif isinstance(field, serializers.ListField | serializers.MultipleChoiceField):
        if getattr(field, "max_length", None) is None:
            field.max_length = limits.ITEMS_PER_FORM
            field.validators.append(django_validators.MaxLengthValidator(limits.ITEMS_PER_FORM))
        if isinstance(field, serializers.ListField):
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


class PagePagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class SeqCursorPagination(pagination.CursorPagination):
    """For very large tables: no COUNT(*), stable under inserts."""

    ordering = "-seq"
    page_size = 50
    page_size_query_param = "page_size"
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
