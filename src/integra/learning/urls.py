from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("certificates/", views.MyCertificatesView.as_view(), name="my_certificates"),
    path("certificates/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify_code"),
]
