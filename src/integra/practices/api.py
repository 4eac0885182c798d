"""REST API of the knowledge base: the same policy, selectors and services as the pages.

Practices and lessons learned are read by anyone: the public gets the published entries, a signed-in person
what the policy lets them see (`readable_practices`). `practices/search/` is the collection's search with its
facets. Studies and their codebooks are for the study team only (the policy's rows; anyone else gets 404).

Writing needs a signed-in caller whose token may write, and goes through the services the pages call, which
check the policy themselves: a practice is created as a draft (POST), edited with the `version` it read (PATCH;
a stale one is 409) and submitted (`submit/`); editors create and edit lessons learned; a researcher creates a
study, and its coders add codes to its codebook (`studies/{id}/codes/`)."""

from django.conf import settings as django_settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from integra.core import access
from integra.core.api_policy import ModelSerializer, PolicyPermission, PolicyViewSetMixin, Serializer
from integra.core.countries import Country

from . import selectors, services
from .models import Audience, EvidenceLevel, LessonLearned, Practice, Setting, Study, Theme
from .policy import CODE, SUBMIT, public_lessons, readable_practices

_LANGUAGES = [code for code, _name in django_settings.LANGUAGES]


class PublicReadPolicyWrite(PolicyPermission):
    """Anyone reads (the rows are the public ones, or the policy's for a signed-in person); writing needs a
    signed-in, active caller with a token that may write, and the service then checks the precise right."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated and request.user.is_active):
            return False
        if getattr(request.auth, "read_only", False):
            self.message = _("This access token is read-only.")
            return False
        return True


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


# The knowledge base's writes take JSON only: typed values (a boolean is true or false, not the text "0"), as the
# schema says; a form or multipart body is refused with 415.
WRITES_IN_JSON = [JSONParser]


class _PublicReadMixin(PolicyViewSetMixin):
    """Read by anyone: the rows are the public ones, or the policy's for a signed-in person."""

    integra_access = "public"
    integra_public_reads = True  # the schema declares the reads public; a view that also writes says "policy"

    def get_object(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (self.policy_model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc


def _translations(serializer_class, names):
    for name in names:
        for code in _LANGUAGES:
            if code != "en":
                serializer_class._declared_fields[f"{name}_{code}"] = serializers.CharField(
                    required=False, allow_blank=True, max_length=50_000)
    return serializer_class


def _multi(choices):
    # A list of choices (not MultipleChoiceField: DRF makes it a ChoiceField, which the JSON type check reads as
    # one string).
    return serializers.ListField(child=serializers.ChoiceField(choices=choices), required=False, max_length=50)


class PracticeWriteSerializer(Serializer):
    """A practice's RAN fields as the owner writes them (English, plus `<field>_<language>` translations)."""

    version = serializers.IntegerField(required=False, min_value=1, help_text=_("The version you read; stale "
                                                                                 "edits get 409."))
    name = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=50_000)
    prevention_link = serializers.CharField(max_length=50_000)
    approach = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    target_audiences = _multi(Audience.choices)
    themes = _multi(Theme.choices)
    settings = _multi(Setting.choices)
    countries = _multi(Country.choices)
    languages = _multi(django_settings.LANGUAGES)
    geographical_scope = serializers.CharField(required=False, allow_blank=True, max_length=300)
    start_year = serializers.IntegerField(required=False, allow_null=True, min_value=1950, max_value=2100)
    practice_status = serializers.ChoiceField(choices=Practice.PracticeStatus.choices, required=False)
    organisation_name = serializers.CharField(max_length=300)
    organisation_type = serializers.ChoiceField(choices=Practice._meta.get_field("organisation_type").choices,
                                                required=False)
    funding = serializers.CharField(required=False, allow_blank=True, max_length=500)
    deliverables = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    evaluation = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    evidence_level = serializers.ChoiceField(choices=EvidenceLevel.choices, required=False)
    maryland_level = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=5)
    sustainability = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    contact_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=50)
    contact_public = serializers.BooleanField(required=False)

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("version", None)
        return {k: (sorted(set(v)) if isinstance(v, list | set) else v) for k, v in data.items()}


_translations(PracticeWriteSerializer, Practice.TEXT_FIELDS)


