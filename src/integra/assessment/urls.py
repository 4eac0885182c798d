from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("assessment/", views.HomeView.as_view(), name="home"),
    path("assessment/units/start/", views.UnitStartView.as_view(), name="unit_start"),
    path("assessment/instruments/", views.InstrumentListView.as_view(), name="instruments"),
    path("assessment/instruments/import/", views.ImportView.as_view(), name="import"),
    path("assessment/instruments/import/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("assessment/instruments/<int:pk>/", views.InstrumentView.as_view(), name="instrument"),
    path("assessment/instruments/<int:pk>/settings/", views.InstrumentConfigureView.as_view(), name="configure"),
    path("assessment/instruments/<int:pk>/licences/", views.LicenceGrantView.as_view(), name="licence_grant"),
    path("assessment/instruments/<int:pk>/assessments.csv", views.InstrumentAssessmentsExportView.as_view(),
         name="export_csv"),
    path("assessment/instruments/<int:pk>/dictionary.csv", views.DataDictionaryView.as_view(), name="dictionary"),
    path("assessment/versions/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("assessment/versions/<int:pk>/publish/", views.VersionPublishView.as_view(), name="publish"),
    path("assessment/versions/<int:pk>/export.<str:fmt>", views.VersionExportView.as_view(), name="version_export"),
    path("assessment/records/<int:pk>/", views.RecordAssessmentsView.as_view(), name="record"),
    path("assessment/records/<int:pk>/start/", views.AssessmentStartView.as_view(), name="start"),
    path("assessment/<int:pk>/", views.AssessmentView.as_view(), name="assessment"),
    path("assessment/<int:pk>/save/", views.AssessmentSaveView.as_view(), name="save"),
    path("assessment/<int:pk>/submit/", views.AssessmentSubmitView.as_view(), name="submit"),
    path("assessment/<int:pk>/countersign/", views.AssessmentCountersignView.as_view(), name="countersign"),
    path("assessment/<int:pk>/finalise/", views.AssessmentFinaliseView.as_view(), name="finalise"),
    path("assessment/<int:pk>/report.pdf", views.AssessmentReportView.as_view(), name="report"),
    path("assessment/surveys/", views.SurveyListView.as_view(), name="surveys"),
    path("assessment/surveys/open/", views.SurveyOpenView.as_view(), name="survey_open"),
    path("assessment/surveys/<int:pk>/", views.SurveyView.as_view(), name="survey"),
    path("assessment/surveys/<int:pk>/answer/", views.SurveyRespondView.as_view(), name="survey_respond"),
    path("assessment/surveys/<int:pk>/close/", views.SurveyCloseView.as_view(), name="survey_close"),
]
