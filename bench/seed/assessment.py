"""integra.assessment: the demo individual instrument, imported and published through the services, and
assessments of the transition records — three final ones per assessed record (a trajectory), half of the
records' number in all (50,000 at full scale, 1,000 with --quick); the case manager's caseload is assessed first,
so the measured record has a trajectory. The assessor is the record's lead (its owner's full-access team member).

Rows are written directly, not through integra/assessment/services.py (an audit event per write, and the
certificate and licence checks): what the pages read is the same. Ratings have no evidence text, the rationale
and limitations are encrypted as the services would store them.
"""

import json
import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from integra.assessment import instruments, services
from integra.assessment.models import Assessment, Instrument, Rating
from integra.cooperation.models import AccessLevel, TeamMember

from ..endpoints import api, page
from .common import INSERT_BATCH, Scale, run_steps
from .cooperation import case_manager, showcase_record_id
from .core import platform_admin

User = get_user_model()

DEMO_FILE = Path(services.__file__).parent / "demo_content" / "individual.json"
ASSESSMENTS_PER_RECORD = 3
CHUNK = 1_500  # records per transaction


def _instrument() -> Instrument:
    existing = Instrument.objects.filter(code="integra-demo-individual").first()
    if existing is not None:
        return existing
    definition = instruments.from_json(json.loads(DEMO_FILE.read_text(encoding="utf-8"))).definition
    admin = platform_admin()
    version = services.instrument_import(actor=admin, definition=definition, source_name="bench")
    services.version_publish(actor=admin, version=version)
    return version.instrument


def seed_assessments(scale: Scale) -> str | None:
    target = scale.transition_records // 2
    if Assessment.objects.count() >= target:
        return None
    instrument = _instrument()
    version = instrument.versions.get(number=1)
    definition = version.definition
    lead = case_manager()
    leads: dict[int, int] = {}
    for record_id, user_id in (TeamMember.objects.current().filter(access_level=AccessLevel.FULL,
                                                                   organisation_id=F("record__owner_id"))
                               .order_by("-record_id", "-id").values_list("record_id", "user_id")):
        leads[record_id] = user_id  # the earliest full-access member of the owner: the record's lead
    mine = list(TeamMember.objects.current().filter(user=lead, access_level=AccessLevel.FULL)
                .order_by("record_id").values_list("record_id", flat=True))
    assessed = set(Assessment.objects.values_list("record_id", flat=True))
    order = [r for r in mine if r not in assessed] + [r for r in sorted(leads) if r not in assessed and r not in mine]
    needed = (target - Assessment.objects.count()) // ASSESSMENTS_PER_RECORD + 1
    rng = random.Random(11)
    items = [i for i in definition["items"] if i["type"] == "select_one"]
    now = timezone.now()
    created = 0
    rationale = "Structured professional judgement (bench data)."  # the field encrypts it
    order = order[:needed]
    for start in range(0, len(order), CHUNK):
        chunk = order[start:start + CHUNK]
        with transaction.atomic():
            rows = []
            for record_id in chunk:
                assessor = leads.get(record_id) or lead.pk
                for index in range(ASSESSMENTS_PER_RECORD):
                    when = now - timedelta(days=180 * (ASSESSMENTS_PER_RECORD - index))
                    rows.append(Assessment(instrument_version=version, record_id=record_id,
                                           organisation_id=_owner(record_id), status=Assessment.Status.FINAL,
                                           assessor_id=assessor, judgement=rng.choice(["low", "moderate", "high"]),
                                           significant_items=["grievance"], rationale=rationale,
                                           evidence_against=rationale, limitations=rationale,
                                           created_at=when, submitted_at=when, countersigned_at=when,
                                           finalised_at=when))
            Assessment.objects.bulk_create(rows, batch_size=INSERT_BATCH)
            saved = list(Assessment.objects.filter(record_id__in=chunk).values_list("pk", flat=True))
            ratings = [Rating(assessment_id=pk, item=item["name"], sources=["file"],
                              value=rng.choice([c["value"] for c in definition["scales"][item["scale"]]]))
                       for pk in saved for item in items]
            Rating.objects.bulk_create(ratings, batch_size=INSERT_BATCH)
            created += len(rows)
    return f"{created:,} assessments"


_owners: dict[int, int] = {}


def _owner(record_id: int) -> int:
    if not _owners:
        from integra.cooperation.models import TransitionRecord

        _owners.update(TransitionRecord.objects.values_list("pk", "owner_id"))
    return _owners[record_id]


CALIBRATION_ROUNDS = 200  # closed rounds of the case manager's organisation: the report's agreements span them all
CALIBRATION_RATERS = 3


