import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from integra.core.models import AuditEvent
from integra.core.roles import Role
from integra.practices import services
from integra.practices.models import Practice, Review, StudyMember
from tests.conftest import make_user, signed_in

from .conftest import practice_fields, publish


@pytest.fixture
def study(editor, research_org):
    study = services.study_create(actor=editor, organisation=research_org, title="Stakeholder focus groups",
                                  research_questions="What helps disengagement after release?",
                                  retention_until=timezone.localdate() + dt.timedelta(days=365))
    sheet = services.consent_sheet_add_version(actor=editor, study=study, information="About the study.",
                                               consent_text="I agree.")
    guide = services.guide_add_version(actor=editor, study=study, kind="focus_group",
                                       questions=[{"question": "What works?", "probes": ["An example?"]}])
    session = services.session_create(actor=editor, study=study, kind="focus_group", date=timezone.localdate(),
                                      facilitator="F1", label="FG-1", guide=guide, notes="Room was noisy.")
    participant = services.participant_add(actor=editor, session=session, code="p01", role_category="prison_officer",
                                           consent_sheet=sheet, consent_given_on=timezone.localdate())
    transcript = services.transcript_save(actor=editor, session=session, text="P01: Trust matters most.\r\nP02: Yes.")
    theme = services.code_create(actor=editor, study=study, name="Trust", is_theme=True)
    child = services.code_create(actor=editor, study=study, name="Trust in staff", parent=theme)
    services.coding_add(actor=editor, transcript=transcript, code=child, start=5, end=24, participant=participant)
    return study


