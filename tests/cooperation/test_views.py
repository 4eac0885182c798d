"""Pages and API of the cooperation as the policy shapes them: what is shown about an object asks that object's
policy, every action has its own URL, `next` never leaves the site, related ids never tell which rows exist."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from integra.cooperation import services
from integra.cooperation.models import Action, Document, Flag, Referral, TeamMember, TransitionRecord
from integra.core.models import Organisation
from tests.conftest import api_client, signed_in
from tests.core.test_redirects import OFF_SITE

pytestmark = pytest.mark.django_db



def _conference_with_actions(record, prison_cm, probation_cm, mentor):
    conference = services.conference_schedule(actor=prison_cm, record=record, title="Pre-release panel",
                                              scheduled_at=timezone.now(), participants=[probation_cm, mentor],
                                              location="Prison A")
    today = timezone.localdate()
    mine = services.action_create(actor=prison_cm, record=record, conference=conference, owner=mentor,
                                  title="Find housing", due_date=today)
    theirs = services.action_create(actor=prison_cm, record=record, conference=conference, owner=probation_cm,
                                    title="Call the employer", due_date=today)
    services.action_update(actor=prison_cm, action=theirs, expected_version=theirs.version, due_date=today)
    return conference, mine, theirs


# --- what is shown about an object asks that object's policy ------------------------------------------------


def test_timeline_and_conference_page_show_only_the_actions_one_may_see(shared_record, prison_cm, probation_cm,
                                                                        mentor):
    conference, mine, theirs = _conference_with_actions(shared_record, prison_cm, probation_cm, mentor)
    client, api = signed_in(mentor), api_client(mentor)
    assert api.get(f"/api/v1/actions/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/actions/{mine.pk}/").status_code == 200
    pages = {
        "record page": client.get(reverse("cooperation:record", args=[shared_record.pk])).content.decode(),
        "timeline page": client.get(reverse("cooperation:timeline", args=[shared_record.pk])).content.decode(),
        "timeline API": str(api.get(f"/api/v1/cases/{shared_record.pk}/timeline/").json()),
        "conference page": client.get(reverse("cooperation:conference", args=[conference.pk])).content.decode(),
    }
    for where, body in pages.items():
        assert "Find housing" in body, where
        assert "Call the employer" not in body, where
    # Case-work access sees both, on every face.
    body = signed_in(probation_cm).get(reverse("cooperation:timeline", args=[shared_record.pk])).content.decode()
    assert "Find housing" in body and "Call the employer" in body
    timeline = str(api_client(probation_cm).get(f"/api/v1/cases/{shared_record.pk}/timeline/").json())
    assert "Call the employer" in timeline


def test_the_invited_mentor_sees_the_conference_but_not_its_other_actions(shared_record, prison_cm, probation_cm,
                                                                          mentor):
    conference, _mine, _theirs = _conference_with_actions(shared_record, prison_cm, probation_cm, mentor)
    page = signed_in(mentor).get(reverse("cooperation:conference", args=[conference.pk]))
    assert page.status_code == 200
    assert "Add an action" not in page.content.decode()  # inviting is not case-work access
    response = signed_in(mentor).post(reverse("cooperation:conference_action_new", args=[conference.pk]),
                                      {"title": "x", "owner": mentor.pk, "due_date": "2030-01-01"})
    assert response.status_code == 404 and Action.objects.count() == 2


# --- each action at its own URL ---------------------------------------------------------------------------


def test_notes_and_documents_have_their_own_urls(shared_record, prison_cm, mentor):
    client = signed_in(prison_cm)
    note_url = reverse("cooperation:note_add", args=[shared_record.pk, "casework"])
    empty = client.post(note_url, {"body": " "})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    assert client.post(note_url, {"body": "Called the family"}).status_code == 302
    assert client.get(note_url).status_code == 405
    document_url = reverse("cooperation:document_upload", args=[shared_record.pk, "casework"])
    missing = client.post(document_url, {"title": "No file"})
    assert missing.status_code == 400 and "This field is required." in missing.content.decode()
    # A mentor does not reach the case-work section: neither form answers them (they are told it is not shared).
    upload = SimpleUploadedFile("a.txt", b"x", content_type="text/plain")
    assert signed_in(mentor).post(document_url, {"upload": upload}).status_code == 403
    assert signed_in(mentor).post(note_url, {"body": "x"}).status_code == 403
    assert not Document.objects.exists()
    page = client.get(reverse("cooperation:section", args=[shared_record.pk, "casework"])).content.decode()
    assert "Called the family" in page and f'action="{note_url}"' in page and f'action="{document_url}"' in page


def test_referral_decisions_have_their_own_urls(record, agreement, consent, prison_cm, probation_cm, probation):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="Support")
    page = signed_in(probation_cm).get(reverse("cooperation:referral", args=[referral.pk])).content.decode()
    for name in ("referral_accept", "referral_decline"):
        assert reverse(f"cooperation:{name}", args=[referral.pk]) in page
    # the sender may not decide, the receiver may not revoke
    assert signed_in(prison_cm).post(reverse("cooperation:referral_accept", args=[referral.pk])).status_code == 403
    assert signed_in(probation_cm).post(reverse("cooperation:referral_revoke", args=[referral.pk])).status_code == 403
    declined = signed_in(probation_cm).post(reverse("cooperation:referral_decline", args=[referral.pk]),
                                            {"reason": ""})
    assert declined.status_code == 400 and "Give the reason for declining" in declined.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "pending"
    response = signed_in(probation_cm).post(reverse("cooperation:referral_decline", args=[referral.pk]),
                                            {"reason": "No capacity"})
    assert response.status_code == 302 and response["Location"] == reverse("cooperation:referrals")
    assert signed_in(probation_cm).get(reverse("cooperation:referral_decline", args=[referral.pk])).status_code == 405


def test_flags_and_agreement_termination_have_their_own_urls(record, agreement, prison_cm, stranger, platform_admin):
    client = signed_in(prison_cm)
    assert client.post(reverse("cooperation:flag_add", args=[record.pk]), {"kind": "nonsense"}).status_code == 302
    assert not Flag.objects.exists()
    client.post(reverse("cooperation:flag_add", args=[record.pk]), {"kind": "interpreter"})
    flag = Flag.objects.get()
    assert signed_in(stranger).post(reverse("cooperation:flag_remove", args=[record.pk, flag.pk])).status_code == 404
    client.post(reverse("cooperation:flag_remove", args=[record.pk, flag.pk]))
    assert Flag.objects.get().removed_at is not None
    assert client.post(reverse("cooperation:flag_remove", args=[record.pk, flag.pk])).status_code == 404
    terminate = reverse("cooperation:agreement_terminate", args=[agreement.pk])
    assert signed_in(stranger).post(terminate).status_code == 404
    assert signed_in(platform_admin).post(terminate).status_code == 302
    agreement.refresh_from_db()
    assert not agreement.is_active


def test_a_row_of_another_record_is_not_found(shared_record, prison, prison_cm, mentor):
    other = services.record_open(actor=prison_cm, organisation=prison, given_names="A", family_name="B")
    member = TeamMember.objects.current().get(record=shared_record, user=mentor)
    url = reverse("cooperation:team_remove", args=[other.pk, member.pk])
    assert signed_in(prison_cm).post(url).status_code == 404
    assert TeamMember.objects.current().filter(pk=member.pk).exists()


# --- next never leaves the site ----------------------------------------------------------------------------


def _posts_honouring_next(record, prison_cm, probation_cm, mentor, prison_dpo, platform_admin, agreement, consent):
    """(who, url, data) for every cooperation view that honours `next`; built just before each post."""
    conference, mine, _theirs = _conference_with_actions(record, prison_cm, probation_cm, mentor)
    flag = services.flag_add(actor=prison_cm, record=record, kind="health")
    member = TeamMember.objects.current().get(record=record, user=mentor)
    today = timezone.localdate().isoformat()
    return [
        lambda: (mentor, reverse("cooperation:action_update", args=[mine.pk]),
                 {"status": "done", "version": Action.objects.get(pk=mine.pk).version}),
        lambda: (mentor, reverse("cooperation:action_update", args=[mine.pk]), {"status": "done", "version": 999}),
        lambda: (prison_dpo, reverse("cooperation:rights", args=[record.pk]), {"legal_hold": "on"}),
        lambda: (prison_cm, reverse("cooperation:phase", args=[record.pk]),
                 {"phase": "released", "version": TransitionRecord.objects.get(pk=record.pk).version}),
        lambda: (prison_cm, reverse("cooperation:flag_add", args=[record.pk]), {"kind": "interpreter"}),
        lambda: (prison_cm, reverse("cooperation:flag_remove", args=[record.pk, flag.pk]), {}),
        lambda: (prison_cm, reverse("cooperation:action_new", args=[record.pk]),
                 {"title": "Call", "owner": mentor.pk, "due_date": today}),
        lambda: (prison_cm, reverse("cooperation:conference_action_new", args=[conference.pk]),
                 {"title": "Call", "owner": mentor.pk, "due_date": today}),
        lambda: (prison_cm, reverse("cooperation:team_remove", args=[record.pk, member.pk]), {}),
        lambda: (prison_cm, reverse("cooperation:basis_withdraw", args=[record.pk, consent.pk]), {}),
        lambda: (platform_admin, reverse("cooperation:agreement_terminate", args=[agreement.pk]), {}),
    ]


@pytest.mark.parametrize("payload", OFF_SITE)
def test_next_never_leaves_the_site(payload, shared_record, prison_cm, probation_cm, mentor, prison_dpo,
                                    platform_admin, agreement, consent):
    for post in _posts_honouring_next(shared_record, prison_cm, probation_cm, mentor, prison_dpo, platform_admin,
                                      agreement, consent):
        who, url, data = post()
        response = signed_in(who).post(url, {**data, "next": payload})
        location = response["Location"]
        assert response.status_code == 302, (url, response.status_code)
        parts = urlsplit(location)
        assert location.startswith("/") and not location.startswith(("//", "/\\")) and not parts.netloc, (
            url, payload, location)
        assert "evil" not in location, (url, payload, location)


def test_next_within_the_site_is_followed(shared_record, prison_cm, probation_cm, mentor):
    _conference, mine, _theirs = _conference_with_actions(shared_record, prison_cm, probation_cm, mentor)
    back = reverse("cooperation:actions") + "?all=1"
    response = signed_in(mentor).post(reverse("cooperation:action_update", args=[mine.pk]),
                                      {"status": "done", "version": mine.version, "next": back})
    assert response["Location"] == back and Action.objects.get(pk=mine.pk).status == "done"


# --- the API: an id one may not see is answered like an id that does not exist ---------------------------


def _same_answer(forbidden, missing, field, forbidden_id, missing_id):
    assert forbidden.status_code == missing.status_code == 400, (forbidden.json(), missing.json())
    assert forbidden.json()["error"]["fields"][field] == [
        m.replace(str(missing_id), str(forbidden_id)) for m in missing.json()["error"]["fields"][field]]


def test_referral_api_does_not_tell_which_records_exist(shared_record, stranger, stranger_org, mentor, probation):
    missing_id = shared_record.pk + 1000
    payload = {"record": shared_record.pk, "to_organisation": stranger_org.pk, "reason": "Support"}
    forbidden = api_client(stranger).post("/api/v1/referrals/", payload, format="json")
    missing = api_client(stranger).post("/api/v1/referrals/", {**payload, "record": missing_id}, format="json")
    _same_answer(forbidden, missing, "record", shared_record.pk, missing_id)
    # the mentor sees the record but may not refer it: the record is not one they may name here either
    refused = api_client(mentor).post("/api/v1/referrals/", {**payload, "to_organisation": probation.pk},
                                      format="json")
    assert refused.status_code == 400 and "record" in refused.json()["error"]["fields"]
    assert not Referral.objects.exists()


def test_action_api_does_not_tell_which_people_exist(shared_record, prison_cm, stranger):
    payload = {"record": shared_record.pk, "title": "Call employer", "due_date": "2030-12-01"}
    missing_id = stranger.pk + 1000
    off_team = api_client(prison_cm).post("/api/v1/actions/", {**payload, "owner": stranger.pk}, format="json")
    nobody = api_client(prison_cm).post("/api/v1/actions/", {**payload, "owner": missing_id}, format="json")
    assert off_team.status_code == nobody.status_code == 400
    assert off_team.json()["error"]["fields"]["owner"] == nobody.json()["error"]["fields"]["owner"]
    assert not Action.objects.exists()


def test_api_filters_do_not_tell_which_rows_exist(shared_record, stranger):
    api = api_client(stranger)
    missing_id = shared_record.pk + 1000
    for endpoint in ("actions", "referrals", "conferences"):
        forbidden = api.get(f"/api/v1/{endpoint}/", {"record": shared_record.pk})
        missing = api.get(f"/api/v1/{endpoint}/", {"record": missing_id})
        assert forbidden.status_code == missing.status_code == 200, endpoint
        assert forbidden.json()["results"] == missing.json()["results"] == [], endpoint


def test_closed_organisations_are_never_parties_or_recipients(record, agreement, consent, prison, probation,
                                                              prison_cm, platform_admin):
    closed = Organisation.objects.create(name="Closed service", kind="police", country="FR", is_active=False)
    payload = {"title": "Protocol", "parties": [prison.pk, closed.pk], "purposes": "Resettlement",
               "data_categories": ["practical"], "legal_basis": "public_task", "valid_from": "2026-01-01",
               "signatories": "Both directors"}
    response = api_client(platform_admin).post("/api/v1/sharing-agreements/", payload, format="json")
    assert response.status_code == 400 and "parties" in response.json()["error"]["fields"]
    referral = api_client(prison_cm).post("/api/v1/referrals/", {"record": record.pk, "to_organisation": closed.pk,
                                                                 "reason": "Support"}, format="json")
    assert referral.status_code == 400 and "to_organisation" in referral.json()["error"]["fields"]


# --- query counts of the pages this work touched ------------------------------------------------------------


def test_section_conference_and_referral_pages_queries_stay_flat(shared_record, prison, prison_cm, probation_cm,
                                                                 mentor, probation, count_queries):
    conference, _mine, _theirs = _conference_with_actions(shared_record, prison_cm, probation_cm, mentor)
    referral = Referral.objects.create(record=shared_record, from_organisation=prison, to_organisation=probation,
                                       reason="x", created_by=prison_cm)
    client = signed_in(prison_cm)
    urls = [reverse("cooperation:section", args=[shared_record.pk, "casework"]),
            reverse("cooperation:conference", args=[conference.pk]),
            reverse("cooperation:referral", args=[referral.pk]),
            reverse("cooperation:team", args=[shared_record.pk]),
            reverse("cooperation:sharing", args=[shared_record.pk])]
    for url in urls:
        assert client.get(url).status_code == 200, url
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    due = timezone.localdate() + timedelta(days=3)
    for i in range(4):
        services.note_add(actor=prison_cm, record=shared_record, section="casework", body=f"more {i}")
        services.action_create(actor=prison_cm, record=shared_record, conference=conference, owner=mentor,
                               title=f"More {i}", due_date=due)
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after, dict(zip(urls, zip(before, after, strict=True), strict=True))
