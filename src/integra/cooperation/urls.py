from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("cases/", views.CaseloadView.as_view(), name="caseload"),
    path("cases/new/", views.RecordOpenView.as_view(), name="record_open"),
    path("cases/find/", views.FindRecordView.as_view(), name="find"),
    path("cases/overview/", views.OverviewView.as_view(), name="overview"),
    path("cases/data-protection/", views.DataProtectionView.as_view(), name="data_protection"),
    path("cases/<int:pk>/", views.RecordView.as_view(), name="record"),
    path("cases/<int:pk>/edit/", views.RecordEditView.as_view(), name="record_edit"),
    path("cases/<int:pk>/phase/", views.PhaseView.as_view(), name="phase"),
    path("cases/<int:pk>/identity/", views.IdentityView.as_view(), name="identity"),
    path("cases/<int:pk>/sections/<str:section>/", views.SectionView.as_view(), name="section"),
    path("cases/<int:pk>/team/", views.TeamView.as_view(), name="team"),
    path("cases/<int:pk>/team/<int:member_pk>/remove/", views.TeamRemoveView.as_view(), name="team_remove"),
    path("cases/<int:pk>/sharing/", views.SharingView.as_view(), name="sharing"),
    path("cases/<int:pk>/sharing/<int:basis_pk>/withdraw/", views.BasisWithdrawView.as_view(), name="basis_withdraw"),
    path("cases/<int:pk>/refer/", views.ReferralCreateView.as_view(), name="refer"),
    path("cases/<int:pk>/conferences/new/", views.ConferenceCreateView.as_view(), name="conference_new"),
    path("cases/<int:pk>/actions/new/", views.ActionCreateView.as_view(), name="action_new"),
    path("cases/<int:pk>/flags/", views.FlagView.as_view(), name="flag_add"),
    path("cases/<int:pk>/flags/<int:flag_pk>/remove/", views.FlagView.as_view(), name="flag_remove"),
    path("cases/<int:pk>/timeline/", views.TimelineView.as_view(), name="timeline"),
    path("cases/<int:pk>/access-log/", views.AccessLogView.as_view(), name="access_log"),
    path("cases/<int:pk>/export.<str:fmt>", views.ExportView.as_view(), name="export"),
    path("cases/<int:pk>/rights/", views.RightsView.as_view(), name="rights"),
    path("cases/<int:pk>/emergency/", views.EmergencyAccessView.as_view(), name="emergency"),
    path("documents/<int:pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path("referrals/", views.ReferralListView.as_view(), name="referrals"),
    path("referrals/<int:pk>/", views.ReferralView.as_view(), name="referral"),
    path("conferences/<int:pk>/", views.ConferenceView.as_view(), name="conference"),
    path("actions/", views.MyActionsView.as_view(), name="actions"),
    path("actions/<int:pk>/", views.ActionUpdateView.as_view(), name="action_update"),
    path("sharing-agreements/", views.AgreementListView.as_view(), name="agreements"),
    path("sharing-agreements/new/", views.AgreementCreateView.as_view(), name="agreement_new"),
    path("sharing-agreements/<int:pk>/", views.AgreementView.as_view(), name="agreement"),
]
