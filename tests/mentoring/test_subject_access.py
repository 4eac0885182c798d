# ruff: noqa: F811  (fixtures imported from the conftests and used as arguments)
"""The subject-access export holds what the apps above cooperation hold on the person (issue 11/12): the
assessments of the record and the person's mentoring, in the JSON, in the readable copy in the release language,
among the items the officer may withhold, and in the "authored" export after a handover — in a flat number of
queries."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from integra.assessment.models import ActionPlanItem, Assessment, Rating
from integra.cooperation import services as cooperation
from integra.cooperation.models import TransitionRecord
from integra.cooperation.pdf import subject_access_html
from integra.cooperation.selectors import subject_access_data
from integra.cooperation.subject_access import item_keys, review_items
from integra.cooperation.subject_access_sections import register_section
from integra.core.roles import Role
from integra.mentoring import services
from integra.mentoring.models import Circle, CircleDecision, CircleMeeting, MentoringSession
from tests.assessment.conftest import colleague, finished, instrument  # noqa: F401 (fixtures)
from tests.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(shared_record, prison_cm, colleague, instrument, match, mentor, coordinator, ngo):
    """The shared record with a final assessment (and an action-plan line for the person), and a mentoring match
    with a session, a goal, a concern and a family member."""
    assessment = finished(prison_cm, colleague, shared_record, instrument)
    ActionPlanItem.objects.create(assessment=assessment, outcome="Stable housing", action="Apply to the hostel",
                                  owner=prison_cm, due_date=dt.date(2027, 1, 15))
    session = services.session_log(actor=mentor, match=match, held_on=timezone.localdate(), duration_minutes=45,
                                   mode="in_person", notes="Talked about the job centre appointment")
    goal = services.goal_add(actor=mentor, match=match, title="Open a bank account")
    concern = services.concern_raise(actor=mentor, match=match, severity="routine", category="risk_self",
                                     detail="Seemed low after the phone call")
    family = services.family_member_add(actor=coordinator, mentee=match.mentee, name="Amina Haddad",
                                        relationship="sister", consent_given_on=timezone.localdate())
    record = TransitionRecord.objects.get(pk=shared_record.pk)
    return {"record": record, "assessment": assessment, "session": session, "goal": goal, "concern": concern,
            "family": family, "match": match}


def test_the_json_export_holds_the_assessments_and_the_mentoring(held, prison_dpo, coordinator):
    record = held["record"]
    # A circle of support around the person (made directly: its service needs four volunteers).
    circle = Circle.objects.create(mentee=held["match"].mentee, coordinator=coordinator,
                                   started_on=timezone.localdate())
    meeting = CircleMeeting.objects.create(circle=circle, held_on=timezone.localdate(), present=5,
                                           minutes="Agreed to meet at the library")
    CircleDecision.objects.create(meeting=meeting, text="Weekly check-in on Mondays")
    data = json.loads(signed_in(prison_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).content)
    [assessment] = data["assessments"]
    assert assessment["id"] == held["assessment"].pk and assessment["status"] == "final"
    assert assessment["version"] == held["assessment"].instrument_version.number
    assert assessment["judgement"] == "moderate" and assessment["rationale"] == "Because."
    assert assessment["assessor"] == str(held["assessment"].assessor) and assessment["finalised_at"]
    assert {"item": "grievance", "value": "high"}.items() <= next(
        r for r in assessment["ratings"] if r["item"] == "grievance").items()
    assert [p["outcome"] for p in assessment["plan_items"]] == ["Stable housing"]
    assert [m["id"] for m in data["mentoring_matches"]] == [held["match"].pk]
    assert [s["report"] for s in data["mentoring_sessions"]] == ["Talked about the job centre appointment"]
    assert [g["title"] for g in data["mentoring_goals"]] == ["Open a bank account"]
    assert [c["detail"] for c in data["mentoring_concerns"]] == ["Seemed low after the phone call"]
    assert [f["name"] for f in data["mentoring_family"]] == ["Amina Haddad"]
    assert data["mentoring_programmes"][0]["interests"] == "housing"
    [meeting] = data["mentoring_circles"][0]["meetings"]
    assert meeting["minutes"] == "Agreed to meet at the library"
    assert meeting["decisions"] == ["Weekly check-in on Mondays"]


def test_the_copy_in_french_has_their_headings_and_values(held):
    record = held["record"]
    html, _lang = subject_access_html(record=record, data=subject_access_data(record), language="fr")
    for words in ("Évaluations", "jugement de synthèse".capitalize(), "Modéré", "Because.", "Stable housing",
                  "Appariements", "Séances de mentorat", "Talked about the job centre appointment", "Objectifs",
                  "Open a bank account", "Préoccupations", "Risque pour soi-même", "Seemed low after the phone call",
                  "Membres de la famille", "Amina Haddad"):
        assert words in html, words
    for dump in ("risk_self", "in_person", "'grievance'", "final<"):
        assert dump not in html, dump


def test_a_withheld_assessment_or_session_says_so_and_its_content_is_absent(held, prison_dpo):
    record = held["record"]
    data = subject_access_data(record)
    keys = item_keys(data)
    withheld = {f"assessment:{held['assessment'].pk}": "serious_harm", f"session:{held['session'].pk}": "crime"}
    assert set(withheld) <= set(keys) and f"goal:{held['goal'].pk}" in keys
    review = {item["key"]: item for item in review_items(data)}
    assert "Talked about the job centre appointment" in review[f"session:{held['session'].pk}"]["summary"]
    # The release goes through the officer's review like any item of the record.
    client = signed_in(prison_dpo)
    form = {"language": "en"}
    for key, exemption in withheld.items():
        form[f"withhold__{key}"] = "on"
        form[f"exemption__{key}"] = exemption
    assert client.post(reverse("cooperation:subject_access", args=[record.pk]), form).status_code == 302
    from integra.cooperation.models import SubjectAccessRelease

    release = SubjectAccessRelease.objects.get()
    assert release.withheld == withheld and f"concern:{held['concern'].pk}" in release.reviewed
    html, _lang = subject_access_html(record=record, data=data, language="en", withheld=release.withheld,
                                      reviewed=set(release.reviewed), release=release)
    assert html.count("Withheld under:") == 2
    assert "Withheld under: prevention or detection of crime" in html
    assert "Talked about the job centre appointment" not in html and "Because." not in html
    assert "Stable housing" not in html and "Open a bank account" in html


def test_a_mentoring_item_added_after_the_release_is_not_in_the_released_copy(held, prison_dpo, mentor):
    record = held["record"]
    client = signed_in(prison_dpo)
    assert client.post(reverse("cooperation:subject_access", args=[record.pk]), {"language": "en"}).status_code \
        == 302
    from integra.cooperation.models import SubjectAccessRelease

    release = SubjectAccessRelease.objects.get()
    services.goal_add(actor=mentor, match=held["match"], title="Written after the release")
    html, _lang = subject_access_html(record=record, data=subject_access_data(record), language="en",
                                      withheld=release.withheld, reviewed=set(release.reviewed), release=release)
    assert "Open a bank account" in html and "Written after the release" not in html


def test_the_authored_export_holds_what_each_organisation_wrote(held, prison_cm, probation_cm, probation, prison_dpo,
                                                               ngo):
    record = held["record"]
    referral = cooperation.referral_create(actor=prison_cm, record=record, to_organisation=probation,
                                           kind="handover", reason="Release day")
    cooperation.referral_accept(actor=type(probation_cm).objects.get(pk=probation_cm.pk), referral=referral)
    record = TransitionRecord.objects.get(pk=record.pk)
    theirs = Assessment.objects.create(instrument_version=held["assessment"].instrument_version, record=record,
                                       organisation=probation, assessor=probation_cm, rationale="Probation's view")
    # The former owner's officer: the prison's assessments, not the new owner's, and no mentoring (the NGO's).
    data = json.loads(signed_in(prison_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).content)
    assert [a["id"] for a in data["assessments"]] == [held["assessment"].pk]
    assert not data["mentoring_matches"] and not data["mentoring_sessions"] and not data["mentoring_concerns"]
    # The NGO's officer (the NGO wrote on the record when the concern was raised): its programme, no assessment.
    ngo_dpo = make_user("dpo@ngo.example", org=ngo, roles=[Role.DATA_PROTECTION])
    data = json.loads(signed_in(ngo_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).content)
    assert not data["assessments"] and not data["team"]
    assert [s["id"] for s in data["mentoring_sessions"]] == [held["session"].pk]
    assert [c["id"] for c in data["mentoring_concerns"]] == [held["concern"].pk]
    # The new owner's officer: everything held, both assessments.
    probation_dpo = make_user("dpo@probation.example", org=probation, roles=[Role.DATA_PROTECTION])
    data = json.loads(signed_in(probation_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).content)
    assert {a["id"] for a in data["assessments"]} == {held["assessment"].pk, theirs.pk}
    assert [g["id"] for g in data["mentoring_goals"]] == [held["goal"].pk]


def test_the_export_query_count_does_not_grow_with_assessments_and_sessions(held, prison_dpo, prison, prison_cm):
    record = held["record"]
    client = signed_in(prison_dpo)
    url = reverse("cooperation:export", args=[record.pk, "json"])
    review = reverse("cooperation:subject_access", args=[record.pk])
    client.get(url)
    client.get(review)

    def more(n):
        for i in range(n):
            extra = Assessment.objects.create(instrument_version=held["assessment"].instrument_version,
                                              record=record, organisation=prison, assessor=prison_cm)
            Rating.objects.create(assessment=extra, item="grievance", value="low", evidence=f"evidence {i}")
            ActionPlanItem.objects.create(assessment=extra, outcome=f"outcome {i}", action="act", owner=prison_cm,
                                          due_date=dt.date(2027, 1, 1))
            MentoringSession.objects.create(match=held["match"], held_on=timezone.localdate(), notes=f"s {i}")

    more(1)  # two of each
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    with CaptureQueriesContext(connection) as two_review:
        client.get(review)
    more(4)  # six of each
    with CaptureQueriesContext(connection) as six:
        assert len(json.loads(client.get(url).content)["assessments"]) == 6
    with CaptureQueriesContext(connection) as six_review:
        client.get(review)
    assert len(six) == len(two)
    assert len(six_review) == len(two_review)


def test_a_section_cannot_take_a_key_of_another():
    options = dict(title="x", kind="x", empty="x", collect=lambda record, scope: [], heading=str, fields=list,
                   summary=str)
    with pytest.raises(ValueError):
        register_section("notes", prefix="other", **options)
    with pytest.raises(ValueError):
        register_section("something_else", prefix="session", **options)


def test_an_organisation_that_only_assessed_the_person_answers_for_its_assessment(held, probation, probation_cm):
    """No note, no document: the assessment it made is what it wrote on the record, so its officer may export it
    (and lists the record among those written elsewhere), and nothing else of the record."""
    from integra.cooperation.models import Document, Note
    from integra.cooperation.policy import authored_records, subject_access_scope

    record = held["record"]
    assert not Note.objects.filter(record=record, organisation=probation).exists()
    assert not Document.objects.filter(record=record, organisation=probation).exists()
    probation_dpo = make_user("dpo@probation.example", org=probation, roles=[Role.DATA_PROTECTION])
    assert subject_access_scope(probation_dpo, record) is None
    assert record not in authored_records(probation_dpo)

    theirs = Assessment.objects.create(instrument_version=held["assessment"].instrument_version, record=record,
                                       organisation=probation, assessor=probation_cm, rationale="Probation's view")
    scope = subject_access_scope(probation_dpo, record)
    assert scope is not None and not scope.whole and scope.organisation_ids == {probation.pk}
    assert list(authored_records(probation_dpo)) == [record]
    data = json.loads(signed_in(probation_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).content)
    assert [a["id"] for a in data["assessments"]] == [theirs.pk]
    assert not data["notes"] and not data["mentoring_sessions"] and not data["team"]
