"""Organisations around one person: a prison (owner), a probation service and an NGO under an agreement, and an
unrelated agency without one."""

import datetime as dt

import pytest
from django.utils import timezone

from integra.cooperation import services
from integra.cooperation.models import LegalBasis, Section
from integra.core.models import OrganisationKind
from integra.core.roles import Role
from tests.conftest import make_org, make_user

CASEWORK_SECTIONS = [Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL]


@pytest.fixture
def prison(db):
    return make_org("Prison A", kind=OrganisationKind.PRISON)


@pytest.fixture
def probation(db):
    return make_org("Probation B", kind=OrganisationKind.PROBATION)


@pytest.fixture
def ngo(db):
    return make_org("NGO C", kind=OrganisationKind.COMMUNITY)


@pytest.fixture
def stranger_org(db):
    return make_org("Agency D", kind=OrganisationKind.POLICE)


@pytest.fixture
def prison_cm(prison):
    return make_user("cm@prison.example", org=prison, roles=[Role.CASE_MANAGER])


@pytest.fixture
def probation_cm(probation):
    return make_user("cm@probation.example", org=probation, roles=[Role.CASE_MANAGER])


@pytest.fixture
def mentor(ngo):
    return make_user("mentor@ngo.example", org=ngo, roles=[Role.MENTOR])


@pytest.fixture
def stranger(stranger_org):
    return make_user("officer@agency.example", org=stranger_org, roles=[Role.CASE_MANAGER])


@pytest.fixture
def prison_dpo(prison):
    return make_user("dpo@prison.example", org=prison, roles=[Role.DATA_PROTECTION])


@pytest.fixture
def agreement(prison, probation, ngo, platform_admin):
    return services.agreement_create(
        actor=platform_admin, title="Local protocol", parties=[prison, probation, ngo], purposes="Resettlement",
        data_categories=CASEWORK_SECTIONS, legal_basis=LegalBasis.PUBLIC_TASK,
        valid_from=dt.date(2020, 1, 1), valid_until=None, signatories="Directors")


@pytest.fixture
def emergency_agreement(prison, stranger_org, platform_admin):
    """The agency and the prison in a valid agreement: the agency's people may then break the glass."""
    return services.agreement_create(
        actor=platform_admin, title="Public protection protocol", parties=[prison, stranger_org],
        purposes="Public protection", data_categories=[Section.PRACTICAL], legal_basis=LegalBasis.PUBLIC_TASK,
        valid_from=dt.date(2020, 1, 1), valid_until=None, signatories="Directors")


@pytest.fixture
def record(prison, prison_cm):
    return services.record_open(actor=prison_cm, organisation=prison, given_names="Samir", family_name="Haddad",
                                date_of_birth="1994-03-02", expected_release_date=timezone.localdate() +
                                dt.timedelta(days=10), phase="pre_release")


@pytest.fixture
def consent(record, prison_cm, probation, ngo):
    return services.basis_add(actor=prison_cm, record=record, basis=LegalBasis.CONSENT, scope=CASEWORK_SECTIONS,
                              recipients=[probation, ngo], given_on=timezone.localdate())


@pytest.fixture
def shared_record(record, agreement, consent, prison_cm, probation_cm, probation, mentor, ngo):
    """The record with a probation case worker (case-work access) and an NGO mentor (practical only)."""
    services.team_add(actor=prison_cm, record=record, user=probation_cm, organisation=probation,
                      access_level="casework")
    services.team_add(actor=prison_cm, record=record, user=mentor, organisation=ngo, access_level="practical")
    for section in Section.values:
        if section != Section.IDENTITY:
            services.note_add(actor=prison_cm, record=record, section=section, body=f"secret-{section}-note")
    return record
