"""REST API of the mentoring programme: the same policy, selectors and services as the pages.

Sensitive text (session notes, concern details and outcomes, rationales) can be written here but is read on the
pages only, where reads are audited."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from integra.core import access
from integra.core.api_policy import ModelSerializer, PolicyRelatedField, PolicyViewSetMixin, Serializer

from . import selectors, services
from .models import (
    Circle,
    CircleMeeting,
    Closure,
    Concern,
    ExitSurvey,
    Goal,
    Match,
    Mentee,
    Mentor,
    MentoringSession,
    Respondent,
    Supervision,
    VettingCheck,
)
from .policy import LOG, MANAGE, access_mentee


class MentorSerializer(ModelSerializer):
    class Meta:
        model = Mentor
        fields = ["id", "organisation", "stage", "languages", "area", "travel_km", "availability", "capacity",
                  "former_route", "lived_experience", "applied_at"]
        read_only_fields = fields


class MentorDetailSerializer(MentorSerializer):
    eligibility_gaps = serializers.SerializerMethodField()

    class Meta(MentorSerializer.Meta):
        fields = [*MentorSerializer.Meta.fields, "eligibility_gaps"]
        read_only_fields = fields

    def get_eligibility_gaps(self, obj) -> list[str]:
        return selectors.eligibility_gaps([obj])[obj.pk]


class MentorViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The pool of the caller's programmes (coordinators) or the caller's own mentor profiles; the detail says what
    still stands between a mentor and a match (vetting, training gate)."""

    policy_model = Mentor
    serializer_class = MentorSerializer
    filterset_fields = ["organisation", "stage"]

    def get_serializer_class(self):
        return MentorDetailSerializer if self.action == "retrieve" else MentorSerializer

    def optimise(self, queryset):
        return queryset.order_by("pk")


class MatchSerializer(ModelSerializer):
    mentee = PolicyRelatedField(Mentee, action=MANAGE)
    mentor = PolicyRelatedField(Mentor, action=MANAGE)
    record_reference = serializers.CharField(source="mentee.record.reference", read_only=True)
    rationale = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=5000)

    class Meta:
        model = Match
        fields = ["id", "mentee", "mentor", "record_reference", "status", "suggestion_rank", "explanation",
                  "mentee_consent_on", "decided_at", "rationale", "closure", "closure_kind", "end_reason", "ended_at",
                  "closing_session", "version"]
        read_only_fields = ["status", "suggestion_rank", "explanation", "decided_at", "closure", "closure_kind",
                            "end_reason", "ended_at", "closing_session", "version"]

    closure_kind = serializers.CharField(read_only=True)


class ExitSurveySerializer(ModelSerializer):
    comment = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=5000)
    respondent = serializers.ChoiceField(choices=Respondent.choices)
    helpfulness = serializers.IntegerField(min_value=1, max_value=5)
    goals_met = serializers.IntegerField(min_value=1, max_value=5)

    class Meta:
        model = ExitSurvey
        fields = ["id", "respondent", "helpfulness", "goals_met", "would_recommend", "comment", "recorded_at"]
        read_only_fields = ["recorded_at"]


class MatchDetailSerializer(MatchSerializer):
    exit_surveys = serializers.SerializerMethodField()

    class Meta(MatchSerializer.Meta):
        fields = [*MatchSerializer.Meta.fields, "exit_surveys"]

    def get_exit_surveys(self, obj) -> list[dict]:
        rows = access.visible(self.context["request"].user, ExitSurvey).filter(match=obj)
        return ExitSurveySerializer(rows, many=True).data


class CloseSerializer(Serializer):
    closure = serializers.ChoiceField(choices=Closure.choices)
    reason = serializers.CharField(max_length=300)
    closing_session = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    version = serializers.IntegerField(min_value=1)


