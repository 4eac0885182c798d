"""Importing a REFI-QDA project: schema and reference checks per element, a preview that saves nothing, a
malformed file refused with a specific message, and the round trip export → import → export."""

import datetime as dt
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from integra.core.models import AuditEvent
from integra.core.roles import Role
from integra.practices import analysis, qdpx, services
from integra.practices.models import Code, Coding, ResearchSession, StudyMember
from tests.conftest import make_user, signed_in

NS = {"q": qdpx.NS}
TEXT = "P01: we trust the mentor.\nP02: the housing office never answered."


def _study(lead, org, title="Import target"):
    return services.study_create(actor=lead, organisation=org, title=title, research_questions="Q",
                                 retention_until=timezone.localdate() + dt.timedelta(days=30))


@pytest.fixture
def source_study(editor, research_org):
    study = _study(editor, research_org, "Source")
    second = make_user("coder@example.org", org=research_org, roles=[Role.RESEARCHER])
    services.study_member_add(actor=editor, study=study, user=second, role=StudyMember.Role.CODER)
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-1")
    transcript = services.transcript_save(actor=editor, session=session, text=TEXT)
    theme = services.code_create(actor=editor, study=study, name="Support", is_theme=True, definition="Help given")
    trust = services.code_create(actor=editor, study=study, name="Trust", parent=theme)
    housing = services.code_create(actor=editor, study=study, name="Housing", parent=theme)
    services.coding_add(actor=editor, transcript=transcript, code=trust, start=5, end=25, memo="Key quote")
    services.coding_add(actor=second, transcript=transcript, code=housing, start=31, end=65)
    return study, second


