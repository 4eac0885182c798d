from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from integra.core.api_policy import KeysetPagination, ModelSerializer, PolicyViewSetMixin

from . import services
from .models import User


class UserSerializer(ModelSerializer):
    version = serializers.IntegerField(required=False, help_text=_("The version you read; stale edits get 409."))

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "language", "is_active", "date_joined", "version"]
        read_only_fields = ["email", "is_active", "date_joined"]


class UserViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """People visible to the caller: themselves, the members of organisations they administer, or everyone for
    platform administrators. `me` reads and updates the caller's own profile."""

    policy_model = User
    serializer_class = UserSerializer
    filterset_fields = ["is_active", "language", "email"]
    pagination_class = KeysetPagination
    cursor_ordering = ("email",)  # unique

    def optimise(self, queryset):
        return queryset.order_by(*self.cursor_ordering)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        """Platform administrators switch an account off everywhere (its tokens are revoked)."""
        user = services.user_set_active(actor=request.user, user=self.get_object(), active=False)
        return Response(self.get_serializer(user).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        user = services.user_set_active(actor=request.user, user=self.get_object(), active=True)
        return Response(self.get_serializer(user).data)

    @extend_schema(methods=["PATCH"], request=UserSerializer)
    @action(detail=False, methods=["get", "patch"])
    def me(self, request):
        user = request.user
        if request.method == "PATCH":
            serializer = self.get_serializer(user, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            expected = data.pop("version", user.version)
            services.user_update_profile(actor=user, user=user, expected_version=expected, **data)
        return Response(self.get_serializer(user).data)
