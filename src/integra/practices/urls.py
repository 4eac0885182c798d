from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.SearchView.as_view(), name="search"),
    path("practices/mine/", views.MyPracticesView.as_view(), name="mine"),
    path("practices/new/", views.PracticeCreateView.as_view(), name="create"),
    path("practices/contacts/", views.ContactsView.as_view(), name="contacts"),
    path("practices/<int:pk>/", views.PublicPracticeView.as_view(), name="public"),
    path("practices/<int:pk>/manage/", views.PracticeView.as_view(), name="practice"),
    path("practices/<int:pk>/edit/", views.PracticeEditView.as_view(), name="edit"),
    path("practices/<int:pk>/history/", views.HistoryView.as_view(), name="history"),
    path("practices/<int:pk>/submit/", views.PracticeSubmitView.as_view(), name="submit"),
    path("practices/<int:pk>/publish/", views.PracticePublishView.as_view(), name="publish"),
    path("practices/<int:pk>/archive/", views.PracticeArchiveView.as_view(), name="archive"),
    path("practices/<int:pk>/reviewer/", views.ReviewerProposeView.as_view(), name="propose_reviewer"),
    path("practices/<int:pk>/contact/", views.ContactView.as_view(), name="contact"),
    path("reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("reviews/<int:pk>/accept/", views.ReviewAcceptView.as_view(), name="review_accept"),
    path("reviews/<int:pk>/decline/", views.ReviewDeclineView.as_view(), name="review_decline"),
    path("lessons/", views.LessonListView.as_view(), name="lessons"),
    path("lessons/<int:pk>/", views.LessonView.as_view(), name="lesson"),
    path("publications/", views.PublicationListView.as_view(), name="publications"),
    path("publications/<slug:slug>/", views.PublicationView.as_view(), name="publication"),
    path("publications/<slug:slug>/pdf/", views.PublicationPdfView.as_view(), name="publication_pdf"),
    path("studies/", views.StudyListView.as_view(), name="studies"),
    path("studies/<int:pk>/", views.StudyView.as_view(), name="study"),
    path("studies/<int:pk>/codes/", views.CodeAddView.as_view(), name="code_add"),
    path("studies/<int:pk>/frequencies/", views.FrequencyView.as_view(), name="frequencies"),
    path("studies/<int:pk>/agreement/", views.AgreementView.as_view(), name="agreement"),
    path("studies/<int:pk>/backup.json", views.StudyBackupView.as_view(), name="backup"),
    path("studies/<int:pk>/project.qdpx", views.QdpxExportView.as_view(), name="qdpx"),
    path("studies/<int:pk>/codings.csv", views.CodingsExportView.as_view(), name="codings_csv"),
    path("studies/<int:pk>/sessions/<int:session_pk>/", views.SessionView.as_view(), name="session"),
    path("studies/<int:pk>/sessions/<int:session_pk>/codings/", views.CodingAddView.as_view(), name="coding_add"),
    path("studies/<int:pk>/sessions/<int:session_pk>/transcript/", views.TranscriptEditView.as_view(),
         name="transcript"),
    path("studies/<int:pk>/sessions/<int:session_pk>/original/", views.RawTranscriptView.as_view(), name="raw"),
    path("studies/<int:pk>/pseudonyms/", views.PseudonymKeyView.as_view(), name="pseudonyms"),
]
