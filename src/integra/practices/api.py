"""REST API of the knowledge base: the same policy and selectors as the pages.

Practices and lessons learned are read by anyone: the public gets the published entries, a signed-in person
what the policy lets them see (`readable_practices`). `practices/search/` is the collection's search with its
facets. Studies and their codebooks are for the study team only (the policy's rows; anyone else gets 404)."""

from django.conf import settings as django_settings
from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from integra.core import access
from integra.core.api_policy import ModelSerializer, PolicyViewSetMixin, Serializer
from integra.core.countries import Country

from . import selectors
from .models import Audience, EvidenceLevel, LessonLearned, Practice, Setting, Study, Theme
from .policy import public_lessons, readable_practices


class PracticeSerializer(ModelSerializer):
    contact = serializers.SerializerMethodField()
    target_audiences = serializers.ListField(child=serializers.ChoiceField(choices=Audience.choices), read_only=True)
    themes = serializers.ListField(child=serializers.ChoiceField(choices=Theme.choices), read_only=True)
    settings = serializers.ListField(child=serializers.ChoiceField(choices=Setting.choices), read_only=True)
    countries = serializers.ListField(child=serializers.ChoiceField(choices=Country.choices), read_only=True)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=django_settings.LANGUAGES), read_only=True)

    class Meta:
        model = Practice
        fields = ["id", "name", "description", "prevention_link", "approach", "target_audiences", "themes", "settings",
                  "countries", "geographical_scope", "start_year", "practice_status", "organisation_name",
                  "organisation_type", "funding", "deliverables", "evaluation", "evidence_level", "maryland_level",
                  "sustainability", "languages", "status", "label", "updated_at", "contact"]
        read_only_fields = fields

    def get_contact(self, obj) -> dict | None:
        """Shown only when the contact person agreed; otherwise reach the owner through the platform."""
        if not obj.contact_public:
            return None
        return {"name": obj.contact_name, "email": obj.contact_email, "phone": obj.contact_phone}


class SearchQuerySerializer(Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    setting = serializers.MultipleChoiceField(choices=Setting.choices, required=False)
    theme = serializers.MultipleChoiceField(choices=Theme.choices, required=False)
    audience = serializers.MultipleChoiceField(choices=Audience.choices, required=False)
    country = serializers.MultipleChoiceField(choices=Country.choices, required=False)
    evidence = serializers.MultipleChoiceField(choices=EvidenceLevel.choices, required=False)
    label = serializers.MultipleChoiceField(choices=[c for c in Practice.Label.choices if c[0]], required=False)
    language = serializers.MultipleChoiceField(choices=django_settings.LANGUAGES, required=False)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = PracticeSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


_SEARCH_PARAMETERS = [OpenApiParameter("q", str, description="Words in any language; accents and case aside.")] + [
    OpenApiParameter(name, str, many=True, enum=[c[0] for c in choices])
    for name, choices in (("setting", Setting.choices), ("theme", Theme.choices), ("audience", Audience.choices),
                          ("country", Country.choices), ("evidence", EvidenceLevel.choices),
                          ("label", [c for c in Practice.Label.choices if c[0]]),
                          ("language", django_settings.LANGUAGES))]


class _PublicReadMixin(PolicyViewSetMixin):
    """Read by anyone: the rows are the public ones, or the policy's for a signed-in person."""

    integra_access = "public"

    def get_object(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (self.policy_model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc


class PracticeViewSet(_PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Practices: published ones for everyone; drafts and entries under review for those the policy lets see
    them. `search/` is full-text (all six languages, accents and case aside) with facets."""

    policy_model = Practice
    serializer_class = PracticeSerializer
    filterset_fields = ["status", "evidence_level", "label"]

    def get_queryset(self):
        return readable_practices(self.request.user).order_by("-updated_at", "id")

    @extend_schema(parameters=_SEARCH_PARAMETERS, responses=SearchResponseSerializer)
    @action(detail=False, methods=["get"], filter_backends=[])
    def search(self, request):
        params = QueryDict(mutable=True)
        known = SearchQuerySerializer().fields
        for key in request.query_params:
            if key in known:
                params.setlist(key, request.query_params.getlist(key)[:20])
        query = SearchQuerySerializer(data=params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        user = request.user if request.user.is_authenticated else None
        result = selectors.search_practices(
            actor=user, query=data.get("q", ""), public_only=user is None,
            filters={name: sorted(values) for name, values in data.items() if name != "q"})
        page = self.paginate_queryset(result.practices)
        response = self.get_paginated_response(PracticeSerializer(page, many=True).data)
        response.data["facets"] = result.facets
        return response


class LessonLearnedSerializer(ModelSerializer):
    practices = serializers.SerializerMethodField()

    class Meta:
        model = LessonLearned
        fields = ["id", "title", "summary", "body", "evidence", "is_published", "practices"]
        read_only_fields = fields

    def get_practices(self, obj) -> list[int]:
        return [p.pk for p in obj.practices.all() if p.status == Practice.Status.PUBLISHED]


class LessonLearnedViewSet(_PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Lessons learned: published ones for everyone, all for the editors."""

    policy_model = LessonLearned
    serializer_class = LessonLearnedSerializer

    def get_queryset(self):
        user = self.request.user
        rows = access.visible(user, LessonLearned) if user.is_authenticated else public_lessons()
        return rows.prefetch_related("practices").order_by("title", "id")


class StudySerializer(ModelSerializer):
    class Meta:
        model = Study
        fields = ["id", "title", "research_questions", "ethics_reference", "retention_until", "organisation"]
        read_only_fields = fields


class CodeRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="code.pk")
    name = serializers.CharField(source="code.name")
    parent = serializers.IntegerField(source="code.parent_id", allow_null=True)
    definition = serializers.CharField(source="code.definition")
    is_theme = serializers.BooleanField(source="code.is_theme")
    depth = serializers.IntegerField()
    codings = serializers.IntegerField()
    sessions = serializers.IntegerField()
    participants = serializers.IntegerField()


class StudyViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Studies of the caller's study teams; `codebook/` gives the codes with their frequencies."""

    policy_model = Study
    serializer_class = StudySerializer

    def optimise(self, queryset):
        return queryset.order_by("-created_at", "id")

    @extend_schema(responses=CodeRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def codebook(self, request, pk=None):
        study = self.get_object()
        return Response(CodeRowSerializer(selectors.code_frequencies(actor=request.user, study=study),
                                          many=True).data)
