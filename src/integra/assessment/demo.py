"""Demo: the four self-written instruments (one per level, in English, French and Portuguese) imported and published
through the services, and the assessments of TR-DEMO-0002 with a reassessment trajectory — written by the demo
people themselves, so the audit trail is real. Idempotent."""

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from integra.cooperation import services as cooperation
from integra.cooperation.models import AccessLevel, LegalBasis, Section, TeamRole, TransitionRecord
from integra.cooperation.policy import forget_record_access
from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import instruments, services
from .models import Assessment, BiasCheck, Instrument
from .policy import forget_assessment_access

DATA = Path(__file__).parent / "demo_content"
FILES = ["individual.json", "group.json", "organisation.json", "training_needs.json"]

# Two finished assessments of TR-DEMO-0002 (months ago, then now) and a reassessment in draft: the trajectory.
RATINGS = [
    {"grievance": "high", "us_them": "moderate", "violence_justified": "moderate", "extremist_contacts": "yes",
     "contact_intensity": "moderate", "isolation": "high", "prior_violence": "no", "years_in_custody": "3",
     "need_belonging": "high", "family_support": "partial", "work_education": "absent", "rejects_violence": "absent"},
    {"grievance": "moderate", "us_them": "moderate", "violence_justified": "low", "extremist_contacts": "no",
     "isolation": "moderate", "prior_violence": "no", "years_in_custody": "3", "need_belonging": "moderate",
     "family_support": "present", "work_education": "partial", "rejects_violence": "partial"},
]
SOURCES = {"grievance": ["interview", "file"], "extremist_contacts": ["other_agency"],
           "family_support": ["interview", "observation"]}


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    forget_record_access(user)
    forget_assessment_access(user)
    return user


def _answers(ratings):
    return {name: {"value": value, "evidence": "Discussed at the structured interview." if name in SOURCES else "",
                   "sources": SOURCES.get(name, ["file"])} for name, value in ratings.items()}


def _assess(assessor, countersigner, record, instrument, ratings, judgement, months_ago):
    assessment = services.assessment_start(actor=assessor, record=record, instrument=instrument,
                                           review_date=timezone.localdate() + dt.timedelta(days=180))
    assessment, _cleared = services.assessment_save(
        actor=assessor, assessment=assessment, expected_version=assessment.version, answers=_answers(ratings),
        review_date=assessment.review_date, judgement=judgement, significant_items=["grievance", "need_belonging"],
        rationale="Grievance and the need to belong drive the picture; protective factors are growing.",
        evidence_against="He has kept away from the group on the wing since the spring, staff report.",
        limitations="No interview with the family yet; the file from the previous prison is incomplete.",
        bias_checks=BiasCheck.values)
    services.assessment_submit(actor=assessor, assessment=assessment, expected_version=assessment.version)
    services.assessment_countersign(actor=countersigner, assessment=assessment, expected_version=assessment.version)
    services.assessment_finalise(actor=assessor, assessment=assessment, expected_version=assessment.version)
    if months_ago:
        # The demo's history: move the timestamps of the first assessment back so the trajectory has a past.
        when = timezone.now() - dt.timedelta(days=30 * months_ago)
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when, submitted_at=when, countersigned_at=when,
                                                           finalised_at=when)
    return assessment


@transaction.atomic
def load_demo_assessment() -> None:
    if Instrument.objects.filter(code="integra-demo-individual").exists():
        return
    admin = _person("admin@example.org")
    with translation.override("en"):
        for name in FILES:
            result = instruments.from_json(json.loads((DATA / name).read_text(encoding="utf-8")))
            if not result.ok:
                raise ValueError(f"demo instrument {name}: {[str(e) for e in result.errors]}")
            version = services.instrument_import(actor=admin, definition=result.definition, source_name=name)
            services.version_publish(actor=admin, version=version)
        _demo_survey()
        _demo_calibration()
        record = TransitionRecord.objects.filter(reference="TR-DEMO-0002").first()
        if record is None:
            return
        probation_cm, prison_cm = _person("casemanager@example.org"), _person("prisoncase@example.org")
        fresnes = demo_organisation("fr-prison")
        # The prison's case manager, who knew him inside, is on the team at case-work level and countersigns.
        cooperation.basis_add(actor=probation_cm, record=record, basis=LegalBasis.CONSENT,
                              scope=[Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL], recipients=[fresnes],
                              given_on=timezone.localdate() - dt.timedelta(days=200),
                              evidence="Consent form signed before release.")
        cooperation.team_add(actor=probation_cm, record=record, user=prison_cm, organisation=fresnes,
                             access_level=AccessLevel.CASEWORK, role_on_team=TeamRole.CASE_MANAGER)
        prison_cm = _person("prisoncase@example.org")
        individual = Instrument.objects.get(code="integra-demo-individual")
        _assess(probation_cm, prison_cm, record, individual, RATINGS[0], "high", months_ago=6)
        _assess(probation_cm, prison_cm, record, individual, RATINGS[1], "moderate", months_ago=0)
        services.assessment_start(actor=probation_cm, record=record, instrument=individual,
                                  review_date=timezone.localdate() + dt.timedelta(days=90))


