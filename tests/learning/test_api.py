"""Learning API: lists and writes follow the policy."""


import pytest

from tests.conftest import api_client

pytestmark = pytest.mark.django_db


def test_api_lists_follow_the_policy(course, learner, trainer):
    client = api_client(learner)
    assert client.get("/api/v1/competences/").json()["count"] == 1
    courses = client.get("/api/v1/courses/").json()["results"]
    assert courses[0]["modules"][0]["lessons"]
    response = client.post("/api/v1/enrolments/", {"course": course.pk}, format="json")
    assert response.status_code == 201
    assert client.get("/api/v1/enrolments/").json()["count"] == 1
    assert api_client(trainer).get("/api/v1/enrolments/").json()["count"] == 0  # not in a cohort of theirs
    assert client.get("/api/v1/certificates/").json()["count"] == 0
    bad = api_client(learner).post("/api/v1/cohorts/", {"name": "x"}, format="json")
    assert bad.status_code == 400
