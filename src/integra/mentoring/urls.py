from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("mentoring/apply/", views.ApplyView.as_view(), name="apply"),
    path("mentoring/", views.HomeView.as_view(), name="home"),
    path("mentoring/mentors/", views.PoolView.as_view(), name="pool"),
    path("mentoring/mentors.csv", views.PoolCsvView.as_view(), name="pool_csv"),
    path("mentoring/mentors/<int:pk>/", views.MentorView.as_view(), name="mentor"),
    path("mentoring/mentors/<int:pk>/checks/new/", views.CheckEnterView.as_view(), name="check_enter"),
    path("mentoring/mentors/<int:pk>/stage/", views.StageView.as_view(), name="stage"),
    path("mentoring/mentors/<int:pk>/sign/", views.SignView.as_view(), name="sign"),
    path("mentoring/mentors/<int:pk>/former/", views.FormerDecisionView.as_view(), name="former"),
    path("mentoring/mentors/<int:pk>/supervision/", views.SupervisionView.as_view(), name="supervision"),
    path("mentoring/checks/<int:pk>/verify/", views.CheckVerifyView.as_view(), name="check_verify"),
    path("mentoring/checks/<int:pk>/document/", views.CheckDocumentView.as_view(), name="check_document"),
    path("mentoring/mentees/", views.MenteesView.as_view(), name="mentees"),
    path("mentoring/referrals/<int:pk>/accept/", views.AcceptReferralView.as_view(), name="accept_referral"),
    path("mentoring/mentees/<int:pk>/", views.MenteeView.as_view(), name="mentee"),
    path("mentoring/mentees/<int:pk>/constraints/", views.ConstraintAddView.as_view(), name="constraint_add"),
    path("mentoring/mentees/<int:pk>/family/", views.FamilyAddView.as_view(), name="family_add"),
    path("mentoring/mentees/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("mentoring/matches/<int:pk>/", views.MatchView.as_view(), name="match"),
    path("mentoring/matches/<int:pk>/sessions/new/", views.SessionLogView.as_view(), name="session_log"),
    path("mentoring/matches/<int:pk>/goals/", views.GoalAddView.as_view(), name="goal_add"),
    path("mentoring/matches/<int:pk>/end/", views.MatchEndView.as_view(), name="match_end"),
    path("mentoring/matches/<int:pk>/exit-survey/", views.ExitSurveyView.as_view(), name="exit_survey"),
    path("mentoring/matches/<int:pk>/concern/", views.ConcernRaiseView.as_view(), name="concern_raise"),
    path("mentoring/matches/<int:pk>/agreement/", views.AgreementDraftView.as_view(), name="agreement_draft"),
    path("mentoring/agreements/<int:pk>/sign/", views.AgreementSignView.as_view(), name="agreement_sign"),
    path("mentoring/goals/<int:pk>/", views.GoalUpdateView.as_view(), name="goal_update"),
    path("mentoring/concerns/", views.ConcernListView.as_view(), name="concerns"),
    path("mentoring/concerns/<int:pk>/", views.ConcernView.as_view(), name="concern"),
    path("mentoring/concerns/<int:pk>/acknowledge/", views.ConcernAcknowledgeView.as_view(),
         name="concern_acknowledge"),
    path("mentoring/concerns/<int:pk>/close/", views.ConcernCloseView.as_view(), name="concern_close"),
]
