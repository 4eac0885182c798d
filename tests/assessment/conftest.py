"""A published individual instrument, and the record of tests/cooperation shared with a probation case worker
(case-work access) and an NGO mentor (practical access), plus a second assessor of the owning prison."""

import json
from pathlib import Path

import pytest

from integra.assessment import instruments, services
from integra.assessment.models import BiasCheck
from integra.cooperation import services as cooperation
from integra.core.roles import Role
from tests.conftest import make_user
from tests.cooperation.conftest import (  # noqa: F401 (fixtures)
    CASEWORK_SECTIONS,
    agreement,
    consent,
    mentor,
    ngo,
    prison,
    prison_cm,
    prison_dpo,
    probation,
    probation_cm,
    record,
    shared_record,
    stranger,
    stranger_org,
)

DEMO = Path(__file__).parents[2] / "src" / "integra" / "assessment" / "demo_content"


def load_definition(name="individual.json"):
    result = instruments.from_json(json.loads((DEMO / name).read_text()))
    assert result.ok
    return result.definition


@pytest.fixture
def instrument(platform_admin):
    version = services.instrument_import(actor=platform_admin, definition=load_definition(), source_name="t.json")
    services.version_publish(actor=platform_admin, version=version)
    return version.instrument


@pytest.fixture
def colleague(prison, shared_record, prison_cm):  # noqa: F811
    """A second assessor of the prison, on the team with case-work access: the countersigner."""
    user = make_user("frontline@prison.example", org=prison, roles=[Role.FRONTLINE])
    cooperation.team_add(actor=prison_cm, record=shared_record, user=user, organisation=prison,
                         access_level="casework")
    return user


RATINGS = {"grievance": "high", "us_them": "moderate", "violence_justified": "low", "extremist_contacts": "no",
           "isolation": "moderate", "prior_violence": "no", "years_in_custody": "3", "need_belonging": "high",
           "family_support": "present", "work_education": "partial", "rejects_violence": "partial"}


def answers(ratings=None, **extra):
    data = {k: {"value": v, "sources": ["interview", "file"]} for k, v in (ratings or RATINGS).items()}
    data.update(extra)
    return data


def complete(actor, assessment, ratings=None, judgement="moderate"):
    assessment, _cleared = services.assessment_save(
        actor=actor, assessment=assessment, expected_version=assessment.version, answers=answers(ratings),
        judgement=judgement, significant_items=["grievance"], rationale="Because.", evidence_against="Against.",
        limitations="Limits.", bias_checks=BiasCheck.values)
    return assessment


def finished(author, countersigner, record, instrument,  # noqa: F811
             ratings=None, judgement="moderate"):
    assessment = services.assessment_start(actor=author, record=record, instrument=instrument)
    assessment = complete(author, assessment, ratings, judgement)
    services.assessment_submit(actor=author, assessment=assessment, expected_version=assessment.version)
    services.assessment_countersign(actor=countersigner, assessment=assessment, expected_version=assessment.version)
    services.assessment_finalise(actor=author, assessment=assessment, expected_version=assessment.version)
    return assessment
