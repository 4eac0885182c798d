"""REST API for the cooperation: the same policy as the pages, never more than a page would show."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from integra.core import access, limits
from integra.core.access import CHANGE
from integra.core.api_policy import (
    BoundedFilterSet,
    IdFilter,
    KeysetPagination,
    ModelSerializer,
    PolicyRelatedField,
    PolicyViewSetMixin,
    Serializer,
)
from integra.core.models import Organisation

from . import selectors, services
from .models import (
    AccessLevel,
    Action,
    CaseConference,
    Decision,
    LegalBasis,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    TransitionRecord,
)
from .policy import CONFER, DECIDE, REFER, REVOKE, record_access, visible_in
from .timeline_labels import describe


def _filters(model, *, ids=(), fields=()):
    """Filters where a related row is named by its id, not chosen from every row of its table: an id the caller
    may not see then filters to nothing, like an id that does not exist (a choice would refuse only the latter,
    telling which ids exist)."""
    attrs = {name: IdFilter(field_name=name) for name in ids}
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}Filter", (BoundedFilterSet,), attrs)


def _active_organisation(**kwargs):
    """An organisation of the directory that is still active: a closed service is never a party or a recipient."""
    return PolicyRelatedField(Organisation, filters={"is_active": True}, **kwargs)


class RecordSerializer(ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(read_only=True)
    version = serializers.IntegerField(required=False)
    your_access = serializers.SerializerMethodField()

    class Meta:
        model = TransitionRecord
        fields = ["id", "reference", "owner", "establishment", "expected_release_date", "legal_status", "languages",
                  "phase", "restricted", "created_at", "version", "your_access"]
        read_only_fields = ["reference", "phase", "restricted", "created_at"]

    def get_your_access(self, obj) -> dict:
        grant = record_access(self.context["request"].user, obj)
        return {"level": grant.level, "sections": sorted(grant.sections), "via": grant.via}


class RecordListSerializer(RecordSerializer):
    """Lists leave out the caller's access, which is computed per record (open one record to see it)."""

    class Meta(RecordSerializer.Meta):
        fields = [f for f in RecordSerializer.Meta.fields if f != "your_access"]


class RecordOpenSerializer(Serializer):
    organisation = _active_organisation()
    given_names = serializers.CharField(max_length=200)
    family_name = serializers.CharField(max_length=200)
    establishment = serializers.CharField(max_length=200, required=False, allow_blank=True)
    expected_release_date = serializers.DateField(required=False, allow_null=True)
    legal_status = serializers.ChoiceField(choices=TransitionRecord._meta.get_field("legal_status").choices,
                                           required=False, default="sentenced")
    languages = serializers.CharField(max_length=TransitionRecord._meta.get_field("languages").max_length,
                                      required=False, allow_blank=True, default="")
    phase = serializers.ChoiceField(choices=Phase.choices, default=Phase.CUSTODY,
                                    help_text=_("A new record cannot start closed."))


class TimelineSerializer(Serializer):
    occurred_at = serializers.DateTimeField()
    kind = serializers.CharField()
    section = serializers.CharField()
    description = serializers.CharField()
    actor = serializers.CharField()


class RecordViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Transition records the caller may see (team, valid agreement and basis, or emergency access).
    Reading one is audited, as on the page."""

    policy_model = TransitionRecord
    serializer_class = RecordSerializer
    filterset_class = _filters(TransitionRecord, ids=["owner"], fields=["phase"])
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = KeysetPagination
    cursor_ordering = ("reference",)

    def optimise(self, queryset):
        return queryset.select_related("owner").order_by("reference")  # the timeline action has its own order

    def get_serializer_class(self):
        return {"create": RecordOpenSerializer, "list": RecordListSerializer}.get(self.action, RecordSerializer)

    @extend_schema(request=RecordOpenSerializer, responses={201: RecordSerializer})
    def create(self, request, *args, **kwargs):
        serializer = RecordOpenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        record = services.record_open(actor=request.user, **serializer.validated_data)
        return Response(RecordSerializer(record, context={"request": request}).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        services.record_viewed(actor=request.user, record=record, purpose="API")
        return Response(self.get_serializer(record).data)

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        serializer = RecordSerializer(record, data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("version", record.version)
        changes = {k: v for k, v in data.items() if k in TransitionRecord.EDITABLE_FIELDS}
        services.record_update(actor=request.user, record=record, expected_version=expected, **changes)
        return Response(RecordSerializer(record, context={"request": request}).data)

    @extend_schema(responses=TimelineSerializer(many=True))
    @action(detail=True, methods=["get"], cursor_ordering=("-occurred_at", "-id"))
    def timeline(self, request, pk=None):
        record = self.get_object()
        services.record_viewed(actor=request.user, record=record, purpose="timeline (API)")
        entries = selectors.timeline(actor=request.user, record=record)
        page = self.paginate_queryset(entries)
        rows = [{"occurred_at": e.occurred_at, "kind": e.kind, "section": e.section, "description": describe(e),
                 "actor": str(e.actor) if e.actor else ""} for e in page]
        return self.get_paginated_response(TimelineSerializer(rows, many=True).data)


class ReferralSerializer(ModelSerializer):
    record = PolicyRelatedField(TransitionRecord, action=REFER)
    to_organisation = _active_organisation()
    record_reference = serializers.CharField(source="record.reference", read_only=True)
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices), required=False)
    access_level = serializers.ChoiceField(choices=AccessLevel.choices, required=False, default=AccessLevel.PRACTICAL)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=limits.REASON_TEXT)
    extra_basis = serializers.ChoiceField(
        choices=LegalBasis.choices, required=False, write_only=True,
        help_text=_("A legal basis of its own for the selected sections that the agreement and the person's basis "
                    "do not cover; without it they do not travel."))
    extra_basis_evidence = serializers.CharField(required=False, allow_blank=True, default="", write_only=True,
                                                 max_length=limits.REASON_TEXT)

    class Meta:
        model = Referral
        fields = ["id", "record", "record_reference", "kind", "from_organisation", "to_organisation", "reason",
                  "urgency", "access_level", "sections", "status", "created_at", "decided_at", "decision_reason",
                  "extra_basis", "extra_basis_evidence"]
        read_only_fields = ["from_organisation", "status", "created_at", "decided_at", "decision_reason"]


class DecisionSerializer(Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=limits.REASON_TEXT)


class DeclineSerializer(Serializer):
    """Declining needs a reason, so the sender can find another service (the service refuses a blank one too)."""

    reason = serializers.CharField(max_length=limits.REASON_TEXT)


class NothingSerializer(Serializer):
    """An action that takes no input: a body with any key is refused, like any key a serializer does not write."""


class ReferralViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Referrals and handovers: create, then accept / decline (receiver) or revoke (sender)."""

    policy_model = Referral
    serializer_class = ReferralSerializer
    object_actions = {"accept": "view", "decline": "view", "revoke": "view"}
    filterset_class = _filters(Referral, ids=["to_organisation", "record"], fields=["status", "kind"])
    pagination_class = KeysetPagination
    cursor_ordering = ("-created_at", "-id")

    def optimise(self, queryset):
        return queryset.select_related("record").order_by(*self.cursor_ordering)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.referral_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(referral).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, permission, service, *, extra, serializer_class=None):
        referral = self.get_object()
        if not access.can(request.user, permission, referral):
            raise PermissionDenied(_("You cannot do this with this referral."))
        serializer = (serializer_class or DecisionSerializer)(data=request.data)
        serializer.is_valid(raise_exception=True)
        service(actor=request.user, referral=referral, **extra(serializer.validated_data))
        return Response(self.get_serializer(referral).data)

    @extend_schema(request=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, DECIDE, services.referral_accept, extra=lambda d: {"reason": d["reason"]})

    @extend_schema(request=DeclineSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, DECIDE, services.referral_decline, extra=lambda d: {"reason": d["reason"]},
                            serializer_class=DeclineSerializer)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._decide(request, REVOKE, services.referral_revoke, extra=lambda d: {},
                            serializer_class=NothingSerializer)