def _demo_survey() -> None:
    """A wave of the training-needs survey at Fresnes, answered by some of its people: fewer than five, so the page
    shows why no result is displayed yet."""
    from integra.core.models import Membership

    fresnes = demo_organisation("fr-prison")
    survey = services.survey_open(actor=_person("orgadmin@example.org"), organisation=fresnes,
                                  instrument=Instrument.objects.get(code="integra-demo-training-needs"),
                                  title="Fresnes staff, winter wave")
    emails = Membership.objects.active().filter(organisation=fresnes).values_list("user__email", flat=True)
    for index, email in enumerate(sorted(emails)):
        services.survey_respond(actor=_person(email), survey=survey, audience="prison",
                                answers={"online": str(1 + index % 3), "assessment": str(2 + index % 2),
                                         "sharing": "3", "explain_process": "4"})


CALIBRATION_RATERS = [("rater.one@example.org", "Paul Girard"), ("rater.two@example.org", "Inès Haddou")]
VIGNETTE = ("Training vignette (fictional). \"M.\", 27, is serving two years for assault. Since a transfer three "
            "months ago he spends his time with a small group that rejects the staff's authority and has been heard "
            "justifying violence against \"traitors\". He keeps in touch with his mother and works in the kitchen, "
            "but has dropped out of the education course. He says he wants \"respect\" and a family of his own.")
CALIBRATION_RATINGS = [
    {"grievance": "high", "us_them": "high", "violence_justified": "moderate", "extremist_contacts": "yes",
     "isolation": "moderate", "prior_violence": "yes", "need_belonging": "high", "family_support": "partial",
     "work_education": "partial", "rejects_violence": "absent"},
    {"grievance": "high", "us_them": "moderate", "violence_justified": "moderate", "extremist_contacts": "yes",
     "isolation": "high", "prior_violence": "yes", "need_belonging": "high", "family_support": "partial",
     "work_education": "partial", "rejects_violence": "partial"},
    {"grievance": "moderate", "us_them": "high", "violence_justified": "low", "extremist_contacts": "yes",
     "isolation": "moderate", "prior_violence": "yes", "need_belonging": "moderate", "family_support": "present",
     "work_education": "absent", "rejects_violence": "absent"},
]


def _demo_calibration() -> None:
    """A closed calibration round at the Fresnes probation service: three assessors rated a fictional vignette
    blind; the agreement (Krippendorff's α) is computed and a consensus meeting recorded."""
    from integra.core import audit
    from integra.core.demo import DEMO_PASSWORD
    from integra.core.models import Membership, MembershipRole
    from integra.core.roles import Role

    from .policy import forget_calibration_access

    spip = demo_organisation("fr-spip")
    User = get_user_model()
    for email, name in CALIBRATION_RATERS:
        if not User.objects.filter(email=email).exists():
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name, language="fr")
            audit.record(action="accounts.user.created", actor_label="integra demo", obj=user, data={"via": "demo"})
            membership, _created = Membership.objects.get_or_create(user=user, organisation=spip)
            MembershipRole.objects.get_or_create(membership=membership, role=Role.FRONTLINE)
    coordinator = _person("orgadmin@example.org")
    raters = [_person("casemanager@example.org")] + [_person(email) for email, _name in CALIBRATION_RATERS]
    calibration = services.round_open(
        actor=coordinator, organisation=spip, instrument=Instrument.objects.get(code="integra-demo-individual"),
        title="Calibration, autumn session", vignette=VIGNETTE, raters=raters)
    for rater, ratings in zip(raters, CALIBRATION_RATINGS, strict=True):
        forget_calibration_access(rater)
        services.round_rate(actor=rater, calibration=calibration, ratings=ratings)
    calibration.refresh_from_db()
    coordinator = _person("orgadmin@example.org")
    forget_calibration_access(coordinator)
    services.round_close(actor=coordinator, calibration=calibration, expected_version=calibration.version)
    services.consensus_record(
        actor=coordinator, calibration=calibration, held_on=timezone.localdate(), participants=raters,
        agreed={"us_them": "high", "isolation": "moderate", "rejects_violence": "absent"},
        notes="The raters read \"us and them\" and the rejection of violence differently; the guidance of both "
              "items is to be discussed at the next booster session.")
