"""Organisation action plans: lines drawn from a final organisation-level assessment (importance, urgency, outcome,
risk, action, owner, due date, evidence, red/amber/green); overdue lines on their owner's dashboard; pages and API:
permission allowed and denied, bad input, stale edits, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.assessment import services
from integra.assessment.models import ActionPlanItem, BiasCheck
from integra.core.dashboard import cards_for
from integra.core.roles import Role
from tests.conftest import api_client, make_user, signed_in

from .conftest import load_definition

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
ORG_RATINGS = {"policy": "red", "training": "amber", "sharing": "green", "release_planning": "amber"}


@pytest.fixture
def org_instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("organisation.json"))
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


@pytest.fixture
def second(prison):
    return make_user("officer@prison.example", org=prison, roles=[Role.FRONTLINE])


@pytest.fixture
def governor(prison):
    """Owns actions; no assessor role."""
    return make_user("governor@prison.example", org=prison, roles=[Role.ORG_ADMIN])


def unit_assessment(author, countersigner, organisation, instrument, *, final=True):
    assessment = services.assessment_start_unit(actor=author, organisation=organisation, instrument=instrument,
                                                subject="Wing B")
    if not final:
        return assessment
    assessment, _ = services.assessment_save(
        actor=author, assessment=assessment, expected_version=assessment.version,
        answers={k: {"value": v, "sources": ["interview", "file"]} for k, v in ORG_RATINGS.items()},
        judgement="moderate", significant_items=["policy"], rationale="R.", evidence_against="E.",
        limitations="L.", bias_checks=BiasCheck.values)
    services.assessment_submit(actor=author, assessment=assessment, expected_version=assessment.version)
    services.assessment_countersign(actor=countersigner, assessment=assessment, expected_version=assessment.version)
    services.assessment_finalise(actor=author, assessment=assessment, expected_version=assessment.version)
    return assessment


@pytest.fixture
def final(prison_cm, second, prison, org_instrument):
    return unit_assessment(prison_cm, second, prison, org_instrument)


def add(actor, assessment, owner, **extra):
    fields = {"item": "policy", "importance": 3, "urgency": 2, "outcome": "A written prevention policy",
              "risk": "Inconsistent practice", "action": "Draft and consult", "due_date": TODAY + dt.timedelta(30),
              "rag": "red", **extra}
    return services.plan_item_add(actor=actor, assessment=assessment, owner=owner, **fields)


def test_add_line_notifies_owner_and_refuses_bad_input(final, prison_cm, governor, stranger, mentor, prison,
                                                       second, org_instrument):
    from integra.core.models import Notification

    line = add(prison_cm, final, governor)
    assert line.importance == 3 and line.rag == "red"
    assert Notification.objects.filter(recipient=governor, title_code__startswith="You own an action").exists()
    for actor in (stranger, mentor):
        with pytest.raises(PermissionDenied):
            add(actor, final, governor)
    with pytest.raises(ValidationError, match="owner"):
        add(prison_cm, final, stranger)
    with pytest.raises(ValidationError, match="item"):
        add(prison_cm, final, governor, item="nope")
    with pytest.raises(ValidationError, match="red, amber or green"):
        add(prison_cm, final, governor, rag="blue")
    with pytest.raises(ValidationError, match="outcome"):
        add(prison_cm, final, governor, outcome="  ")
    with pytest.raises(ValidationError, match="low, medium or high"):
        add(prison_cm, final, governor, importance=7)
    with pytest.raises(ValidationError):
        add(prison_cm, final, governor, due_date=TODAY + dt.timedelta(days=365 * 30))
    draft = unit_assessment(prison_cm, second, prison, org_instrument, final=False)
    with pytest.raises(PermissionDenied):
        add(prison_cm, draft, governor)
    assert ActionPlanItem.objects.count() == 1


def test_group_assessment_has_no_plan(prison_cm, second, prison, platform_admin, governor):
    version = services.instrument_import(actor=platform_admin, definition=load_definition("group.json"))
    services.version_publish(actor=platform_admin, version=version)
    assessment = services.assessment_start_unit(actor=prison_cm, organisation=prison, instrument=version.instrument,
                                                subject="Wing C")
    from integra.assessment.models import Assessment

    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.FINAL)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError, match="organisation-level"):
        add(prison_cm, assessment, governor, item="")


def test_update_by_owner_and_overdue_card(final, prison_cm, governor, stranger):
    line = add(prison_cm, final, governor, due_date=TODAY - dt.timedelta(days=3))
    assert line.overdue
    governor = type(governor).objects.get(pk=governor.pk)
    card = next(c for c in cards_for(governor) if str(c.title) == "Overdue actions of an action plan")
    assert card.items[0].label == "A written prevention policy"
    with pytest.raises(PermissionDenied):
        services.plan_item_update(actor=stranger, line=line, expected_version=line.version, rag="green",
                                  evidence="")
    with pytest.raises(ValidationError, match="evidence"):
        services.plan_item_update(actor=governor, line=line, expected_version=line.version, rag="green",
                                  evidence="", done=True)
    services.plan_item_update(actor=governor, line=line, expected_version=line.version, rag="green",
                              evidence="Policy adopted on 1 May.", done=True)
    line.refresh_from_db()
    assert line.done and line.rag == "green"
    governor = type(governor).objects.get(pk=governor.pk)
    assert "Overdue actions of an action plan" not in [str(c.title) for c in cards_for(governor)]


@pytest.mark.parametrize(("who", "status"), [("prison_cm", 200), ("second", 200), ("governor", 200),
                                              ("mentor", 404), ("stranger", 404), ("prison_dpo", 404)])
def test_plan_page_access(request, final, prison_cm, governor, who, status):
    add(prison_cm, final, governor)
    user = request.getfixturevalue(who)
    response = signed_in(user).get(reverse("assessment:plan", args=[final.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"A written prevention policy" in response.content


def test_plan_pages_add_update_bad_input_and_stale(final, prison_cm, governor, stranger):
    client = signed_in(prison_cm)
    url = reverse("assessment:plan_add", args=[final.pk])
    data = {"item": "policy", "importance": "3", "urgency": "3", "outcome": "Policy", "action": "Write it",
            "owner": governor.pk, "due_date": (TODAY + dt.timedelta(days=10)).isoformat(), "rag": "amber"}
    assert client.post(url, {**data, "rag": "blue"}).status_code == 400
    assert client.post(url, {**data, "owner": stranger.pk}).status_code == 400
    assert signed_in(stranger).post(url, data).status_code == 404
    assert client.post(url, data).status_code == 302
    line = ActionPlanItem.objects.get()
    update = reverse("assessment:plan_update", args=[line.pk])
    owner = signed_in(governor)
    owner.post(update, {"version": line.version + 3, "rag": "green", "evidence": "x"})
    line.refresh_from_db()
    assert line.rag == "amber"  # stale: nothing changed
    assert owner.post(update, {"version": line.version, "rag": "green", "evidence": "Done."}).status_code == 302
    line.refresh_from_db()
    assert line.rag == "green" and line.evidence == "Done."
    assert signed_in(stranger).post(update, {"version": line.version, "rag": "red"}).status_code == 404


def test_plan_page_query_count_flat(final, prison_cm, governor):
    add(prison_cm, final, governor)
    client = signed_in(prison_cm)
    url = reverse("assessment:plan", args=[final.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for i in range(4):
        add(prison_cm, final, governor, outcome=f"Outcome {i}")
    with CaptureQueriesContext(connection) as later:
        client.get(url)
    assert len(later) == len(first)


def test_api_plan(final, prison_cm, governor, stranger, mentor):
    body = {"assessment": final.pk, "item": "training", "importance": 2, "urgency": 3, "outcome": "Train staff",
            "action": "Book the course", "owner": governor.pk, "due_date": (TODAY + dt.timedelta(20)).isoformat()}
    assert api_client(mentor).post("/api/v1/action-plan-items/", body, format="json").status_code == 403
    assert api_client(stranger).post("/api/v1/action-plan-items/", body, format="json").status_code == 400
    assert api_client(prison_cm).post("/api/v1/action-plan-items/", {**body, "rag": "blue"},
                                      format="json").status_code == 400
    created = api_client(prison_cm).post("/api/v1/action-plan-items/", body, format="json")
    assert created.status_code == 201, created.content
    pk, version = created.json()["id"], created.json()["version"]
    assert api_client(stranger).get(f"/api/v1/action-plan-items/{pk}/").status_code == 404
    listed = api_client(governor).get("/api/v1/action-plan-items/").json()["results"]
    assert [row["id"] for row in listed] == [pk]
    progress = f"/api/v1/action-plan-items/{pk}/progress/"
    assert api_client(governor).post(progress, {"version": version + 1, "rag": "green"},
                                     format="json").status_code == 409
    response = api_client(governor).post(progress, {"version": version, "rag": "green", "evidence": "Booked."},
                                         format="json")
    assert response.status_code == 200 and response.json()["rag"] == "green"
    client = api_client(prison_cm)
    client.get("/api/v1/action-plan-items/")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/action-plan-items/")
    for i in range(3):
        add(prison_cm, final, governor, outcome=f"O{i}")
    with CaptureQueriesContext(connection) as later:
        assert len(client.get("/api/v1/action-plan-items/").json()["results"]) == 4
    assert len(later) == len(first)
