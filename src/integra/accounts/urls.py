from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/profile/", views.ProfileView.as_view(), name="profile"),
    path("account/tokens/", views.TokensView.as_view(), name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