def _upload(data: bytes, name="project.qdpx"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def _canonical(data: bytes) -> dict:
    """What a project says, without its GUIDs (they name database rows, which differ between two studies)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = ElementTree.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    notes = {n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS) for n in root.findall("q:Notes/q:Note", NS)}
    codes = {}

    def tree(element, prefix=""):
        out = []
        for code in element.findall("q:Code", NS):
            path = f"{prefix}/{code.get('name')}"
            codes[code.get("guid")] = path
            out.append((path, code.findtext("q:Description", default="", namespaces=NS), tree(code, path)))
        return out

    codebook = tree(root.find("q:CodeBook/q:Codes", NS))
    sources = []
    for source in root.findall("q:Sources/q:TextSource", NS):
        text = archive.read(f"Sources/{source.get('guid')}.txt").decode()
        selections = sorted(
            (int(s.get("startPosition")), int(s.get("endPosition")), users[s.get("creatingUser")],
             codes[s.find("q:Coding/q:CodeRef", NS).get("targetGUID")],
             tuple(notes[r.get("targetGUID")] for r in s.findall("q:NoteRef", NS)))
            for s in source.findall("q:PlainTextSelection", NS))
        sources.append((source.get("name"), text, selections))
    return {"users": sorted(users.values()), "codebook": codebook, "sources": sorted(sources)}


@pytest.mark.django_db
def test_round_trip_export_import_export_is_equal(source_study, editor, research_org):
    study, second = source_study
    first = analysis.qdpx(actor=editor, study=study)
    assert not qdpx.validate(ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(first)).read("project.qde")))
    target = _study(editor, research_org)
    services.study_member_add(actor=editor, study=target, user=second, role=StudyMember.Role.CODER)
    preview = services.study_import_qdpx_preview(actor=editor, study=target, upload=_upload(first))
    assert preview.ok and preview.new_codes == 3 and preview.project.selections == 2
    assert {c["account"] for c in preview.coders} == {editor, second}
    assert not ResearchSession.objects.filter(study=target).exists()  # a preview saves nothing
    services.study_import_qdpx(actor=editor, study=target, upload=_upload(first))
    again = analysis.qdpx(actor=editor, study=target)
    assert _canonical(again) == _canonical(first)
    assert Coding.objects.get(transcript__session__study=target, code__name="Trust").memo == "Key quote"
    assert AuditEvent.objects.filter(action="practices.study.imported", actor=editor).exists()


def _project(qde: str, files=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", qde)
        for name, text in (files or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


G = "11111111-1111-4111-8111-11111111111{}"
BROKEN = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{qdpx.NS}" name="Broken" colour="red">
  <CodeBook><Codes><Code guid="{G.format(1)}" name="Trust" isCodable="maybe"/></Codes></CodeBook>
  <Users><User guid="{G.format(2)}" name="x"/></Users>
  <Sources>
    <TextSource guid="{G.format(3)}" name="S1"><PlainTextContent>short text</PlainTextContent>
      <PlainTextSelection guid="{G.format(4)}" startPosition="2" endPosition="400">
        <Coding guid="{G.format(5)}"><CodeRef targetGUID="{G.format(9)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="not-a-guid" startPosition="0" endPosition="3"/>
    </TextSource>
  </Sources>
</Project>"""


@pytest.mark.django_db
def test_preview_names_each_problem_by_element_in_the_users_language_and_saves_nothing(editor, research_org):
    target = _study(editor, research_org)
    with translation.override("en"):
        preview = services.study_import_qdpx_preview(actor=editor, study=target, upload=_upload(_project(BROKEN)))
    text = "\n".join(preview.problems)
    assert not preview.ok
    assert "Project: the attribute colour is not part of the standard." in text
    assert "Project/CodeBook[1]/Codes[1]/Code[1]: the value “maybe” of isCodable is not valid" in text
    assert "Project/Users[1]: the element Users is out of the standard's order." in text
    assert "PlainTextSelection[1]: the segment 2–400 lies outside the source (it has 10 characters)." in text
    assert "PlainTextSelection[1]/Coding[1]/CodeRef[1]: the code 11111111-1111-4111-8111-111111111119 is not in " \
           "the codebook." in text
    assert "PlainTextSelection[2]: the value “not-a-guid” of guid is not valid" in text
    with pytest.raises(ValidationError):
        services.study_import_qdpx(actor=editor, study=target, upload=_upload(_project(BROKEN)))
    assert not ResearchSession.objects.filter(study=target).exists() and not Code.objects.filter(study=target).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "name", "message"), [
    (b"not a zip", "p.qdpx", "is not a .qdpx project"),
    (_project("x", {"Sources/a.txt": "text"}).replace(b"project.qde", b"projectXqde"), "p.qdpx", "has no project.qde"),
    (_project("<Project name='x'><unclosed></Project>"), "p.qdpx", "is not well-formed XML"),
    (_project('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY e "x">]><Project name="&e;"/>'), "p.qdpx",
     "declares a DTD or entities"),
    (_project("<Project name='x'/>"), "p.qdpx", "root element must be Project in the namespace"),
    (b"PK", "p.zip", "a file ending in .qdpx"),
])
def test_malformed_project_is_refused_with_a_specific_message(editor, research_org, data, name, message):
    target = _study(editor, research_org)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.study_import_qdpx_preview(actor=editor, study=target, upload=_upload(data, name))
    assert message in " ".join(error.value.messages)


@pytest.mark.django_db
def test_import_pages_permission_bad_input_and_query_count(source_study, editor, research_org, stranger):
    study, second = source_study
    data = analysis.qdpx(actor=editor, study=study)
    target = _study(editor, research_org)
    services.study_member_add(actor=editor, study=target, user=second, role=StudyMember.Role.CODER)
    preview_url = reverse("practices:qdpx_preview", args=[target.pk])
    import_url = reverse("practices:qdpx_import", args=[target.pk])
    assert signed_in(stranger).get(preview_url).status_code == 404
    assert signed_in(second).get(preview_url).status_code == 404  # a coder does not import
    assert signed_in(second).post(import_url, {"file": _upload(data)}).status_code == 404
    lead = signed_in(editor)
    assert lead.get(preview_url).status_code == 200
    bad = lead.post(preview_url, {"file": _upload(b"nope")})
    assert bad.status_code == 400 and "is not a .qdpx project" in bad.content.decode()
    broken = lead.post(preview_url, {"file": _upload(_project(BROKEN))})
    assert broken.status_code == 400 and "is not in the codebook" in broken.content.decode()
    with CaptureQueriesContext(connection) as queries:
        page = lead.post(preview_url, {"file": _upload(data)})
    assert page.status_code == 200 and "Import into the study" in page.content.decode()
    assert len(queries) <= 15
    assert not ResearchSession.objects.filter(study=target).exists()
    done = lead.post(import_url, {"file": _upload(data)})
    assert done.status_code == 302
    assert Coding.objects.filter(transcript__session__study=target).count() == 2
