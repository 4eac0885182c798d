from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("organisations/<int:pk>/active/", views.OrganisationActiveView.as_view(), name="organisation_active"),
    path("organisations/<int:pk>/people/", views.MembersView.as_view(), name="members"),
    path("organisations/<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("invitations/<int:pk>/revoke/", views.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("memberships/<int:pk>/", views.MembershipEditView.as_view(), name="membership_edit"),
    path("memberships/<int:pk>/active/", views.MembershipActiveView.as_view(), name="membership_active"),
    path("audit/", views.AuditView.as_view(), name="audit"),
    path("audit/export.csv", views.AuditExportView.as_view(), name="audit_export"),
    path("audit/checkpoints/", views.AuditCheckpointsView.as_view(), name="audit_checkpoints"),
    path("notifications/", views.NotificationsView.as_view(), name="notifications"),
    path("notifications/read/", views.NotificationReadView.as_view(), name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification_read"),
]