class PracticeViewSet(_PublicReadMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.ReadOnlyModelViewSet):
    """Practices: published ones for everyone; drafts and entries under review for those the policy lets see
    them. `search/` is full-text (all six languages, accents and case aside) with facets. Signed in: POST creates
    a draft, PATCH edits (with the `version` read; stale → 409), `submit/` sends a draft to the editors."""

    # Reads are public (list, detail, search are on the public allow-list); every other route — writing — is
    # the policy's: signed in, a token that may write, and the service's own check.
    integra_access = "policy"
    permission_classes = [PublicReadPolicyWrite]
    parser_classes = WRITES_IN_JSON
    policy_model = Practice
    serializer_class = PracticeSerializer
    filterset_fields = ["status", "evidence_level", "label"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return PracticeWriteSerializer if self.action in {"create", "partial_update"} else PracticeSerializer

    @extend_schema(request=PracticeWriteSerializer, responses={201: PracticeSerializer})
    def create(self, request, *args, **kwargs):
        serializer = PracticeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        practice = services.practice_create(actor=request.user, **serializer.service_fields())
        return Response(PracticeSerializer(practice).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PracticeWriteSerializer, responses=PracticeSerializer)
    def partial_update(self, request, *args, **kwargs):
        practice = self.get_object()
        serializer = PracticeWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version", practice.version)
        practice = services.practice_update(actor=request.user, practice=practice, expected_version=expected,
                                            **serializer.service_fields())
        return Response(PracticeSerializer(practice).data)

    @extend_schema(request=None, responses=PracticeSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def submit(self, request, pk=None):
        practice = self.get_object()
        if not access.can(request.user, SUBMIT, practice):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied()
        return Response(PracticeSerializer(services.practice_submit(actor=request.user, practice=practice)).data)

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


class LessonWriteSerializer(Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(max_length=50_000)
    body = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=500)
    is_published = serializers.BooleanField(required=False)
    practices = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=200)


_translations(LessonWriteSerializer, ("title", "summary", "body"))


class LessonLearnedViewSet(_PublicReadMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                           viewsets.ReadOnlyModelViewSet):
    """Lessons learned: published ones for everyone, all for the editors, who create (POST) and edit them
    (PATCH with the `version` read; stale → 409)."""

    integra_access = "policy"
    permission_classes = [PublicReadPolicyWrite]
    parser_classes = WRITES_IN_JSON
    policy_model = LessonLearned
    serializer_class = LessonLearnedSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return LessonWriteSerializer if self.action in {"create", "partial_update"} else LessonLearnedSerializer

    @extend_schema(request=LessonWriteSerializer, responses={201: LessonLearnedSerializer})
    def create(self, request, *args, **kwargs):
        from django.utils import translation

        serializer = LessonWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        practices = selectors.published_practices(data.pop("practices", []))
        with translation.override("en"):
            lesson = services.lesson_create(actor=request.user, practices=practices, **data)
        return Response(LessonLearnedSerializer(lesson).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LessonWriteSerializer, responses=LessonLearnedSerializer)
    def partial_update(self, request, *args, **kwargs):
        lesson = self.get_object()
        serializer = LessonWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        texts = {f"{name}_{code}": getattr(lesson, f"{name}_{code}") or "" for name in ("title", "summary", "body")
                 for code in _LANGUAGES}
        for key, value in data.items():
            if key in {"title", "summary", "body"}:
                texts[f"{key}_en"] = value
            elif key.rsplit("_", 1)[0] in {"title", "summary", "body"}:
                texts[key] = value
        practice_ids = data.get("practices", list(lesson.practices.values_list("pk", flat=True)))
        lesson = services.lesson_update(actor=request.user, lesson=lesson,
                                        expected_version=data.get("version", lesson.version), texts=texts,
                                        practice_ids=practice_ids, evidence=data.get("evidence", lesson.evidence),
                                        is_published=data.get("is_published", lesson.is_published))
        return Response(LessonLearnedSerializer(lesson).data)

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


class StudyCreateSerializer(Serializer):
    organisation = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=300)
    research_questions = serializers.CharField(max_length=50_000)
    retention_until = serializers.DateField()
    ethics_reference = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CodeCreateSerializer(Serializer):
    name = serializers.CharField(max_length=200)
    parent = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    definition = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    inclusion = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    exclusion = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    is_theme = serializers.BooleanField(required=False)


class CodeSerializer(ModelSerializer):
    class Meta:
        from .models import Code

        model = Code
        fields = ["id", "name", "parent", "definition", "inclusion", "exclusion", "is_theme"]
        read_only_fields = fields


class StudyViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Studies of the caller's study teams; `codebook/` gives the codes with their frequencies
    (counted as the frequency report counts them: in a blind study a coder's own codings, or the final ones for
    the lead). A researcher
    creates a study (POST, they lead it); its lead and coders add codes (POST `codes/`)."""

    parser_classes = WRITES_IN_JSON

    policy_model = Study
    serializer_class = StudySerializer
    object_actions = {"codes": CODE}

    def get_serializer_class(self):
        return {"create": StudyCreateSerializer, "codes": CodeCreateSerializer}.get(self.action, StudySerializer)

    @extend_schema(request=StudyCreateSerializer, responses={201: StudySerializer})
    def create(self, request, *args, **kwargs):
        from integra.core.selectors import organisation_choices

        serializer = StudyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = organisation_choices(actor=request.user, model=Study, action="add").filter(
            pk=data.pop("organisation")).first()
        if organisation is None:
            raise serializers.ValidationError({"organisation": [_("Choose an organisation where you do research.")]})
        study = services.study_create(actor=request.user, organisation=organisation, **data)
        return Response(StudySerializer(study).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CodeCreateSerializer, responses={201: CodeSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def codes(self, request, pk=None):
        study = self.get_object()
        serializer = CodeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        parent_id = data.pop("parent", None)
        parent = study.codes.filter(pk=parent_id).first() if parent_id else None
        if parent_id and parent is None:
            raise serializers.ValidationError({"parent": [_("Choose a parent code of this study.")]})
        code = services.code_create(actor=request.user, study=study, parent=parent, **data)
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)

    def optimise(self, queryset):
        return queryset.order_by("-created_at", "id")

    @extend_schema(responses=CodeRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def codebook(self, request, pk=None):
        study = self.get_object()
        return Response(CodeRowSerializer(selectors.code_frequencies(actor=request.user, study=study).rows,
                                          many=True).data)
