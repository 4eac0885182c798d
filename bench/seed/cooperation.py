"""integra.cooperation: information-sharing agreements and transition records with their identities, teams,
sharing bases, notes, actions, referrals, flags and timelines; the case manager the benchmark signs in as, and
the caseload, record, referral and action endpoints they are measured on.

Rows are written directly, not through integra/cooperation/services.py: the services write an audit event
(one at a time, under the chain-head lock) and notifications for every change, about half a million of each
for 100,000 records, and the audit trail has its own seed function (core). What a record page reads is the
same: each record has the identity, team, sharing basis, notes, actions, referrals and timeline the services
would have left, with timeline entries that tell what happened to those rows.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from integra.cooperation.models import (
    SECTIONS_BY_LEVEL,
    AccessLevel,
    Action,
    Flag,
    LegalBasis,
    LegalStatus,
    Note,
    PersonIdentity,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    SharingBasis,
    TeamMember,
    TeamRole,
    TimelineEntry,
    TransitionRecord,
)
from integra.core.countries import Country
from integra.core.models import Membership, MembershipRole, Organisation, OrganisationKind
from integra.core.roles import Role

from ..endpoints import api, page
from .common import (
    CITIES,
    FIRST_NAMES,
    INSERT_BATCH,
    LAST_NAMES,
    Scale,
    between,
    day_at,
    require_primary_keys,
    run_steps,
    weighted,
)
from .core import platform_admin

User = get_user_model()

RECORD_REFERENCE = "TR-B-{:06d}"  # "B" for bench: never one of the application's TR-<year>-<hex>
RECORD_CHUNK = 5_000  # records per transaction, with all their rows: the unit an interrupted seeding resumes from
AGREEMENT_TITLE = "Resettlement protocol of {}"  # one agreement per owner organisation that has one
JUSTICE_KINDS = (OrganisationKind.PRISON, OrganisationKind.PROBATION)  # who owns records
PARTNER_KINDS = (OrganisationKind.COMMUNITY, OrganisationKind.SOCIAL)  # who supports the person after release
# The roles of people on record teams: those of integra/cooperation/policy.py CASE_ROLES.
TEAM_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE, Role.MENTOR, Role.MENTORING_COORDINATOR)
AGREED_SECTIONS = [Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL]  # never identity or intelligence
NATIONALITIES = {code: str(Country(code).label) for code in Country.values}

NOTES_PER_RECORD = {0: 35, 1: 35, 2: 20, 3: 10}  # about one on average
ACTIONS_PER_RECORD = {0: 35, 1: 35, 2: 20, 3: 10}
NOTE_SECTION_WEIGHTS = {Section.CASEWORK: 45, Section.PRACTICAL: 25, Section.ASSESSMENT: 20, Section.INTELLIGENCE: 10}
ACTION_STATUS_WEIGHTS = {Action.Status.OPEN: 65, Action.Status.DONE: 30, Action.Status.CANCELLED: 5}
OVERDUE_SHARE_OF_OPEN = 0.31  # 65 % open × 31 % ≈ 20 % of all actions overdue
URGENCY_WEIGHTS = {Referral.Urgency.ROUTINE: 60, Referral.Urgency.SOON: 30, Referral.Urgency.URGENT: 10}
SPOKEN_LANGUAGES = ["", "English", "French", "French, Arabic", "German, Turkish", "Italian", "Portuguese",
                    "Bulgarian", "Greek", "Romanian", "Polish, English", "Spanish", "Arabic, English", "Albanian"]
STREETS = ["Main Street", "Rue de la Gare", "Hauptstraße", "Via Roma", "Rua Augusta", "Station Road", "Ulitsa Vitosha"]
NOTE_BODIES = [
    "Engaged well in the disengagement programme; wants to resume vocational training.",
    "Family contact restored: weekly calls with his sister, a visit planned next month.",
    "Structured review: protective factors growing (family contact, work placement).",
    "Housing application submitted to the municipality; answer expected within six weeks.",
    "Missed one appointment, called the next day with a credible reason (hospital visit).",
    "Security report: contact with a known recruiter on the wing ended in March.",
    "Debt advice arranged with the community association after release.",
    "Goals agreed: stable housing, evening language course, two mentoring meetings a month.",
]
ACTION_TITLES = ["Accompany the person to the housing office", "Confirm the work placement with the employer",
                 "Book the first probation appointment", "Send the release plan to the community mentor",
                 "Apply for identity documents", "Arrange the interpreter for the case conference",
                 "Check benefits entitlement before release", "Register with a general practitioner"]
REFERRAL_REASONS = ["Release on licence soon; supervision starts on release day.",
                    "Needs a mentor and help with housing after release.",
                    "Moves to another region after release; supervision transfers.",
                    "Requests support with training and finding work."]


@dataclass(frozen=True)
class _CaseWorkers:
    """Who can sit on a record's team: the active members of each organisation holding a team role."""

    members: dict[int, list[int]]  # organisation id → user ids with a team role
    case_managers: dict[int, list[int]]  # organisation id → user ids of its case managers, who open records
    is_case_manager: set[tuple[int, int]]  # (organisation id, user id)
    names: dict[int, str]  # user id → how the application prints the person (User.__str__)
    organisations: dict[int, tuple[str, str, str]]  # active organisation id → (name, kind, country)

    @classmethod
    def load(cls) -> "_CaseWorkers":
        members, case_managers, names = defaultdict(set), defaultdict(set), {}
        for organisation_id, user_id, role, full_name, email in (
            Membership.objects.active().filter(roles__role__in=TEAM_ROLES)
            .values_list("organisation_id", "user_id", "roles__role", "user__full_name", "user__email")
        ):
            members[organisation_id].add(user_id)
            if role == Role.CASE_MANAGER:
                case_managers[organisation_id].add(user_id)
            names[user_id] = full_name or email
        return cls(
            members={pk: sorted(users) for pk, users in members.items()},
            case_managers={pk: sorted(users) for pk, users in case_managers.items()},
            is_case_manager={(pk, user) for pk, users in case_managers.items() for user in users},
            names=names,
            organisations={pk: (name, kind, country) for pk, name, kind, country in
                           Organisation.objects.active().values_list("id", "name", "kind", "country")},
        )

    def kind(self, organisation_id: int) -> str:
        return self.organisations[organisation_id][1]

    def owners(self) -> list[int]:
        """Prisons and probation services with a case manager to open their records."""
        return sorted(pk for pk in self.case_managers
                      if pk in self.organisations and self.kind(pk) in JUSTICE_KINDS)

    def size(self, organisation_id: int) -> int:
        return len(self.members.get(organisation_id, ()))