@pytest.mark.django_db
def test_public_search_shows_published_only_and_escapes(client, owner, editor):
    publish(owner, editor, name="<script>alert(1)</script> Prévention")
    services.practice_create(actor=owner, **practice_fields(name="Secret draft prevention"))
    response = client.get(reverse("practices:search"), {"q": "prevention"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Secret draft" not in body and "<script>alert" not in body
    assert "<mark>Prévention</mark>" in body and "&lt;script&gt;" in body


@pytest.mark.django_db
def test_public_page_only_for_published(client, owner, editor, draft):
    assert client.get(reverse("practices:public", args=[draft.pk])).status_code == 404
    published = publish(owner, editor)
    page = client.get(reverse("practices:public", args=[published.pk]))
    assert page.status_code == 200 and published.name in page.content.decode()


@pytest.mark.django_db
def test_contact_shown_only_with_consent(client, owner, editor):
    hidden = publish(owner, editor, contact_name="Ana", contact_email="ana@example.org")
    shown = publish(owner, editor, contact_name="Rui", contact_email="rui@example.org", contact_public=True)
    assert "ana@example.org" not in client.get(reverse("practices:public", args=[hidden.pk])).content.decode()
    assert "rui@example.org" in client.get(reverse("practices:public", args=[shown.pk])).content.decode()


@pytest.mark.django_db
def test_working_page_and_reviews_only_for_owner_editors_and_reviewer(owner, editor, reviewer, stranger, draft):
    url = reverse("practices:practice", args=[draft.pk])
    assert signed_in(owner).get(url).status_code == 200
    assert signed_in(editor).get(url).status_code == 404  # a draft is the owner's until submitted
    services.practice_submit(actor=owner, practice=draft)
    assert signed_in(editor).get(url).status_code == 200
    review = services.review_propose(actor=editor, practice=draft, reviewer=reviewer)
    review_url = reverse("practices:review", args=[review.pk])
    for person, status in ((owner, 200), (editor, 200), (reviewer, 200), (stranger, 404)):
        assert signed_in(person).get(review_url).status_code == status, person
    assert signed_in(stranger).get(url).status_code == 404
    # The reviewer's form refuses bad scores and changes nothing.
    services.review_decide(actor=owner, review=review, accept=True)
    bad = signed_in(reviewer).post(review_url, {"relevance": "9", "strengths": "x"})
    assert bad.status_code == 400
    assert Review.objects.get(pk=review.pk).status == Review.Status.ACCEPTED
    assert signed_in(owner).post(review_url, {}).status_code == 404


@pytest.mark.django_db
def test_create_edit_and_stale_edit_pages(owner):
    client = signed_in(owner)
    response = client.post(reverse("practices:create"), {"name": "X", "description": "Y", "prevention_link": "",
                                                         "organisation_name": "Z", "practice_status": "active",
                                                         "organisation_type": "ngo", "evidence_level": "monitoring"})
    assert response.status_code == 400 and not Practice.objects.exists()
    data = {"name": "X", "description": "Y", "prevention_link": "Counters recruitment.", "organisation_name": "Z",
            "practice_status": "active", "organisation_type": "ngo", "evidence_level": "monitoring", "themes": ["exit"]}
    assert client.post(reverse("practices:create"), data).status_code == 302
    practice = Practice.objects.get()
    assert practice.themes == ["exit"]
    edit = reverse("practices:edit", args=[practice.pk])
    assert client.post(edit, {**data, "name": "X2", "version": 1}).status_code == 302
    assert client.post(edit, {**data, "name": "X3", "version": 1}).status_code == 409
    assert Practice.objects.get().name == "X2"
    history = client.get(reverse("practices:history", args=[practice.pk]))
    assert history.status_code == 200 and "<ins>X2</ins>" in history.content.decode()


@pytest.mark.django_db
def test_search_query_count_is_flat(client, owner, editor):
    publish(owner, editor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("practices:search"), {"q": "mentoring"})
    for i in range(8):
        publish(owner, editor, name=f"Mentoring {i}", countries=["PT", "IT"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("practices:search"), {"q": "mentoring", "setting": "prison"})
    assert len(many) == len(few)


@pytest.mark.django_db
def test_bad_search_input_is_a_400_not_a_500(client):
    assert client.get(reverse("practices:search"), {"q": "x" * 500}).status_code == 400
    assert client.get(reverse("practices:search"), {"setting": ["nope"], "page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_research_data_only_for_the_study_team(study, editor, stranger, owner):
    session = study.sessions.get()
    urls = [reverse("practices:study", args=[study.pk]), reverse("practices:session", args=[study.pk, session.pk]),
            reverse("practices:frequencies", args=[study.pk]), reverse("practices:codings_csv", args=[study.pk])]
    for url in urls:
        assert signed_in(editor).get(url).status_code == 200, url
        assert signed_in(stranger).get(url).status_code == 404, url
    platform_admin = make_user(superuser=True)
    assert signed_in(platform_admin).get(urls[1]).status_code == 404
    page = signed_in(editor).get(urls[1]).content.decode()
    assert "Trust matters most" in page
    assert AuditEvent.objects.filter(action="practices.transcript.viewed", actor=editor).exists()
    report = signed_in(editor).get(urls[2]).content.decode()
    assert "Trust in staff" in report
    csv = b"".join(signed_in(editor).get(urls[3]).streaming_content).decode()
    assert "Trust/Trust in staff" in csv and "P01" in csv
    # A coder codes; a reader does not.
    reader = make_user(org=None, roles=[Role.RESEARCHER])
    services.study_member_add(actor=editor, study=study, user=reader, role=StudyMember.Role.READER)
    coding_url = reverse("practices:coding_add", args=[study.pk, session.pk])
    code = study.codes.get(name="Trust")
    assert signed_in(reader).post(coding_url, {"code": code.pk, "start": 0, "end": 3}).status_code == 404
    before = session.transcript.codings.count()
    signed_in(editor).post(coding_url, {"code": code.pk, "start": 0, "end": 9999})  # outside the text
    assert session.transcript.codings.count() == before
    signed_in(editor).post(coding_url, {"code": code.pk, "start": 0, "end": 3})
    assert session.transcript.codings.count() == before + 1


@pytest.mark.django_db
def test_research_text_is_encrypted_at_rest_and_consent_withdrawal_removes_segments(study, editor):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM practices_transcript")
        assert all(row[0].startswith("fernet:") for row in cursor.fetchall())
        cursor.execute("SELECT snippet, notes FROM practices_coding, practices_researchsession")
        assert all(value.startswith("fernet:") for row in cursor.fetchall() for value in row if value)
    participant = study.sessions.get().participants.get()
    services.participant_withdraw_consent(actor=editor, participant=participant)
    assert not participant.codings.exists()


@pytest.mark.django_db
def test_publication_page_and_pdf(client, editor):
    services.publication_save(actor=editor, slug="guide", kind="guide", title="Guide", summary="S",
                              chapters=[{"title": "One record", "body": "Share under an agreement."}],
                              is_published=True)
    services.publication_save(actor=editor, slug="draft", kind="review", title="Draft", chapters=[])
    assert "One record" in client.get(reverse("practices:publication", args=["guide"])).content.decode()
    assert client.get(reverse("practices:publication", args=["draft"])).status_code == 404
    pdf = client.get(reverse("practices:publication_pdf", args=["guide"]))
    assert pdf.status_code in (200, 302)
    if pdf.status_code == 200:
        assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_study_session_participant_and_withdrawal_pages(editor, stranger, research_org):
    client = signed_in(editor)
    assert signed_in(stranger).get(reverse("practices:study_create")).status_code == 403
    bad = client.post(reverse("practices:study_create"), {"organisation": research_org.pk, "title": "S",
                                                          "research_questions": "Q", "retention_until": "2000-01-01"})
    assert bad.status_code == 400
    response = client.post(reverse("practices:study_create"), {
        "organisation": research_org.pk, "title": "S", "research_questions": "Q",
        "retention_until": (timezone.localdate() + dt.timedelta(days=9)).isoformat()})
    assert response.status_code == 302
    from integra.practices.models import Study

    study = Study.objects.get()
    services.consent_sheet_add_version(actor=editor, study=study, information="I", consent_text="C")
    response = client.post(reverse("practices:session_create", args=[study.pk]), {
        "label": "FG-9", "kind": "focus_group", "date": "2020-01-01", "mode": "video", "facilitator": "F"})
    session = study.sessions.get()
    assert response.status_code == 302 and session.label == "FG-9"
    assert signed_in(stranger).post(reverse("practices:session_create", args=[study.pk]), {}).status_code == 404
    add = reverse("practices:participant_add", args=[study.pk, session.pk])
    client.post(add, {"code": "p07", "role_category": "ngo", "consent_sheet": study.consent_sheets.get().pk,
                      "consent_given_on": "2020-01-01"})
    participant = session.participants.get()
    assert participant.code == "P07"
    page = client.get(reverse("practices:session", args=[study.pk, session.pk])).content.decode()
    assert "Record the withdrawal of consent" in page
    client.post(reverse("practices:consent_withdraw", args=[study.pk, session.pk, participant.pk]))
    participant.refresh_from_db()
    assert participant.consent_withdrawn_on is not None


@pytest.mark.django_db
def test_team_guide_and_consent_version_pages(study, editor, stranger):
    client = signed_in(editor)
    assert client.post(reverse("practices:member_add", args=[study.pk]),
                       {"email": "nobody@example.org", "role": "coder"}).status_code == 400
    assert client.post(reverse("practices:member_add", args=[study.pk]),
                       {"email": stranger.email, "role": "reader"}).status_code == 302
    assert study.members.filter(user=stranger, role="reader").exists()
    client.post(reverse("practices:guide_version", args=[study.pk]),
                {"kind": "focus_group", "questions": "What helps? | An example; Who?\nWhat hinders?"})
    guide = study.guides.filter(kind="focus_group").order_by("-version").first()
    assert guide.version == 2 and guide.questions[0] == {"question": "What helps?", "probes": ["An example", "Who?"]}
    assert client.post(reverse("practices:guide_version", args=[study.pk]),
                       {"kind": "focus_group", "questions": " "}).status_code == 400
    client.post(reverse("practices:consent_version", args=[study.pk]), {"information": "I2", "consent_text": "C2"})
    assert study.consent_sheets.order_by("-version").first().version == 2
    assert signed_in(stranger).post(reverse("practices:consent_version", args=[study.pk]),
                                    {"information": "x", "consent_text": "y"}).status_code == 404
