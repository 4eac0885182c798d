"""The mentor's home tells each stage its own words (a matched mentor is not "ready to be matched"), and the
closure of a match: planned or unplanned, reason, the closing session and the exit survey of mentor and mentee,
on the pages and in the API."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.mentoring import services
from integra.mentoring.models import ExitSurvey, Match, MatchStatus
from tests.conftest import api_client, make_user, signed_in
from tests.mentoring.conftest import apply, make_available

pytestmark = pytest.mark.django_db

READY = b"You are ready to be matched."


def _home(user):
    return signed_in(user).get(reverse("mentoring:home"))


def test_a_matched_mentor_is_not_told_they_are_ready_to_be_matched(mentor_profile, mentee, mentor, coordinator):
    assert READY in _home(mentor).content  # available, no gap
    services.match_decide(actor=coordinator, mentee=mentee, mentor=mentor_profile,
                          mentee_consent_on=timezone.localdate())
    mentor_profile.refresh_from_db()
    assert mentor_profile.stage == "matched"
    page = _home(mentor)
    assert page.status_code == 200
    assert READY not in page.content
    assert b"You are matched" in page.content


def test_a_paused_mentor_is_told_so(mentor_profile, mentor, coordinator):
    services.mentor_set_stage(actor=coordinator, mentor=mentor_profile, stage="paused", reason="Holiday",
                              expected_version=mentor_profile.version)
    page = _home(mentor)
    assert READY not in page.content and b"paused" in page.content


# --- closure ------------------------------------------------------------------------------------------------


def _session(match, mentor, days_ago=1):
    return services.session_log(actor=mentor, match=match, held_on=timezone.localdate() - dt.timedelta(days=days_ago),
                                duration_minutes=60, mode="in_person")


def test_a_planned_closure_with_its_closing_session(match, mentor, coordinator):
    closing = _session(match, mentor)
    services.match_end(actor=coordinator, match=match, reason="Goals reached", closure="planned",
                       expected_version=match.version, closing_session=closing)
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and match.closing_session_id == closing.pk
    assert match.closure_kind == "planned"


def test_closure_bad_input_changes_nothing(match, mentor, coordinator, ngo, coordinator2):
    other = make_user(org=ngo, roles=["mentor"])
    other_profile = make_available(apply(ngo, other), coordinator=coordinator, second=coordinator2, user=other)
    with pytest.raises(ValidationError) as error:
        services.match_end(actor=coordinator, match=match, reason="", closure="planned",
                           expected_version=match.version)
    assert "reason" in str(error.value)
    # a closing session of another match is refused
    from integra.mentoring.models import MentoringSession

    foreign = MentoringSession(pk=999999, match_id=match.pk + 1000)
    with pytest.raises(ValidationError) as error:
        services.match_end(actor=coordinator, match=match, reason="Done", closure="planned",
                           expected_version=match.version, closing_session=foreign)
    assert "closing session" in str(error.value)
    # a planned closure needs a closing session; an unplanned one does not
    with pytest.raises(ValidationError) as error:
        services.match_end(actor=coordinator, match=match, reason="Done", closure="planned",
                           expected_version=match.version)
    assert "closing session" in str(error.value)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert other_profile.stage == "available"


def test_exit_survey_by_the_mentor_and_for_the_mentee_by_staff(match, mentor, coordinator, stranger, prison_cm):
    services.match_end(actor=coordinator, match=match, reason="Moved to Lyon", closure="moved",
                       expected_version=match.version)
    match.refresh_from_db()
    assert match.closure_kind == "unplanned"
    services.exit_survey_record(actor=mentor, match=match, respondent="mentor", helpfulness=4, goals_met=3,
                                would_recommend=True, comment="Good year")
    with pytest.raises(PermissionDenied):  # the mentor does not answer for the mentee
        services.exit_survey_record(actor=mentor, match=match, respondent="mentee", helpfulness=4, goals_met=3,
                                    would_recommend=True)
    with pytest.raises(PermissionDenied):
        services.exit_survey_record(actor=stranger, match=match, respondent="mentee", helpfulness=4, goals_met=3,
                                    would_recommend=True)
    with pytest.raises(ValidationError) as error:  # out of range
        services.exit_survey_record(actor=coordinator, match=match, respondent="mentee", helpfulness=9, goals_met=3,
                                    would_recommend=True)
    assert "helpfulness" in str(error.value)
    services.exit_survey_record(actor=coordinator, match=match, respondent="mentee", helpfulness=5, goals_met=4,
                                would_recommend=True, comment="Answered by phone")
    with pytest.raises(ValidationError):  # one survey per respondent
        services.exit_survey_record(actor=coordinator, match=match, respondent="mentee", helpfulness=5,
                                    goals_met=4, would_recommend=True)
    assert ExitSurvey.objects.filter(match=match).count() == 2
    assert ExitSurvey.objects.get(respondent="mentee").recorded_by == coordinator


def test_exit_survey_needs_an_ended_match(match, coordinator):
    with pytest.raises(ValidationError) as error:
        services.exit_survey_record(actor=coordinator, match=match, respondent="mentee", helpfulness=5, goals_met=4,
                                    would_recommend=True)
    assert "ended" in str(error.value)


def test_closure_and_survey_pages(match, mentor, coordinator, stranger, count_queries):
    closing = _session(match, mentor)
    end_url = reverse("mentoring:match_end", args=[match.pk])
    assert signed_in(mentor).post(end_url, {"closure": "planned", "reason": "x", "version": match.version}
                                  ).status_code in (403, 404)
    bad = signed_in(coordinator).post(end_url, {"closure": "planned", "reason": "", "version": match.version})
    assert bad.status_code in (302, 400)
    assert Match.objects.get(pk=match.pk).status == "active"
    ok = signed_in(coordinator).post(end_url, {"closure": "planned", "reason": "Goals reached",
                                               "closing_session": closing.pk, "version": match.version})
    assert ok.status_code == 302
    match.refresh_from_db()
    assert match.status == "ended" and match.closing_session_id == closing.pk
    survey_url = reverse("mentoring:exit_survey", args=[match.pk])
    assert signed_in(stranger).get(survey_url).status_code == 404
    assert signed_in(mentor).get(survey_url).status_code == 200
    assert signed_in(coordinator).post(survey_url, {"respondent": "mentee", "helpfulness": "12", "goals_met": "3"}
                                       ).status_code == 400
    response = signed_in(mentor).post(survey_url, {"respondent": "mentor", "helpfulness": "4", "goals_met": "3",
                                                   "would_recommend": "on", "comment": "Thanks"})
    assert response.status_code == 302
    page = signed_in(coordinator).get(reverse("mentoring:match", args=[match.pk]))
    assert b"Exit survey" in page.content and b"Goals reached" in page.content
    before, _ = count_queries(lambda: signed_in(coordinator).get(reverse("mentoring:match", args=[match.pk])))
    services.exit_survey_record(actor=coordinator, match=match, respondent="mentee", helpfulness=5, goals_met=4,
                                would_recommend=True)
    after, _ = count_queries(lambda: signed_in(coordinator).get(reverse("mentoring:match", args=[match.pk])))
    assert after == before


def test_closure_and_survey_through_the_api(match, mentor, coordinator, stranger):
    closing = _session(match, mentor)
    url = f"/api/v1/matches/{match.pk}/close/"
    assert api_client(stranger).post(url, {"closure": "planned", "reason": "x", "version": match.version},
                                     format="json").status_code == 404
    assert api_client(mentor).post(url, {"closure": "planned", "reason": "x", "version": match.version},
                                   format="json").status_code == 403
    bad = api_client(coordinator).post(url, {"closure": "nonsense", "reason": "x", "version": match.version},
                                       format="json")
    assert bad.status_code == 400 and "closure" in bad.json()["error"]["fields"]
    stale = api_client(coordinator).post(url, {"closure": "planned", "reason": "x", "closing_session": closing.pk,
                                               "version": match.version + 5}, format="json")
    assert stale.status_code == 409
    ok = api_client(coordinator).post(url, {"closure": "planned", "reason": "Goals reached",
                                            "closing_session": closing.pk, "version": match.version}, format="json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["status"] == "ended" and ok.json()["closing_session"] == closing.pk
    survey = f"/api/v1/matches/{match.pk}/exit-survey/"
    assert api_client(stranger).post(survey, {"respondent": "mentor", "helpfulness": 3, "goals_met": 3},
                                     format="json").status_code == 404
    assert api_client(mentor).post(survey, {"respondent": "mentor", "helpfulness": 0, "goals_met": 3},
                                   format="json").status_code == 400
    response = api_client(mentor).post(survey, {"respondent": "mentor", "helpfulness": 3, "goals_met": 3,
                                                "would_recommend": True, "comment": "ok"}, format="json")
    assert response.status_code == 201, response.json()
    assert "comment" not in response.json()
    listing = api_client(coordinator).get(f"/api/v1/matches/{match.pk}/")
    assert listing.json()["exit_surveys"][0]["helpfulness"] == 3