def _caseload_organisation_id() -> int:
    """The largest active prison or probation organisation: the most records to go through."""
    return (Membership.objects.active().filter(organisation__kind__in=JUSTICE_KINDS)
            .values("organisation_id").annotate(members=Count("id")).order_by("-members", "organisation_id")
            .values_list("organisation_id", flat=True).first())


def _by_size(workers: _CaseWorkers, organisation_ids) -> list[int]:
    return sorted(organisation_ids, key=lambda pk: (-workers.size(pk), pk))


def _agreement_owners(workers: _CaseWorkers, scale: Scale) -> list[int]:
    """The owners that have an agreement: the case manager's organisation first, then the largest."""
    ranked = _by_size(workers, workers.owners())
    first = _caseload_organisation_id()
    return ([first] + [pk for pk in ranked if pk != first])[:scale.agreement_owners]


def _counterpart(workers: _CaseWorkers, owner: int) -> int | None:
    """The probation service a prison hands its people over to (or the prison of a probation service): the
    largest one of the same country, else the largest anywhere."""
    prison = workers.kind(owner) == OrganisationKind.PRISON
    other_kind = OrganisationKind.PROBATION if prison else OrganisationKind.PRISON
    candidates = _by_size(workers, [pk for pk in workers.owners() if workers.kind(pk) == other_kind])
    country = workers.organisations[owner][2]
    same_country = [pk for pk in candidates if workers.organisations[pk][2] == country]
    return (same_country or candidates or [None])[0]


