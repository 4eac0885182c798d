# ruff: noqa: F811  (fixtures imported from cooperation and used as arguments)
"""A mentoring programme in the NGO of cooperation's fixtures: a coordinator, a second coordinator (two-person
rule), mentors at several stages, a mentee referred from the shared record."""

import datetime as dt

import pytest
from django.utils import timezone

from integra.cooperation import services as cooperation
from integra.core.roles import Role
from integra.mentoring import services
from integra.mentoring.models import CheckKind, Stage
from tests.conftest import make_user
from tests.cooperation.conftest import (  # noqa: F401 (fixtures)
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

TODAY = timezone.localdate


@pytest.fixture
def coordinator(ngo):
    return make_user("coord@ngo.example", org=ngo, roles=[Role.MENTORING_COORDINATOR])


@pytest.fixture
def coordinator2(ngo):
    return make_user("coord2@ngo.example", org=ngo, roles=[Role.MENTORING_COORDINATOR])


def apply(organisation, user=None, **extra):
    data = dict(full_name="Lucie Moreau", email=f"{user.email if user else 'applicant@example.org'}",
                motivation="I want to help people after prison.", languages="French, German", area="Paris 11e",
                availability=["weekday_evening"], skills="housing, football")
    data.update(extra)
    return services.mentor_apply(organisation=organisation, user=user, **data)


def vet(mentor_row, *, entered_by, verified_by, criminal_expires=None):
    """Two references, an interview and a criminal-record check, entered by one person and verified by another."""
    today = timezone.localdate()
    for kind in (CheckKind.REFERENCE, CheckKind.REFERENCE, CheckKind.INTERVIEW, CheckKind.CRIMINAL_RECORD):
        check = services.check_enter(actor=entered_by, mentor=mentor_row, kind=kind, authority="Referee",
                                     checked_on=today - dt.timedelta(days=10),
                                     expires_on=(criminal_expires or today + dt.timedelta(days=300))
                                     if kind == CheckKind.CRIMINAL_RECORD else None)
        services.check_verify(actor=verified_by, check=check)


def make_available(mentor_row, *, coordinator, second, user):
    vet(mentor_row, entered_by=user or coordinator, verified_by=second if user is None else coordinator)
    services.mentor_sign(actor=user, mentor=mentor_row, code_of_conduct=True, agreement=True)
    mentor_row.refresh_from_db()
    for stage in (Stage.VETTING, Stage.TRAINING, Stage.AVAILABLE):
        if mentor_row.stage != stage:
            services.mentor_set_stage(actor=coordinator, mentor=mentor_row, stage=stage,
                                      expected_version=mentor_row.version)
    mentor_row.refresh_from_db()
    return mentor_row


@pytest.fixture
def mentor_profile(ngo, mentor, coordinator, coordinator2):
    """The NGO's mentor (cooperation's fixture), vetted, signed and available."""
    return make_available(apply(ngo, mentor), coordinator=coordinator, second=coordinator2, user=mentor)


@pytest.fixture
def referred(record, agreement, consent, prison_cm, ngo):
    """The record referred by its case manager to the NGO's programme, at the practical level."""
    return cooperation.referral_create(actor=prison_cm, record=record, to_organisation=ngo,
                                       reason="Mentoring please")


@pytest.fixture
def mentee(referred, coordinator):
    return services.mentee_accept_referral(actor=coordinator, referral=referred, area="Paris 11e",
                                           languages="German", availability=["weekday_evening"],
                                           interests="housing")


@pytest.fixture
def match(mentee, mentor_profile, coordinator):
    return services.match_decide(actor=coordinator, mentee=mentee, mentor=mentor_profile,
                                 mentee_consent_on=timezone.localdate())


# --- the former's route: an assessment of the applicant by a certified assessor ------------------------------


def assessment_instrument(admin, course=None):
    """The demo individual-level instrument, published; its qualifying course when given."""
    from integra.assessment import services as assessment_services
    from tests.assessment.conftest import load_definition

    version = assessment_services.instrument_import(actor=admin, definition=load_definition(), source_name="t.json")
    assessment_services.version_publish(actor=admin, version=version)
    instrument = version.instrument
    if course is not None:
        assessment_services.instrument_configure(
            actor=admin, instrument=instrument, expected_version=instrument.version, licence_holder="",
            qualifying_course=course, certificate_valid_months=12, min_sources=2)
        instrument.refresh_from_db()
    return instrument


def certify(user, course, awarded_on=None):
    from integra.learning.models import Certificate, Enrolment

    certificate = Certificate.objects.create(kind=Certificate.Kind.COURSE_COMPLETION, holder=user, holder_name="x",
                                             title=course.title, awarded_on=awarded_on or timezone.localdate(),
                                             source=f"learning.enrolment:{user.pk}")
    Enrolment.objects.create(user=user, course=course, certificate=certificate)
    return certificate


def assess_former(former, *, coordinator, assessor, countersigner, instrument, finalise=True):
    """The coordinator requests the assessment; the assessor completes and submits it, a colleague countersigns and
    the assessor finalises it (unless `finalise` is False: it stays countersigned)."""
    from integra.assessment import services as assessment_services
    from tests.assessment.conftest import complete

    services.former_assessment_request(actor=coordinator, mentor=former, assessor=assessor, instrument=instrument)
    former.refresh_from_db()
    assessment = complete(assessor, former.former_assessment)
    assessment_services.assessment_submit(actor=assessor, assessment=assessment, expected_version=assessment.version)
    assessment_services.assessment_countersign(actor=countersigner, assessment=assessment,
                                               expected_version=assessment.version)
    if finalise:
        assessment_services.assessment_finalise(actor=assessor, assessment=assessment,
                                                expected_version=assessment.version)
    former.refresh_from_db()
    return assessment
