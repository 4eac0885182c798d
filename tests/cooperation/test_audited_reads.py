"""Pages that show a section's content audit the read, as the record page does."""

import pytest
from django.urls import reverse

from integra.cooperation import services
from integra.core.models import AuditEvent
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_referral_page_audits_the_read_of_its_reason(record, agreement, consent, prison_cm, probation_cm,
                                                        probation):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="Support")
    before = AuditEvent.objects.filter(action="cooperation.referral.viewed").count()
    response = signed_in(probation_cm).get(reverse("cooperation:referral", args=[referral.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="cooperation.referral.viewed").order_by("-seq").first()
    assert AuditEvent.objects.filter(action="cooperation.referral.viewed").count() == before + 1
    assert event.actor_id == probation_cm.pk and event.object_id == str(referral.pk)
    assert event.object_type == "cooperation.referral" and event.purpose == "referral"


def test_the_section_page_audits_its_read(record, prison_cm):
    """Already audited before this round: kept so that it stays so."""
    before = AuditEvent.objects.count()
    assert signed_in(prison_cm).get(reverse("cooperation:section", args=[record.pk, "casework"])).status_code == 200
    assert AuditEvent.objects.count() > before
    assert AuditEvent.objects.order_by("-seq").first().data.get("section") == "casework"
