"""Pages: the access matrix (mentor, coordinator, case team, other organisation, no role), bad input, the phone
flows (a session logged, a concern raised in two taps), the public application with its rate limit, and query
counts that stay flat as the data grows."""


import pytest
from django.urls import reverse
from django.utils import timezone

from integra.mentoring import services
from integra.mentoring.models import Concern, Mentor, MentoringSession
from tests.conftest import make_user, signed_in
from tests.mentoring.conftest import apply, make_available

pytestmark = pytest.mark.django_db


def _get(user, name, *args):
    return signed_in(user).get(reverse(f"mentoring:{name}", args=args))


def test_access_matrix_for_the_match_and_its_rows(match, mentor, coordinator, prison_cm, probation_cm, stranger,
                                                   record, probation, ngo):
    from integra.cooperation import services as cooperation

    cooperation.team_add(actor=prison_cm, record=record, user=probation_cm, organisation=probation,
                         access_level="casework")
    goal = services.goal_add(actor=mentor, match=match, title="Find a flat")
    concern = services.concern_raise(actor=mentor, match=match, severity="routine", category="licence_breach")
    other_mentor = make_user(org=ngo, roles=["mentor"])
    expectations = {
        # person: (match page, mentee page, concern page, mentor profile page)
        "mentor": (mentor, 200, 200, 200, 200),
        "coordinator": (coordinator, 200, 200, 200, 200),
        "case manager (owner, full)": (prison_cm, 404, 404, 200, 404),
        "probation (case work)": (probation_cm, 404, 404, 200, 404),
        "other mentor of the same NGO": (other_mentor, 404, 404, 404, 404),
        "other organisation": (stranger, 404, 404, 404, 404),
    }
    for label, (person, match_page, mentee_page, concern_page, profile_page) in expectations.items():
        answers = (_get(person, "match", match.pk).status_code, _get(person, "mentee", match.mentee_id).status_code,
                   _get(person, "concern", concern.pk).status_code,
                   _get(person, "mentor", match.mentor_id).status_code)
        assert answers == (match_page, mentee_page, concern_page, profile_page), label
    # The goal is on the record's practical section for the case team; the mentor never sees the outcome.
    from integra.core import access
    from integra.mentoring.models import Goal

    assert access.can(prison_cm, "view", goal) and goal in access.visible(prison_cm, Goal)
    assert not access.can(stranger, "view", goal)
    services.concern_close(actor=coordinator, concern=concern, outcome="Spoke with probation; licence reviewed.",
                           expected_version=concern.version)
    assert b"licence reviewed" not in _get(mentor, "concern", concern.pk).content
    assert b"licence reviewed" in _get(prison_cm, "concern", concern.pk).content


def test_the_mentor_does_not_see_constraints_or_suggestions(match, mentor, coordinator):
    services.constraint_add(actor=coordinator, mentee=match.mentee, kind="exclusion_zone", area="Zone X",
                            detail="Licence condition 4")
    assert b"Zone X" not in _get(mentor, "mentee", match.mentee_id).content
    page = _get(coordinator, "mentee", match.mentee_id)
    assert b"Zone X" in page.content


def test_pool_and_dashboard_are_for_coordinators(mentor_profile, coordinator, mentor, stranger):
    assert _get(coordinator, "pool").status_code == 200
    assert _get(mentor, "pool").status_code == 403
    assert _get(stranger, "home").status_code == 403
    home = _get(coordinator, "home")
    assert home.status_code == 200 and b"Open concerns" in home.content
    assert _get(mentor, "home").status_code == 200


