"""Referrals and handovers, conferences and actions, notes and documents, emergency access, audit of reads,
retention and legal hold, subject-access export, concurrency, bad input, query counts."""

import datetime as dt
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from integra.cooperation import services
from integra.cooperation.models import (
    Action,
    Document,
    EmergencyAccess,
    Note,
    Referral,
    TeamMember,
    TimelineEntry,
    TransitionRecord,
)
from integra.cooperation.policy import forget_record_access
from integra.core.models import AuditEvent, Notification
from integra.core.roles import Role
from tests.conftest import api_client, make_user, signed_in

pytestmark = pytest.mark.django_db


# --- referrals ---------------------------------------------------------------------------------------------------


def test_referral_accept_grants_the_agreed_access(record, agreement, consent, prison_cm, probation_cm, probation,
                                                  django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation,
                                            reason="Supervision on release", access_level="casework")
    assert Notification.objects.filter(recipient=probation_cm, url__contains=f"/referrals/{referral.pk}/").exists()
    assert any(probation_cm.email in m.to for m in mailoutbox)
    client = signed_in(probation_cm)
    assert client.get(reverse("cooperation:record", args=[record.pk])).status_code == 404  # not before accepting
    page = client.get(reverse("cooperation:referral", args=[referral.pk]))
    assert page.status_code == 200 and record.reference in page.content.decode()
    response = client.post(reverse("cooperation:referral_accept", args=[referral.pk]))
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == "accepted"
    assert TeamMember.objects.current().get(record=record, user=probation_cm).access_level == "casework"
    assert client.get(reverse("cooperation:record", args=[record.pk])).status_code == 200
    kinds = list(TimelineEntry.objects.filter(record=record).values_list("kind", flat=True))
    assert "referral_sent" in kinds and "referral_accepted" in kinds
    assert Notification.objects.filter(recipient=prison_cm, title__contains="accepted").exists()


def test_referral_decline_needs_a_reason_and_revoke_only_while_pending(record, agreement, consent, prison_cm,
                                                                        probation_cm, probation):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="Support")
    with pytest.raises(ValidationError, match="reason"):
        services.referral_decline(actor=probation_cm, referral=referral, reason=" ")
    services.referral_decline(actor=probation_cm, referral=referral, reason="No capacity this month")
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=probation_cm, referral=Referral.objects.get(pk=referral.pk))
    with pytest.raises(PermissionDenied):
        services.referral_revoke(actor=prison_cm, referral=Referral.objects.get(pk=referral.pk))
    second = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="Again")
    with pytest.raises(PermissionDenied):
        services.referral_revoke(actor=probation_cm, referral=second)  # only the sender side revokes
    services.referral_revoke(actor=prison_cm, referral=second)
    assert Referral.objects.get(pk=second.pk).status == "revoked"
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=probation_cm, referral=Referral.objects.get(pk=second.pk))


def test_duplicate_pending_referral_and_missing_agreement_are_refused(record, agreement, consent, prison_cm,
                                                                      probation, stranger_org):
    services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="x")
    with pytest.raises(ValidationError, match="already pending"):
        services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="x")
    with pytest.raises(ValidationError, match="agreement"):
        services.referral_create(actor=prison_cm, record=record, to_organisation=stranger_org, reason="x")
    assert Referral.objects.count() == 1


