from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.viewmixins import PublicView, SignedInView

from . import services
from .models import Certificate


class VerifyView(PublicView):
    """Public verification: only validity, the holder's name, what it is for and the date."""

    def get(self, request, code=None):
        code = code or request.GET.get("code", "")
        certificate = services.certificate_verify(code) if code else None
        status = 404 if code and certificate is None else 200
        return render(request, "learning/verify.html", {"certificate": certificate, "code": code}, status=status)


class MyCertificatesView(SignedInView):
    def get(self, request):
        return render(request, "learning/my_certificates.html",
                      {"certificates": access.visible(request.user, Certificate).order_by("-issued_at")})


class CertificatePdfView(SignedInView):
    def get(self, request, pk):
        certificate = access.access(request.user, Certificate, pk)
        verify_url = request.build_absolute_uri(reverse("learning:verify_code", args=[certificate.code]))
        try:
            pdf = services.certificate_pdf(certificate=certificate, verify_url=verify_url)
        except Exception:  # the PDF renderer failing must not lose the certificate or break the page
            messages.error(request, _("The PDF could not be produced right now; please try again later."))
            return redirect("learning:my_certificates")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
        return response
