from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.HomeView.as_view(), name="home"),
    path("learning/courses/", views.CatalogueView.as_view(), name="catalogue"),
    path("learning/courses/<int:pk>/", views.CourseView.as_view(), name="course"),
    path("learning/courses/<int:pk>/enrol/", views.CourseEnrolView.as_view(), name="course_enrol"),
    path("learning/courses/<int:pk>/evaluation/", views.CourseEvaluationView.as_view(), name="course_evaluation"),
    path("learning/lessons/<int:pk>/", views.LessonView.as_view(), name="lesson"),
    path("learning/lessons/<int:pk>/complete/", views.LessonCompleteView.as_view(), name="lesson_complete"),
    path("learning/lessons/<int:pk>/reflection/", views.LessonReflectionView.as_view(), name="lesson_reflection"),
    path("learning/lessons/<int:pk>/scenario/", views.LessonScenarioView.as_view(), name="lesson_scenario"),
    path("learning/lessons/<int:pk>/feedback/", views.LessonFeedbackView.as_view(), name="lesson_feedback"),
    path("learning/quizzes/<int:pk>/", views.QuizView.as_view(), name="quiz"),
    path("learning/quizzes/<int:pk>/start/", views.QuizStartView.as_view(), name="quiz_start"),
    path("learning/quizzes/<int:pk>/submit/", views.QuizSubmitView.as_view(), name="quiz_submit"),
    path("learning/blueprint/", views.BlueprintView.as_view(), name="blueprint"),
    path("learning/design/", views.DesignHomeView.as_view(), name="design"),
    path("learning/design/courses/<int:pk>/", views.DesignCourseView.as_view(), name="design_course"),
    path("learning/design/courses/<int:pk>/pilot/", views.PilotReportView.as_view(), name="pilot_report"),
    path("learning/design/lessons/<int:pk>/", views.DesignLessonView.as_view(), name="design_lesson"),
    path("learning/design/quizzes/<int:pk>/analysis/", views.ItemAnalysisView.as_view(), name="item_analysis"),
    path("learning/cohorts/", views.CohortListView.as_view(), name="cohorts"),
    path("learning/cohorts/<int:pk>/", views.CohortView.as_view(), name="cohort"),
    path("learning/cohorts/<int:pk>/enrol/", views.CohortEnrolView.as_view(), name="cohort_enrol"),
    path("learning/cohorts/<int:pk>/move-in/", views.CohortMoveInView.as_view(), name="cohort_move_in"),
    path("learning/cohorts/<int:pk>/csv/preview/", views.CohortCsvPreviewView.as_view(), name="cohort_csv_preview"),
    path("learning/cohorts/<int:pk>/csv/enrol/", views.CohortCsvEnrolView.as_view(), name="cohort_csv_enrol"),
    path("learning/cohorts/<int:pk>/message/", views.CohortMessageView.as_view(), name="cohort_message"),
    path("learning/trainer/", views.TrainerPathwayView.as_view(), name="trainer"),
    path("learning/trainer/observations/<int:pk>/sign-off/", views.ObservationSignOffView.as_view(),
         name="observation_sign_off"),
    path("learning/settings/", views.LearningSettingsView.as_view(), name="settings"),
    path("learning/settings/<int:organisation>/", views.LearningSettingsSaveView.as_view(), name="settings_save"),
    path("certificates/", views.MyCertificatesView.as_view(), name="my_certificates"),
    path("certificates/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("certificates/revoke/", views.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify_code"),
]