def seed_calibration(scale: Scale) -> str | None:
    """Closed calibration rounds of the demo instrument in the case manager's organisation, each rated by three of
    its assessors (the case manager first), with the agreement stored as closing computes it."""
    from integra.assessment.models import CalibrationRater, CalibrationRating, CalibrationRound
    from integra.assessment.policy import ASSESSOR_ROLES
    from integra.assessment.selectors import agreement_of
    from integra.core.access import organisations_where
    from integra.core.selectors import people_with_roles

    if CalibrationRound.objects.count() >= CALIBRATION_ROUNDS:
        return None
    instrument = _instrument()
    version = instrument.versions.get(number=1)
    definition = version.definition
    lead = case_manager()
    organisation_id = min(organisations_where(lead, *ASSESSOR_ROLES))
    others = [u for u in people_with_roles(organisation_id=organisation_id, roles=ASSESSOR_ROLES) if u.pk != lead.pk]
    raters = [lead, *sorted(others, key=lambda u: u.pk)[:CALIBRATION_RATERS - 1]]
    items = [i for i in definition["items"] if i["type"] == "select_one"]
    rng = random.Random(13)
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for index in range(CalibrationRound.objects.count(), CALIBRATION_ROUNDS):
            when = now - timedelta(days=CALIBRATION_ROUNDS - index)
            calibration = CalibrationRound.objects.create(
                instrument_version=version, organisation_id=organisation_id, title=f"Calibration {index + 1}",
                vignette="A fictional case (bench data).", status=CalibrationRound.Status.CLOSED, created_by=lead,
                created_at=when, closed_at=when)
            CalibrationRater.objects.bulk_create([CalibrationRater(round=calibration, user=u, submitted_at=when)
                                                  for u in raters])
            ratings, rows = [], []
            for item in items:
                scale_values = [c["value"] for c in definition["scales"][item["scale"]]]
                centre = rng.randrange(len(scale_values))
                for rater in raters:
                    value = scale_values[max(0, min(len(scale_values) - 1, centre + rng.choice([-1, 0, 0, 0, 1])))]
                    ratings.append(CalibrationRating(round=calibration, rater=rater, item=item["name"], value=value))
                    rows.append((calibration.pk, version.pk, rater.pk, item["name"], value))
            CalibrationRating.objects.bulk_create(ratings, batch_size=INSERT_BATCH)
            result = agreement_of(rows, {version.pk: definition})
            CalibrationRound.objects.filter(pk=calibration.pk).update(agreement=result.value, agreement_n=result.n)
            created += 1
    return f"{created:,} calibration rounds"


def seed(scale: Scale) -> bool:
    return run_steps(scale, [seed_assessments, seed_calibration])


def dataset_summary() -> dict[str, int]:
    from integra.assessment.models import CalibrationRating, CalibrationRound

    return {"assessments": Assessment.objects.count(), "assessment_ratings": Rating.objects.count(),
            "calibration_rounds": CalibrationRound.objects.count(),
            "calibration_ratings": CalibrationRating.objects.count()}


def showcase_round_id() -> int:
    from integra.assessment.models import CalibrationRound

    calibration = CalibrationRound.objects.filter(status=CalibrationRound.Status.CLOSED).order_by("-pk").first()
    if calibration is None:
        raise RuntimeError("No calibration round: seeding did not run to the end.")
    return calibration.pk


def showcase_assessment_id() -> int:
    assessment = Assessment.objects.filter(record_id=showcase_record_id()).order_by("-finalised_at").first()
    if assessment is None:
        raise RuntimeError("The showcase record has no assessment: seeding did not run to the end.")
    return assessment.pk


ASSESSOR = "assessor"
PERSONAS: dict[str, Callable[[], User]] = {ASSESSOR: case_manager}
PATH_VALUES: dict[str, Callable[[], object]] = {"showcase_assessment": showcase_assessment_id,
                                                 "showcase_round": showcase_round_id}

ENDPOINTS = [
    page("assessments · assessor", "/en/assessment/", ASSESSOR),
    # Each view of an assessment is an audit event (reads of sensitive records are audited): measured with it.
    page("assessment · audited view", "/en/assessment/{showcase_assessment}/", ASSESSOR),
    page("assessments of a record · trajectory", "/en/assessment/records/{showcase_record}/", ASSESSOR),
    page("instruments", "/en/assessment/instruments/", ASSESSOR),
    api("API assessments · assessor", "/api/v1/assessments/", ASSESSOR),
    api("API instruments", "/api/v1/instruments/", ASSESSOR),
    # The report computes κ/α per item, for the round, the instrument and the organisation over every closed round.
    page("calibration report", "/en/assessment/calibration/{showcase_round}/report/", ASSESSOR),
    api("API calibration rounds", "/api/v1/calibration-rounds/", ASSESSOR),
    api("API calibration report", "/api/v1/calibration-rounds/{showcase_round}/report/", ASSESSOR),
]
