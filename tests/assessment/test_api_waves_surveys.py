"""API for training-needs surveys and group/organisation waves: the pages' policy (allowed and denied), bad input,
stale edits, nothing below the minimum group size, flat query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.assessment import services
from integra.assessment.models import SurveyResponse
from integra.core.roles import Role
from tests.conftest import api_client, make_user

from .conftest import load_definition
from .test_units import _wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("training_needs.json"))
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


@pytest.fixture
def wing_instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("group.json"))
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


def staff(org, n, start=0):
    return [make_user(f"staff{i}@org.example", org=org, roles=[Role.FRONTLINE]) for i in range(start, start + n)]


def test_survey_api(org, org_admin, survey_instrument, outsider, member):
    body = {"organisation": org.pk, "instrument": survey_instrument.pk, "title": "API wave"}
    assert api_client(member).post("/api/v1/surveys/", body, format="json").status_code == 403
    assert api_client(org_admin).post("/api/v1/surveys/", {**body, "min_group": 2},
                                      format="json").status_code == 400
    created = api_client(org_admin).post("/api/v1/surveys/", body, format="json")
    assert created.status_code == 201, created.content
    pk, version = created.json()["id"], created.json()["version"]
    assert api_client(outsider).get(f"/api/v1/surveys/{pk}/").status_code == 404
    people = staff(org, 5)
    assert api_client(people[0]).post(f"/api/v1/surveys/{pk}/answer/", {"audience": "prison",
                                                                      "answers": {"online": "9"}},
                                      format="json").status_code == 400
    assert api_client(people[0]).post(f"/api/v1/surveys/{pk}/answer/", {"audience": "nobody",
                                                                      "answers": {"online": "2"}},
                                      format="json").status_code == 400
    for index, person in enumerate(people[:4]):
        response = api_client(person).post(f"/api/v1/surveys/{pk}/answer/",
                                           {"audience": "prison", "answers": {"online": str(1 + index % 3)}},
                                           format="json")
        assert response.status_code == 204, response.content
    assert api_client(people[0]).post(f"/api/v1/surveys/{pk}/answer/", {"audience": "prison",
                                                                      "answers": {"online": "2"}},
                                      format="json").status_code == 400  # once only
    assert api_client(people[0]).get(f"/api/v1/surveys/{pk}/results/").status_code == 403  # not a result reader
    results = api_client(org_admin).get(f"/api/v1/surveys/{pk}/results/").json()
    assert results["n"] == 4 and results["shown"] is False and results["rows"] == []  # below 5: no figure
    api_client(people[4]).post(f"/api/v1/surveys/{pk}/answer/", {"audience": "prison", "answers": {"online": "5"}},
                               format="json")
    results = api_client(org_admin).get(f"/api/v1/surveys/{pk}/results/").json()
    assert results["shown"] is True
    assert next(r for r in results["rows"] if r["item"] == "online")["answered"] == 5
    assert SurveyResponse.objects.count() == 5
    assert api_client(member).post(f"/api/v1/surveys/{pk}/close/", {"version": version},
                                   format="json").status_code == 403
    assert api_client(org_admin).post(f"/api/v1/surveys/{pk}/close/", {"version": version + 1},
                                      format="json").status_code == 409
    closed = api_client(org_admin).post(f"/api/v1/surveys/{pk}/close/", {"version": version}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_survey_list_query_count_flat(org, org_admin, survey_instrument):
    services.survey_open(actor=org_admin, organisation=org, instrument=survey_instrument, title="W0")
    client = api_client(org_admin)
    client.get("/api/v1/surveys/")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/surveys/")
    for i in range(3):
        services.survey_open(actor=org_admin, organisation=org, instrument=survey_instrument, title=f"W{i + 1}")
    with CaptureQueriesContext(connection) as later:
        assert len(client.get("/api/v1/surveys/").json()["results"]) == 4
    assert len(later) == len(first)


def test_wave_api(org, wing_instrument, outsider, org_admin):
    author = make_user("officer1@org.example", org=org, roles=[Role.FRONTLINE])
    other = make_user("officer2@org.example", org=org, roles=[Role.FRONTLINE])
    body = {"organisation": org.pk, "instrument": wing_instrument.pk, "subject": "Wing B"}
    assert api_client(org_admin).post("/api/v1/waves/", body, format="json").status_code == 403  # not an assessor
    assert api_client(author).post("/api/v1/waves/", {**body, "subject": " "}, format="json").status_code == 400
    created = api_client(author).post("/api/v1/waves/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["level"] == "group"
    assert api_client(outsider).get(f"/api/v1/waves/{created.json()['id']}/").status_code == 404
    _wave(author, other, org, wing_instrument, "high")
    second = _wave(author, other, org, wing_instrument, "low")
    compared = api_client(other).get(f"/api/v1/waves/{second.pk}/compare/").json()["waves"]
    assert len(compared) == 2
    assert compared[0]["domains"] != compared[1]["domains"]
    client = api_client(author)
    client.get("/api/v1/waves/")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/waves/")
    for rating in ("moderate", "high"):
        _wave(author, other, org, wing_instrument, rating)
    with CaptureQueriesContext(connection) as later:
        assert len(client.get("/api/v1/waves/").json()["results"]) == 5
    assert len(later) == len(first)
    assert api_client(outsider).get("/api/v1/waves/").json()["results"] == []
