"""REST API for organisations, memberships, invitations and the audit trail (same policy as the pages)."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import access, audit, selectors, services
from .api_policy import (
    BoundedFilterSet,
    KeysetPagination,
    ModelSerializer,
    PolicyRelatedField,
    PolicyViewSetMixin,
    SeqCursorPagination,
)
from .audit_labels import describe
from .exports import csv_rows
from .models import AuditEvent, Invitation, Membership, Organisation
from .roles import Role


class OrganisationSerializer(ModelSerializer):
    parent = PolicyRelatedField(Organisation, filters={"is_active": True}, allow_null=True, required=False)
    version = serializers.IntegerField(required=False, help_text=_("Send the version you read; a stale one is "
                                                                   "refused with 409."))
    first_admin_email = serializers.EmailField(write_only=True, required=False)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "country", "parent", "city", "website", "description", "is_active",
                  "created_at", "version", "first_admin_email"]
        read_only_fields = ["is_active", "created_at"]


class OrganisationFilter(BoundedFilterSet):
    q = filters.CharFilter(method="search", label=_("Name or city contains"), max_length=200)

    class Meta:
        model = Organisation
        fields = ["country", "kind", "parent", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(city__icontains=value)


class OrganisationViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    policy_model = Organisation
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def optimise(self, queryset):
        return queryset.order_by("name", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        organisation = services.organisation_create(actor=request.user, **data)
        return Response(self.get_serializer(organisation).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("first_admin_email", None)
        expected = data.pop("version", organisation.version)
        services.organisation_update(actor=request.user, organisation=organisation, expected_version=expected,
                                     **data)
        return Response(self.get_serializer(organisation).data)


class MembershipSerializer(ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), source="role_codes")
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Membership
        fields = ["id", "user", "email", "full_name", "organisation", "job_title", "roles", "is_active",
                  "created_at", "version"]
        read_only_fields = ["user", "organisation", "created_at"]


class MembershipViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Memberships: roles and activation. New members join through invitations."""

    policy_model = Membership
    serializer_class = MembershipSerializer
    filterset_fields = ["organisation", "user", "is_active"]
    http_method_names = ["get", "patch", "head", "options"]
    pagination_class = KeysetPagination
    cursor_ordering = ("organisation_id", "id")  # the organisation index walks it; no sort of every membership

    def optimise(self, queryset):
        return queryset.select_related("user").prefetch_related("roles").order_by(*self.cursor_ordering)

    def partial_update(self, request, *args, **kwargs):
        membership = self.get_object()
        serializer = self.get_serializer(membership, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        expected = data.get("version", membership.version)
        if "role_codes" in data or "job_title" in data:
            services.membership_set_roles(actor=request.user, membership=membership,
                                          roles=data.get("role_codes", membership.role_codes),
                                          job_title=data.get("job_title"), expected_version=expected)
        if "is_active" in data and data["is_active"] != membership.is_active:
            services.membership_set_active(actor=request.user, membership=membership, active=data["is_active"])
        membership = self.get_queryset().get(pk=membership.pk)
        return Response(self.get_serializer(membership).data)


class InvitationSerializer(ModelSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), allow_empty=False)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "email", "organisation", "roles", "job_title", "created_at", "expires_at", "accepted_at",
                  "revoked_at", "status"]
        read_only_fields = ["created_at", "expires_at", "accepted_at", "revoked_at"]


class InvitationViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Invite people to an organisation; they receive a one-time link by e-mail."""

    policy_model = Invitation
    serializer_class = InvitationSerializer
    filterset_fields = ["organisation", "email"]

    def optimise(self, queryset):
        return queryset.order_by("-created_at")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = access.access(request.user, Organisation, data.pop("organisation").pk)
        invitation, _token = services.invitation_create(
            actor=request.user, organisation=organisation, base_url=request.build_absolute_uri("/")[:-1], **data)
        return Response(self.get_serializer(invitation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        invitation = self.get_object()
        services.invitation_revoke(actor=request.user, invitation=invitation)
        return Response(self.get_serializer(invitation).data)


class AuditEventSerializer(ModelSerializer):
    description = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = ["seq", "occurred_at", "actor", "actor_label", "organisation", "action", "description",
                  "object_type", "object_id", "purpose", "ip_address", "user_agent", "data", "prev_hash", "hash"]

    def get_description(self, obj) -> str:
        return describe(obj.action)


_AUDIT_PARAMS = [
    OpenApiParameter("action", str), OpenApiParameter("family", str, description="kind of action, e.g. "
                                                      "cooperation.record"),
    OpenApiParameter("reference", str, description="a record's reference as people use it (TR-…)"),
    OpenApiParameter("actor", str, description="e-mail address"),
    OpenApiParameter("object_type", str), OpenApiParameter("object_id", str),
    OpenApiParameter("organisation", int), OpenApiParameter("date_from", str, description="YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="YYYY-MM-DD"),
]


@extend_schema_view(list=extend_schema(parameters=_AUDIT_PARAMS), export=extend_schema(parameters=_AUDIT_PARAMS))
class AuditEventViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The audit trail, newest first, scoped to what the caller may see. Append-only: no writes."""

    policy_model = AuditEvent
    serializer_class = AuditEventSerializer
    pagination_class = SeqCursorPagination
    lookup_field = "seq"
    filter_backends: list = []

    def get_queryset(self):
        from .forms import AuditFilterForm

        form = AuditFilterForm(self.request.query_params or None)  # no actor: filters by id and e-mail
        if form.is_bound and not form.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        return selectors.audit_events(actor=self.request.user, **form.selector_filters())

    @extend_schema(responses={(200, "text/csv"): str})
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request):
        events = self.get_queryset()
        audit.record(action="core.audit.exported", actor=request.user, data={"via": "api", **{
            k: v for k, v in request.query_params.items()}})
        header = ["seq", "occurred_at", "actor", "organisation_id", "action", "object_type", "object_id",
                  "purpose", "ip_address", "user_agent", "hash"]
        rows = ((e.seq, e.occurred_at.isoformat(), e.actor_label, e.organisation_id or "", e.action, e.object_type,
                 e.object_id, e.purpose, e.ip_address or "", e.user_agent, e.hash)
                for e in events[:100_000].iterator(chunk_size=2000))
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="integra-audit-{timezone.now():%Y%m%d-%H%M}.csv"')
        return response