def test_referral_page_shows_the_specific_refusal(record, agreement, prison_cm, stranger_org):
    response = signed_in(prison_cm).post(reverse("cooperation:refer", args=[record.pk]), {
        "to_organisation": stranger_org.pk, "kind": "referral", "urgency": "routine", "access_level": "practical",
        "sections": ["practical"], "reason": "Needs support"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "no valid information-sharing agreement" in body and "no consent or other legal basis" in body
    assert not Referral.objects.exists()


def test_a_failing_mail_server_does_not_lose_a_referral(record, agreement, consent, prison_cm, probation, settings,
                                                        django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_services.BrokenEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="x")
    assert Referral.objects.filter(pk=referral.pk).exists()


def test_referral_api_state_machine(record, agreement, consent, prison_cm, probation_cm, probation):
    response = api_client(prison_cm).post("/api/v1/referrals/", {"record": record.pk, "to_organisation": probation.pk,
                                                                 "reason": "Support", "access_level": "practical"},
                                          format="json")
    assert response.status_code == 201, response.json()
    referral_id = response.json()["id"]
    assert api_client(prison_cm).post(f"/api/v1/referrals/{referral_id}/accept/").status_code == 403
    response = api_client(probation_cm).post(f"/api/v1/referrals/{referral_id}/accept/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = api_client(probation_cm).post(f"/api/v1/referrals/{referral_id}/decline/", {"reason": "late"},
                                             format="json")
    assert response.status_code == 403


# --- conferences and actions -------------------------------------------------------------------------------------


def test_conference_minutes_are_encrypted_and_actions_need_an_owner(shared_record, prison_cm, probation_cm, mentor):
    conference = services.conference_schedule(actor=prison_cm, record=shared_record, title="Pre-release panel",
                                              scheduled_at=timezone.now() + timedelta(days=2),
                                              participants=[probation_cm], location="Prison A")
    services.conference_record(actor=prison_cm, conference=conference, expected_version=conference.version,
                               minutes="Discussed sensitive family situation", attended_user_ids=[probation_cm.pk],
                               decisions=["Weekly contact"])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT minutes FROM cooperation_caseconference WHERE id = %s", [conference.pk])
        assert "sensitive" not in cursor.fetchone()[0]
    with pytest.raises(ValidationError, match="owner"):
        services.action_create(actor=prison_cm, record=shared_record, title="x", owner=None,
                               due_date=timezone.localdate())
    outsider = make_user()
    with pytest.raises(ValidationError, match="team"):
        services.action_create(actor=prison_cm, record=shared_record, title="x", owner=outsider,
                               due_date=timezone.localdate())
    action = services.action_create(actor=prison_cm, record=shared_record, title="Find housing", owner=mentor,
                                    due_date=timezone.localdate() - timedelta(days=1), conference=conference)
    # the mentor sees their own action (practical) but not the conference (case work)
    assert signed_in(mentor).get(reverse("cooperation:conference", args=[conference.pk])).status_code == 404
    actions_page = signed_in(mentor).get(reverse("cooperation:actions")).content.decode()
    assert "Find housing" in actions_page and "overdue" in actions_page
    dashboard = signed_in(mentor).get(reverse("core:dashboard")).content.decode()
    assert "Overdue actions" in dashboard and "Find housing" in dashboard
    assert "Find housing" in signed_in(prison_cm).get(reverse("core:dashboard")).content.decode()  # coordinator
    stale = api_client(mentor).patch(f"/api/v1/actions/{action.pk}/", {"status": "done", "version": 99},
                                     format="json")
    assert stale.status_code == 409
    done = api_client(mentor).patch(f"/api/v1/actions/{action.pk}/", {"status": "done"}, format="json")
    assert done.status_code == 200 and Action.objects.get(pk=action.pk).status == "done"


def test_conference_api_scoped(shared_record, prison_cm, probation_cm, mentor):
    conference = services.conference_schedule(actor=prison_cm, record=shared_record, title="Panel",
                                              scheduled_at=timezone.now(), participants=[], online_url="https://x.eu")
    assert api_client(probation_cm).get(f"/api/v1/conferences/{conference.pk}/").status_code == 200
    assert api_client(mentor).get(f"/api/v1/conferences/{conference.pk}/").status_code == 404
    assert "minutes" not in api_client(probation_cm).get(f"/api/v1/conferences/{conference.pk}/").json()


# --- notes, documents, bad input ---------------------------------------------------------------------------------


def test_upload_checks_type_content_and_size(shared_record, prison_cm):
    client = signed_in(prison_cm)
    url = reverse("cooperation:document_upload", args=[shared_record.pk, "casework"])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Report", "upload": fake})
    assert response.status_code == 400 and "does not match its type" in response.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"upload": exe})
    assert response.status_code == 400 and "not accepted" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(url, {"upload": big})
    assert response.status_code == 400 and "larger than 10 MB" in response.content.decode()
    assert not Document.objects.exists()
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 resettlement plan", content_type="application/pdf")
    assert client.post(url, {"title": "Plan", "upload": good}).status_code == 302
    document = Document.objects.get()
    with document.file.open("rb") as stored:
        assert b"resettlement" not in stored.read()  # encrypted at rest
    download = client.get(reverse("cooperation:document", args=[document.pk]))
    assert download.content == b"%PDF-1.4 resettlement plan"
    assert AuditEvent.objects.filter(action="cooperation.record.document_downloaded").exists()
    document.file.delete(save=False)


