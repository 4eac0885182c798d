from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.HomeView.as_view(), name="home"),
    path("learning/courses/", views.CatalogueView.as_view(), name="catalogue"),
    path("learning/courses/<int:pk>/", views.CourseView.as_view(), name="course"),
    path("learning/lessons/<int:pk>/", views.LessonView.as_view(), name="lesson"),
    path("learning/quizzes/<int:pk>/", views.QuizView.as_view(), name="quiz"),
    path("learning/blueprint/", views.BlueprintView.as_view(), name="blueprint"),
    path("learning/blueprint/areas/", views.CompetenceAreaCreateView.as_view(), name="blueprint_area_create"),
    path("learning/blueprint/competences/", views.CompetenceCreateView.as_view(), name="blueprint_competence_create"),
    path("learning/blueprint/outcomes/", views.OutcomeCreateView.as_view(), name="blueprint_outcome_create"),
    path("learning/blueprint/questions/", views.QuestionCreateView.as_view(), name="blueprint_question_create"),
    path("learning/design/", views.DesignHomeView.as_view(), name="design"),
    path("learning/design/import/", views.PackagePreviewView.as_view(), name="design_import"),
    path("learning/design/import/confirm/", views.PackageImportView.as_view(), name="design_import_confirm"),
    path("learning/design/courses/<int:pk>/", views.DesignCourseView.as_view(), name="design_course"),
    path("learning/design/courses/<int:pk>/modules/", views.ModuleCreateView.as_view(), name="design_module_create"),
    path("learning/design/courses/<int:pk>/lessons/", views.LessonCreateView.as_view(), name="design_lesson_create"),
    path("learning/design/courses/<int:pk>/quizzes/", views.QuizCreateView.as_view(), name="design_quiz_create"),
    path("learning/design/courses/<int:pk>/publish/", views.CoursePublishView.as_view(), name="design_course_publish"),
    path("learning/design/courses/<int:pk>/package/", views.CoursePackageView.as_view(), name="design_course_package"),
    path("learning/design/courses/<int:pk>/pilot/", views.PilotReportView.as_view(), name="pilot_report"),
    path("learning/design/lessons/<int:pk>/", views.DesignLessonView.as_view(), name="design_lesson"),
    path("learning/design/quizzes/<int:pk>/analysis/", views.ItemAnalysisView.as_view(), name="item_analysis"),
    path("learning/cohorts/", views.CohortListView.as_view(), name="cohorts"),
    path("learning/cohorts/<int:pk>/", views.CohortView.as_view(), name="cohort"),
    path("learning/trainer/", views.TrainerPathwayView.as_view(), name="trainer"),
    path("learning/settings/", views.LearningSettingsView.as_view(), name="settings"),
    path("certificates/", views.MyCertificatesView.as_view(), name="my_certificates"),
    path("certificates/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("certificates/revoke/", views.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify_code"),
]
