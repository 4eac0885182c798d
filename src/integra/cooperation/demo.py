"""Demo transition records: several phases, teams, agreements, consent, referrals, a conference, actions.

Built through the services (so the audit trail and timelines are real) by the demo people themselves."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from integra.core import services as core_services
from integra.core.access import forget_roles
from integra.core.demo import demo_organisation
from integra.core.models import Membership
from integra.core.roles import Role

from . import services
from .models import (
    AccessLevel,
    Flag,
    LegalBasis,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    TeamRole,
    TransitionRecord,
)

CASEWORK_SECTIONS = [Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL]


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    return user


def _agreement(actor, title, keys, categories):
    existing = SharingAgreement.objects.filter(title=title).first()
    if existing:
        return existing
    return services.agreement_create(
        actor=actor, title=title, parties=[demo_organisation(k) for k in keys],
        purposes="Resettlement planning and risk management around release; mentoring support after release.",
        data_categories=categories, legal_basis=LegalBasis.PUBLIC_TASK, valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2028, 12, 31), signatories="Directors of each party, signed 2024-12-12.")


def _record(actor, reference, organisation, **kwargs):
    return services.record_open(actor=actor, organisation=organisation, reference=reference, **kwargs)


def _give_role(actor, person, organisation, role) -> None:
    membership = Membership.objects.get(user=person, organisation=organisation)
    if role not in membership.role_codes:
        core_services.membership_set_roles(actor=actor, membership=membership, roles=[*membership.role_codes, role],
                                           expected_version=membership.version)
    forget_roles(person)


@transaction.atomic
def load_demo_cooperation() -> None:
    if TransitionRecord.objects.filter(reference="TR-DEMO-0001").exists():
        return
    today = timezone.localdate()
    admin = _person("admin@example.org")
    prison_cm, probation_cm = _person("prisoncase@example.org"), _person("casemanager@example.org")
    volunteer, sofia = _person("volunteer@example.org"), _person("frontline@example.org")
    fresnes, spip, trait = (demo_organisation(k) for k in ("fr-prison", "fr-spip", "fr-community"))
    _agreement(admin, "Paris resettlement protocol", ["fr-prison", "fr-spip", "fr-community"], CASEWORK_SECTIONS)
    _agreement(admin, "Sofia prison–probation–community agreement", ["bg-prison", "bg-probation", "bg-community"],
               CASEWORK_SECTIONS)

    # 1. In prison, release in three weeks: handover to probation waiting, no community referral yet. The pack names
    # every section, but the agreement and the consent cover case work only: the referral page says identity and
    # risk and intelligence will not travel, and once casemanager@ accepts, the SPIP holds the case-work sections,
    # prisoncase@'s access ends (no consent names Fresnes), and dpo@ (Fresnes) still exports what Fresnes wrote.
    first = _record(prison_cm, "TR-DEMO-0001", fresnes, given_names="Samir", family_name="Haddad",
                    date_of_birth="1994-03-02", nationality="French", prison_number="FR-2021-55812",
                    establishment="Centre pénitentiaire de Fresnes", legal_status="sentenced",
                    expected_release_date=today + dt.timedelta(days=21), languages="French, Arabic",
                    phase=Phase.PRE_RELEASE)
    services.basis_add(actor=prison_cm, record=first, basis=LegalBasis.CONSENT, scope=CASEWORK_SECTIONS,
                       recipients=[spip, trait], given_on=today - dt.timedelta(days=10),
                       evidence="Signed consent form, prison file section 4.")
    services.note_add(actor=prison_cm, record=first, section=Section.CASEWORK,
                      body="Engaged well in the disengagement programme; wants to resume his electrician training.")
    services.note_add(actor=prison_cm, record=first, section=Section.INTELLIGENCE,
                      body="Contact with a known recruiter on the wing ended in March (security report 2026/114).")
    services.flag_add(actor=prison_cm, record=first, kind=Flag.Kind.INTERPRETER, detail="Arabic for his mother")
    services.referral_create(actor=prison_cm, record=first, to_organisation=spip, kind=Referral.Kind.HANDOVER,
                             reason="Release on licence in three weeks; probation supervision starts on release day.",
                             urgency=Referral.Urgency.SOON)

    # 2. Released, under probation, with a volunteer mentor and an overdue action after a case conference.
    second = _record(probation_cm, "TR-DEMO-0002", spip, given_names="Jonas", family_name="Meyer",
                     date_of_birth="1999-11-20", nationality="German", establishment="SPIP de Paris",
                     legal_status="licence", expected_release_date=today - dt.timedelta(days=40),
                     languages="French, German", phase=Phase.SUPERVISION)
    services.basis_add(actor=probation_cm, record=second, basis=LegalBasis.CONSENT,
                       scope=[Section.PRACTICAL], recipients=[trait], given_on=today - dt.timedelta(days=45))
    services.team_add(actor=probation_cm, record=second, user=volunteer, organisation=trait,
                      access_level=AccessLevel.PRACTICAL, role_on_team=TeamRole.MENTOR)
    services.note_add(actor=probation_cm, record=second, section=Section.PRACTICAL,
                      body="Goals: stable housing by next month; enrol in the evening French course.")
    services.note_add(actor=probation_cm, record=second, section=Section.ASSESSMENT,
                      body="Structured review: protective factors growing (family contact, work placement).")
    conference = services.conference_schedule(
        actor=probation_cm, record=second, title="Post-release review", scheduled_at=timezone.now() - dt.timedelta(
            days=14), participants=[volunteer], location="SPIP de Paris, room 2", agenda="Housing; work; mentoring")
    services.conference_record(actor=probation_cm, conference=conference, expected_version=conference.version,
                               minutes="Housing application submitted. Licence conditions reviewed: no breach; "
                                       "the structured review shows protective factors growing.",
                               attended_user_ids=[probation_cm.pk, volunteer.pk],
                               decisions=["Review the licence conditions again in one month"],
                               # What the practical-support mentor reads of the conference: these, not the above.
                               practical_minutes="Mentor meets Jonas weekly; next: the housing office.",
                               practical_decisions=["Continue weekly mentoring"])
    services.action_create(actor=probation_cm, record=second, conference=conference, owner=volunteer,
                           title="Accompany Jonas to the housing office", due_date=today - dt.timedelta(days=3))
    services.action_create(actor=probation_cm, record=second, conference=conference, owner=probation_cm,
                           title="Confirm the work placement with the employer", due_date=today + dt.timedelta(days=7))

    # 3. In custody in Sofia.
    bulgaria = demo_organisation("bg-prison")
    _give_role(admin, sofia, bulgaria, Role.CASE_MANAGER)
    _record(sofia, "TR-DEMO-0003", bulgaria, given_names="Ivan", family_name="Georgiev", establishment="Sofia Prison",
            legal_status="sentenced", expected_release_date=today + dt.timedelta(days=200), languages="Bulgarian",
            phase=Phase.CUSTODY)