def _community_partners(workers: _CaseWorkers, rng: random.Random, owner: int) -> list[int]:
    """Two of the five largest community associations or social services of the owner's country that have
    people to put on a team (anywhere when the country has none)."""
    partners = [pk for pk in workers.members if pk in workers.organisations and workers.kind(pk) in PARTNER_KINDS]
    country = workers.organisations[owner][2]
    same_country = [pk for pk in partners if workers.organisations[pk][2] == country]
    largest = _by_size(workers, same_country or partners)[:5]
    return sorted(rng.sample(largest, min(2, len(largest))))


def seed_sharing_agreements(scale: Scale) -> str | None:
    """An information-sharing agreement between each of the `agreement_owners` largest record owners, its
    counterpart prison or probation service and two community partners: what lets a partner's team row,
    a referral or a handover be valid."""
    present = SharingAgreement.objects.filter(title__startswith=AGREEMENT_TITLE.format("")).count()
    if present >= scale.agreement_owners:
        return None
    rng = random.Random(f"agreements-{present}")
    workers = _CaseWorkers.load()
    today = timezone.localdate()
    signed_by = platform_admin()
    agreements, parties = [], []
    for owner in _agreement_owners(workers, scale)[present:]:
        counterpart = _counterpart(workers, owner)
        members = sorted({owner, *([counterpart] if counterpart else []), *_community_partners(workers, rng, owner)})
        valid_from = today - timedelta(days=rng.randint(60, 700))
        agreement = SharingAgreement(
            title=AGREEMENT_TITLE.format(workers.organisations[owner][0]),
            purposes="Resettlement planning and risk management around release; mentoring support after release.",
            data_categories=list(AGREED_SECTIONS), legal_basis=LegalBasis.PUBLIC_TASK, valid_from=valid_from,
            valid_until=today + timedelta(days=rng.randint(180, 1100)),
            signatories=f"Directors of the {len(members)} parties, signed {valid_from - timedelta(days=14)}.",
            created_by=signed_by, created_at=day_at(valid_from - timedelta(days=14)),
        )
        agreements.append(agreement)
        parties.extend(SharingAgreement.parties.through(sharingagreement=agreement, organisation_id=pk)
                       for pk in members)
    with transaction.atomic():
        SharingAgreement.objects.bulk_create(agreements, batch_size=INSERT_BATCH)
        require_primary_keys(agreements)
        SharingAgreement.parties.through.objects.bulk_create(parties, batch_size=INSERT_BATCH)
    return f"{len(agreements):,} created, {len(parties):,} parties"