def test_pool_csv_is_formula_safe(ngo, coordinator):
    apply(ngo, full_name="=HYPERLINK(\"http://x\")")
    response = _get(coordinator, "pool_csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_logging_a_session_on_the_phone(match, mentor):
    client = signed_in(mentor)
    url = reverse("mentoring:session_log", args=[match.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"held_on": timezone.localdate().isoformat(), "duration_minutes": "50",
                                 "mode": "in_person", "attended": "on", "safety_ok": "on", "notes": "Coffee"})
    assert response.status_code == 302
    assert MentoringSession.objects.get().notes == "Coffee"
    bad = client.post(url, {"held_on": "2999-01-01", "duration_minutes": "50", "mode": "in_person"})
    assert bad.status_code == 400 and MentoringSession.objects.count() == 1


def test_a_session_for_another_mentors_match_is_refused(match, ngo, coordinator, coordinator2):
    other = make_user(org=ngo, roles=["mentor"])
    make_available(apply(ngo, other), coordinator=coordinator, second=coordinator2, user=other)
    response = signed_in(other).post(reverse("mentoring:session_log", args=[match.pk]), {
        "held_on": timezone.localdate().isoformat(), "duration_minutes": "50", "mode": "phone"})
    assert response.status_code == 404
    assert not MentoringSession.objects.exists()


def test_raising_a_concern_in_two_taps(match, mentor, coordinator):
    client = signed_in(mentor)
    url = reverse("mentoring:concern_raise", args=[match.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'value="urgent"' in page.content
    response = client.post(url, {"category": "risk_others", "severity": "urgent"})
    concern = Concern.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mentoring:concern", args=[concern.pk])
    assert concern.severity == "urgent"
    missing = client.post(url, {"severity": "urgent"})
    assert missing.status_code == 400 and Concern.objects.count() == 1


def test_the_public_application_is_rate_limited(ngo, coordinator, client):
    url = reverse("mentoring:apply")
    assert client.get(url).status_code == 200
    data = {"organisation": ngo.pk, "full_name": "A", "motivation": "Help", "languages": "French", "area": "Paris",
            "travel_km": "10", "gender": "other", "privacy": "on"}
    answers = [client.post(url, {**data, "email": f"a{i}@example.org"}).status_code for i in range(7)]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    assert Mentor.objects.count() == 5
    assert client.post(url, {**data, "email": "bad", "privacy": ""}).status_code in {400, 429}


def test_verify_button_refuses_the_person_who_entered(mentor_profile, ngo, mentor, coordinator):
    from integra.mentoring.models import VettingCheck

    check = services.check_enter(actor=coordinator, mentor=mentor_profile, kind="reference", authority="R",
                                 checked_on=timezone.localdate())
    signed_in(coordinator).post(reverse("mentoring:check_verify", args=[check.pk]))
    assert VettingCheck.objects.get(pk=check.pk).verified_at is None


def test_accepting_a_referral_and_deciding_a_match_through_the_pages(referred, coordinator, mentor_profile):
    client = signed_in(coordinator)
    response = client.post(reverse("mentoring:accept_referral", args=[referred.pk]),
                           {"languages": "German", "area": "Paris 11e", "availability": ["weekday_evening"]})
    assert response.status_code == 302
    mentee_url = response["Location"]
    page = client.get(mentee_url)
    assert page.status_code == 200 and b"Match with this mentor" in page.content
    mentee_id = int(mentee_url.rstrip("/").split("/")[-1])
    response = client.post(reverse("mentoring:decide", args=[mentee_id]), {
        "mentor": mentor_profile.pk, "mentee_consent_on": timezone.localdate().isoformat(), "rationale": ""})
    assert response.status_code == 302 and "/matches/" in response["Location"]


def test_query_counts_stay_flat(match, mentor, coordinator, ngo, coordinator2, count_queries):
    def pages():
        return [count_queries(lambda: _get(mentor, "home"))[0],
                count_queries(lambda: _get(mentor, "match", match.pk))[0],
                count_queries(lambda: _get(coordinator, "home"))[0],
                count_queries(lambda: _get(coordinator, "pool"))[0],
                count_queries(lambda: _get(coordinator, "mentee", match.mentee_id))[0]]

    before = pages()
    for i in range(4):
        other = make_user(org=ngo, roles=["mentor"])
        make_available(apply(ngo, other), coordinator=coordinator, second=coordinator2, user=other)
        services.session_log(actor=mentor, match=match, held_on=timezone.localdate(),
                             duration_minutes=30, mode="phone")
        services.goal_add(actor=mentor, match=match, title=f"Goal {i}")
    assert pages() == before


def test_goals_show_on_the_records_practical_section_for_the_case_team(match, mentor, prison_cm, stranger, record):
    goal = services.goal_add(actor=mentor, match=match, title="Find a flat near the job")
    services.goal_update(actor=mentor, goal=goal, expected_version=goal.version, progress=40, comment="Two visits")
    url = reverse("cooperation:section", args=[record.pk, "practical"])
    page = signed_in(prison_cm).get(url)
    assert page.status_code == 200
    assert b"Mentoring goals" in page.content and b"Find a flat near the job" in page.content
    assert b"40 %" in page.content
    assert signed_in(stranger).get(url).status_code == 404


def test_the_agreement_pages(match, mentor, coordinator, stranger):
    url = reverse("mentoring:agreement_draft", args=[match.pk])
    assert signed_in(mentor).get(url).status_code == 404
    assert signed_in(coordinator).post(url, {"goals": "", "frequency": ""}).status_code == 400
    response = signed_in(coordinator).post(url, {"goals": "Housing", "frequency": "Weekly", "duration_months": "12"})
    assert response.status_code == 302
    from integra.mentoring.models import MatchAgreement

    agreement = MatchAgreement.objects.get()
    page = _get(mentor, "match", match.pk)
    assert b"Sign the agreement" in page.content
    signed_in(mentor).post(reverse("mentoring:agreement_sign", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.mentor_signed_at and not agreement.coordinator_signed_at
    assert signed_in(stranger).post(reverse("mentoring:agreement_sign", args=[agreement.pk])).status_code == 404
