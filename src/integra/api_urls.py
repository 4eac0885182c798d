from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from integra.accounts.api import UserViewSet
from integra.assessment.api import (
    ActionPlanItemViewSet,
    AssessmentViewSet,
    CalibrationRoundViewSet,
    InstrumentViewSet,
    SurveyViewSet,
    WaveViewSet,
)
from integra.cooperation.api import ActionViewSet, AgreementViewSet, ConferenceViewSet, RecordViewSet, ReferralViewSet
from integra.core.api import AuditEventViewSet, InvitationViewSet, MembershipViewSet, OrganisationViewSet
from integra.events.api import AgendaIcsView, EventViewSet
from integra.learning.api import (
    CertificateVerifyView,
    CertificateViewSet,
    CohortViewSet,
    CompetenceViewSet,
    CourseImportView,
    CoursePackageView,
    CourseViewSet,
    EnrolmentViewSet,
    ProgressViewSet,
)
from integra.mentoring.api import (
    CircleMeetingViewSet,
    CircleViewSet,
    ConcernViewSet,
    GoalViewSet,
    MatchViewSet,
    MenteeViewSet,
    MentorViewSet,
    SessionViewSet,
    SupervisionViewSet,
    VettingCheckViewSet,
)
from integra.practices.api import LessonLearnedViewSet, PracticeViewSet, StudyViewSet


class PublicSchemaView(SpectacularAPIView):
    integra_access = "public"


class PublicDocsView(SpectacularSwaggerSplitView):
    integra_access = "public"


@extend_schema(exclude=True)
class UnknownPathView(APIView):
    """Any other path under the API answers the API's 404, in JSON, whoever asks (never the HTML page)."""

    integra_access = "public"
    authentication_classes: list = []

    def initial(self, request, *args, **kwargs):
        raise NotFound()


class Router(DefaultRouter):
    include_root_view = False


router = Router()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("users", UserViewSet, basename="user")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("invitations", InvitationViewSet, basename="invitation")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("cases", RecordViewSet, basename="case")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("actions", ActionViewSet, basename="action")
router.register("sharing-agreements", AgreementViewSet, basename="sharing-agreement")
router.register("events", EventViewSet, basename="event")
router.register("competences", CompetenceViewSet, basename="competence")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("calibration-rounds", CalibrationRoundViewSet, basename="calibration-round")
router.register("action-plan-items", ActionPlanItemViewSet, basename="action-plan-item")
router.register("surveys", SurveyViewSet, basename="survey")
router.register("waves", WaveViewSet, basename="wave")
router.register("courses", CourseViewSet, basename="course")
router.register("cohorts", CohortViewSet, basename="cohort")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("progress", ProgressViewSet, basename="progress")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("mentors", MentorViewSet, basename="mentor")
router.register("matches", MatchViewSet, basename="match")
router.register("mentoring-sessions", SessionViewSet, basename="mentoring-session")
router.register("concerns", ConcernViewSet, basename="concern")
router.register("circles", CircleViewSet, basename="circle")
router.register("circle-meetings", CircleMeetingViewSet, basename="circle-meeting")
router.register("vetting-checks", VettingCheckViewSet, basename="vetting-check")
router.register("mentees", MenteeViewSet, basename="mentee")
router.register("goals", GoalViewSet, basename="goal")
router.register("supervisions", SupervisionViewSet, basename="supervision")
router.register("practices", PracticeViewSet, basename="practice")
router.register("lessons-learned", LessonLearnedViewSet, basename="lesson-learned")
router.register("studies", StudyViewSet, basename="study")

app_name = "api"
urlpatterns = [
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("docs/", PublicDocsView.as_view(url_name="api:schema"), name="docs"),
    path("events/<int:pk>/agenda.ics", AgendaIcsView.as_view(), name="event-agenda-ics"),
    path("certificates/verify/<str:code>/", CertificateVerifyView.as_view(), name="certificate-verify"),
    path("courses/<int:pk>/package/", CoursePackageView.as_view(), name="course-package"),
    path("courses/import/", CourseImportView.as_view(), name="course-import"),
    path("", include(router.urls)),
    re_path(r"^", UnknownPathView.as_view(), name="unknown"),
]
