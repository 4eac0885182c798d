import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from integra.core.models import AuditEvent
from integra.core.roles import Role
from integra.practices import services, transcripts
from integra.practices.models import StudyMember, Transcript
from tests.conftest import make_user, signed_in

RAW = "Maria Santos: I left Korydallos in May.\n[P02] Maria was alone.\n{Mod} Thank you."


@pytest.fixture
def setup(editor, research_org):
    study = services.study_create(actor=editor, organisation=research_org, title="Interviews", research_questions="Q",
                                  retention_until=timezone.localdate() + dt.timedelta(days=30))
    sheet = services.consent_sheet_add_version(actor=editor, study=study, information="I", consent_text="C")
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-1")
    p01 = services.participant_add(actor=editor, session=session, code="P01", role_category="former",
                                   consent_sheet=sheet, consent_given_on=timezone.localdate())
    p02 = services.participant_add(actor=editor, session=session, code="P02", role_category="family",
                                   consent_sheet=sheet, consent_given_on=timezone.localdate())
    coder = make_user(org=research_org, roles=[Role.RESEARCHER])
    services.study_member_add(actor=editor, study=study, user=coder, role=StudyMember.Role.CODER)
    services.pseudonym_key_save(actor=editor, study=study, raw="Maria Santos = P01\nMaria = P01\nKorydallos = [prison]")
    return study, session, p01, p02, coder


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


@pytest.mark.django_db
def test_coders_see_only_the_pseudonymised_text_and_the_raw_read_is_audited(setup, editor):
    study, session, p01, p02, coder = setup
    transcript = services.transcript_save(actor=editor, session=session, text=RAW)
    assert "Maria" not in transcript.text and "Korydallos" not in transcript.text
    assert transcript.text.startswith("P01: I left [prison] in May.")
    page = signed_in(coder).get(reverse("practices:session", args=[study.pk, session.pk])).content.decode()
    assert "Maria" not in page and "P01: I left [prison]" in page
    raw_url = reverse("practices:raw", args=[study.pk, session.pk])
    assert signed_in(coder).get(raw_url).status_code == 404
    assert signed_in(coder).get(reverse("practices:pseudonyms", args=[study.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.transcript_read_raw(actor=coder, transcript=transcript, purpose="curious")
    assert signed_in(editor).post(raw_url, {"purpose": ""}).status_code == 400
    shown = signed_in(editor).post(raw_url, {"purpose": "check a pseudonym"}).content.decode()
    assert "Maria Santos" in shown
    event = AuditEvent.objects.get(action="practices.transcript.raw_viewed")
    assert event.purpose == "check a pseudonym" and event.actor_id == editor.pk
    with connection.cursor() as cursor:  # a dump shows neither the texts nor the key
        cursor.execute("SELECT replacements FROM practices_pseudonymkey")
        assert all("Maria" not in value for row in cursor.fetchall() for value in row)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, raw_text FROM practices_transcript")
        assert all(value.startswith("fernet:") for row in cursor.fetchall() for value in row)


@pytest.mark.django_db
def test_speaker_turns_assign_the_participant(setup, editor):
    study, session, p01, p02, coder = setup
    transcript = services.transcript_save(actor=editor, session=session, text=RAW)
    assert [speaker for _s, _e, speaker in transcripts.speaker_turns(transcript.text)] == ["P01", "P02", "Mod"]
    code = services.code_create(actor=coder, study=study, name="Isolation")
    start = transcript.text.index("was alone")
    coding = services.coding_add(actor=coder, transcript=transcript, code=code, start=start, end=start + 9)
    assert coding.participant == p02 and coding.snippet == "was alone"
    with pytest.raises(ValidationError, match="outside"):
        services.coding_add(actor=coder, transcript=transcript, code=code, start=5, end=len(transcript.text) + 1)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "expected"), [
    ("t.txt", b"P01: hello", "P01: hello"),
    ("t.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nP01: hello\n", "P01: hello"),
    ("t.srt", b"1\n00:00:01,000 --> 00:00:02,000\nP01: hello\n\n", "P01: hello"),
    ("t.docx", _docx("P01: hello\nP02: hi"), "P01: hello\nP02: hi"),
])
def test_uploads_of_each_type(setup, editor, name, content, expected):
    _study, session, *_ = setup
    transcript = services.transcript_save(actor=editor, session=session, upload=SimpleUploadedFile(name, content))
    assert transcript.text == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("t.pdf", b"%PDF", "Upload a transcript"), ("t.docx", b"not a zip", "not a readable"),
    ("t.txt", b"\xff\xfe\x00bad", "UTF-8"), ("t.txt", b"x" * (transcripts.MAX_UPLOAD_BYTES + 1), "5 MB"),
])
def test_bad_uploads_are_refused_and_change_nothing(setup, editor, name, content, message):
    study, session, *_ = setup
    with pytest.raises(ValidationError, match=message):
        services.transcript_save(actor=editor, session=session, upload=SimpleUploadedFile(name, content))
    assert not Transcript.objects.exists()
    page = signed_in(editor).post(reverse("practices:transcript", args=[study.pk, session.pk]),
                                  {"file": SimpleUploadedFile(name, content)})
    assert page.status_code == 400 and not Transcript.objects.exists()


def test_pseudonym_key_lines():
    with pytest.raises(ValidationError, match="Line 2"):
        transcripts.parse_key("A = P01\nno equals sign")
    assert transcripts.pseudonymise("Ana met ANA and Anabela.", {"Ana": "P01"}) == "P01 met P01 and Anabela."