class ConferenceSerializer(ModelSerializer):
    record = serializers.PrimaryKeyRelatedField(read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta:
        model = CaseConference
        fields = ["id", "record", "title", "scheduled_at", "location", "online_url", "agenda", "status",
                  "participants"]

    def get_participants(self, obj) -> list[int]:
        return [p.user_id for p in obj.participants.all()]


class ConferenceDecisionSerializer(Serializer):
    text = serializers.CharField()
    section = serializers.CharField()


class ConferenceDetailSerializer(ConferenceSerializer):
    """One conference, with the decisions of the sections the caller sees (the practical ones for a
    practical-support mentor, never the case-work ones)."""

    decisions = serializers.SerializerMethodField()

    class Meta(ConferenceSerializer.Meta):
        fields = [*ConferenceSerializer.Meta.fields, "decisions"]

    def get_decisions(self, obj) -> list[dict]:
        rows = visible_in(self.context["request"].user, Decision, obj.record).filter(conference=obj)
        rows = [{"text": d.text, "section": d.section} for d in rows.order_by("created_at", "id")]
        return ConferenceDecisionSerializer(rows, many=True).data


class ConferenceViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Case conferences of records where the caller has case-work access or is invited. One conference carries
    the decisions of the sections the caller sees (its read audited, as on the page); the minutes are on the
    page only (encrypted, audited)."""

    policy_model = CaseConference
    serializer_class = ConferenceSerializer
    filterset_class = _filters(CaseConference, ids=["record"], fields=["status"])

    def optimise(self, queryset):
        return queryset.select_related("record").prefetch_related("participants").order_by("-scheduled_at")

    def get_serializer_class(self):
        return ConferenceDetailSerializer if self.action == "retrieve" else ConferenceSerializer

    def retrieve(self, request, *args, **kwargs):
        conference = self.get_object()
        grant = record_access(request.user, conference.record)
        shown = [s for s in (Section.CASEWORK, Section.PRACTICAL) if grant.sees(s)]
        services.record_viewed(actor=request.user, record=conference.record, section=shown[0] if shown else "",
                               purpose="case conference (API)")
        return Response(self.get_serializer(conference).data)


class ActionSerializer(ModelSerializer):
    record = PolicyRelatedField(TransitionRecord, action=CONFER)
    # A person of the record's team, resolved against that team only: an id outside it gets the same answer
    # whether or not such an account exists.
    owner = serializers.IntegerField(source="owner_id")
    version = serializers.IntegerField(required=False)
    record_reference = serializers.CharField(source="record.reference", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "record", "record_reference", "conference", "title", "owner", "due_date", "status", "version"]
        read_only_fields = ["conference"]

    def validate(self, attrs):
        if "owner_id" in attrs:
            record = attrs.get("record") or getattr(self.instance, "record", None)
            owner = selectors.team_users(actor=self.context["request"].user, record=record).filter(
                pk=attrs.pop("owner_id")).first() if record is not None else None
            if owner is None:
                raise serializers.ValidationError({"owner": [_("The owner must be on the team.")]})
            attrs["owner"] = owner
        return attrs


class ActionUpdateSerializer(ActionSerializer):
    """What an action's PATCH changes: its status and due date (the title and owner stay as decided)."""

    class Meta(ActionSerializer.Meta):
        read_only_fields = ["record", "conference", "title", "owner"]

    def get_fields(self):
        fields = super().get_fields()
        fields["record"] = serializers.PrimaryKeyRelatedField(read_only=True)
        fields["owner"] = serializers.IntegerField(source="owner_id", read_only=True)
        return fields


class ActionViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    policy_model = Action
    serializer_class = ActionSerializer
    filterset_class = _filters(Action, ids=["record", "owner"], fields=["status"])
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = KeysetPagination
    cursor_ordering = ("due_date", "id")

    def optimise(self, queryset):
        return queryset.select_related("record").order_by(*self.cursor_ordering)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        data.pop("status", None)
        item = services.action_create(actor=request.user, **data)
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ActionUpdateSerializer, responses=ActionSerializer)
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        if not access.can(request.user, CHANGE, item):
            raise PermissionDenied
        serializer = ActionUpdateSerializer(item, data=request.data, partial=True,
                                            context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.action_update(actor=request.user, action=item, expected_version=data.get("version", item.version),
                               status=data.get("status"), due_date=data.get("due_date"))
        return Response(self.get_serializer(item).data)


class AgreementSerializer(ModelSerializer):
    parties = _active_organisation(many=True)
    data_categories = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)

    class Meta:
        model = SharingAgreement
        fields = ["id", "title", "parties", "purposes", "data_categories", "legal_basis", "valid_from", "valid_until",
                  "signatories", "is_active"]
        read_only_fields = ["is_active"]


class AgreementViewSet(PolicyViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.CreateModelMixin, viewsets.GenericViewSet):
    policy_model = SharingAgreement
    serializer_class = AgreementSerializer
    filterset_fields = ["is_active", "legal_basis"]

    def optimise(self, queryset):
        return queryset.prefetch_related("parties").order_by("-valid_from", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        agreement = services.agreement_terminate(actor=request.user, agreement=self.get_object())
        return Response(self.get_serializer(agreement).data)
