"""The one adapter between Django REST framework and the policy framework, plus the API's shared parts:
one error format, pagination, and version conflicts as 409."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions, serializers, status
from rest_framework.response import Response

from . import access
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
