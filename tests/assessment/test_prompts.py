"""Reassessment prompts from the record's timeline: a phase change and new information after the last assessment
reach the assessor (dashboard card, record page, the assessment section's panel); nothing before it, nothing for a
mentor; the query count does not grow with the timeline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.assessment import selectors, services
from integra.cooperation import services as cooperation
from integra.cooperation.models import Phase, Section
from integra.cooperation.panels import panels_for
from integra.core.dashboard import cards_for
from tests.conftest import signed_in

from .conftest import finished

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_phase_change_and_new_information_prompt(shared_record, prison_cm, colleague, instrument, mentor):
    cooperation.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body="Before.")
    assert selectors.timeline_prompts(actor=fresh(prison_cm)) == []  # no final assessment yet
    finished(prison_cm, colleague, shared_record, instrument)
    assert selectors.timeline_prompts(actor=fresh(prison_cm)) == []  # the note came before it
    shared_record.refresh_from_db()
    cooperation.record_set_phase(actor=prison_cm, record=shared_record, phase=Phase.RELEASED,
                                 expected_version=shared_record.version)
    cooperation.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body="New facts.")
    prompts = selectors.timeline_prompts(actor=fresh(prison_cm))
    assert {(p.record_id, p.reason) for p in prompts} == {(shared_record.pk, "phase"),
                                                         (shared_record.pk, "information")}
    card = next(c for c in cards_for(fresh(prison_cm)) if str(c.title) == "Reassessments to consider")
    assert any("phase changed on" in item.detail for item in card.items)
    assert any("new information on" in item.detail for item in card.items)
    page = signed_in(prison_cm).get(reverse("assessment:record", args=[shared_record.pk]))
    assert b"Reassessment to consider" in page.content
    panels = panels_for(fresh(prison_cm), shared_record, Section.ASSESSMENT)
    assert any(p.title == "Reassessment to consider" for p in panels)
    assert selectors.timeline_prompts(actor=fresh(mentor)) == []  # a mentor never assesses
    assert panels_for(fresh(mentor), shared_record, Section.ASSESSMENT) == []
    services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    assert selectors.timeline_prompts(actor=fresh(prison_cm)) == []  # a reassessment was started: answered


def test_prompt_query_count_flat(shared_record, prison_cm, colleague, instrument):
    finished(prison_cm, colleague, shared_record, instrument)
    cooperation.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body="One.")
    with CaptureQueriesContext(connection) as first:
        selectors.timeline_prompts(actor=fresh(prison_cm))
    for i in range(5):
        cooperation.note_add(actor=prison_cm, record=shared_record, section=Section.CASEWORK, body=f"N{i}")
    with CaptureQueriesContext(connection) as later:
        assert len(selectors.timeline_prompts(actor=fresh(prison_cm))) == 1
    assert len(later) == len(first)