@dataclass(frozen=True)
class _RecordContext:
    """What every record of a seeding run draws from."""

    workers: _CaseWorkers
    owners: list[int]
    owner_cumulative_weights: list[int]  # larger organisations own more records
    sharing: dict[int, list[list[int]]]  # owner → the other parties of each valid agreement it is a party of
    persona_id: int
    persona_organisation_id: int
    persona_every: int  # every n-th record is led by the case-manager persona...
    persona_records: int  # ...until they lead this many
    now: datetime
    today: date

    @classmethod
    def load(cls, scale: Scale) -> "_RecordContext":
        workers = _CaseWorkers.load()
        owners = workers.owners()
        persona = case_manager()
        today = timezone.localdate()
        return cls(
            workers=workers, owners=owners,
            owner_cumulative_weights=list(accumulate(workers.size(pk) for pk in owners)),
            sharing=_sharing_parties(today), persona_id=persona.pk,
            persona_organisation_id=_caseload_organisation_id(),
            persona_every=max(1, scale.transition_records // scale.caseload_records),
            persona_records=scale.caseload_records, now=timezone.now(), today=today,
        )


def _sharing_parties(today: date) -> dict[int, list[list[int]]]:
    parties = defaultdict(list)
    for agreement_id, organisation_id in (
        SharingAgreement.parties.through.objects.filter(sharingagreement__in=SharingAgreement.objects.valid_on(today))
        .order_by("sharingagreement_id", "organisation_id").values_list("sharingagreement_id", "organisation_id")
    ):
        parties[agreement_id].append(organisation_id)
    sharing = defaultdict(list)
    for members in parties.values():
        for organisation_id in members:
            sharing[organisation_id].append([pk for pk in members if pk != organisation_id])
    return dict(sharing)


@dataclass
class _RecordRows:
    """The rows of one chunk of records, inserted table by table: children point at their (unsaved) record,
    whose primary key bulk_create fills in before the children are inserted."""

    records: list = field(default_factory=list)
    identities: list = field(default_factory=list)
    team: list = field(default_factory=list)
    bases: list = field(default_factory=list)
    basis_recipients: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    timeline: list = field(default_factory=list)

    def insert(self) -> None:
        TransitionRecord.objects.bulk_create(self.records, batch_size=INSERT_BATCH)
        require_primary_keys(self.records)
        SharingBasis.objects.bulk_create(self.bases, batch_size=INSERT_BATCH)
        require_primary_keys(self.bases)
        for model, rows in ((PersonIdentity, self.identities), (TeamMember, self.team),
                            (SharingBasis.recipients.through, self.basis_recipients), (Note, self.notes),
                            (Action, self.actions), (Referral, self.referrals), (Flag, self.flags),
                            (TimelineEntry, self.timeline)):
            model.objects.bulk_create(rows, batch_size=INSERT_BATCH)
            if model is Action:
                require_primary_keys(rows)  # the timeline entries about them point at them

    def count(self, name: str) -> int:
        return len(getattr(self, name))


def _phase_and_dates(rng: random.Random, ctx: _RecordContext):
    """(phase, phase the record was opened in, opened at, phase changed at, expected release date): the phase
    follows the release date, ±1 year around today."""
    release = ctx.today + timedelta(days=rng.randint(-365, 365))
    opened_at = ctx.now - timedelta(days=rng.randint(14, 730), minutes=rng.randrange(1440))
    days_to_release = (release - ctx.today).days
    if days_to_release > 90:
        phase, changed_on = Phase.CUSTODY, None
    elif days_to_release > 0:
        phase, changed_on = Phase.PRE_RELEASE, release - timedelta(days=90)
    elif days_to_release > -30:
        phase, changed_on = Phase.RELEASED, release
    elif days_to_release < -180 and rng.random() < 0.3:
        phase, changed_on = Phase.CLOSED, release + timedelta(days=180)
    else:
        phase, changed_on = Phase.SUPERVISION, release + timedelta(days=30)
    # Opened before release: in custody. Opened after it (by probation): in the phase it is in now.
    opened_phase = Phase.CUSTODY if opened_at.date() < release else phase
    if changed_on is None or opened_phase == phase:
        changed_at = opened_at
    else:
        changed_at = min(ctx.now, max(opened_at, day_at(changed_on)))
    return phase, opened_phase, opened_at, changed_at, release


LEGAL_STATUS_BY_PHASE = {
    Phase.CUSTODY: [LegalStatus.SENTENCED, LegalStatus.SENTENCED, LegalStatus.SENTENCED, LegalStatus.REMAND],
    Phase.PRE_RELEASE: [LegalStatus.SENTENCED], Phase.RELEASED: [LegalStatus.LICENCE],
    Phase.SUPERVISION: [LegalStatus.LICENCE, LegalStatus.PROBATION], Phase.CLOSED: [LegalStatus.NONE],
}


def _build_record(rng: random.Random, number: int, ctx: _RecordContext, rows: _RecordRows) -> None:
    """One record and everything below it. Record number 0 (the first the case manager leads) has every
    part the record page shows: the page measured is that of a busy record."""
    workers = ctx.workers
    complete = number == 0
    led_by_persona = number % ctx.persona_every == 0 and number // ctx.persona_every < ctx.persona_records
    if led_by_persona:
        owner, lead = ctx.persona_organisation_id, ctx.persona_id
    else:
        owner = rng.choices(ctx.owners, cum_weights=ctx.owner_cumulative_weights)[0]
        lead = rng.choice(workers.case_managers[owner])
    owner_name, owner_kind, country = workers.organisations[owner]
    phase, opened_phase, opened_at, phase_changed_at, release = _phase_and_dates(rng, ctx)
    city = rng.choice(CITIES[country])
    record = TransitionRecord(
        reference=RECORD_REFERENCE.format(number + 1), owner_id=owner,
        establishment=f"{city} Prison" if owner_kind == OrganisationKind.PRISON else f"{city} Probation Office",
        expected_release_date=release, legal_status=rng.choice(LEGAL_STATUS_BY_PHASE[phase]),
        languages=rng.choice(SPOKEN_LANGUAGES), phase=phase, phase_changed_at=phase_changed_at,
        restricted=rng.random() < 0.01, legal_hold=rng.random() < 0.005, created_by_id=lead, created_at=opened_at,
        closed_at=phase_changed_at if phase == Phase.CLOSED else None,
    )
    rows.records.append(record)
    released = phase in (Phase.RELEASED, Phase.SUPERVISION, Phase.CLOSED)
    # Every value goes through EncryptedTextField.get_prep_value in bulk_create: a real ciphertext each.
    rows.identities.append(PersonIdentity(
        record=record, given_names=rng.choice(FIRST_NAMES), family_name=rng.choice(LAST_NAMES),
        date_of_birth=f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        nationality=NATIONALITIES[country if rng.random() < 0.8 else rng.choice(Country.values)],
        prison_number=f"{country}-{opened_at.year}-{rng.randrange(100_000):05d}",
        address=f"{rng.randint(1, 200)} {rng.choice(STREETS)}, {city}" if released else "",
    ))

    def timeline(entry_kind, occurred_at, actor, section="", about_action=None, detail="", **data):
        # As the services write them: an entry about an action points at it (only those who may see the action
        # see the entry) and its sensitive words are the encrypted `detail`, never `data` (which may hold a
        # "kind" of its own).
        rows.timeline.append(TimelineEntry(record=record, kind=entry_kind, occurred_at=min(occurred_at, ctx.now),
                                           actor_id=actor, section=section, action=about_action, detail=detail,
                                           data=data))

    def join(user, organisation_id, level, role_on_team, added_at, added_by):
        rows.team.append(TeamMember(record=record, user_id=user, organisation_id=organisation_id, access_level=level,
                                    role_on_team=role_on_team, added_by_id=added_by, added_at=added_at))
        return user

    timeline("opened", opened_at, lead, phase=opened_phase)
    team = [join(lead, owner, AccessLevel.FULL, TeamRole.CASE_MANAGER, opened_at, lead)]
    writers = [(lead, AccessLevel.FULL)]  # who writes notes: people of the owner, with what they see
    if complete or rng.random() < 0.55:
        colleague = rng.choice(workers.members[owner])
        if colleague != lead:
            level = AccessLevel.FULL if (owner, colleague) in workers.is_case_manager and rng.random() < 0.3 \
                else AccessLevel.CASEWORK
            added_at = between(rng, opened_at, ctx.now)
            join(colleague, owner, level, TeamRole.PRISON_OFFICER if owner_kind == OrganisationKind.PRISON
                 else TeamRole.PROBATION_OFFICER, added_at, lead)
            timeline("team_added", added_at, lead, person=workers.names[colleague], organisation=owner_name,
                     level=level)
            team.append(colleague)
            writers.append((colleague, level))

    if ctx.sharing.get(owner) and (complete or rng.random() < 0.45):
        _share(rng, ctx, rows, record, owner, lead, team, opened_at, complete, timeline, join)

    for _ in range(3 if complete else weighted(rng, NOTES_PER_RECORD)):
        author, level = rng.choice(writers)
        section = rng.choice([s for s in NOTE_SECTION_WEIGHTS if s in SECTIONS_BY_LEVEL[level]])
        written_at = between(rng, opened_at, ctx.now)
        rows.notes.append(Note(record=record, section=section, body=rng.choice(NOTE_BODIES), author_id=author,
                               organisation_id=owner, created_at=written_at))
        timeline("note_added", written_at, author, section=section)

    for index in range(3 if complete else weighted(rng, ACTIONS_PER_RECORD)):
        owner_of_action = team[index % len(team)] if complete else rng.choice(team)
        status = Action.Status.OPEN if complete else weighted(rng, ACTION_STATUS_WEIGHTS)
        if status == Action.Status.OPEN and rng.random() >= OVERDUE_SHARE_OF_OPEN:
            due = ctx.today + timedelta(days=rng.randint(1, 90))
        else:
            due = ctx.today - timedelta(days=rng.randint(1, 60 if status == Action.Status.OPEN else 200))
        title = rng.choice(ACTION_TITLES)
        created_at = between(rng, opened_at, min(ctx.now, day_at(due)))
        action = Action(record=record, title=title, owner_id=owner_of_action, due_date=due, status=status,
                        created_by_id=lead, created_at=created_at)
        rows.actions.append(action)
        timeline("action_created", created_at, lead, about_action=action, detail=title,
                 owner=workers.names[owner_of_action], due_date=due.isoformat())

    if rng.random() < 0.08:
        kind = rng.choice(Flag.Kind.values)
        flagged_at = between(rng, opened_at, ctx.now)
        rows.flags.append(Flag(record=record, kind=kind, created_by_id=lead, created_at=flagged_at))
        timeline("flag_added", flagged_at, lead, kind=kind)
    if phase != opened_phase:
        timeline("phase_changed", phase_changed_at, lead, previous=opened_phase, phase=phase)


def _share(rng, ctx, rows, record, owner, lead, team, opened_at, complete, timeline, join) -> None:
    """A consent (or legal basis) naming the other parties of one of the owner's agreements; then, as the
    services allow it, a community partner on the team through an accepted referral and a referral or
    handover still pending with the counterpart. One basis in twelve was withdrawn since: the partner's
    team row stays, but no longer opens the record (the policy checks the basis on every read)."""
    workers = ctx.workers
    recipients = rng.choice(ctx.sharing[owner])
    given_on = min(ctx.today, opened_at.date() + timedelta(days=rng.randint(0, 20)))
    withdrawn_at = None if complete or rng.random() >= 1 / 12 else between(rng, day_at(given_on), ctx.now)
    basis = SharingBasis(
        record=record, basis=LegalBasis.CONSENT if rng.random() < 0.75 else LegalBasis.LEGAL_OBLIGATION,
        scope=list(AGREED_SECTIONS), given_on=given_on, evidence="Signed consent form, file section 4.",
        withdrawn_at=withdrawn_at, recorded_by_id=lead, created_at=day_at(given_on))
    rows.bases.append(basis)
    rows.basis_recipients.extend(SharingBasis.recipients.through(sharingbasis=basis, organisation_id=pk)
                                 for pk in recipients)
    timeline("basis_added", day_at(given_on), lead, basis=basis.basis,
             recipients=[workers.organisations[pk][0] for pk in recipients], scope=list(AGREED_SECTIONS))
    if withdrawn_at:
        timeline("basis_withdrawn", withdrawn_at, lead, basis=basis.basis,
                 recipients=[workers.organisations[pk][0] for pk in recipients])

    def refer(to, kind, level, status, sent_at, decided_by=None, decided_at=None):
        urgency = weighted(rng, URGENCY_WEIGHTS)
        rows.referrals.append(Referral(
            record=record, kind=kind, from_organisation_id=owner, to_organisation_id=to,
            reason=rng.choice(REFERRAL_REASONS), urgency=urgency, access_level=level,
            sections=sorted(SECTIONS_BY_LEVEL[level]), status=status, created_by_id=lead, created_at=sent_at,
            decided_by_id=decided_by, decided_at=decided_at))
        timeline("referral_sent", sent_at, lead, kind=kind, organisation=workers.organisations[to][0], urgency=urgency)

    partners = [pk for pk in recipients if workers.kind(pk) in PARTNER_KINDS and workers.members.get(pk)]
    if partners and (complete or rng.random() < 0.55):
        partner = rng.choice(partners)
        person = rng.choice(workers.members[partner])
        if person not in team:
            sent_at = between(rng, day_at(given_on), ctx.now)
            accepted_at = min(ctx.now, sent_at + timedelta(days=rng.randint(1, 10)))
            refer(partner, Referral.Kind.REFERRAL, AccessLevel.PRACTICAL, Referral.Status.ACCEPTED, sent_at,
                  decided_by=person, decided_at=accepted_at)
            team.append(join(person, partner, AccessLevel.PRACTICAL, TeamRole.REFERRAL_CONTACT, accepted_at, person))
            timeline("referral_accepted", accepted_at, person, organisation=workers.organisations[partner][0])
    counterparts = [pk for pk in recipients if workers.kind(pk) in JUSTICE_KINDS]
    if counterparts and not withdrawn_at and (complete or rng.random() < 0.5):
        handover = workers.kind(owner) == OrganisationKind.PRISON and record.phase in (Phase.CUSTODY, Phase.PRE_RELEASE)
        refer(rng.choice(counterparts), Referral.Kind.HANDOVER if handover else Referral.Kind.REFERRAL,
              AccessLevel.FULL if handover else AccessLevel.CASEWORK, Referral.Status.PENDING,
              max(opened_at, ctx.now - timedelta(days=rng.randint(0, 30), minutes=rng.randrange(1440))))


def seed_transition_records(scale: Scale) -> str | None:
    """`transition_records` records over the prisons and probation services (larger ones own more), each with
    its identity (encrypted), a team of one to three, about one note and one action, five timeline entries,
    and — at owners with an agreement — consent, partner team rows and referrals. The case-manager persona
    leads `caseload_records` of them."""
    present = TransitionRecord.objects.filter(reference__startswith=RECORD_REFERENCE.format(0)[:5]).count()
    if present >= scale.transition_records:
        return None
    ctx = _RecordContext.load(scale)
    if not ctx.owners:
        raise RuntimeError("No prison or probation organisation has a case manager: seed people first.")
    totals = defaultdict(int)
    started = time.monotonic()
    for chunk_start in range(present, scale.transition_records, RECORD_CHUNK):
        chunk_end = min(chunk_start + RECORD_CHUNK, scale.transition_records)
        rng = random.Random(f"records-{chunk_start}")
        rows = _RecordRows()
        for number in range(chunk_start, chunk_end):
            _build_record(rng, number, ctx, rows)
        with transaction.atomic():
            rows.insert()
        for name in ("records", "team", "timeline", "notes", "actions", "referrals", "bases"):
            totals[name] += rows.count(name)
        if chunk_end % 20_000 < RECORD_CHUNK or chunk_end == scale.transition_records:
            rate = (chunk_end - present) / max(time.monotonic() - started, 1e-9)
            print(f"    transition records: {chunk_end:,} / {scale.transition_records:,} ({rate:,.0f}/s)", flush=True)
    return (f"{totals['records']:,} records, {totals['team']:,} team rows, {totals['timeline']:,} timeline entries, "
            f"{totals['notes']:,} notes, {totals['actions']:,} actions, {totals['referrals']:,} referrals, "
            f"{totals['bases']:,} sharing bases")


# --- what cooperation adds to the benchmark -----------------------------------------------------------------


def seed(scale: Scale) -> bool:
    # The agreements first: they are what lets a record share with a partner.
    return run_steps(scale, [seed_sharing_agreements, seed_transition_records])


def dataset_summary() -> dict[str, int]:
    return {
        "sharing_agreements": SharingAgreement.objects.count(),
        "transition_records": TransitionRecord.objects.count(),
        "record_team_rows": TeamMember.objects.count(),
        "timeline_entries": TimelineEntry.objects.count(),
        "record_notes": Note.objects.count(),
        "record_actions": Action.objects.count(),
        "referrals": Referral.objects.count(),
    }


# --- who the endpoints are called as, and the values in their paths -----------------------------------------


def case_manager() -> User:
    """A case manager of the largest prison or probation organisation, with a second factor and no
    administrator role anywhere (their dashboard is a case worker's). Seeding makes them lead `caseload_records`
    records, so their caseload paginates."""
    organisation_id = _caseload_organisation_id()
    person = (User.objects.filter(
        Exists(Membership.objects.active().filter(user=OuterRef("pk"), organisation_id=organisation_id,
                                                  roles__role=Role.CASE_MANAGER)),
        Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)),
    ).exclude(pk__in=MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id"))
        .order_by("id").first())
    if person is None:
        raise RuntimeError(f"Organisation {organisation_id} has no case manager with a second factor.")
    return person


