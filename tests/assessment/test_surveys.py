"""Training-needs surveys: anonymous answers, nothing shown below the minimum group size, gaps per competence."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from integra.assessment import selectors, services
from integra.assessment.models import SurveyReceipt, SurveyResponse
from integra.core.roles import Role
from tests.conftest import make_user, signed_in

from .conftest import load_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("training_needs.json"))
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


@pytest.fixture
def survey(org, org_admin, survey_instrument):
    return services.survey_open(actor=org_admin, organisation=org, instrument=survey_instrument, title="Wave 1")


def _staff(org, n, start=0):
    return [make_user(f"staff{i}@org.example", org=org, roles=[Role.FRONTLINE]) for i in range(start, start + n)]


def test_anonymous_and_once(survey, org):
    person = _staff(org, 1)[0]
    services.survey_respond(actor=person, survey=survey, audience="prison", answers={"online": "2"})
    response = SurveyResponse.objects.get()
    assert not any(f.name == "user" for f in response._meta.fields)  # the answer names no one
    assert SurveyReceipt.objects.get().user == person
    with pytest.raises(ValidationError, match="already"):
        services.survey_respond(actor=person, survey=survey, audience="prison", answers={"online": "3"})
    with pytest.raises(ValidationError, match="scale"):
        services.survey_respond(actor=_staff(org, 1, start=1)[0], survey=survey, audience="prison",
                                answers={"online": "9"})


def test_nothing_below_minimum_then_gaps(survey, org, org_admin):
    people = _staff(org, 6)
    for person in people[:4]:
        services.survey_respond(actor=person, survey=survey, audience="prison", answers={"online": "1"})
    results = selectors.survey_results(actor=org_admin, survey=survey)
    assert results["n"] == 4 and not results["shown"] and results["rows"] == []
    services.survey_respond(actor=people[4], survey=survey, audience="probation", answers={"online": "5"})
    results = selectors.survey_results(actor=org_admin, survey=survey)
    online = next(r for r in results["rows"] if r["name"] == "online")
    # scores 1,1,1,1,5: mean 1.8 on a 1–5 scale → gap 100 × (5 − 1.8) / 4 = 80
    assert results["shown"] and online["gap"] == 80 and online["competence"] == "C13"
    assert results["groups"] == [] and results["hidden_groups"] == 2  # no group reaches 5 on its own


def test_results_only_for_result_readers(survey, org):
    person = _staff(org, 1)[0]
    page = signed_in(person).get(reverse("assessment:survey", args=[survey.pk]))
    assert page.status_code == 200 and page.context["results"] is None and page.context["form"] is not None
    with pytest.raises(PermissionDenied):
        services.survey_open(actor=person, organisation=org, instrument=survey.instrument_version.instrument,
                             title="x")


def test_pages(survey, org, org_admin, outsider):
    person = _staff(org, 1)[0]
    client = signed_in(person)
    assert client.post(reverse("assessment:survey_respond", args=[survey.pk]),
                       {"audience": "nobody"}).status_code == 400
    assert client.post(reverse("assessment:survey_respond", args=[survey.pk]),
                       {"audience": "prison", "value__online": "2"}).status_code == 302
    assert signed_in(outsider).get(reverse("assessment:survey", args=[survey.pk])).status_code == 404
    assert signed_in(org_admin).get(reverse("assessment:surveys")).status_code == 200
    assert signed_in(org_admin).post(reverse("assessment:survey_close", args=[survey.pk]),
                                     {"version": survey.version}).status_code == 302


def test_waves_compared(survey, org, org_admin, survey_instrument):
    people = _staff(org, 10)
    for person in people[:5]:
        services.survey_respond(actor=person, survey=survey, audience="prison", answers={"online": "1"})
    services.survey_close(actor=org_admin, survey=survey, expected_version=survey.version)
    second = services.survey_open(actor=org_admin, organisation=org, instrument=survey_instrument, title="Wave 2")
    for person in people[5:]:
        services.survey_respond(actor=person, survey=second, audience="prison", answers={"online": "3"})
    results = selectors.survey_results(actor=org_admin, survey=second)
    online = next(r for r in results["rows"] if r["name"] == "online")
    assert (online["gap"], online["previous_gap"]) == (50, 100)  # the gap halved between the waves
    page = signed_in(org_admin).get(reverse("assessment:survey", args=[second.pk])).content.decode()
    assert "Previous wave" in page and "Wave 1" in page
