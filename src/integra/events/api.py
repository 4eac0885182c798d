"""REST API for events: the same policy, selectors and services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from integra.core import access
from integra.core.access import VIEW
from integra.core.api_policy import ModelSerializer, PolicyRelatedField, PolicyViewSetMixin
from integra.core.models import Organisation

from . import selectors, services
from .ics import agenda_ics_response
from .models import Event, Registration
from .policy import access_readable_event


class EventSerializer(ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "series", "title", "description", "kind", "city", "country", "venue", "start_date",
                  "end_date", "time_zone", "languages", "is_published", "registration_open"]


class RegistrationSerializer(ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    organisation = PolicyRelatedField(Organisation, required=False)

    class Meta:
        model = Registration
        fields = ["id", "event", "email", "organisation", "country", "status", "dietary_needs",
                  "accessibility_needs", "listed_consent", "created_at"]
        read_only_fields = ["event", "country", "status", "created_at"]


class EventViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Events the caller may see. `agenda` gives the slots as JSON (times in the event's time zone);
    `registrations` lists the event's registrations (organisers) or the caller's own, and POST applies."""

    policy_model = Event
    serializer_class = EventSerializer
    filterset_fields = ["series", "kind", "country", "is_published"]

    def optimise(self, queryset):
        return queryset.order_by("start_date", "id")

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def agenda(self, request, pk=None):
        return Response(selectors.agenda_json(self.get_object()))

    @extend_schema(request=RegistrationSerializer, responses=RegistrationSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=RegistrationSerializer)
    def registrations(self, request, pk=None):
        event = self.get_object()
        if request.method == "POST":
            serializer = RegistrationSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            registration = services.registration_apply(actor=request.user, event=event, **data)
            return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)
        # The policy's rows: an organiser sees the event's registrations, anyone else their own.
        registrations = (access.visible(request.user, Registration).filter(event=event).select_related("user")
                         .order_by("created_at", "id"))
        page = self.paginate_queryset(registrations)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    object_actions = {"registrations": VIEW}


class AgendaIcsView(APIView):
    """The agenda as iCalendar (one VEVENT per slot, with the time zone): public for published events."""

    integra_access = "public"

    @extend_schema(responses={(200, "text/calendar"): str})
    def get(self, request, pk):
        return agenda_ics_response(access_readable_event(request.user, pk))