def showcase_record_id() -> int:
    """The record whose page is measured: the first one the case manager leads with at least three people on
    its team, notes, actions and a referral, so the page shows every part it has (seeding makes record 1 so)."""
    team_size = (TeamMember.objects.current().filter(record=OuterRef("pk")).order_by().values("record")
                 .annotate(people=Count("pk")).values("people"))
    record_id = (
        TransitionRecord.objects
        .filter(Exists(TeamMember.objects.current().filter(record=OuterRef("pk"), user=case_manager(),
                                                           access_level=AccessLevel.FULL)),
                Exists(Note.objects.filter(record=OuterRef("pk"))),
                Exists(Action.objects.filter(record=OuterRef("pk"))),
                Exists(Referral.objects.filter(record=OuterRef("pk"))))
        .annotate(team_size=Subquery(team_size)).filter(team_size__gte=3).order_by("id")
        .values_list("id", flat=True).first()
    )
    if record_id is None:
        raise RuntimeError("No transition record is led by the case manager: seeding did not run to the end.")
    return record_id


# A case manager of the largest prison or probation organisation who leads 600 of the 100,000 transition
# records (300 of 2,000 with --quick).
CASE_MANAGER = "case_manager"
PERSONAS: dict[str, Callable[[], User]] = {CASE_MANAGER: case_manager}
PATH_VALUES: dict[str, Callable[[], object]] = {"showcase_record": showcase_record_id}

