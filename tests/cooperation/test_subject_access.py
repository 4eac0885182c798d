"""The subject-access copy a person can read: the officer's review, exemptions, the release record, the PDF's
words, dates and languages, and its tags."""

import re

import pytest
from django.urls import reverse

from integra.cooperation import services
from integra.cooperation.models import Note, Section, SubjectAccessRelease, TransitionRecord
from integra.cooperation.pdf import subject_access_html
from integra.cooperation.selectors import subject_access_data
from integra.core.models import AuditEvent
from tests.conftest import signed_in


def _pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages (what a reader of the PDF sees)."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    words = []

    def walk(box):
        text = getattr(box, "text", None)
        if text:
            words.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(words)


def _intelligence_note(record):
    return Note.objects.get(record=record, section=Section.INTELLIGENCE)


def _release(client, record, language="en", withheld=None):
    data = {"language": language}
    for key, exemption in (withheld or {}).items():
        data[f"withhold__{key}"] = "on"
        data[f"exemption__{key}"] = exemption
    return client.post(reverse("cooperation:subject_access", args=[record.pk]), data)


def test_review_page_lists_the_items_with_a_withhold_choice(shared_record, prison_dpo):
    response = signed_in(prison_dpo).get(reverse("cooperation:subject_access", args=[shared_record.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    note = _intelligence_note(shared_record)
    assert f'name="withhold__note:{note.pk}"' in body and f'name="exemption__note:{note.pk}"' in body
    assert "secret-intelligence-note" in body and "prevention or detection of crime" in body


def test_review_page_is_for_those_who_may_export(shared_record, probation_cm, mentor, stranger):
    for user in (probation_cm, mentor, stranger):
        assert signed_in(user).get(reverse("cooperation:subject_access", args=[shared_record.pk])).status_code == 404
        assert _release(signed_in(user), shared_record).status_code == 404
    assert not SubjectAccessRelease.objects.exists()


def test_withholding_needs_an_exemption_and_saves_nothing_without_one(shared_record, prison_dpo):
    note = _intelligence_note(shared_record)
    client = signed_in(prison_dpo)
    response = client.post(reverse("cooperation:subject_access", args=[shared_record.pk]),
                           {"language": "en", f"withhold__note:{note.pk}": "on"})
    assert response.status_code == 400
    assert "Choose the exemption under which this item is withheld." in response.content.decode()
    response = client.post(reverse("cooperation:subject_access", args=[shared_record.pk]), {"language": "xx"})
    assert response.status_code == 400
    assert not SubjectAccessRelease.objects.exists()


def test_release_is_recorded_and_the_copy_says_withheld_under(shared_record, prison_dpo):
    note = _intelligence_note(shared_record)
    client = signed_in(prison_dpo)
    response = _release(client, shared_record, "en", {f"note:{note.pk}": "crime"})
    release = SubjectAccessRelease.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperation:subject_access_pdf", args=[shared_record.pk, release.pk])
    assert release.released_by == prison_dpo and release.language == "en"
    assert release.withheld == {f"note:{note.pk}": "crime"} and f"note:{note.pk}" in release.reviewed
    event = AuditEvent.objects.get(action="cooperation.record.subject_access_released")
    assert event.actor == prison_dpo and event.data["release"] == release.pk
    assert event.data["withheld"] == {f"note:{note.pk}": "crime"} and event.data["language"] == "en"

    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html, _lang = subject_access_html(record=shared_record, data=subject_access_data(shared_record),
                                      language="en", withheld=release.withheld, reviewed=set(release.reviewed),
                                      release=release)
    text = _pdf_text(html)
    assert "Withheld under: prevention or detection of crime" in text
    assert "secret-intelligence-note" not in text and "secret-casework-note" in text
    # The release page lists it.
    assert "Copies released" in client.get(reverse("cooperation:subject_access", args=[shared_record.pk])).content \
        .decode()


def test_the_copy_reads_as_a_document_not_a_dump(shared_record, prison_dpo, probation_cm):
    type(probation_cm).objects.filter(pk=probation_cm.pk).update(full_name="Paula Probst")
    signed_in(probation_cm).get(reverse("cooperation:record", args=[shared_record.pk]))
    html, language = subject_access_html(record=shared_record, data=subject_access_data(shared_record),
                                         language="en")
    text = _pdf_text(html)
    assert language == "en"
    for heading in ("Your personal data held in INTEGRA", "Your record", "Your identity", "Notes",
                    "The team around you", "Who saw your record", "About this copy"):
        assert heading in text, heading
    assert "Pre-release" in text and "Expected release date" in text and "Processing restricted" in text
    for dump in ("pre_release", "False", "True", "expected_release_date", "['", "given_names",
                 "cooperation.record", "section_viewed", probation_cm.email):
        assert dump not in text, dump
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)  # no ISO timestamps
    # Who saw it, in plain words: the person's organisation and the purpose.
    assert "Paula Probst" in text and "Probation B" in text
    assert "case work (team member)" in text and "Viewed the record" in text


@pytest.mark.parametrize(("language", "words"), [
    ("fr", ["Vos données personnelles", "Votre dossier", "Préparation à la sortie", "Qui a consulté votre dossier",
            "Non", "suivi (membre de l'équipe)", "Retenu au titre de : prévention ou détection des infractions"]),
    ("pt", ["Os seus dados pessoais", "O seu registo", "Pré-libertação", "Quem consultou o seu registo", "Não",
            "acompanhamento do caso (membro da equipa)", "Retido ao abrigo de: prevenção ou deteção de crimes"]),
])
def test_the_copy_in_french_and_portuguese(shared_record, probation_cm, language, words):
    signed_in(probation_cm).get(reverse("cooperation:record", args=[shared_record.pk]))
    note = _intelligence_note(shared_record)
    html, _lang = subject_access_html(record=shared_record, data=subject_access_data(shared_record),
                                      language=language, withheld={f"note:{note.pk}": "crime"})
    text = _pdf_text(html)
    assert f'<html lang="{language}">' in html
    from django.utils import formats, translation
    with translation.override(language):
        created = formats.date_format(shared_record.created_at.astimezone(), "DATE_FORMAT")
    assert created in text  # the language's own date format
    assert [w for w in words if w not in text] == []



def test_the_copy_defaults_to_the_persons_language(shared_record, prison_cm):
    TransitionRecord.objects.filter(pk=shared_record.pk).update(languages="Arabic, Portuguese")
    record = TransitionRecord.objects.get(pk=shared_record.pk)
    _html, language = subject_access_html(record=record, data=subject_access_data(record))
    assert language == "pt"


def test_review_page_offers_the_persons_language_first(shared_record, prison_dpo):
    TransitionRecord.objects.filter(pk=shared_record.pk).update(languages="Français")
    body = signed_in(prison_dpo).get(reverse("cooperation:subject_access", args=[shared_record.pk])).content.decode()
    assert re.search(r'<option value="fr" selected>', body)


def test_the_pdf_is_tagged_with_its_language_and_title(shared_record):
    from weasyprint import HTML

    html, _lang = subject_access_html(record=shared_record, data=subject_access_data(shared_record), language="fr")
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=True)
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf
    assert b"/Lang (fr)" in pdf
    assert b"/DisplayDocTitle true" in pdf
    assert b"pdfuaid" in pdf  # the PDF/UA identification in the metadata


def test_a_copy_released_before_a_new_note_does_not_show_the_unreviewed_note(shared_record, prison_dpo, prison_cm):
    client = signed_in(prison_dpo)
    _release(client, shared_record)
    release = SubjectAccessRelease.objects.get()
    services.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body="written-after-release")
    html, _lang = subject_access_html(record=shared_record, data=subject_access_data(shared_record),
                                      language="en", withheld=release.withheld, reviewed=set(release.reviewed),
                                      release=release)
    assert "written-after-release" not in html


def test_json_export_keeps_every_field(shared_record, prison_dpo):
    import json

    data = json.loads(signed_in(prison_dpo).get(reverse("cooperation:export", args=[shared_record.pk, "json"]))
                      .content)
    assert data["record"]["phase"] == "pre_release" and data["record"]["restricted"] is False
    assert {"id", "section", "text", "author", "created_at"} <= set(data["notes"][0])


def test_a_released_copy_of_another_record_is_not_found(shared_record, prison_dpo, prison, prison_cm):
    client = signed_in(prison_dpo)
    _release(client, shared_record)
    release = SubjectAccessRelease.objects.get()
    other = services.record_open(actor=prison_cm, organisation=prison, given_names="X", family_name="Y")
    assert client.get(reverse("cooperation:subject_access_pdf", args=[other.pk, release.pk])).status_code == 404


def test_review_page_query_count_is_flat(shared_record, prison_dpo, prison_cm, django_assert_max_num_queries):
    client = signed_in(prison_dpo)
    url = reverse("cooperation:subject_access", args=[shared_record.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(10):
        services.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body=f"more {i}")
        services.flag_add(actor=prison_cm, record=shared_record, kind="other", detail=f"flag {i}")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) <= len(before)