class SuggestionQuery(Serializer):
    mentee = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class MatchViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   viewsets.GenericViewSet):
    """Matches the caller coordinates or mentors in. POST records the coordinator's decision (the software never
    matches on its own); `suggestions/?mentee=` gives the computed aid: exclusions by hard constraints with their
    reasons, then the top five with points per criterion."""

    policy_model = Match
    serializer_class = MatchSerializer
    object_actions = {"close": "view", "exit_survey": "view"}  # the services check the precise right
    filterset_fields = ["status", "mentee", "mentor"]

    def optimise(self, queryset):
        return queryset.select_related("mentee__record").order_by("-decided_at", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        match = services.match_decide(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(match).data, status=status.HTTP_201_CREATED)

    def get_serializer_class(self):
        return MatchDetailSerializer if self.action == "retrieve" else MatchSerializer

    @extend_schema(request=CloseSerializer, responses={200: MatchSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the match: planned (with its closing session) or unplanned, with the reason."""
        match = self.get_object()
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        closing = None
        if values.get("closing_session"):
            closing = access.visible(request.user, MentoringSession).filter(
                match=match, pk=values["closing_session"]).first()
            if closing is None:
                raise DRFValidationError({"closing_session": [_("The closing session must be a session of this "
                                                                "match.")]})
        match = services.match_end(actor=request.user, match=match, reason=values["reason"],
                                   closure=values["closure"], expected_version=values["version"],
                                   closing_session=closing)
        return Response(MatchSerializer(match, context=self.get_serializer_context()).data)

    @extend_schema(request=ExitSurveySerializer, responses={201: ExitSurveySerializer})
    @action(detail=True, methods=["post"], url_path="exit-survey")
    def exit_survey(self, request, pk=None):
        """Record an exit survey of an ended match: the mentor their own; a coordinator the mentee's."""
        match = self.get_object()
        data = ExitSurveySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        survey = services.exit_survey_record(actor=request.user, match=match, **data.validated_data)
        return Response(ExitSurveySerializer(survey).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("mentee", int, required=True)], responses={200: dict})
    @action(detail=False, methods=["get"])
    def suggestions(self, request):
        if not access.can_any(request.user, Mentee, MANAGE):
            raise PermissionDenied
        query = SuggestionQuery(data=request.query_params)
        if not query.is_valid():
            raise DRFValidationError(query.errors)
        mentee = access_mentee(request.user, query.validated_data["mentee"], MANAGE)
        aid = selectors.suggestions(actor=request.user, mentee=mentee)
        return Response({"computed_aid": _("Suggestions are computed; the coordinator decides."),
                         "suggestions": [s.as_dict() for s in aid["suggestions"]],
                         "excluded": [e.as_dict() for e in aid["excluded"]]})


class SessionSerializer(ModelSerializer):
    match = PolicyRelatedField(Match, action=LOG)
    notes = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=50000)
    report_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = MentoringSession
        fields = ["id", "match", "held_on", "duration_minutes", "mode", "attended", "safety_ok", "notes",
                  "logged_at", "report_late"]
        read_only_fields = ["logged_at"]


class SessionViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """Sessions of the caller's matches (mentor) or programmes (coordinator); a mentor logs their own."""

    policy_model = MentoringSession
    serializer_class = SessionSerializer
    filterset_fields = ["match"]

    def optimise(self, queryset):
        return queryset.order_by("-held_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_log(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(session).data, status=status.HTTP_201_CREATED)


class ConcernSerializer(ModelSerializer):
    match = PolicyRelatedField(Match, action=LOG)
    detail = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=5000)

    class Meta:
        model = Concern
        fields = ["id", "match", "severity", "category", "detail", "status", "raised_at", "acknowledged_at",
                  "escalated_at", "closed_at"]
        read_only_fields = ["status", "raised_at", "acknowledged_at", "escalated_at", "closed_at"]


class ConcernViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """Concerns the caller raised, coordinates, or sees as the record's case team; a mentor raises one about their
    own match (status only: the outcome is on the page, for the coordinator and the case team)."""

    policy_model = Concern
    serializer_class = ConcernSerializer
    filterset_fields = ["status", "severity", "match"]

    def optimise(self, queryset):
        return queryset.order_by("-raised_at", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        concern = services.concern_raise(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(concern).data, status=status.HTTP_201_CREATED)


# --- circles of support -------------------------------------------------------------------------------------


class CircleSerializer(ModelSerializer):
    mentee = PolicyRelatedField(Mentee, action=MANAGE)
    volunteers = PolicyRelatedField(Mentor, action=MANAGE, many=True, write_only=True)
    volunteer_ids = serializers.SerializerMethodField()
    record_reference = serializers.CharField(source="mentee.record.reference", read_only=True)

    class Meta:
        model = Circle
        fields = ["id", "mentee", "record_reference", "coordinator", "started_on", "status", "volunteers",
                  "volunteer_ids", "version"]
        read_only_fields = ["coordinator", "status", "version"]

    def get_volunteer_ids(self, obj) -> list[int]:
        return [v.mentor_id for v in obj.volunteers.all()]


class CircleViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Circles of support the caller coordinates, volunteers in, or sits in the outer circle of. POST forms a circle
    of four to six volunteers around a mentee (a coordinator of the programme)."""

    policy_model = Circle
    serializer_class = CircleSerializer
    filterset_fields = ["status", "mentee"]

    def optimise(self, queryset):
        return queryset.select_related("mentee__record").prefetch_related("volunteers").order_by("-started_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        circle = services.circle_create(actor=request.user, mentee=data["mentee"], volunteers=data["volunteers"],
                                        started_on=data.get("started_on"))
        return Response(self.get_serializer(circle).data, status=status.HTTP_201_CREATED)


class CircleMeetingSerializer(ModelSerializer):
    circle = PolicyRelatedField(Circle, action=LOG)
    minutes = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=50000)
    minutes_overdue = serializers.BooleanField(read_only=True)
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = CircleMeeting
        fields = ["id", "circle", "held_on", "present", "core_member_present", "minutes", "minutes_at",
                  "minutes_overdue", "decisions", "version"]
        read_only_fields = ["minutes_at", "version"]

    def get_decisions(self, obj) -> list[int]:
        return [d.pk for d in obj.decisions.all()]


class CircleDecisionSerializer(Serializer):
    text = serializers.CharField(max_length=5000)
    consensus = serializers.BooleanField()


class MinutesSerializer(Serializer):
    minutes = serializers.CharField(max_length=50000)
    version = serializers.IntegerField(min_value=1)


class CircleMeetingViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Meetings of the caller's circles (minutes are written here and read on the page); `minutes/` writes them
    (due within 48 hours), `decisions/` records a decision taken by consensus."""

    policy_model = CircleMeeting
    serializer_class = CircleMeetingSerializer
    filterset_fields = ["circle"]
    object_actions = {"minutes": "view", "decisions": "view"}  # the services check the precise right

    def optimise(self, queryset):
        return queryset.prefetch_related("decisions").order_by("-held_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.circle_meeting_record(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MinutesSerializer, responses={200: CircleMeetingSerializer})
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        meeting = self.get_object()
        data = MinutesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.circle_minutes_write(actor=request.user, meeting=meeting,
                                                minutes=data.validated_data["minutes"],
                                                expected_version=data.validated_data["version"])
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=CircleDecisionSerializer, responses={201: dict})
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        data = CircleDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.circle_decision_record(actor=request.user, meeting=meeting, **data.validated_data)
        return Response({"id": decision.pk, "meeting": meeting.pk, "recorded_at": decision.recorded_at},
                        status=status.HTTP_201_CREATED)


# --- vetting checks, mentees, goals, supervision -------------------------------------------------------------


class VettingCheckSerializer(ModelSerializer):
    mentor = PolicyRelatedField(Mentor, action="enter_check")
    number = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = VettingCheck
        fields = ["id", "mentor", "kind", "check_type", "number", "checked_on", "authority", "expires_on", "status",
                  "entered_at", "verified_at"]
        read_only_fields = ["entered_at", "verified_at"]


class VettingCheckViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The vetting register: the mentor or a coordinator enters a check; `verify/` is a second person's (a
    coordinator other than the one who entered it). Documents are uploaded and downloaded on the pages."""

    policy_model = VettingCheck
    serializer_class = VettingCheckSerializer
    filterset_fields = ["mentor", "kind"]
    object_actions = {"verify": "view"}  # the service checks the two-person rule

    def optimise(self, queryset):
        return queryset.order_by("mentor_id", "kind", "-checked_on")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        check = services.check_enter(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: VettingCheckSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        check = services.check_verify(actor=request.user, check=self.get_object())
        return Response(self.get_serializer(check).data)


class MenteeSerializer(ModelSerializer):
    record_reference = serializers.CharField(source="record.reference", read_only=True)

    class Meta:
        model = Mentee
        fields = ["id", "organisation", "record_reference", "languages", "area", "availability", "status",
                  "created_at"]
        read_only_fields = fields


class MenteeViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Mentees of the caller's programmes (coordinators) or of the caller's active matches (their mentor). The
    safeguarding constraints are never here: they are on the coordinator's page."""

    policy_model = Mentee
    serializer_class = MenteeSerializer
    filterset_fields = ["organisation", "status"]

    def optimise(self, queryset):
        return queryset.select_related("record").order_by("-created_at", "-id")


class GoalSerializer(ModelSerializer):
    match = PolicyRelatedField(Match, action=LOG)
    title = serializers.CharField(max_length=500)

    class Meta:
        model = Goal
        fields = ["id", "match", "title", "progress", "comment", "updated_at", "version"]
        read_only_fields = ["progress", "comment", "updated_at", "version"]


class GoalProgressSerializer(Serializer):
    progress = serializers.IntegerField(min_value=0, max_value=100)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    version = serializers.IntegerField(min_value=1)


class GoalViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    """Goals of the caller's matches, programmes, or of the records whose practical section the caller sees; the
    match's mentor adds them and records progress (`progress/`, with the version read)."""

    policy_model = Goal
    serializer_class = GoalSerializer
    filterset_fields = ["match"]
    object_actions = {"progress": "view"}  # the service checks that the caller mentors the match

    def optimise(self, queryset):
        return queryset.order_by("created_at", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = services.goal_add(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(goal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GoalProgressSerializer, responses={200: GoalSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        goal = self.get_object()
        data = GoalProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        goal = services.goal_update(actor=request.user, goal=goal, progress=values["progress"],
                                    comment=values.get("comment", ""), expected_version=values["version"])
        return Response(self.get_serializer(goal).data)


class SupervisionSerializer(ModelSerializer):
    mentor = PolicyRelatedField(Mentor, action=MANAGE)
    notes = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=50000)
    wellbeing = serializers.IntegerField(min_value=1, max_value=5, default=3)

    class Meta:
        model = Supervision
        fields = ["id", "mentor", "kind", "held_on", "wellbeing", "notes", "next_due_on"]


class SupervisionViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Supervision of mentors: a coordinator records it; the mentor sees their own (reflective notes are read on
    the pages only)."""

    policy_model = Supervision
    serializer_class = SupervisionSerializer
    filterset_fields = ["mentor", "kind"]

    def optimise(self, queryset):
        return queryset.order_by("-held_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.supervision_record(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)
