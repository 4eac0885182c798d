"""The API applies the pages' policy: lists are what the caller may see, a forbidden id looks like a missing one,
bad input is a 400 with the one error shape, and the query count of a list does not grow with its rows."""

import pytest
from django.utils import timezone

from integra.mentoring import services
from integra.mentoring.models import Concern, Match, MentoringSession
from tests.conftest import api_client, make_user
from tests.mentoring.conftest import apply, make_available

pytestmark = pytest.mark.django_db


def test_lists_follow_the_policy(match, mentor, coordinator, stranger, prison_cm):
    services.concern_raise(actor=mentor, match=match, severity="routine", category="risk_self")
    for path in ("/api/v1/mentors/", "/api/v1/matches/", "/api/v1/concerns/"):
        assert api_client(mentor).get(path).json()["count"] >= 1, path
        assert api_client(coordinator).get(path).json()["count"] >= 1, path
        assert api_client(stranger).get(path).json()["count"] == 0, path
    assert api_client(prison_cm).get("/api/v1/concerns/").json()["count"] == 1  # the case team
    assert api_client(prison_cm).get("/api/v1/matches/").json()["count"] == 0
    assert api_client(stranger).get(f"/api/v1/matches/{match.pk}/").status_code == 404


def test_a_mentor_logs_a_session_through_the_api(match, mentor):
    response = api_client(mentor).post("/api/v1/mentoring-sessions/", {
        "match": match.pk, "held_on": timezone.localdate().isoformat(), "duration_minutes": 45, "mode": "phone",
        "notes": "Talked"}, format="json")
    assert response.status_code == 201, response.json()
    assert "notes" not in response.json()
    assert MentoringSession.objects.get().notes == "Talked"


def test_a_session_for_another_mentors_match_is_a_missing_match(match, ngo, coordinator, coordinator2):
    other = make_user(org=ngo, roles=["mentor"])
    make_available(apply(ngo, other), coordinator=coordinator, second=coordinator2, user=other)
    response = api_client(other).post("/api/v1/mentoring-sessions/", {
        "match": match.pk, "held_on": timezone.localdate().isoformat(), "duration_minutes": 45, "mode": "phone"},
        format="json")
    assert response.status_code == 400 and "match" in response.json()["error"]["fields"]
    assert not MentoringSession.objects.exists()


def test_bad_input_is_refused_with_the_one_shape(match, mentor):
    client = api_client(mentor)
    for body in ({"match": match.pk, "severity": "urgent"},  # no category
                 {"match": match.pk, "severity": "urgent", "category": "nonsense"},
                 {"match": match.pk, "severity": "urgent", "category": "abuse", "status": "closed"},
                 {"match": "x", "severity": "urgent", "category": "abuse"}):
        response = client.post("/api/v1/concerns/", body, format="json")
        assert response.status_code == 400, body
        assert set(response.json()["error"]) >= {"code", "message"}
    assert not Concern.objects.exists()


def test_suggestions_explain_and_the_coordinator_decides(mentee, mentor_profile, coordinator, mentor):
    response = api_client(coordinator).get(f"/api/v1/matches/suggestions/?mentee={mentee.pk}")
    assert response.status_code == 200
    first = response.json()["suggestions"][0]
    assert first["mentor"] == mentor_profile.pk and {c["code"] for c in first["criteria"]} >= {"language", "area"}
    assert api_client(mentor).get(f"/api/v1/matches/suggestions/?mentee={mentee.pk}").status_code == 403
    assert api_client(coordinator).get("/api/v1/matches/suggestions/?mentee=abc").status_code == 400
    response = api_client(coordinator).post("/api/v1/matches/", {
        "mentee": mentee.pk, "mentor": mentor_profile.pk, "mentee_consent_on": timezone.localdate().isoformat()},
        format="json")
    assert response.status_code == 201, response.json()
    assert Match.objects.get().suggestion_rank == 1
    assert api_client(mentor).post("/api/v1/matches/", {
        "mentee": mentee.pk, "mentor": mentor_profile.pk, "mentee_consent_on": "2026-01-01"},
        format="json").status_code == 403


def test_list_query_count_is_flat(match, mentor, count_queries):
    client = api_client(mentor)
    services.session_log(actor=mentor, match=match, held_on=timezone.localdate(), duration_minutes=30, mode="phone")
    before, _ = count_queries(lambda: client.get("/api/v1/mentoring-sessions/"))
    for _i in range(5):
        services.session_log(actor=mentor, match=match, held_on=timezone.localdate(), duration_minutes=30,
                             mode="phone")
    after, response = count_queries(lambda: client.get("/api/v1/mentoring-sessions/"))
    assert response.json()["count"] == 6 and after == before
