"""Group and organisation levels: aggregated (no named person), repeated waves compared."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from integra.assessment import selectors, services
from integra.assessment.models import BiasCheck
from integra.core.roles import Role
from tests.conftest import make_user, signed_in

from .conftest import load_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def wing_instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("group.json"))
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


def _wave(author, other, org, instrument, rating):
    a = services.assessment_start_unit(actor=author, organisation=org, instrument=instrument, subject="Wing B")
    services.assessment_save(
        actor=author, assessment=a, expected_version=a.version,
        answers={n: {"value": rating, "sources": ["observation", "interview"]}
                 for n in ("pressure", "recruitment_signs", "tension", "staff_contact", "activities")},
        judgement="moderate", significant_items=["tension"], rationale="r", evidence_against="e", limitations="l",
        bias_checks=BiasCheck.values)
    services.assessment_submit(actor=author, assessment=a, expected_version=a.version)
    services.assessment_countersign(actor=other, assessment=a, expected_version=a.version)
    services.assessment_finalise(actor=author, assessment=a, expected_version=a.version)
    return a


def test_waves_of_a_wing(org, wing_instrument, outsider):
    author = make_user("officer1@org.example", org=org, roles=[Role.FRONTLINE])
    other = make_user("officer2@org.example", org=org, roles=[Role.FRONTLINE])
    first = _wave(author, other, org, wing_instrument, "high")
    second = _wave(author, other, org, wing_instrument, "low")
    assert second.previous == first and second.record is None
    waves = selectors.trajectory(actor=author, instrument=wing_instrument, unit=second)
    dynamics = next(s for s in waves["series"] if s["name"] == "dynamics")
    assert dynamics["values"] == [100, 0]
    page = signed_in(author).get(reverse("assessment:assessment", args=[second.pk]))
    assert page.status_code == 200 and "no person is named" in page.content.decode()
    assert signed_in(outsider).get(reverse("assessment:assessment", args=[second.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.assessment_start_unit(actor=outsider, organisation=org, instrument=wing_instrument, subject="x")
    with pytest.raises(ValidationError, match="Name the unit"):
        services.assessment_start_unit(actor=author, organisation=org, instrument=wing_instrument, subject=" ")


def test_start_page(org, wing_instrument):
    author = make_user("officer1@org.example", org=org, roles=[Role.FRONTLINE])
    client = signed_in(author)
    assert "Assess a group or the organisation" in client.get(reverse("assessment:home")).content.decode()
    response = client.post(reverse("assessment:unit_start"), {"organisation": org.pk,
                                                              "instrument": wing_instrument.pk, "subject": ""})
    assert response.status_code == 400
    response = client.post(reverse("assessment:unit_start"), {"organisation": org.pk,
                                                              "instrument": wing_instrument.pk, "subject": "Wing C"})
    assert response.status_code == 302