def test_mentor_cannot_download_casework_documents(shared_record, prison_cm, mentor):
    upload = SimpleUploadedFile("a.txt", b"case work", content_type="text/plain")
    document = services.document_upload(actor=prison_cm, record=shared_record, section="casework", title="a",
                                        upload=upload)
    assert signed_in(mentor).get(reverse("cooperation:document", args=[document.pk])).status_code == 404
    document.file.delete(save=False)


def test_notes_are_encrypted_at_rest(shared_record):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM cooperation_note")
        assert all("secret-" not in row[0] for row in cursor.fetchall())
    assert Note.objects.filter(record=shared_record).count() == 4


def test_open_record_bad_input_changes_nothing(prison, prison_cm):
    count = TransitionRecord.objects.count()
    response = signed_in(prison_cm).post(reverse("cooperation:record_open"), {
        "organisation": prison.pk, "given_names": "", "family_name": "X", "expected_release_date": "31/12/2026",
        "legal_status": "sentenced", "phase": "pre_release"})
    body = response.content.decode()
    assert response.status_code == 400 and "Enter a valid date." in body and "This field is required." in body
    assert TransitionRecord.objects.count() == count


def test_only_case_managers_open_records(prison, mentor, prison_cm):
    assert signed_in(mentor).get(reverse("cooperation:record_open")).status_code == 403
    assert signed_in(prison_cm).get(reverse("cooperation:record_open")).status_code == 200
    response = api_client(mentor).post("/api/v1/cases/", {"organisation": prison.pk, "given_names": "A",
                                                          "family_name": "B"}, format="json")
    assert response.status_code == 403