# A transition record the case manager leads, with a full team, notes, actions and referrals.
RECORD = "/en/cases/{showcase_record}/"
API_RECORD = "/api/v1/cases/{showcase_record}/"

ENDPOINTS = [
    page("caseload · case manager", "/en/cases/", CASE_MANAGER),
    page("caseload · page 10", "/en/cases/?page=10", CASE_MANAGER),
    page("caseload · search by reference", "/en/cases/?q=TR-B-0001", CASE_MANAGER),
    # Each view of a record is an audit event (reads of sensitive records are audited): measured with it.
    page("record · audited view", RECORD, CASE_MANAGER),
    page("record · same page, audit left out", "/bench/record-unaudited/{showcase_record}/", CASE_MANAGER),
    page("record timeline", RECORD + "timeline/", CASE_MANAGER),
    page("dashboard · case manager", "/en/dashboard/", CASE_MANAGER),
    page("referrals · case manager", "/en/referrals/", CASE_MANAGER),
    page("actions · case manager", "/en/actions/", CASE_MANAGER),
    api("API cases · case manager", "/api/v1/cases/", CASE_MANAGER),
    api("API case timeline · case manager", API_RECORD + "timeline/", CASE_MANAGER),
    api("API referrals · case manager", "/api/v1/referrals/", CASE_MANAGER),
    api("API actions · case manager", "/api/v1/actions/", CASE_MANAGER),
]
