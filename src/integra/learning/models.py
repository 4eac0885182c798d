"""Certificates: one mechanism for course completions, trainer certification and event attendance.

(The courses, cohorts and competences of the learning programme will live here too.)"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


class Certificate(models.Model):
    class Kind(models.TextChoices):
        EVENT_ATTENDANCE = "event_attendance", _("Certificate of attendance")
        COURSE_COMPLETION = "course_completion", _("Course completion")
        CERTIFIED_TRAINER = "certified_trainer", _("Certified trainer")

    code = models.CharField(_("verification code"), max_length=14, unique=True, default=new_verification_code,
                            editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    holder_name = models.CharField(_("holder's name"), max_length=200)
    title = models.CharField(_("for"), max_length=300, help_text=_("The event or course the certificate is for."))
    detail = models.CharField(max_length=300, blank=True)
    awarded_on = models.DateField(_("date"))
    source = models.CharField(max_length=100, help_text="What it was issued for, e.g. events.registration:12.")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["source"], condition=models.Q(revoked_at__isnull=True),
                                               name="one_valid_certificate_per_source")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
