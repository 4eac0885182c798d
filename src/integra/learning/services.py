"""Issuing, revoking and rendering certificates (used by events now, by courses and trainers later)."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import audit
from integra.core.errors import invalid

from .models import Certificate


def certificate_issue(*, issued_by, holder, kind: str, title: str, awarded_on, source: str,
                      detail: str = "") -> Certificate:
    """Issue once per source: issuing again returns the valid certificate already there. The caller has
    checked the right to issue (e.g. the event's organiser)."""
    existing = Certificate.objects.filter(source=source, revoked_at__isnull=True).first()
    if existing:
        return existing
    with transaction.atomic():
        certificate = Certificate.objects.create(kind=kind, holder=holder, holder_name=holder.get_full_name(),
                                                 title=title, detail=detail, awarded_on=awarded_on, source=source,
                                                 issued_by=issued_by)
        audit.record(action="learning.certificate.issued", actor=issued_by, obj=certificate,
                     data={"holder": holder.pk, "source": source, "code": certificate.code})
    return certificate


def certificate_revoke(*, revoked_by, certificate: Certificate, reason: str) -> Certificate:
    if not reason.strip():
        raise invalid(_("Give the reason for revoking."), field="reason")
    if certificate.revoked_at:
        raise invalid(_("This certificate was already revoked."))
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(action="learning.certificate.revoked", actor=revoked_by, obj=certificate,
                     data={"reason": reason})
    return certificate


def certificate_verify(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code.strip().upper()).first()


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    from weasyprint import HTML  # needs the system's Pango; imported only when a PDF is made

    html = render_to_string("learning/certificate_pdf.html", {"certificate": certificate, "verify_url": verify_url})
    return HTML(string=html).write_pdf()
