import datetime as dt
import io
import zipfile
from xml.etree import ElementTree

import krippendorff
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.core.models import AuditEvent
from integra.core.roles import Role
from integra.practices import analysis, services
from integra.practices.models import LessonLearned, StudyMember
from tests.conftest import make_user, signed_in

TEXT = "P01: " + "a" * 95  # 100 characters


@pytest.fixture
def coded(editor, research_org):
    study = services.study_create(actor=editor, organisation=research_org, title="Reliability", research_questions="Q",
                                  retention_until=timezone.localdate() + dt.timedelta(days=30))
    sheet = services.consent_sheet_add_version(actor=editor, study=study, information="I", consent_text="C")
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-1")
    services.participant_add(actor=editor, session=session, code="P01", role_category="probation_officer",
                             consent_sheet=sheet, consent_given_on=timezone.localdate())
    transcript = services.transcript_save(actor=editor, session=session, text=TEXT)
    second = make_user(org=research_org, roles=[Role.RESEARCHER])
    services.study_member_add(actor=editor, study=study, user=second, role=StudyMember.Role.CODER)
    theme = services.code_create(actor=editor, study=study, name="Trust", is_theme=True)
    code = services.code_create(actor=editor, study=study, name="Trust in staff", parent=theme)
    # Coder A codes [0, 40), coder B codes [20, 60): both 20, only A 20, only B 20, neither 40.
    services.coding_add(actor=editor, transcript=transcript, code=code, start=0, end=40)
    services.coding_add(actor=second, transcript=transcript, code=code, start=20, end=60)
    return study, transcript, second, theme, code


@pytest.mark.django_db
def test_agreement_against_hand_computed_values_and_the_krippendorff_package(coded, editor):
    study, _transcript, second, _theme, code = coded
    rows = {r.code.name: r for r in analysis.agreement(actor=editor, study=study, coder_a=editor, coder_b=second)}
    row = rows["Trust in staff"]
    assert (row.both, row.only_a, row.only_b, row.neither) == (20, 20, 20, 40)
    assert row.percentage == pytest.approx(60.0)
    # κ: po = 0.6; pA = pB = 0.4; pe = 0.16 + 0.36 = 0.52; κ = 0.08 / 0.48
    assert row.kappa == pytest.approx(0.08 / 0.48)
    a = [1 if i < 40 else 0 for i in range(100)]
    b = [1 if 20 <= i < 60 else 0 for i in range(100)]
    assert row.alpha == pytest.approx(krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal"))
    page = signed_in(editor).get(reverse("practices:agreement", args=[study.pk]))
    assert page.status_code == 200 and "0.17" in page.content.decode()


@pytest.mark.django_db
def test_qdpx_export_holds_the_codebook_sources_and_codings(coded, editor, stranger):
    study, transcript, second, theme, code = coded
    url = reverse("practices:qdpx", args=[study.pk])
    assert signed_in(stranger).get(url).status_code == 404
    assert signed_in(second).get(url).status_code == 404  # a coder does not take the data away
    response = signed_in(editor).get(url)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    root = ElementTree.fromstring(archive.read("project.qde"))
    ns = {"q": analysis.QDA_NAMESPACE}
    parent = root.find("q:CodeBook/q:Codes/q:Code", ns)
    assert parent.get("name") == "Trust" and parent.find("q:Code", ns).get("name") == "Trust in staff"
    source = root.find("q:Sources/q:TextSource", ns)
    text = archive.read(f"Sources/{source.get('guid')}.txt").decode()
    assert text == transcript.text
    selections = source.findall("q:PlainTextSelection", ns)
    assert sorted((int(s.get("startPosition")), int(s.get("endPosition"))) for s in selections) == [(0, 40), (20, 60)]
    child_guid = parent.find("q:Code", ns).get("guid")
    assert {s.find("q:Coding/q:CodeRef", ns).get("targetGUID") for s in selections} == {child_guid}
    assert len(root.findall("q:Users/q:User", ns)) == 2
    assert AuditEvent.objects.filter(action="practices.study.exported", actor=editor).exists()


@pytest.mark.django_db
def test_a_theme_becomes_a_lesson_traceable_to_its_evidence_not_to_a_person(coded, editor):
    study, _transcript, _second, theme, code = coded
    with pytest.raises(ValidationError):
        services.theme_publish_as_lesson(actor=editor, theme=code, title="x", summary="y")
    lesson = services.theme_publish_as_lesson(actor=editor, theme=theme, title="Trust first", summary="Slowly.")
    assert lesson.is_published and "Reliability" in lesson.evidence and "1 sessions" in lesson.evidence
    assert "Probation officer" in lesson.evidence and "P01" not in lesson.evidence
    assert LessonLearned.objects.filter(is_published=True).count() == 1


@pytest.mark.django_db
def test_json_backup_for_the_lead_only(coded, editor):
    study, transcript, second, _theme, _code = coded
    url = reverse("practices:backup", args=[study.pk])
    assert signed_in(second).get(url).status_code == 404
    data = signed_in(editor).get(url).json()
    assert data["study"]["title"] == "Reliability" and len(data["codings"]) == 2
    assert data["transcripts"][0]["text"] == transcript.text and {m["role"] for m in data["team"]} == {"lead", "coder"}


@pytest.mark.django_db
def test_cooccurrence_and_role_matrices(coded, editor):
    study, transcript, second, theme, code = coded
    other = services.code_create(actor=editor, study=study, name="Housing")
    services.coding_add(actor=editor, transcript=transcript, code=other, start=30, end=50)
    from integra.practices import selectors

    matrices = selectors.code_cooccurrence(actor=editor, study=study)
    assert matrices["columns"] == ["Housing", "Trust in staff"]
    assert matrices["rows"][0]["cells"] == [None, 2]  # Housing [30, 50) overlaps both codings of the other code
    assert [str(r) for r in matrices["roles"]] == ["Probation officer"]
    page = signed_in(editor).get(reverse("practices:frequencies", args=[study.pk])).content.decode()
    assert "Co-occurrence of codes" in page
