"""The programme model: versions with a change log, outcome measures at baseline, 3, 6 and 12 months with the
distance travelled, and a dashboard that puts two versions side by side (SVG bars rendered on the server)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.mentoring import selectors, services
from integra.mentoring.models import Match, OutcomeMeasure, ProgrammeVersion
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
GOOD = {"w1": 2, "w2": 2, "w3": 3, "d1": 2, "d2": 3, "d3": 1}
BETTER = {"w1": 4, "w2": 4, "w3": 4, "d1": 4, "d2": 4, "d3": 3}


@pytest.fixture
def versions(ngo, coordinator):
    pilot = services.programme_version_create(actor=coordinator, organisation=ngo, name="Pilot",
                                              started_on=TODAY() - dt.timedelta(days=400))
    tuned = services.programme_version_create(actor=coordinator, organisation=ngo, name="Fine-tuned",
                                              started_on=TODAY() - dt.timedelta(days=10),
                                              changes=["Weekly supervision instead of monthly", ""])
    return pilot, tuned


def test_versions_are_numbered_with_a_change_log(versions, coordinator, mentor, ngo):
    pilot, tuned = versions
    assert (pilot.number, tuned.number) == (1, 2)
    assert [c.text for c in tuned.changes.all()] == ["Weekly supervision instead of monthly"]
    with pytest.raises(ValidationError) as error:  # a version starts after the previous one
        services.programme_version_create(actor=coordinator, organisation=ngo, name="Back", started_on=TODAY()
                                          - dt.timedelta(days=20))
    assert "after the previous one" in str(error.value)
    with pytest.raises(PermissionDenied):
        services.programme_version_create(actor=mentor, organisation=ngo, name="Mine", started_on=TODAY())
    with pytest.raises(ValidationError):
        services.version_change_add(actor=coordinator, version=tuned, text="  ")
    services.version_change_add(actor=coordinator, version=tuned, text="Closing session required")
    assert tuned.changes.count() == 2
    assert ProgrammeVersion.objects.count() == 2


def test_a_match_belongs_to_the_version_in_force(versions, match):
    assert Match.objects.get(pk=match.pk).programme_version == versions[1]


def test_outcomes_and_distance_travelled(versions, match, coordinator, mentor, stranger):
    mentee = match.mentee
    with pytest.raises(PermissionDenied):  # staff record the measure with the person
        services.outcome_record(actor=mentor, mentee=mentee, point="baseline", measured_on=TODAY(), answers=GOOD)
    for answers in ({**GOOD, "w1": 9}, {k: v for k, v in GOOD.items() if k != "d3"}, {**GOOD, "x": 1},
                    {**GOOD, "w1": True}):
        with pytest.raises(ValidationError):
            services.outcome_record(actor=coordinator, mentee=mentee, point="baseline", measured_on=TODAY(),
                                    answers=answers)
    with pytest.raises(ValidationError):
        services.outcome_record(actor=coordinator, mentee=mentee, point="m24", measured_on=TODAY(), answers=GOOD)
    assert not OutcomeMeasure.objects.exists()
    base = services.outcome_record(actor=coordinator, mentee=mentee, point="baseline", measured_on=TODAY(),
                                   answers=GOOD)
    assert (base.wellbeing, base.desistance, base.version) == (7, 6, versions[1])
    with pytest.raises(ValidationError):  # one per time point
        services.outcome_record(actor=coordinator, mentee=mentee, point="baseline", measured_on=TODAY(),
                                answers=GOOD)
    services.outcome_record(actor=coordinator, mentee=mentee, point="m3", measured_on=TODAY(), answers=BETTER)
    outcomes = selectors.mentee_outcomes(actor=coordinator, mentee=mentee)
    assert outcomes["distance"]["wellbeing"] == 5 and outcomes["distance"]["desistance"] == 5
    assert [code for code, _label in outcomes["missing"]] == ["m6", "m12"]
    assert selectors.mentee_outcomes(actor=mentor, mentee=mentee)["rows"] == []


def test_outcome_page(versions, match, coordinator, mentor):
    url = reverse("mentoring:outcome_record", args=[match.mentee_id])
    assert signed_in(mentor).get(url).status_code == 404
    page = signed_in(coordinator).get(url)
    assert page.status_code == 200 and b"I have felt hopeful about the future." in page.content
    assert url.startswith("/en/")
    fr = signed_in(coordinator).get("/fr" + url[3:])  # the statements in the reader's language
    assert "Je me suis senti·e plein·e".encode() in fr.content
    assert signed_in(coordinator).post(url, {"point": "baseline", "measured_on": TODAY().isoformat(), "w1": "7"}
                                       ).status_code == 400
    body = {"point": "baseline", "measured_on": TODAY().isoformat(), **{k: str(v) for k, v in GOOD.items()}}
    assert signed_in(coordinator).post(url, body).status_code == 302
    mentee_page = signed_in(coordinator).get(reverse("mentoring:mentee", args=[match.mentee_id]))
    assert b"Outcome measures" in mentee_page.content


def test_dashboard_compares_two_versions(versions, match, mentor, coordinator, stranger, count_queries):
    pilot, tuned = versions
    services.session_log(actor=mentor, match=match, held_on=TODAY(), duration_minutes=60, mode="phone")
    services.concern_raise(actor=mentor, match=match, severity="routine", category="risk_self")
    services.goal_add(actor=mentor, match=match, title="Flat")
    services.outcome_record(actor=coordinator, mentee=match.mentee, point="baseline", measured_on=TODAY(),
                            answers=GOOD)
    services.outcome_record(actor=coordinator, mentee=match.mentee, point="m3", measured_on=TODAY(), answers=BETTER)
    board = selectors.programme_dashboard(actor=coordinator, first=tuned, second=pilot)
    figures = board["figures"][0]
    assert figures["matches"] == 1 and figures["sessions_per_match"] == 1.0
    assert figures["concerns_per_100"] == 100.0 and figures["wellbeing_change"] == 5
    assert board["figures"][1]["matches"] == 0
    url = reverse("mentoring:dashboard")
    assert signed_in(mentor).get(url).status_code == 403
    assert signed_in(stranger).get(url).status_code == 403
    page = signed_in(coordinator).get(url)
    assert page.status_code == 200
    assert b"<svg" in page.content and b"Fine-tuned" in page.content and b"Pilot" in page.content
    assert b"style=" not in page.content  # strict CSP: attributes, no inline style
    assert signed_in(coordinator).get(url, {"a": "999999"}).status_code == 400
    assert signed_in(coordinator).get(url, {"a": pilot.pk, "b": tuned.pk}).status_code == 200
    before, _ = count_queries(lambda: signed_in(coordinator).get(url))
    for _i in range(3):
        services.session_log(actor=mentor, match=match, held_on=TODAY(), duration_minutes=30, mode="phone")
    after, _ = count_queries(lambda: signed_in(coordinator).get(url))
    assert after == before


def test_programme_pages(versions, coordinator, mentor, ngo):
    assert signed_in(mentor).get(reverse("mentoring:programme")).status_code == 403
    page = signed_in(coordinator).get(reverse("mentoring:programme"))
    assert page.status_code == 200 and b"Weekly supervision instead of monthly" in page.content
    create = reverse("mentoring:version_create")
    assert signed_in(mentor).get(create).status_code == 403
    assert signed_in(coordinator).post(create, {"organisation": ngo.pk, "name": "", "started_on": "x"}
                                       ).status_code == 400
    assert signed_in(coordinator).post(create, {"organisation": ngo.pk, "name": "Third",
                                                "started_on": TODAY().isoformat(), "changes": "A\nB"}
                                       ).status_code == 302
    third = ProgrammeVersion.objects.get(number=3)
    assert third.changes.count() == 2
    change = reverse("mentoring:version_change", args=[third.pk])
    assert signed_in(mentor).post(change, {"text": "x"}).status_code == 404
    signed_in(coordinator).post(change, {"text": "C"})
    assert third.changes.count() == 3
