from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events/new/", views.EventCreateView.as_view(), name="create"),
    path("events/<int:pk>/", views.EventView.as_view(), name="event"),
    path("events/<int:pk>/public/", views.PublicEventView.as_view(), name="public"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="edit"),
    path("events/<int:pk>/register/", views.RegisterView.as_view(), name="register"),
    path("events/<int:pk>/agenda/", views.AgendaView.as_view(), name="agenda"),
    path("events/<int:pk>/agenda.ics", views.AgendaIcsView.as_view(), name="agenda_ics"),
    path("events/<int:pk>/agenda.json", views.AgendaJsonView.as_view(), name="agenda_json"),
    path("events/<int:pk>/my-agenda.ics", views.MyAgendaIcsView.as_view(), name="my_agenda_ics"),
    path("events/<int:pk>/groups/", views.GroupChoiceView.as_view(), name="groups"),
    path("events/<int:pk>/agenda/edit/", views.AgendaEditView.as_view(), name="agenda_edit"),
    path("events/<int:pk>/agenda/slots/<int:slot_pk>/", views.SlotEditView.as_view(), name="slot_edit"),
    path("events/<int:pk>/agenda/slots/<int:slot_pk>/delete/", views.SlotDeleteView.as_view(), name="slot_delete"),
    path("events/<int:pk>/agenda/rooms/", views.RoomAddView.as_view(), name="room_add"),
    path("events/<int:pk>/agenda/speakers/", views.SpeakerAddView.as_view(), name="speaker_add"),
    path("events/<int:pk>/quotas/", views.QuotasView.as_view(), name="quotas"),
    path("events/<int:pk>/registrations/", views.RegistrationsView.as_view(), name="registrations"),
    path("events/<int:pk>/attendance/<int:slot_pk>/", views.AttendanceView.as_view(), name="attendance"),
    path("events/<int:pk>/sign-in-sheet/<str:day>/", views.SignInSheetView.as_view(), name="sign_in_sheet"),
    path("events/<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("events/<int:pk>/results/", views.EvaluationResultsView.as_view(), name="results"),
    path("events/<int:pk>/results/questions/", views.QuestionAddView.as_view(), name="question_add"),
    path("events/<int:pk>/results/questions/<int:question_pk>/delete/", views.QuestionDeleteView.as_view(),
         name="question_delete"),
    path("events/<int:pk>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    path("registrations/<int:pk>/approve/", views.RegistrationApproveView.as_view(), name="registration_approve"),
    path("registrations/<int:pk>/decline/", views.RegistrationDeclineView.as_view(), name="registration_decline"),
    path("registrations/<int:pk>/cancel/", views.RegistrationCancelView.as_view(), name="registration_cancel"),
]
