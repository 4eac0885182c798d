"""Learning API: lists, writes, related objects and filters follow the policy."""

import pytest

from integra.learning.models import Enrolment, Lesson, Module
from tests.conftest import api_client

pytestmark = pytest.mark.django_db


def test_api_lists_follow_the_policy(course, learner, trainer):
    client = api_client(learner)
    assert client.get("/api/v1/competences/").json()["count"] == 1
    courses = client.get("/api/v1/courses/").json()["results"]
    assert courses[0]["modules"][0]["lessons"]
    response = client.post("/api/v1/enrolments/", {"course": course.pk}, format="json")
    assert response.status_code == 201
    assert len(client.get("/api/v1/enrolments/").json()["results"]) == 1
    assert api_client(trainer).get("/api/v1/enrolments/").json()["results"] == []  # not in a cohort of theirs
    assert client.get("/api/v1/certificates/").json()["count"] == 0
    # Someone who may create no cohort is refused before the request is read; a trainer's bad input is a 400.
    assert api_client(learner).post("/api/v1/cohorts/", {"name": "x"}, format="json").status_code == 403
    bad = api_client(trainer).post("/api/v1/cohorts/", {"name": "x"}, format="json")
    assert bad.status_code == 400 and "course" in bad.json()["error"]["fields"]


def _same_answer(forbidden, missing, field, forbidden_id, missing_id):
    """A forbidden id must get the answer of an id that does not exist."""
    assert forbidden.status_code == missing.status_code == 400
    assert forbidden.json()["error"]["fields"][field] == [
        message.replace(str(missing_id), str(forbidden_id)) for message in missing.json()["error"]["fields"][field]]


def test_related_objects_resolve_through_the_policy(course, designer, learner, trainer, training_org):
    from integra.learning.models import Course

    draft = Course.objects.create(title="Draft", created_by=designer)
    draft_lesson = Lesson.objects.create(module=Module.objects.create(course=draft, title="M"), title="Hidden")
    client = api_client(learner)
    _same_answer(client.post("/api/v1/enrolments/", {"course": draft.pk}, format="json"),
                 client.post("/api/v1/enrolments/", {"course": 999999}, format="json"), "course", draft.pk, 999999)
    _same_answer(client.post("/api/v1/progress/", {"lesson": draft_lesson.pk}, format="json"),
                 client.post("/api/v1/progress/", {"lesson": 999999}, format="json"), "lesson", draft_lesson.pk,
                 999999)
    payload = {"name": "x", "organisation": training_org.pk, "language": "en", "starts_on": "2026-11-01",
               "ends_on": "2026-12-01"}
    trainers = api_client(trainer)
    _same_answer(trainers.post("/api/v1/cohorts/", {**payload, "course": draft.pk}, format="json"),
                 trainers.post("/api/v1/cohorts/", {**payload, "course": 999999}, format="json"), "course", draft.pk,
                 999999)
    assert not Enrolment.objects.exists()


def test_filters_do_not_tell_which_ids_exist(course, cohort, learner, other_trainer):
    client = api_client(other_trainer)
    for query in (f"cohort={cohort.pk}", "cohort=999999", f"course={course.pk}&user={learner.pk}"):
        response = client.get(f"/api/v1/enrolments/?{query}")
        assert response.status_code == 200 and response.json()["results"] == [], query
    assert client.get(f"/api/v1/cohorts/?organisation={cohort.organisation_id}").json()["count"] == 0
    assert client.get(f"/api/v1/cohorts/{cohort.pk}/").status_code == 404
    trainers = api_client(cohort.trainer)
    assert len(trainers.get(f"/api/v1/enrolments/?cohort={cohort.pk}").json()["results"]) == 1
    assert trainers.get("/api/v1/enrolments/?cohort=x").status_code == 400  # bad input is still bad input


def test_api_enrolment_never_moves_a_learner(course, cohort, learner):
    response = api_client(learner).post("/api/v1/enrolments/", {"course": course.pk}, format="json")
    assert response.status_code == 201 and response.json()["cohort"] == cohort.pk  # already there: unchanged
    assert Enrolment.objects.get(user=learner).cohort == cohort
