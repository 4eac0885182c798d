"""REST API for learning: the same policy as the pages."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from integra.core import access
from integra.core.access import ADD
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
from integra.core.selectors import organisation_choices

from . import packages, selectors, services
from .models import Certificate, Cohort, Competence, Course, Enrolment, Lesson, LessonProgress, Module
from .policy import DESIGN, access_course


class VerificationSerializer(Serializer):
    valid = serializers.BooleanField()
    holder_name = serializers.CharField()
    title = serializers.CharField()
    awarded_on = serializers.DateField()
    kind = serializers.CharField()


class CertificateVerifyView(APIView):
    """Public: whether a certificate code is genuine and valid, with the holder's name, title and date only."""

    integra_access = "public"
    authentication_classes: list = []

    @extend_schema(responses={200: VerificationSerializer})
    def get(self, request, code):
        certificate = selectors.certificate_verify(code=code)
        if certificate is None:
            raise Http404
        return Response(VerificationSerializer({
            "valid": certificate.is_valid, "holder_name": certificate.holder_name, "title": certificate.title,
            "awarded_on": certificate.awarded_on, "kind": certificate.kind}).data)


class CompetenceSerializer(ModelSerializer):
    area = serializers.CharField(source="area.title")
    outcomes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = Competence
        fields = ["id", "area", "title", "description", "audiences", "outcomes"]


class CompetenceViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The competences blueprint: areas → competences → learning outcomes."""

    policy_model = Competence
    serializer_class = CompetenceSerializer

    def optimise(self, queryset):
        return queryset.select_related("area").prefetch_related("outcomes").order_by("area__order", "order", "id")


class LessonSerializer(ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["id", "title", "order", "required", "completion"]


class ModuleSerializer(ModelSerializer):
    lessons = LessonSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ["id", "title", "order", "prerequisite", "lessons"]


class CourseSerializer(ModelSerializer):
    modules = ModuleSerializer(many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "title", "summary", "audiences", "is_train_the_trainer", "status", "published_version",
                  "modules"]


class CourseViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Published courses (and drafts for designers), with their modules and lessons."""

    policy_model = Course
    serializer_class = CourseSerializer
    filterset_fields = ["status", "is_train_the_trainer"]

    def optimise(self, queryset):
        return queryset.prefetch_related("modules__lessons").order_by("title", "id")


class OrganisationChoiceField(PolicyRelatedField):
    """An organisation in which the policy lets the caller do `action` to rows of `model` (a cohort is created
    only where its trainer is a trainer); any other id is "not found", like one that does not exist."""

    def __init__(self, *, model, action, **kwargs):
        self.choice_model, self.choice_action = model, action
        super().__init__(Organisation, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return organisation_choices(actor=getattr(request, "user", None), model=self.choice_model,
                                    action=self.choice_action)


class CohortSerializer(ModelSerializer):
    course = PolicyRelatedField(Course)
    organisation = OrganisationChoiceField(model=Cohort, action=ADD)

    class Meta:
        model = Cohort
        fields = ["id", "name", "course", "organisation", "trainer", "language", "starts_on", "ends_on"]
        read_only_fields = ["trainer"]


class CohortFilter(BoundedFilterSet):
    """By id, not by a choice among every row: a filter must not tell which ids exist."""

    course = IdFilter(field_name="course_id")
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = Cohort
        fields = ["course", "organisation"]


class CohortViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The cohorts you see. POST creates one in an organisation where you are a trainer; you lead it."""

    policy_model = Cohort
    serializer_class = CohortSerializer
    filterset_class = CohortFilter

    def optimise(self, queryset):
        return queryset.order_by("-starts_on", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cohort = services.cohort_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(cohort).data, status=status.HTTP_201_CREATED)


class EnrolmentSerializer(ModelSerializer):
    course = PolicyRelatedField(Course)

    class Meta:
        model = Enrolment
        fields = ["id", "user", "course", "cohort", "enrolled_at", "completed_at", "course_version"]
        read_only_fields = ["user", "cohort", "enrolled_at", "completed_at", "course_version"]


class EnrolmentFilter(BoundedFilterSet):
    course = IdFilter(field_name="course_id")
    cohort = IdFilter(field_name="cohort_id")
    user = IdFilter(field_name="user_id")

    class Meta:
        model = Enrolment
        fields = ["course", "cohort", "user"]


class EnrolmentViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your enrolments (trainers: those of their cohorts). POST {"course"} enrols you."""

    policy_model = Enrolment
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter
    pagination_class = KeysetPagination
    cursor_ordering = ("-enrolled_at", "-id")

    def optimise(self, queryset):
        return queryset.order_by(*self.cursor_ordering)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrolment = services.enrolment_create(actor=request.user, course=serializer.validated_data["course"])
        return Response(self.get_serializer(enrolment).data, status=status.HTTP_201_CREATED)


class ProgressSerializer(ModelSerializer):
    course = serializers.IntegerField(source="enrolment.course_id", read_only=True)
    lesson = PolicyRelatedField(Lesson)

    class Meta:
        model = LessonProgress
        fields = ["id", "course", "lesson", "completed_at"]
        read_only_fields = ["completed_at"]


class ProgressViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your lesson progress. POST {"lesson"} marks a lesson done; sending it again changes nothing."""

    policy_model = LessonProgress
    serializer_class = ProgressSerializer

    def optimise(self, queryset):
        return queryset.select_related("enrolment").order_by("-completed_at", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        progress = services.lesson_complete(actor=request.user, lesson=serializer.validated_data["lesson"])
        return Response(self.get_serializer(progress).data, status=status.HTTP_201_CREATED)


class CertificateSerializer(ModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "code", "kind", "title", "detail", "awarded_on", "issued_at", "revoked_at"]


class CertificateViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    policy_model = Certificate
    serializer_class = CertificateSerializer

    def optimise(self, queryset):
        return queryset.order_by("-issued_at", "id")


# --- design: course packages (see packages.py) ------------------------------------------------------------------------


class CoursePackageView(APIView):
    """`GET /api/v1/courses/{id}/package/`: the course as a package (zip), for those who design it."""

    policy_model = Course
    integra_access = "policy"

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        course = access_course(request.user, pk, DESIGN)
        archive, filename = packages.course_package_export(actor=request.user, course=course)
        return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")


class PackageUploadSerializer(Serializer):
    file = serializers.FileField()


class CourseImportView(APIView):
    """`POST /api/v1/courses/import/` (multipart, `file`): 201 with a new course, or 200 with the new version of the
    course the package came from; 400 lists every problem of the package, file by file, and nothing is saved."""

    policy_model = Course
    integra_access = "policy"
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": PackageUploadSerializer},
                   responses={201: CourseSerializer, 200: CourseSerializer})
    def post(self, request):
        access.require_create(request.user, Course)  # refused before the upload is even read
        serializer = PackageUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = packages.course_package_import(actor=request.user, upload=serializer.validated_data["file"])
        return Response(CourseSerializer(result.course).data,
                        status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)
