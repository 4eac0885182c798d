"""REST API for instruments and assessments: the same policy as the pages. The assessor's rationale, evidence and
limitations (encrypted, their reads audited) are on the page and in the report only."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from integra.cooperation.models import TransitionRecord
from integra.core import access
from integra.core.api_policy import (
    BoundedFilterSet,
    IdFilter,
    ModelSerializer,
    PolicyRelatedField,
    PolicyViewSetMixin,
    Serializer,
)

from . import services
from .models import Assessment, Instrument, InstrumentVersion, Level
from .policy import VIEW_ITEMS


class VersionSummarySerializer(ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="draft or published")

    class Meta:
        model = InstrumentVersion
        fields = ["id", "number", "status", "published_at"]


class InstrumentSerializer(ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)
    definition = serializers.SerializerMethodField(help_text="The latest version's definition; null when the "
                                                             "caller's organisation holds no licence.")

    class Meta:
        model = Instrument
        fields = ["id", "code", "title", "level", "licence_holder", "qualifying_course", "certificate_valid_months",
                  "min_sources", "versions", "definition"]
        read_only_fields = fields

    def get_definition(self, obj) -> dict | None:
        if self.context.get("view") is not None and self.context["view"].action == "list":
            return None
        if not access.can(self.context["request"].user, VIEW_ITEMS, obj):
            return None
        latest = max(obj.versions.all(), key=lambda v: v.number, default=None)
        return latest.definition if latest else None


class InstrumentFilter(BoundedFilterSet):
    class Meta:
        model = Instrument
        fields = ["level"]


class InstrumentViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Instruments (every level); the item text only to the owner and licensed organisations."""

    policy_model = Instrument
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter

    def optimise(self, queryset):
        return queryset.prefetch_related("versions").order_by("title", "id")


class AssessmentSerializer(ModelSerializer):
    record = serializers.PrimaryKeyRelatedField(read_only=True)
    instrument = serializers.IntegerField(source="instrument_version.instrument_id", read_only=True)
    instrument_version = serializers.IntegerField(source="instrument_version.number", read_only=True)
    ratings = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="draft, submitted, countersigned or final")
    judgement = serializers.CharField(read_only=True, help_text="low, moderate or high; empty until the assessor "
                                                                "records it")

    class Meta:
        model = Assessment
        fields = ["id", "record", "instrument", "instrument_version", "status", "assessor", "countersigner",
                  "previous", "review_date", "judgement", "significant_items", "disagreements", "created_at",
                  "submitted_at", "countersigned_at", "finalised_at", "version", "ratings"]
        read_only_fields = fields

    def get_ratings(self, obj) -> list[dict]:
        return [{"item": r.item, "value": r.value, "sources": r.sources} for r in obj.ratings.all()]


class AssessmentCreateSerializer(Serializer):
    record = PolicyRelatedField(TransitionRecord)
    instrument = PolicyRelatedField(Instrument, filters={"level": Level.INDIVIDUAL})
    review_date = serializers.DateField(required=False, allow_null=True, default=None)


class VersionSerializer(Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class CountersignSerializer(VersionSerializer):
    disagreements = serializers.ListField(child=serializers.CharField(max_length=64), required=False, default=list,
                                          max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=services.MAX_RATIONALE)


class AssessmentFilter(BoundedFilterSet):
    record = IdFilter(field_name="record")

    class Meta:
        model = Assessment
        fields = ["status"]

    status = django_filters.ChoiceFilter(choices=Assessment.Status.choices)


class AssessmentViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Assessments of the people whose assessment section the caller reads; start one (POST), then submit,
    countersign and finalise, each sending the `version` it read (a stale one is 409)."""

    policy_model = Assessment
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    object_actions = {"submit": "view", "countersign": "view", "finalise": "view"}

    def optimise(self, queryset):
        return queryset.select_related("instrument_version").prefetch_related("ratings").order_by("-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "create":
            return AssessmentCreateSerializer
        return AssessmentSerializer

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = AssessmentCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        assessment = services.assessment_start(actor=request.user, **serializer.validated_data)
        return Response(AssessmentSerializer(assessment, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def _act(self, request, service, serializer_class, **extra):
        assessment = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        service(actor=request.user, assessment=assessment, expected_version=data.pop("version"), **data, **extra)
        assessment.refresh_from_db()
        return Response(AssessmentSerializer(assessment, context=self.get_serializer_context()).data)

    @extend_schema(request=VersionSerializer, responses={200: AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, services.assessment_submit, VersionSerializer)

    @extend_schema(request=CountersignSerializer, responses={200: AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def countersign(self, request, pk=None):
        return self._act(request, services.assessment_countersign, CountersignSerializer)

    @extend_schema(request=VersionSerializer, responses={200: AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        return self._act(request, services.assessment_finalise, VersionSerializer)