def test_stale_edit_is_refused_on_page_and_api(record, prison_cm):
    client = signed_in(prison_cm)
    url = reverse("cooperation:record_edit", args=[record.pk])
    data = {"establishment": "Wing C", "legal_status": "sentenced", "languages": "", "version": record.version}
    assert client.post(url, data).status_code == 302
    data["establishment"] = "Wing D"
    response = client.post(url, data)
    assert response.status_code == 409 and "Someone else saved this record" in response.content.decode()
    response = api_client(prison_cm).patch(f"/api/v1/cases/{record.pk}/", {"languages": "Arabic", "version": 1},
                                           format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "stale_version"
    assert TransitionRecord.objects.get(pk=record.pk).establishment == "Wing C"


def test_phase_changes_are_on_the_timeline_and_closed_cannot_reopen(record, prison_cm):
    services.record_set_phase(actor=prison_cm, record=record, phase="released", expected_version=record.version)
    services.record_set_phase(actor=prison_cm, record=record, phase="closed", expected_version=record.version)
    assert record.closed_at is not None
    with pytest.raises(ValidationError, match="cannot be reopened"):
        services.record_set_phase(actor=prison_cm, record=record, phase="custody", expected_version=record.version)
    assert TimelineEntry.objects.filter(record=record, kind="phase_changed").count() == 2


# --- emergency access, audit of reads -----------------------------------------------------------------------------


def test_break_the_glass(shared_record, emergency_agreement, stranger, prison_cm, prison_dpo,
                         django_capture_on_commit_callbacks):
    client = signed_in(stranger)
    found = client.get(reverse("cooperation:find"), {"reference": shared_record.reference})
    assert found.status_code == 200 and "Break the glass" in found.content.decode()
    short = client.post(reverse("cooperation:emergency", args=[shared_record.pk]), {"reason": "urgent"})
    assert short.status_code == 400 and not EmergencyAccess.objects.exists()
    reason = "Police report a credible threat tonight; need the safety plan."
    response = client.post(reverse("cooperation:emergency", args=[shared_record.pk]),
                           {"reason": reason, "risk_to_life": "on"})
    assert response.status_code == 302
    forget_record_access(stranger)
    assert client.get(reverse("cooperation:section", args=[shared_record.pk, "intelligence"])).status_code == 200
    event = AuditEvent.objects.get(action="cooperation.record.emergency_access")
    # The reason is kept encrypted on the grant; the audit event names the grant, and the access log shows it.
    assert event.purpose == "emergency access" and event.actor == stranger
    assert event.data["emergency_access"] == EmergencyAccess.objects.get().pk
    log = signed_in(prison_dpo).get(reverse("cooperation:access_log", args=[shared_record.pk])).content.decode()
    assert reason.replace("'", "&#x27;") in log
    for person in (prison_cm, prison_dpo):
        assert Notification.objects.filter(recipient=person, title__contains="Emergency access").exists()
    later = EmergencyAccess.objects.get()
    EmergencyAccess.objects.filter(pk=later.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    forget_record_access(stranger)
    assert signed_in(stranger).get(reverse("cooperation:record", args=[shared_record.pk])).status_code == 404


def test_people_without_a_case_role_cannot_break_the_glass(shared_record, db):
    from integra.core.models import OrganisationKind
    from tests.conftest import make_org

    trainer = make_user(org=make_org(kind=OrganisationKind.TRAINING), roles=[Role.TRAINER])
    response = signed_in(trainer).get(reverse("cooperation:find"), {"reference": shared_record.reference})
    assert response.status_code == 403  # the search is not for them at all, whichever reference they type


def test_every_read_is_audited_with_its_purpose_and_shown_in_the_access_log(shared_record, probation_cm, prison_cm,
                                                                            prison_dpo):
    client = signed_in(probation_cm)
    client.get(reverse("cooperation:record", args=[shared_record.pk]))
    client.get(reverse("cooperation:section", args=[shared_record.pk, "casework"]))
    api_client(probation_cm).get(f"/api/v1/cases/{shared_record.pk}/")
    reads = AuditEvent.objects.filter(actor=probation_cm, object_id=str(shared_record.pk),
                                      action__in=["cooperation.record.viewed", "cooperation.record.section_viewed"])
    assert reads.count() == 3
    assert {e.purpose for e in reads} >= {"case work (team member)", "API"}
    log = signed_in(prison_dpo).get(reverse("cooperation:access_log", args=[shared_record.pk])).content.decode()
    assert probation_cm.email in log and "case work (team member)" in log


# --- retention, legal hold, subject access ---------------------------------------------------------------------------


def test_purge_removes_closed_records_after_retention_but_never_under_legal_hold(prison, prison_cm, settings):
    settings.COOPERATION_CLOSED_RETENTION_DAYS = 30
    old = services.record_open(actor=prison_cm, organisation=prison, given_names="A", family_name="B")
    held = services.record_open(actor=prison_cm, organisation=prison, given_names="C", family_name="D")
    recent = services.record_open(actor=prison_cm, organisation=prison, given_names="E", family_name="F")
    long_ago = timezone.now() - timedelta(days=40)
    TransitionRecord.objects.filter(pk__in=[old.pk, held.pk]).update(phase="closed", closed_at=long_ago)
    TransitionRecord.objects.filter(pk=recent.pk).update(phase="closed", closed_at=timezone.now())
    services.record_set_rights_flags(actor=prison_cm, record=TransitionRecord.objects.get(pk=held.pk),
                                     legal_hold=True)
    call_command("purge")
    remaining = set(TransitionRecord.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and {held.pk, recent.pk} <= remaining
    event = AuditEvent.objects.filter(action="core.retention.purged").latest("seq")
    assert event.data["counts"]["cooperation.closed_records"] == 1


def test_subject_access_export_is_complete(shared_record, prison_dpo, probation_cm, prison_cm):
    signed_in(probation_cm).get(reverse("cooperation:record", args=[shared_record.pk]))
    services.flag_add(actor=prison_cm, record=shared_record, kind="interpreter", detail="Arabic")
    response = signed_in(prison_dpo).get(reverse("cooperation:export", args=[shared_record.pk, "json"]))
    data = json.loads(response.content)
    assert data["identity"]["given_names"] == "Samir"
    assert {n["section"] for n in data["notes"]} == {"intelligence", "assessment", "casework", "practical"}
    assert any("secret-intelligence-note" == n["text"] for n in data["notes"])
    assert {m["organisation"] for m in data["team"]} == {"Prison A", "Probation B", "NGO C"}
    assert data["sharing_bases"] and data["flags"][0]["detail"] == "Arabic"
    assert any(e["who"] == probation_cm.email and e["action"] == "cooperation.record.viewed"
               for e in data["access_log"])
    assert AuditEvent.objects.filter(action="cooperation.record.exported", actor=prison_dpo).exists()


def test_subject_access_pdf_goes_through_the_review(shared_record, prison_dpo):
    response = signed_in(prison_dpo).get(reverse("cooperation:export", args=[shared_record.pk, "pdf"]))
    assert response.status_code == 302 and response["Location"] == reverse("cooperation:subject_access",
                                                                           args=[shared_record.pk])


def test_a_broken_pdf_renderer_does_not_break_the_page(shared_record, prison_dpo, monkeypatch):
    from integra.cooperation import pdf

    def broken(**kwargs):
        raise OSError("cannot load pango")

    monkeypatch.setattr(pdf, "render_subject_access_pdf", broken)
    client = signed_in(prison_dpo)
    response = client.post(reverse("cooperation:subject_access", args=[shared_record.pk]), {"language": "en"})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == reverse("cooperation:subject_access",
                                                                           args=[shared_record.pk])


# --- query counts --------------------------------------------------------------------------------------------------


def _more_records(actor, organisation, n):
    for i in range(n):
        record = services.record_open(actor=actor, organisation=organisation, given_names=f"P{i}", family_name="Q",
                                      expected_release_date=timezone.localdate() + dt.timedelta(days=5))
        services.note_add(actor=actor, record=record, section="casework", body="n")


def test_caseload_record_timeline_and_api_queries_stay_flat(shared_record, prison, prison_cm, count_queries):
    client = signed_in(prison_cm)
    urls = [reverse("cooperation:caseload"), reverse("cooperation:record", args=[shared_record.pk]),
            reverse("cooperation:timeline", args=[shared_record.pk]), reverse("core:dashboard")]
    api = api_client(prison_cm)
    for url in urls:
        client.get(url)
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    api_before = count_queries(lambda: api.get("/api/v1/cases/"))[0]
    _more_records(prison_cm, prison, 8)
    for i in range(5):
        services.note_add(actor=prison_cm, record=shared_record, section="practical", body=f"more {i}")
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after, dict(zip(urls, zip(before, after, strict=True), strict=True))
    assert api_before == count_queries(lambda: api.get("/api/v1/cases/"))[0]


# --- sharing agreements ------------------------------------------------------------------------------------------


def test_agreement_pages_and_api(prison, probation, ngo, org_admin, prison_cm, stranger, platform_admin):
    from integra.core.models import Membership, MembershipRole

    admin_membership = Membership.objects.create(user=prison_cm, organisation=probation)
    MembershipRole.objects.create(membership=admin_membership, role=Role.ORG_ADMIN)
    payload = {"title": "Protocol", "parties": [prison.pk, probation.pk], "purposes": "Resettlement",
               "data_categories": ["practical"], "legal_basis": "public_task", "valid_from": "2026-01-01",
               "signatories": "Both directors"}
    assert api_client(stranger).post("/api/v1/sharing-agreements/", payload, format="json").status_code == 403
    bad = api_client(prison_cm).post("/api/v1/sharing-agreements/", {**payload, "valid_until": "2025-01-01",
                                                                     "data_categories": ["everything"]},
                                     format="json")
    assert bad.status_code == 400 and "data_categories" in bad.json()["error"]["fields"]
    created = api_client(prison_cm).post("/api/v1/sharing-agreements/", payload, format="json")
    assert created.status_code == 201, created.json()
    agreement_id = created.json()["id"]
    assert api_client(stranger).get(f"/api/v1/sharing-agreements/{agreement_id}/").status_code == 404
    page = signed_in(prison_cm).get(reverse("cooperation:agreement", args=[agreement_id]))
    assert page.status_code == 200 and "Both directors" in page.content.decode()
    ended = api_client(prison_cm).post(f"/api/v1/sharing-agreements/{agreement_id}/terminate/")
    assert ended.status_code == 200 and ended.json()["is_active"] is False
    response = signed_in(prison_cm).post(reverse("cooperation:agreement_new"), {
        "title": "", "parties": [prison.pk], "purposes": "", "data_categories": [], "legal_basis": "x",
        "valid_from": "soon", "signatories": ""})
    assert response.status_code == 400


def test_actions_api_create_requires_owner_on_team(shared_record, prison_cm, probation_cm, stranger):
    payload = {"record": shared_record.pk, "title": "Call employer", "owner": probation_cm.pk,
               "due_date": "2026-12-01"}
    forbidden = api_client(stranger).post("/api/v1/actions/", payload, format="json")
    missing_id = TransitionRecord.objects.order_by("-pk").first().pk + 1000
    missing = api_client(stranger).post("/api/v1/actions/", {**payload, "record": missing_id}, format="json")
    # an id the caller may not see gets the same answer as an id that does not exist: nothing tells them apart
    assert forbidden.status_code == missing.status_code == 400
    assert forbidden.json()["error"]["fields"]["record"] == [
        m.replace(str(missing_id), str(shared_record.pk)) for m in missing.json()["error"]["fields"]["record"]]
    created = api_client(prison_cm).post("/api/v1/actions/", payload, format="json")
    assert created.status_code == 201, created.json()
    missing = api_client(prison_cm).post("/api/v1/actions/", {**payload, "owner": None}, format="json")
    assert missing.status_code == 400 and "owner" in missing.json()["error"]["fields"]
    outsider = api_client(prison_cm).post("/api/v1/actions/", {**payload, "owner": stranger.pk}, format="json")
    assert outsider.status_code == 400 and "team" in str(outsider.json())


def test_timeline_reads_are_audited_too(shared_record, probation_cm):
    signed_in(probation_cm).get(reverse("cooperation:timeline", args=[shared_record.pk]))
    api_client(probation_cm).get(f"/api/v1/cases/{shared_record.pk}/timeline/")
    purposes = set(AuditEvent.objects.filter(actor=probation_cm, action="cooperation.record.viewed")
                   .values_list("purpose", flat=True))
    assert {"timeline", "timeline (API)"} <= purposes


def test_documents_are_kept_in_private_storage(shared_record, prison_cm, settings):
    from pathlib import Path

    upload = SimpleUploadedFile("plan.txt", b"private plan", content_type="text/plain")
    document = services.document_upload(actor=prison_cm, record=shared_record, section="casework", title="Plan",
                                        upload=upload)
    stored = Path(document.file.path)
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    assert stored.exists() and b"private plan" not in stored.read_bytes()
    response = signed_in(prison_cm).get(reverse("cooperation:document", args=[document.pk]))
    assert response["Content-Disposition"].startswith("attachment;") and response.content == b"private plan"
    document.file.delete(save=False)
