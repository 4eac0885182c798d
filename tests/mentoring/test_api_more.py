"""The API for vetting checks, mentees, goals and supervision follows the pages' policy: lists are what the caller
may see, a forbidden id is a missing one, bad input is a 400, the two-person rule and stale edits hold, and list
query counts stay flat."""

import datetime as dt

import pytest
from django.utils import timezone

from integra.mentoring import services
from integra.mentoring.models import Goal, Supervision, VettingCheck
from tests.conftest import api_client

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_vetting_checks_and_the_two_person_rule(mentor_profile, mentor, coordinator, coordinator2, stranger):
    body = {"mentor": mentor_profile.pk, "kind": "reference", "checked_on": TODAY().isoformat(),
            "authority": "Ms Referee", "number": "R-1"}
    assert api_client(stranger).post("/api/v1/vetting-checks/", body, format="json").status_code in (400, 403)
    assert api_client(mentor).post("/api/v1/vetting-checks/", {**body, "kind": "astrology"},
                                   format="json").status_code == 400
    before = VettingCheck.objects.count()
    response = api_client(coordinator).post("/api/v1/vetting-checks/", body, format="json")
    assert response.status_code == 201, response.json()
    assert "number" not in response.json() and response.json()["status"] == "unverified"
    assert VettingCheck.objects.count() == before + 1
    check_id = response.json()["id"]
    assert api_client(coordinator).post(f"/api/v1/vetting-checks/{check_id}/verify/").status_code in (400, 403)
    assert api_client(stranger).post(f"/api/v1/vetting-checks/{check_id}/verify/").status_code == 404
    verified = api_client(coordinator2).post(f"/api/v1/vetting-checks/{check_id}/verify/")
    assert verified.status_code == 200 and verified.json()["status"] == "valid"
    assert api_client(mentor).get("/api/v1/vetting-checks/").json()["count"] == before + 1
    assert api_client(stranger).get("/api/v1/vetting-checks/").json()["count"] == 0


def test_mentees_are_the_coordinators_and_the_matched_mentors(match, mentor, coordinator, stranger, prison_cm):
    assert api_client(coordinator).get("/api/v1/mentees/").json()["count"] == 1
    assert api_client(mentor).get("/api/v1/mentees/").json()["count"] == 1
    assert api_client(prison_cm).get("/api/v1/mentees/").json()["count"] == 0
    assert api_client(stranger).get(f"/api/v1/mentees/{match.mentee_id}/").status_code == 404
    assert "constraints" not in api_client(mentor).get(f"/api/v1/mentees/{match.mentee_id}/").json()
    assert api_client(coordinator).post("/api/v1/mentees/", {}, format="json").status_code == 405


def test_goals_through_the_api(match, mentor, coordinator, stranger, prison_cm, count_queries):
    client = api_client(mentor)
    assert api_client(coordinator).post("/api/v1/goals/", {"match": match.pk, "title": "x"},
                                        format="json").status_code in (400, 403)
    assert client.post("/api/v1/goals/", {"match": match.pk, "title": ""}, format="json").status_code == 400
    created = client.post("/api/v1/goals/", {"match": match.pk, "title": "Find a flat"}, format="json")
    assert created.status_code == 201, created.json()
    goal_id = created.json()["id"]
    assert client.post(f"/api/v1/goals/{goal_id}/progress/", {"progress": 150, "version": 1},
                       format="json").status_code == 400
    assert client.post(f"/api/v1/goals/{goal_id}/progress/", {"progress": 50, "version": 9},
                       format="json").status_code == 409
    assert api_client(stranger).post(f"/api/v1/goals/{goal_id}/progress/", {"progress": 50, "version": 1},
                                     format="json").status_code == 404
    assert api_client(prison_cm).post(f"/api/v1/goals/{goal_id}/progress/", {"progress": 50, "version": 1},
                                      format="json").status_code == 403  # sees it, may not change it
    done = client.post(f"/api/v1/goals/{goal_id}/progress/", {"progress": 50, "comment": "Visits", "version": 1},
                       format="json")
    assert done.status_code == 200 and done.json()["progress"] == 50
    assert Goal.objects.get().progress == 50
    assert api_client(prison_cm).get("/api/v1/goals/").json()["count"] == 1  # the record's practical section
    before, _ = count_queries(lambda: client.get("/api/v1/goals/"))
    for i in range(3):
        services.goal_add(actor=mentor, match=match, title=f"Goal {i}")
    after, listing = count_queries(lambda: client.get("/api/v1/goals/"))
    assert listing.json()["count"] == 4 and after == before


def test_supervision_through_the_api(mentor_profile, mentor, coordinator, stranger, count_queries):
    body = {"mentor": mentor_profile.pk, "kind": "individual", "held_on": TODAY().isoformat(), "wellbeing": 4,
            "next_due_on": (TODAY() + dt.timedelta(days=30)).isoformat(), "notes": "Reflective"}
    assert api_client(mentor).post("/api/v1/supervisions/", body, format="json").status_code in (400, 403)
    assert api_client(coordinator).post("/api/v1/supervisions/", {**body, "wellbeing": 8},
                                        format="json").status_code == 400
    assert api_client(coordinator).post("/api/v1/supervisions/", {**body, "next_due_on": TODAY().isoformat()},
                                        format="json").status_code == 400
    response = api_client(coordinator).post("/api/v1/supervisions/", body, format="json")
    assert response.status_code == 201, response.json()
    assert "notes" not in response.json() and Supervision.objects.get().notes == "Reflective"
    assert api_client(mentor).get("/api/v1/supervisions/").json()["count"] == 1
    assert api_client(stranger).get("/api/v1/supervisions/").json()["count"] == 0
    before, _ = count_queries(lambda: api_client(coordinator).get("/api/v1/supervisions/"))
    services.supervision_record(actor=coordinator, mentor=mentor_profile, held_on=TODAY(),
                                next_due_on=TODAY() + dt.timedelta(days=10))
    after, _ = count_queries(lambda: api_client(coordinator).get("/api/v1/supervisions/"))
    assert after == before
