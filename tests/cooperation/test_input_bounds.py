"""Issue 10: no input taken silently, none unbounded, no 500 — the cooperation's forms, API and services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.cooperation import services
from integra.cooperation.models import Action, CaseConference, Decision, Note, Referral, TransitionRecord
from integra.core import limits
from tests.conftest import api_client, signed_in

CANNOT_CHANGE = ["This field cannot be changed here."]


def _open(client, prison, **extra):
    return client.post("/api/v1/cases/", {"organisation": prison.pk, "given_names": "A", "family_name": "B", **extra},
                       format="json")


@pytest.mark.parametrize("extra", [{"legal_status": "bogus-status"}, {"establishment": "x" * 5000},
                                   {"languages": "x" * 5000}, {"expected_release_date": "1850-01-01"}])
def test_opening_a_record_refuses_unknown_choices_and_overlong_values(prison, prison_cm, extra):
    before = TransitionRecord.objects.count()
    response = _open(api_client(prison_cm), prison, **extra)
    assert response.status_code == 400, response.content
    assert set(response.json()["error"]["fields"]) == set(extra)
    assert TransitionRecord.objects.count() == before


@pytest.mark.parametrize("extra", [{"legal_status": "bogus-status"}, {"establishment": "x" * 5000},
                                   {"expected_release_date": "0001-01-01"}])
def test_updating_a_record_refuses_them_too(record, prison_cm, extra):
    response = api_client(prison_cm).patch(f"/api/v1/cases/{record.pk}/", extra, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()["error"]["fields"]) == set(extra)
    record.refresh_from_db()
    assert record.legal_status != "bogus-status" and len(record.establishment) < 5000


def test_fields_a_record_patch_cannot_change_are_refused_by_name(record, prison_cm, probation):
    response = api_client(prison_cm).patch(f"/api/v1/cases/{record.pk}/", {
        "reference": "ITG-HACKED", "phase": "closed", "owner": probation.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"reference": CANNOT_CHANGE, "phase": CANNOT_CHANGE,
                                                   "owner": CANNOT_CHANGE}
    record.refresh_from_db()
    assert record.reference != "ITG-HACKED" and record.phase != "closed" and record.owner_id != probation.pk


def test_an_action_patch_refuses_a_title(record, prison_cm):
    item = services.action_create(actor=prison_cm, record=record, title="Book a room", owner=prison_cm,
                                  due_date=timezone.localdate())
    client = api_client(prison_cm)
    response = client.patch(f"/api/v1/actions/{item.pk}/", {"title": "Changed"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"title": CANNOT_CHANGE}
    assert Action.objects.get(pk=item.pk).title == "Book a room"
    ok = client.patch(f"/api/v1/actions/{item.pk}/", {"status": "done", "version": item.version}, format="json")
    assert ok.status_code == 200 and Action.objects.get(pk=item.pk).status == "done"


@pytest.mark.parametrize("due_date", ["0001-01-01", "9999-12-31"])
def test_an_action_due_date_is_within_range(record, prison_cm, due_date):
    response = api_client(prison_cm).post("/api/v1/actions/", {"record": record.pk, "title": "T",
                                                              "owner": prison_cm.pk, "due_date": due_date},
                                          format="json")
    assert response.status_code == 400 and "due_date" in response.json()["error"]["fields"]
    with pytest.raises(ValidationError):
        services.action_create(actor=prison_cm, record=record, title="T", owner=prison_cm,
                               due_date=dt.date.fromisoformat(due_date))
    assert not Action.objects.exists()


def test_a_json_value_of_the_wrong_type_is_refused(prison, prison_cm):
    response = _open(api_client(prison_cm), prison, establishment=12)
    assert response.status_code == 400 and "establishment" in response.json()["error"]["fields"]


def test_a_huge_note_is_refused_on_the_page_and_by_the_service(shared_record, prison_cm):
    before = Note.objects.count()
    response = signed_in(prison_cm).post(reverse("cooperation:note_add", args=[shared_record.pk, "casework"]),
                                         {"body": "x" * (limits.LONG_TEXT + 1)})
    assert response.status_code in (302, 400)
    with pytest.raises(ValidationError):
        services.note_add(actor=prison_cm, record=shared_record, section="casework", body="x" * (limits.LONG_TEXT + 1))
    assert Note.objects.count() == before


def test_a_huge_referral_reason_is_refused(shared_record, prison_cm, stranger_org, probation):
    response = api_client(prison_cm).post("/api/v1/referrals/", {
        "record": shared_record.pk, "to_organisation": probation.pk, "reason": "x" * 100_000}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]
    with pytest.raises(ValidationError):
        services.referral_create(actor=prison_cm, record=shared_record, to_organisation=probation,
                                 reason="x" * 100_000)
    assert not Referral.objects.exists()


def test_the_decline_reason_is_required_by_the_api(shared_record, prison_cm, probation, probation_cm):
    referral = services.referral_create(actor=prison_cm, record=shared_record, to_organisation=probation,
                                        reason="Supervision after release")
    response = api_client(probation_cm).post(f"/api/v1/referrals/{referral.pk}/decline/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]


def test_five_thousand_decisions_in_one_form_are_refused(shared_record, prison_cm):
    conference = services.conference_schedule(actor=prison_cm, record=shared_record, title="Review",
                                              scheduled_at=timezone.now(), participants=[prison_cm], location="Room 1")
    response = signed_in(prison_cm).post(reverse("cooperation:conference", args=[conference.pk]), {
        "minutes": "m", "decisions": "\n".join(f"decision {i}" for i in range(5000)),
        "version": conference.version})
    assert response.status_code == 400
    assert not Decision.objects.exists()
    assert CaseConference.objects.get(pk=conference.pk).minutes == ""


def test_a_conference_id_that_is_no_number_is_a_client_error(record, prison_cm):
    """The old form read `conference` from the POST; whatever is sent, the answer is never a 500."""
    response = signed_in(prison_cm).post(reverse("cooperation:action_new", args=[record.pk]), {
        "conference": "abc", "title": "T", "owner": prison_cm.pk, "due_date": "x"})
    assert response.status_code < 500
