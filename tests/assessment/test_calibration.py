"""Calibration rounds: blind rating by certified assessors, κ for two raters and α for more (checked against hand-
computed values), per item, instrument and organisation with n, the consensus meeting, the alert to the
instrument's owner below the threshold; pages and API: permission allowed and denied, bad input, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.assessment import selectors, services
from integra.assessment.models import CalibrationRating, CalibrationRound, Instrument, Level
from integra.core import access
from integra.core.models import Notification
from integra.core.roles import Role
from tests.conftest import api_client, make_user, signed_in

from .conftest import load_definition

pytestmark = pytest.mark.django_db

A = {"grievance": "high", "us_them": "moderate", "violence_justified": "low", "isolation": "moderate",
     "need_belonging": "high"}
B = {"grievance": "high", "us_them": "low", "violence_justified": "low", "isolation": "high",
     "need_belonging": "high"}


@pytest.fixture
def coordinator(prison):
    return make_user("admin@prison.example", org=prison, roles=[Role.ORG_ADMIN])


@pytest.fixture
def raters(prison):
    return [make_user(f"rater{i}@prison.example", org=prison, roles=[Role.FRONTLINE]) for i in range(1, 5)]


@pytest.fixture
def owned_instrument(instrument, prison):
    Instrument.objects.filter(pk=instrument.pk).update(owner=prison)
    instrument.refresh_from_db()
    return instrument


def open_round(coordinator, prison, instrument, raters, **extra):
    return services.round_open(actor=coordinator, organisation=prison, instrument=instrument,
                               title=extra.pop("title", "Spring calibration"),
                               vignette="A fictional man, 34, serving a sentence for arson.", raters=raters, **extra)


def closed_round(coordinator, prison, instrument, raters, ratings):
    calibration = open_round(coordinator, prison, instrument, raters)
    for rater, values in zip(raters, ratings, strict=True):
        services.round_rate(actor=rater, calibration=calibration, ratings=values)
    calibration.refresh_from_db()
    return services.round_close(actor=coordinator, calibration=calibration, expected_version=calibration.version)


# --- services ---------------------------------------------------------------------------------------------------


def test_two_raters_weighted_kappa_hand_computed_and_owner_alerted(coordinator, prison, owned_instrument, raters):
    # Linear weights, 3 categories, 5 units: observed disagreement 0.2, expected 12/25 → κ = 1 - 0.2/0.48 = 7/12.
    calibration = closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    assert calibration.status == CalibrationRound.Status.CLOSED
    assert calibration.agreement == pytest.approx(7 / 12)
    assert calibration.agreement_n == 5
    note = Notification.objects.get(recipient=coordinator)
    assert note.title_code == "Low agreement on %(instrument)s: %(value)s (n = %(n)s) in “%(round)s”"
    assert note.params["title"]["value"] == "0.58"
    assert not Notification.objects.filter(recipient__in=raters).exists()


def test_three_raters_krippendorff_alpha_and_no_alert_above_threshold(coordinator, prison, owned_instrument,
                                                                        raters):
    calibration = closed_round(coordinator, prison, owned_instrument, raters[:3], [A, A, A])
    assert calibration.agreement == pytest.approx(1.0)  # perfect agreement on varying items: α = 1
    report = selectors.calibration_report(actor=coordinator, calibration=calibration)
    assert report["round_agreement"].statistic == "Krippendorff's alpha"
    assert report["round_agreement"].raters == 3
    assert not Notification.objects.filter(title_code__startswith="Low agreement").exists()


def test_three_raters_alpha_hand_computed(coordinator, prison, owned_instrument, raters):
    # Nominal-equivalent case on a two-value ordinal scale (extremist_contacts/prior_violence: no/yes) plus one
    # disagreement: units u1 = (0,0,0), u2 = (1,1,1), u3 = (0,0,1) on items grievance, us_them, isolation
    # (ranks low=0, moderate=1). Coincidences: n = 9 pairable values; o00 = 6+2 = 8? computed below by hand:
    # u1 gives 6 pairs (0,0); u2 6 pairs (1,1); u3: pairs (0,0)×2, (0,1)×2, (1,0)×2 each weighted 1/(3-1).
    # o00 = 3 + 1 = 4, o11 = 3, o01 = o10 = 1; n0 = 5, n1 = 4, n = 9. Ordinal with two ranks = interval = nominal:
    # D_o = 2·1 / 9, D_e = 2·5·4 / (9·8) → α = 1 - (2/9) / (40/72) = 1 - 0.4 = 0.6.
    first = {"grievance": "low", "us_them": "moderate", "isolation": "low"}
    third = {"grievance": "low", "us_them": "moderate", "isolation": "moderate"}
    calibration = closed_round(coordinator, prison, owned_instrument, raters[:3], [first, first, third])
    assert calibration.agreement == pytest.approx(0.6)
    assert calibration.agreement_n == 3


def test_blind_until_closed(coordinator, prison, owned_instrument, raters):
    calibration = open_round(coordinator, prison, owned_instrument, raters[:2])
    services.round_rate(actor=raters[0], calibration=calibration, ratings=A)
    other = raters[1]
    assert not access.visible(other, CalibrationRating).exists()
    assert not access.can(other, "view_results", calibration)
    assert access.visible(raters[0], CalibrationRating).count() == 5
    page = signed_in(other).get(reverse("assessment:calibration", args=[calibration.pk]))
    assert page.status_code == 200
    assert b'value="moderate" checked' not in page.content
    assert signed_in(coordinator).get(reverse("assessment:calibration_report",
                                              args=[calibration.pk])).status_code == 404
    services.round_rate(actor=other, calibration=calibration, ratings=B)
    calibration.refresh_from_db()
    services.round_close(actor=coordinator, calibration=calibration, expected_version=calibration.version)
    forgot = type(other).objects.get(pk=other.pk)
    assert access.visible(forgot, CalibrationRating).count() == 10


def test_open_refuses_bad_input(coordinator, prison, owned_instrument, raters, prison_cm, stranger, platform_admin):
    with pytest.raises(PermissionDenied):
        open_round(prison_cm, prison, owned_instrument, raters[:2])
    with pytest.raises(PermissionDenied):
        open_round(stranger, prison, owned_instrument, raters[:2])
    with pytest.raises(ValidationError, match="between 2"):
        open_round(coordinator, prison, owned_instrument, raters[:1])
    with pytest.raises(ValidationError, match="not an assessor"):
        open_round(coordinator, prison, owned_instrument, [raters[0], stranger])
    with pytest.raises(ValidationError, match="vignette"):
        services.round_open(actor=coordinator, organisation=prison, instrument=owned_instrument, title="T",
                            vignette="  ", raters=raters[:2])
    with pytest.raises(ValidationError, match="between 0 and 1"):
        open_round(coordinator, prison, owned_instrument, raters[:2], threshold="1.5")
    survey = services.instrument_import(actor=platform_admin, definition=load_definition("training_needs.json"))
    services.version_publish(actor=platform_admin, version=survey)
    with pytest.raises(ValidationError, match="training-needs"):
        open_round(coordinator, prison, survey.instrument, raters[:2])
    assert not CalibrationRound.objects.exists()


def test_uncertified_rater_refused(coordinator, prison, owned_instrument, raters):
    from integra.learning.models import Course

    course = Course.objects.create(title="Assessor training", status=Course.Status.PUBLISHED)
    Instrument.objects.filter(pk=owned_instrument.pk).update(qualifying_course=course)
    owned_instrument.refresh_from_db()
    with pytest.raises(ValidationError, match="not certified"):
        open_round(coordinator, prison, owned_instrument, raters[:2])


def test_rate_and_close_refuse_bad_input(coordinator, prison, owned_instrument, raters):
    calibration = open_round(coordinator, prison, owned_instrument, raters[:2])
    with pytest.raises(ValidationError, match="scale"):
        services.round_rate(actor=raters[0], calibration=calibration, ratings={"grievance": "extreme"})
    with pytest.raises(ValidationError, match="Unknown item"):
        services.round_rate(actor=raters[0], calibration=calibration, ratings={"nope": "low"})
    with pytest.raises(ValidationError, match="at least one"):
        services.round_rate(actor=raters[0], calibration=calibration, ratings={})
    with pytest.raises(PermissionDenied):
        services.round_rate(actor=raters[2], calibration=calibration, ratings=A)  # not invited
    services.round_rate(actor=raters[0], calibration=calibration, ratings=A)
    with pytest.raises(ValidationError, match="At least 2 raters"):
        services.round_close(actor=coordinator, calibration=calibration, expected_version=calibration.version)
    with pytest.raises(PermissionDenied):
        services.round_close(actor=raters[0], calibration=calibration, expected_version=calibration.version)
    assert CalibrationRating.objects.count() == 5


def test_consensus_meeting(coordinator, prison, owned_instrument, raters, stranger):
    calibration = closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    today = dt.date.today()
    with pytest.raises(ValidationError, match="future"):
        services.consensus_record(actor=coordinator, calibration=calibration, held_on=today + dt.timedelta(days=2),
                                  participants=raters[:2], agreed={"us_them": "low"})
    with pytest.raises(ValidationError, match="Participants"):
        services.consensus_record(actor=coordinator, calibration=calibration, held_on=today,
                                  participants=[raters[3]], agreed={"us_them": "low"})
    with pytest.raises(ValidationError, match="scale"):
        services.consensus_record(actor=coordinator, calibration=calibration, held_on=today,
                                  participants=raters[:2], agreed={"us_them": "extreme"})
    with pytest.raises(PermissionDenied):
        services.consensus_record(actor=raters[0], calibration=calibration, held_on=today,
                                  participants=raters[:2], agreed={"us_them": "low"})
    meeting = services.consensus_record(actor=coordinator, calibration=calibration, held_on=today,
                                        participants=raters[:2], agreed={"us_them": "low"}, notes="Read 4.2 again.")
    assert set(meeting.participants.values_list("pk", flat=True)) == {r.pk for r in raters[:2]}
    report = selectors.calibration_report(actor=raters[0], calibration=calibration)
    assert report["meetings"][0].notes == "Read 4.2 again."
    assert [i["agreed"] for i in report["items"] if i["name"] == "us_them"] == ["Low"]


def test_agreement_per_item_instrument_and_organisation(coordinator, prison, owned_instrument, raters):
    first = closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    second = closed_round(coordinator, prison, owned_instrument, raters[:2], [A, A])
    report = selectors.calibration_report(actor=coordinator, calibration=second)
    assert report["round_agreement"].n == 5
    assert report["instrument_agreement"].n == 10
    assert report["organisation_agreement"].n == 10
    assert report["instrument_rounds"] == 2
    grievance = next(i for i in report["items"] if i["name"] == "grievance")
    assert grievance["agreement"].n == 2  # one unit per round
    assert grievance["values"] == ["high", "high"]
    assert first.agreement < second.agreement


# --- pages --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "list_status", "round_status"), [
    ("coordinator", 200, 200), ("rater", 200, 200), ("prison_cm", 200, 200),
    ("mentor", 403, 404), ("stranger", 200, 404), ("prison_dpo", 403, 404),  # an assessor elsewhere: empty list
])
def test_page_access(request, coordinator, prison, owned_instrument, raters, who, list_status, round_status):
    calibration = open_round(coordinator, prison, owned_instrument, raters[:2])
    user = raters[0] if who == "rater" else request.getfixturevalue(who)
    client = signed_in(user)
    assert client.get(reverse("assessment:calibration_list")).status_code == list_status
    assert client.get(reverse("assessment:calibration", args=[calibration.pk])).status_code == round_status


def test_pages_open_rate_close_report_consensus(coordinator, prison, owned_instrument, raters):
    client = signed_in(coordinator)
    page = client.get(reverse("assessment:calibration_list"))
    assert b"Open a calibration round" in page.content
    response = client.post(reverse("assessment:calibration_open"), {
        "organisation": prison.pk, "instrument": owned_instrument.pk, "title": "Round 1", "kind": "training",
        "vignette": "A fictional case.", "raters": [raters[0].pk], "threshold": "0.67"})
    assert response.status_code == 400  # one rater
    response = client.post(reverse("assessment:calibration_open"), {
        "organisation": prison.pk, "instrument": owned_instrument.pk, "title": "Round 1", "kind": "training",
        "vignette": "A fictional case.", "raters": [r.pk for r in raters[:2]], "threshold": "0.67"})
    assert response.status_code == 302
    calibration = CalibrationRound.objects.get()
    for rater, values in ((raters[0], A), (raters[1], B)):
        rate_url = reverse("assessment:calibration_rate", args=[calibration.pk])
        rater_client = signed_in(rater)
        assert rater_client.post(rate_url, {"value__grievance": "extreme"}).status_code == 400
        assert rater_client.post(rate_url, {f"value__{k}": v for k, v in values.items()}).status_code == 302
    assert signed_in(raters[2]).post(reverse("assessment:calibration_rate", args=[calibration.pk]),
                                     {"value__grievance": "low"}).status_code == 404
    close_url = reverse("assessment:calibration_close", args=[calibration.pk])
    assert signed_in(raters[0]).post(close_url, {"version": calibration.version}).status_code == 404
    client.post(close_url, {"version": calibration.version + 5})
    calibration.refresh_from_db()
    assert calibration.status == CalibrationRound.Status.OPEN  # stale version: nothing changed
    assert client.post(close_url, {"version": calibration.version}).status_code == 302
    report = client.get(reverse("assessment:calibration_report", args=[calibration.pk]))
    assert report.status_code == 200
    assert b"0.58" in report.content and b"n = 5" in report.content
    consensus_url = reverse("assessment:calibration_consensus", args=[calibration.pk])
    assert client.post(consensus_url, {"held_on": "2999-01-01", "participants": [raters[0].pk]}).status_code == 400
    assert signed_in(raters[0]).post(consensus_url, {"held_on": dt.date.today().isoformat(),
                                                     "participants": [raters[0].pk]}).status_code == 404
    response = client.post(consensus_url, {"held_on": dt.date.today().isoformat(),
                                           "participants": [r.pk for r in raters[:2]], "agreed__us_them": "low",
                                           "notes": "Agreed."})
    assert response.status_code == 302
    assert calibration.meetings.count() == 1


def test_report_query_count_flat(coordinator, prison, owned_instrument, raters):
    calibration = closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    client = signed_in(coordinator)
    url = reverse("assessment:calibration_report", args=[calibration.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for _ in range(3):
        closed_round(coordinator, prison, owned_instrument, raters[:3], [A, B, A])
    services.consensus_record(actor=coordinator, calibration=calibration, held_on=dt.date.today(),
                              participants=raters[:2], agreed={"us_them": "low"})
    with CaptureQueriesContext(connection) as later:
        assert client.get(url).status_code == 200
    assert len(later) <= len(first) + 2  # the meeting and its participants: two queries, whatever the rounds
    list_url = reverse("assessment:calibration_list")
    client.get(list_url)
    with CaptureQueriesContext(connection) as listing:
        client.get(list_url)
    closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    with CaptureQueriesContext(connection) as listing_later:
        client.get(list_url)
    assert len(listing_later) == len(listing)


def test_dashboard_card_for_raters(coordinator, prison, owned_instrument, raters):
    from integra.core.dashboard import cards_for

    calibration = open_round(coordinator, prison, owned_instrument, raters[:2])
    rater = type(raters[0]).objects.get(pk=raters[0].pk)
    titles = [str(c.title) for c in cards_for(rater)]
    assert "Calibration rounds to rate" in titles
    services.round_rate(actor=rater, calibration=calibration, ratings=A)
    rater = type(raters[0]).objects.get(pk=raters[0].pk)
    assert "Calibration rounds to rate" not in [str(c.title) for c in cards_for(rater)]


# --- API ----------------------------------------------------------------------------------------------------------


def test_api_round_lifecycle_and_policy(coordinator, prison, owned_instrument, raters, mentor, stranger):
    client = api_client(coordinator)
    body = {"organisation": prison.pk, "instrument": owned_instrument.pk, "title": "API round",
            "vignette": "Fictional.", "raters": [raters[0].pk, raters[1].pk]}
    assert api_client(mentor).post("/api/v1/calibration-rounds/", body, format="json").status_code == 403
    assert api_client(raters[0]).post("/api/v1/calibration-rounds/", body, format="json").status_code == 403
    bad = client.post("/api/v1/calibration-rounds/", {**body, "raters": [raters[0].pk, stranger.pk]}, format="json")
    assert bad.status_code == 400
    assert client.post("/api/v1/calibration-rounds/", {**body, "threshold": "3"}, format="json").status_code == 400
    created = client.post("/api/v1/calibration-rounds/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert api_client(stranger).get(f"/api/v1/calibration-rounds/{pk}/").status_code == 404
    assert api_client(raters[0]).post(f"/api/v1/calibration-rounds/{pk}/rate/", {"ratings": {"grievance": "x"}},
                                      format="json").status_code == 400
    for rater, values in ((raters[0], A), (raters[1], B)):
        response = api_client(rater).post(f"/api/v1/calibration-rounds/{pk}/rate/", {"ratings": values},
                                          format="json")
        assert response.status_code == 200, response.content
    assert api_client(raters[0]).get(f"/api/v1/calibration-rounds/{pk}/report/").status_code == 403  # open: blind
    version = created.json()["version"]
    assert client.post(f"/api/v1/calibration-rounds/{pk}/close/", {"version": version + 1},
                       format="json").status_code == 409
    closed = client.post(f"/api/v1/calibration-rounds/{pk}/close/", {"version": version}, format="json")
    assert closed.status_code == 200
    assert closed.json()["agreement"] == pytest.approx(7 / 12)
    report = api_client(raters[0]).get(f"/api/v1/calibration-rounds/{pk}/report/").json()
    assert report["round"]["n"] == 5 and report["round"]["statistic"] == "weighted kappa"
    grievance = next(i for i in report["items"] if i["item"] == "grievance")
    assert set(grievance["ratings"].values()) == {"high"}


def test_api_list_query_count_flat(coordinator, prison, owned_instrument, raters):
    closed_round(coordinator, prison, owned_instrument, raters[:2], [A, B])
    client = api_client(coordinator)
    client.get("/api/v1/calibration-rounds/")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/calibration-rounds/")
    for _ in range(3):
        closed_round(coordinator, prison, owned_instrument, raters[:3], [A, B, A])
    client.get("/api/v1/calibration-rounds/")  # warm again: opening a round forgets the actor's cached rater rows
    with CaptureQueriesContext(connection) as later:
        assert len(client.get("/api/v1/calibration-rounds/").json()["results"]) == 4
    assert len(later) == len(first), [q["sql"][:150] for q in later.captured_queries]


def test_level_is_not_training_needs_in_choices(coordinator):
    assert not selectors.calibration_instruments(actor=coordinator).filter(level=Level.TRAINING_NEEDS).exists()
