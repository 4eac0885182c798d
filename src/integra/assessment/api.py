"""REST API for instruments and assessments: the same policy as the pages. The assessor's rationale, evidence and
limitations (encrypted, their reads audited) are on the page and in the report only."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions as drf_exceptions
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from integra.cooperation.models import TransitionRecord
from integra.core import access
from integra.core.access import CHANGE
from integra.core.api_policy import (
    BoundedFilterSet,
    IdFilter,
    ModelSerializer,
    PolicyRelatedField,
    PolicyViewSetMixin,
    Serializer,
)
from integra.core.models import Organisation

from . import selectors, services
from .models import (
    ActionPlanItem,
    Assessment,
    CalibrationRound,
    Instrument,
    InstrumentVersion,
    Level,
    Priority,
    Survey,
)
from .policy import CLOSE, RATE, RESPOND, VIEW_ITEMS, VIEW_RESULTS


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


# --- calibration rounds -------------------------------------------------------------------------------------------


def _agreement_json(result) -> dict:
    return {"statistic": result.statistic, "value": None if result.value is None else round(result.value, 4),
            "n": result.n, "raters": result.raters}


class InterRaterAgreementSerializer(Serializer):
    statistic = serializers.CharField(help_text="weighted kappa (two raters) or Krippendorff's alpha (more)")
    value = serializers.FloatField(allow_null=True, help_text="null when not computable")
    n = serializers.IntegerField(help_text="units (items of a vignette) rated by at least two raters")
    raters = serializers.IntegerField()


class CalibrationReportSerializer(Serializer):
    round = InterRaterAgreementSerializer()
    instrument = InterRaterAgreementSerializer()
    organisation = InterRaterAgreementSerializer()
    items = serializers.ListField(child=serializers.DictField())


class CalibrationRoundSerializer(ModelSerializer):
    instrument = serializers.IntegerField(source="instrument_version.instrument_id", read_only=True)
    instrument_version = serializers.IntegerField(source="instrument_version.number", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open or closed")
    raters = serializers.SerializerMethodField()
    agreement = serializers.SerializerMethodField(help_text="The round's agreement once closed (null while open).")

    class Meta:
        model = CalibrationRound
        fields = ["id", "title", "kind", "instrument", "instrument_version", "organisation", "status", "threshold",
                  "raters", "agreement", "agreement_n", "created_at", "closed_at", "version"]
        read_only_fields = fields

    def get_raters(self, obj) -> list[int]:
        return [r.user_id for r in obj.rater_rows.all()]

    def get_agreement(self, obj) -> float | None:
        return obj.agreement if obj.status == CalibrationRound.Status.CLOSED else None


class CalibrationRoundCreateSerializer(Serializer):
    organisation = PolicyRelatedField(Organisation, filters={"is_active": True})
    instrument = PolicyRelatedField(Instrument)
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CalibrationRound.Kind.choices, default=CalibrationRound.Kind.TRAINING)
    vignette = serializers.CharField(max_length=50_000)
    raters = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
                                   max_length=services.MAX_RATERS)
    threshold = serializers.DecimalField(max_digits=3, decimal_places=2, min_value=0, max_value=1, default="0.67")


class RateSerializer(Serializer):
    ratings = serializers.DictField(child=serializers.CharField(max_length=64, allow_blank=True),
                                    help_text="{item name: scale value or \"insufficient\"}")


class CalibrationRoundViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Calibration rounds: open one (POST), rate it blind (POST rate: the caller's own ratings only), close it
    (POST close, with `version`), then read the report: every rater's ratings and the agreement with n."""

    policy_model = CalibrationRound
    serializer_class = CalibrationRoundSerializer
    object_actions = {"rate": RATE, "close": CLOSE, "report": VIEW_RESULTS}

    def optimise(self, queryset):
        return queryset.select_related("instrument_version").prefetch_related("rater_rows").order_by(
            "-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "create":
            return CalibrationRoundCreateSerializer
        return CalibrationRoundSerializer

    @extend_schema(request=CalibrationRoundCreateSerializer, responses={201: CalibrationRoundSerializer})
    def create(self, request, *args, **kwargs):
        serializer = CalibrationRoundCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        ids = data.pop("raters")
        raters = list(selectors.calibration_raters_for(organisation_ids=[data["organisation"].pk])
                      .filter(pk__in=ids))
        if len(raters) != len(set(ids)):
            raise drf_exceptions.ValidationError({"raters": [_("Raters are assessors of the organisation.")]})
        calibration = services.round_open(actor=request.user, raters=raters, **data)
        calibration = self.get_queryset().get(pk=calibration.pk)
        return Response(CalibrationRoundSerializer(calibration, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=RateSerializer, responses={200: CalibrationRoundSerializer})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        calibration = self.get_object()
        serializer = RateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.round_rate(actor=request.user, calibration=calibration, ratings=serializer.validated_data["ratings"])
        return Response(CalibrationRoundSerializer(calibration, context=self.get_serializer_context()).data)

    @extend_schema(request=VersionSerializer, responses={200: CalibrationRoundSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        calibration = self.get_object()
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.round_close(actor=request.user, calibration=calibration,
                             expected_version=serializer.validated_data["version"])
        calibration = self.get_queryset().get(pk=calibration.pk)
        return Response(CalibrationRoundSerializer(calibration, context=self.get_serializer_context()).data)

    @extend_schema(responses={200: CalibrationReportSerializer})
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        calibration = self.get_object()
        report = selectors.calibration_report(actor=request.user, calibration=calibration)
        raters = [u.pk for u in report["raters"]]
        return Response({
            "round": _agreement_json(report["round_agreement"]),
            "instrument": _agreement_json(report["instrument_agreement"]),
            "organisation": _agreement_json(report["organisation_agreement"]),
            "items": [{"item": i["name"], "ratings": dict(zip(raters, i["values"], strict=True)),
                       "agreement": _agreement_json(i["agreement"])} for i in report["items"]]})


# --- action plans ---------------------------------------------------------------------------------------------------


class ActionPlanItemSerializer(ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionPlanItem
        fields = ["id", "assessment", "item", "importance", "urgency", "outcome", "risk", "action", "owner",
                  "due_date", "evidence", "rag", "done", "overdue", "created_at", "version"]
        read_only_fields = fields


class ActionPlanItemCreateSerializer(Serializer):
    assessment = PolicyRelatedField(Assessment, filters={"record__isnull": True})
    item = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    importance = serializers.IntegerField(min_value=1, max_value=3, default=Priority.MEDIUM,
                                          help_text="1 low, 2 medium, 3 high")
    urgency = serializers.IntegerField(min_value=1, max_value=3, default=Priority.MEDIUM,
                                       help_text="1 low, 2 medium, 3 high")
    outcome = serializers.CharField(max_length=300)
    risk = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    action = serializers.CharField(max_length=2000)
    owner = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    due_date = serializers.DateField()
    evidence = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    rag = serializers.ChoiceField(choices=ActionPlanItem.Rag.choices, default=ActionPlanItem.Rag.AMBER)


class ActionPlanProgressSerializer(VersionSerializer):
    rag = serializers.ChoiceField(choices=ActionPlanItem.Rag.choices)
    evidence = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    done = serializers.BooleanField(required=False, default=False)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class ActionPlanItemFilter(BoundedFilterSet):
    assessment = IdFilter(field_name="assessment")

    class Meta:
        model = ActionPlanItem
        fields = ["rag", "done"]


class ActionPlanItemViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The action plans of organisation-level assessments: add a line (POST) once the assessment is final, then
    record progress (POST progress, with `version`)."""

    policy_model = ActionPlanItem
    serializer_class = ActionPlanItemSerializer
    filterset_class = ActionPlanItemFilter
    object_actions = {"progress": CHANGE}

    def optimise(self, queryset):
        return queryset.order_by("done", "due_date", "id")

    def get_serializer_class(self):
        if self.action == "create":
            return ActionPlanItemCreateSerializer
        if self.action == "progress":
            return ActionPlanProgressSerializer
        return ActionPlanItemSerializer

    @extend_schema(request=ActionPlanItemCreateSerializer, responses={201: ActionPlanItemSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ActionPlanItemCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        assessment = data.pop("assessment")
        owner = selectors.plan_owner_choices(assessment=assessment).filter(pk=data.pop("owner")).first()
        line = services.plan_item_add(actor=request.user, assessment=assessment, owner=owner, **data)
        return Response(ActionPlanItemSerializer(line, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=ActionPlanProgressSerializer, responses={200: ActionPlanItemSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        line = self.get_object()
        serializer = ActionPlanProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.plan_item_update(actor=request.user, line=line, expected_version=data.pop("version"), **data)
        line.refresh_from_db()
        return Response(ActionPlanItemSerializer(line, context=self.get_serializer_context()).data)


# --- training-needs surveys ---------------------------------------------------------------------------------------


class SurveySerializer(ModelSerializer):
    instrument = serializers.IntegerField(source="instrument_version.instrument_id", read_only=True)
    instrument_version = serializers.IntegerField(source="instrument_version.number", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open or closed")

    class Meta:
        model = Survey
        fields = ["id", "title", "organisation", "instrument", "instrument_version", "status", "min_group",
                  "created_at", "version"]
        read_only_fields = fields


class SurveyCreateSerializer(Serializer):
    organisation = PolicyRelatedField(Organisation, filters={"is_active": True})
    instrument = PolicyRelatedField(Instrument, filters={"level": Level.TRAINING_NEEDS})
    title = serializers.CharField(max_length=200)
    min_group = serializers.IntegerField(min_value=5, max_value=50, default=5)


class SurveyAnswerSerializer(Serializer):
    audience = serializers.ChoiceField(choices=[(a, a) for a in services.SURVEY_AUDIENCES])
    answers = serializers.DictField(child=serializers.CharField(max_length=64, allow_blank=True),
                                    help_text="{item name: scale value}")


class SurveyResultsSerializer(Serializer):
    n = serializers.IntegerField()
    min_group = serializers.IntegerField()
    shown = serializers.BooleanField(help_text="false below the minimum group size: no figure at all is given")
    groups = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.DictField())
    previous = serializers.DictField(allow_null=True)


class SurveyViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Training-needs survey waves of the caller's organisations: open one (POST, administrators), answer it
    anonymously (POST answer), close it (POST close, with `version`), and read the results (GET results: result
    readers only, aggregated, nothing below the minimum group size, compared with the wave before)."""

    policy_model = Survey
    serializer_class = SurveySerializer
    object_actions = {"answer": RESPOND, "close": CHANGE, "results": VIEW_RESULTS}

    def optimise(self, queryset):
        return queryset.select_related("instrument_version").order_by("-created_at", "-id")

    def get_serializer_class(self):
        return {"create": SurveyCreateSerializer, "answer": SurveyAnswerSerializer}.get(self.action,
                                                                                       SurveySerializer)

    @extend_schema(request=SurveyCreateSerializer, responses={201: SurveySerializer})
    def create(self, request, *args, **kwargs):
        serializer = SurveyCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        survey = services.survey_open(actor=request.user, **serializer.validated_data)
        return Response(SurveySerializer(survey, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=SurveyAnswerSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        survey = self.get_object()
        serializer = SurveyAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.survey_respond(actor=request.user, survey=survey, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=VersionSerializer, responses={200: SurveySerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        survey = self.get_object()
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.survey_close(actor=request.user, survey=survey,
                              expected_version=serializer.validated_data["version"])
        survey.refresh_from_db()
        return Response(SurveySerializer(survey, context=self.get_serializer_context()).data)

    @extend_schema(responses={200: SurveyResultsSerializer})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = self.get_object()
        result = selectors.survey_results(actor=request.user, survey=survey)
        previous = result.get("previous")
        return Response({
            "n": result["n"], "min_group": result["min_group"], "shown": result["shown"],
            "groups": result.get("groups", []),
            "rows": [{"item": r["name"], "competence": r["competence"], "gap": r["gap"], "answered": r["answered"],
                      "by_group": dict(zip(result["groups"], r["by_group"], strict=True)),
                      "previous_gap": r.get("previous_gap"),
                      "courses": [{"id": c.pk, "title": c.title} for c in r["courses"]]} for r in result["rows"]],
            "previous": None if previous is None else {"survey": previous["survey"].pk, "shown": previous["shown"]}})


# --- group and organisation waves --------------------------------------------------------------------------------


class WaveSerializer(ModelSerializer):
    instrument = serializers.IntegerField(source="instrument_version.instrument_id", read_only=True)
    instrument_version = serializers.IntegerField(source="instrument_version.number", read_only=True)
    level = serializers.CharField(source="instrument_version.instrument.level", read_only=True,
                                  help_text="group or organisation")
    status = serializers.CharField(read_only=True, help_text="draft, submitted, countersigned or final")
    ratings = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "subject", "organisation", "instrument", "instrument_version", "level", "status",
                  "assessor", "countersigner", "previous", "review_date", "judgement", "created_at", "finalised_at",
                  "version", "ratings"]
        read_only_fields = fields

    def get_ratings(self, obj) -> list[dict]:
        return [{"item": r.item, "value": r.value, "sources": r.sources} for r in obj.ratings.all()]


class WaveCreateSerializer(Serializer):
    organisation = PolicyRelatedField(Organisation, filters={"is_active": True})
    instrument = PolicyRelatedField(Instrument, filters={"level__in": [Level.GROUP, Level.ORGANISATION]})
    subject = serializers.CharField(max_length=200, help_text="A unit, wing or service — never a person's name.")
    review_date = serializers.DateField(required=False, allow_null=True, default=None)


class WaveComparisonSerializer(Serializer):
    waves = serializers.ListField(child=serializers.DictField())


class WaveFilter(BoundedFilterSet):
    class Meta:
        model = Assessment
        fields = ["status"]

    status = django_filters.ChoiceFilter(choices=Assessment.Status.choices)


class WaveViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    """Group-level (a unit or wing, aggregated, no named person) and organisation-level assessments: each is a wave
    of its unit. Start one (POST); submit, countersign and finalise through /assessments/; GET compare gives the
    domain profile of every final wave of the same unit, oldest first (a computed aid)."""

    policy_model = Assessment
    serializer_class = WaveSerializer
    filterset_class = WaveFilter

    def get_queryset(self):  # a unit's waves: not an applicant's assessment (individual level, no record)
        return super().get_queryset().filter(record__isnull=True).exclude(
            instrument_version__instrument__level=Level.INDIVIDUAL)

    def optimise(self, queryset):
        return queryset.select_related("instrument_version__instrument").prefetch_related("ratings").order_by(
            "-created_at", "-id")

    def get_serializer_class(self):
        return WaveCreateSerializer if self.action == "create" else WaveSerializer

    @extend_schema(request=WaveCreateSerializer, responses={201: WaveSerializer})
    def create(self, request, *args, **kwargs):
        serializer = WaveCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        wave = services.assessment_start_unit(actor=request.user, **serializer.validated_data)
        wave = self.get_queryset().get(pk=wave.pk)
        return Response(WaveSerializer(wave, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: WaveComparisonSerializer})
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        wave = self.get_object()
        result = selectors.trajectory(actor=request.user, instrument=wave.instrument_version.instrument, unit=wave)
        return Response({"waves": [{"id": p["assessment"].pk, "date": p["date"].isoformat(),
                                    "judgement": p["assessment"].judgement, "domains": p["shares"]}
                                   for p in result["points"]]})
