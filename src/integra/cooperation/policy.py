"""Need to know, in one place.

A person reaches a transition record through a current team row for one of their active organisations.
For the owning organisation that is enough; for any other organisation there must also be a valid
information-sharing agreement between the owner and that organisation and an active consent or legal basis
of the person naming that organisation. The sections seen are the access level's sections, narrowed by the
agreement's data categories and the basis's scope. Emergency access ("break the glass") is the only other
way in: time-limited, with a reason, audited and reported to the owner, open only to the owner's own people
and to those of organisations with an agreement valid today with the owner or named by the owner for it
(`emergency_reach`, `EmergencyResponder`), and at the
case-work level (no identity, no intelligence) unless the person states an immediate risk to life.

Both faces of every question read one answer, `reachable_records(actor)`: what the person may see of each record
they reach, computed once per request from their own rows, so its cost follows one person's caseload, not the
size of the tables. `record_access` reads it for one record (the object checks), `records_where(actor, action)`
turns it into a queryset (the lists). The rows that live inside a record (identity, notes, documents, flags,
bases, team rows, conference decisions, timeline entries...) ask the record's policy. Views and the API fetch
through the `access_<entity>` functions at the end.
"""

import functools
import json
import operator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from integra.core import access
from integra.core.access import (
    ADD,
    CHANGE,
    DELETE,
    VIEW,
    ChildPolicy,
    Policy,
    is_platform_admin,
    organisations_of,
    organisations_where,
    register,
    roles_by_organisation,
)
from integra.core.idsets import ids_in
from integra.core.models import Membership
from integra.core.roles import Role
from integra.core.selectors import people_with_roles

from .models import (
    LEVEL_RANK,
    SECTIONS_BY_LEVEL,
    AccessLevel,
    Action,
    CaseConference,
    ConferenceParticipant,
    Decision,
    Document,
    EmergencyAccess,
    EmergencyResponder,
    Flag,
    Note,
    PersonIdentity,
    Referral,
    Section,
    SharingAgreement,
    SharingBasis,
    SubjectAccessRelease,
    TeamMember,
    TimelineEntry,
    TransitionRecord,
)

# What one may do to a record (besides VIEW and CHANGE), and to the rows around it.
EDIT_SUMMARY = "edit_summary"
EDIT_IDENTITY = "edit_identity"
MANAGE_TEAM = "manage_team"
REFER = "refer"
CONFER = "confer"
VIEW_ACCESS_LOG = "view_access_log"
EXPORT = "export"
# The subject-access export of what one's organisation wrote on a record, for its data-protection officer, whoever
# owns the record now (`subject_access_scope` says which items).
EXPORT_AUTHORED = "export_authored"
BREAK_GLASS = "break_glass"
VIEW_STATISTICS = "view_statistics"  # model-level only: the numbers of the overview page
DECIDE = "decide"
REVOKE = "revoke"
NOBODY = "nobody"  # what a child row maps an action to when no one may do it (history is never rewritten)
ADD_COLLEAGUE = "add_colleague"  # a team member brings a colleague of their own organisation (a matched mentor)


def section_action(section: str) -> str:
    """The action "read this section of the record" (`can(actor, section_action("casework"), record)`)."""
    return "section:" + section


# Who does what by role. Roles open doors to kinds of work; the record itself is reached only through a team
# row or emergency access (below).
CASE_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE, Role.MENTOR, Role.MENTORING_COORDINATOR)  # people with a caseload
RECORD_OPENER_ROLES = (Role.CASE_MANAGER,)
RECEIVER_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE, Role.MENTORING_COORDINATOR)  # decide incoming referrals
EMERGENCY_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE)
DATA_PROTECTION_ROLES = (Role.DATA_PROTECTION,)  # access log, export, rights of every record their organisation owns
STATISTICS_ROLES = (Role.CASE_MANAGER, Role.DATA_PROTECTION, Role.MENTORING_COORDINATOR)
AGREEMENT_READER_ROLES = (Role.ORG_ADMIN, Role.DATA_PROTECTION, Role.CASE_MANAGER)


@dataclass(frozen=True)
class RecordAccess:
    """What one person may see of one record, and why."""

    level: str | None = None
    sections: frozenset = frozenset()
    via: str = ""  # "team" or "emergency"
    organisation_id: int | None = None
    on_owner_team: bool = False

    @property
    def allowed(self) -> bool:
        return self.level is not None

    def sees(self, section: str) -> bool:
        return section in self.sections

    def at_least(self, level: str) -> bool:
        return self.allowed and LEVEL_RANK[self.level] >= LEVEL_RANK[level]

    @property
    def level_label(self) -> str:
        return str(AccessLevel(self.level).label) if self.level else ""

    @property
    def purpose(self) -> str:
        return "emergency access" if self.via == "emergency" else "case work (team member)"


def sharing_gaps(record: TransitionRecord, organisation_id: int) -> list[str]:
    """Why this record may not be shared with that organisation (empty list: it may)."""
    from django.utils.translation import gettext as _

    if organisation_id == record.owner_id:
        return []
    gaps = []
    if record.restricted:
        gaps.append(_("The person has asked to restrict processing: no new sharing is possible."))
    today = timezone.localdate()
    if not SharingAgreement.objects.valid_on(today).filter(parties=record.owner_id).filter(
            parties=organisation_id).exists():
        gaps.append(_("There is no valid information-sharing agreement between the two organisations."))
    if not SharingBasis.objects.active().filter(record=record, recipients=organisation_id).exists():
        gaps.append(_("There is no consent or other legal basis of this person covering that organisation."))
    return gaps


# --- what one person may see of every record they reach: computed once, asked by both faces -----------------

def reachable_records(actor) -> dict[int, RecordAccess]:
    """{record id: RecordAccess} for every record the actor reaches, through a team row or emergency access.

    Computed once per request from the actor's own rows (their team rows, the agreements of their organisations,
    the bases naming them, their emergency accesses), in a fixed number of queries whose rows follow one
    person's caseload, never the size of the tables. The object check (`record_access`) and the querysets
    (`records_where`) both read this one answer, so the two faces cannot disagree."""
    cached = actor.__dict__.get("_integra_reachable_records")
    if cached is None:
        cached = _compute_reachable(actor) if getattr(actor, "is_active", False) else {}
        actor.__dict__["_integra_reachable_records"] = cached
    return cached


def row_sections(*, level: str, narrowed, organisation_id: int, owner_id: int, owner_sections,
                 agreed: frozenset | None, based: tuple[frozenset, frozenset] | None) -> frozenset | None:
    """The sections one team row opens (None: it opens nothing). The one rule, read by the person's face
    (`reachable_records`) and by the record's face (`team_access`, the team page and the choice lists).

    The level's sections, narrowed by the row's own sections (what travelled with a referral) and then: for the
    owner, by the sections the owner holds (after a handover, what travelled); for a partner, by the sections of
    its valid agreements with the owner (`agreed`, None when there is none) and the person's active bases naming
    it (`based` = (all their sections, those of bases recorded on their own beyond the agreement), None when
    there is none)."""
    wanted = SECTIONS_BY_LEVEL[level] & (frozenset(narrowed) if narrowed else frozenset(SECTIONS_BY_LEVEL[level]))
    if organisation_id == owner_id:
        return wanted & frozenset(owner_sections if owner_sections is not None else SECTIONS_BY_LEVEL[level])
    if agreed is None or based is None:
        return None
    every_basis, beyond = based
    return wanted & ((agreed & every_basis) | beyond)


def _section_lists(rows, *positions):
    """The rows with their JSON section lists (read as text) decoded once per distinct value: a caseload of
    hundreds of rows holds a handful of different lists, and a JSON decode per row and column was most of the
    cost of working out one person's reach."""
    decoded: dict[str, list] = {}

    def decode(raw):
        if raw is None:
            return None
        if raw not in decoded:
            decoded[raw] = json.loads(raw)
        return decoded[raw]

    return [tuple(decode(value) if i in positions else value for i, value in enumerate(row)) for row in rows]


def _compute_reachable(actor) -> dict[int, RecordAccess]:
    rows = _section_lists(
        TeamMember.objects.current().filter(user_id=actor.pk, organisation_id__in=organisations_of(actor))
        .values_list("record_id", "organisation_id", "access_level", "record__owner_id",
                     Cast("sections", TextField()), Cast("record__owner_sections", TextField())),
        4, 5)
    partner_rows = [(record_id, org) for record_id, org, _level, owner, *_rest in rows if org != owner]
    agreed, consented = _agreed_sections(rows), _consented_sections(partner_rows)
    reached: dict[int, RecordAccess] = {}
    for record_id, org, level, owner, narrowed, owner_sections in rows:
        sections = row_sections(level=level, narrowed=narrowed, organisation_id=org, owner_id=owner,
                                owner_sections=owner_sections, agreed=agreed.get((org, owner)),
                                based=consented.get((record_id, org)))
        if sections is None:
            continue  # no valid agreement between the two, or no basis of the person naming the organisation
        candidate = RecordAccess(level=level, sections=sections, via="team", organisation_id=org,
                                 on_owner_team=org == owner)
        best = reached.get(record_id)
        if best is None or LEVEL_RANK[candidate.level] > LEVEL_RANK[best.level]:
            reached[record_id] = candidate
    emergencies = (EmergencyAccess.objects.filter(user_id=actor.pk, expires_at__gt=timezone.now())
                   .order_by("-expires_at").values_list("record_id", "organisation_id", "access_level",
                                                        "record__owner_sections"))
    for record_id, org, level, owner_sections in emergencies:
        if record_id in reached and reached[record_id].via == "team":
            continue  # a team row that gives access wins over emergency access
        best = reached.get(record_id)
        if best is None or LEVEL_RANK[level] > LEVEL_RANK[best.level]:  # two grants at once: the wider one counts
            # The record as its owner holds it: after a handover, what did not travel stays closed here too.
            reached[record_id] = RecordAccess(level=level, sections=SECTIONS_BY_LEVEL[level] & frozenset(
                owner_sections), via="emergency", organisation_id=org)
    return reached


def emergency_reach(actor) -> dict[int, int]:
    """{owner organisation id: the actor's organisation through which they may break the glass on its records}.

    Emergency access is part of the job of the actor's EMERGENCY_ROLES organisations, and it reaches the records
    of those organisations themselves and of every organisation that has an information-sharing agreement valid
    today with one of them: an organisation without such an agreement has no business in another's records,
    even in an emergency. Computed once per request, like `reachable_records`."""
    cached = actor.__dict__.get("_integra_emergency_reach")
    if cached is None:
        cached = _compute_emergency_reach(actor) if getattr(actor, "is_active", False) else {}
        actor.__dict__["_integra_emergency_reach"] = cached
    return cached


def emergency_access_level(*, risk_to_life: bool) -> str:
    """What breaking the glass opens: the case-work sections, or the whole record (identity and intelligence
    included) only when the person states that the risk to life is immediate."""
    return AccessLevel.FULL if risk_to_life else AccessLevel.CASEWORK


def _named_responder_reach(actor) -> dict[int, set[int]]:
    """{owner: the actor's organisations the owner named for breaking the glass, in a role the actor holds there}."""
    held = roles_by_organisation(actor)
    reach: dict[int, set[int]] = {}
    for owner, org, role in EmergencyResponder.objects.current().filter(organisation_id__in=sorted(held)).values_list(
            "owner_id", "organisation_id", "role"):
        if role in held[org]:
            reach.setdefault(owner, set()).add(org)
    return reach


def _compute_emergency_reach(actor) -> dict[int, int]:
    own = organisations_where(actor, *EMERGENCY_ROLES)
    named = _named_responder_reach(actor)
    if not own:
        return {owner: min(through) for owner, through in named.items()}
    valid = SharingAgreement.objects.valid_on(timezone.localdate()).filter(parties__in=own).values("pk")
    signed: dict[int, set[int]] = {}
    for agreement_id, party in SharingAgreement.parties.through.objects.filter(
            sharingagreement_id__in=valid).values_list("sharingagreement_id", "organisation_id"):
        signed.setdefault(agreement_id, set()).add(party)
    candidates: dict[int, set[int]] = {org: {org} for org in own}
    for parties in signed.values():
        for owner in parties:
            candidates.setdefault(owner, set()).update(parties & own)
    for owner, through in named.items():
        candidates.setdefault(owner, set()).update(through)
    # One's own organisation for its own records; otherwise the lowest of the actor's organisations in agreement
    # with the owner: a stable choice, whatever the order of the rows.
    return {owner: owner if owner in own else min(through) for owner, through in candidates.items()}


def _agreed_sections(rows) -> dict[tuple[int, int], frozenset]:
    """{(organisation, owner): the sections their valid agreements let them share} for the partner rows."""
    pairs = {(org, owner) for _record, org, _level, owner, *_rest in rows if org != owner}
    if not pairs:
        return {}
    valid = SharingAgreement.objects.valid_on(timezone.localdate()).filter(
        parties__in={org for org, _owner in pairs}).values("pk")
    parties: dict[int, set[int]] = {}
    categories: dict[int, frozenset] = {}
    for agreement_id, party, agreed in SharingAgreement.parties.through.objects.filter(
            sharingagreement_id__in=valid).values_list("sharingagreement_id", "organisation_id",
                                                       "sharingagreement__data_categories"):
        parties.setdefault(agreement_id, set()).add(party)
        categories[agreement_id] = frozenset(agreed)
    result = {}
    for org, owner in pairs:
        between = [categories[a] for a, members in parties.items() if {org, owner} <= members]
        if between:
            result[(org, owner)] = frozenset().union(*between)
    return result


def _consented_sections(partner_rows) -> dict[tuple[int, int], tuple[frozenset, frozenset]]:
    """{(record, organisation): (the sections the person's active bases cover for it, those covered by bases
    recorded on their own beyond the agreement)} for the partner rows."""
    if not partner_rows:
        return {}
    wanted = set(partner_rows)
    result: dict[tuple[int, int], tuple[frozenset, frozenset]] = {}
    for record_id, org, scope, beyond in SharingBasis.objects.active().filter(
            record_id__in={r for r, _o in wanted}, recipients__in={o for _r, o in wanted}).values_list(
            "record_id", "recipients", "scope", "beyond_agreement"):
        if (record_id, org) in wanted:
            every, alone = result.get((record_id, org), (frozenset(), frozenset()))
            result[(record_id, org)] = (every | frozenset(scope), alone | frozenset(scope) if beyond else alone)
    return result


def record_access(actor, record: TransitionRecord) -> RecordAccess:
    """The actor's access to the record (nothing, when it is not among the records they reach)."""
    return _grant(actor, record.pk)


def _grant(actor, record_id: int) -> RecordAccess:
    return reachable_records(actor).get(record_id, RecordAccess())


def forget_record_access(actor) -> None:
    """After a write that changes what the actor reaches (a new record, a team row, emergency access)."""
    actor.__dict__.pop("_integra_reachable_records", None)
    actor.__dict__.pop("_integra_emergency_reach", None)


def _grant_allows(grant: RecordAccess, action: str) -> bool:
    """What one's access to a record lets one do to it."""
    if action == VIEW:
        return grant.allowed
    if action.startswith("section:"):
        return grant.sees(action.removeprefix("section:"))
    if action in {CHANGE, EDIT_SUMMARY}:
        return grant.on_owner_team and grant.at_least(AccessLevel.CASEWORK)
    if action in {MANAGE_TEAM, REFER, VIEW_ACCESS_LOG, EXPORT}:
        return grant.on_owner_team and grant.at_least(AccessLevel.FULL)
    if action == EDIT_IDENTITY:
        return grant.on_owner_team and grant.sees(Section.IDENTITY)
    if action == CONFER:
        return grant.at_least(AccessLevel.CASEWORK)
    return False


def _answers_for(actor) -> set[int]:
    """The organisations whose records the actor answers for as their data-protection officer."""
    return organisations_where(actor, *DATA_PROTECTION_ROLES)


def _reach(actor, within: int | None = None) -> dict[int, RecordAccess]:
    """The actor's reach: over every record, or `within` one (a record's page need not name the whole caseload)."""
    reach = reachable_records(actor)
    if within is None:
        return reach
    return {within: reach[within]} if within in reach else {}


def _record_ids(actor, action: str, within: int | None = None) -> list[int]:
    return sorted(pk for pk, grant in _reach(actor, within).items() if _grant_allows(grant, action))


def _records_q(actor, action: str, field: str = "", within: int | None = None) -> Q:
    """The records on which the actor may do `action`, as a condition on the record itself (`field` empty) or on
    a row's foreign key to it (`field="record"`)."""
    key = f"{field}_id" if field else "pk"
    condition = ids_in(key, _record_ids(actor, action, within))
    if action in {VIEW_ACCESS_LOG, EXPORT}:
        answered = Q(**{f"{field}__owner_id__in" if field else "owner_id__in": _answers_for(actor)})
        condition |= answered if within is None else answered & Q(**{key: within})
    return condition


def _sections_q(actor, *, unsectioned: bool, within: int | None = None, record_field: str = "record_id") -> Q:
    """The rows of a section (notes, documents, timeline entries) the actor may read, `unsectioned` ones (seen by
    every viewer of the record) included or not. Records are grouped by the sections they show the actor, so
    each record is named once whatever the number of sections."""
    groups: dict[frozenset, list[int]] = {}
    for pk, grant in _reach(actor, within).items():
        if grant.allowed:
            groups.setdefault(grant.sections | ({""} if unsectioned else set()), []).append(pk)
    return functools.reduce(operator.or_, [ids_in(record_field, ids) & Q(section__in=sorted(sections))
                                           for sections, ids in groups.items()], Q(pk__in=[]))


def records_where(actor, action: str):
    """The records on which the actor may do `action`: the queryset face of `TransitionRecordPolicy.can`."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return TransitionRecord.objects.none()
    if action == BREAK_GLASS:
        owners = emergency_reach(actor)
        if not owners:
            return TransitionRecord.objects.none()
        return (TransitionRecord.objects.filter(owner_id__in=sorted(owners))
                .exclude(ids_in("pk", _record_ids(actor, VIEW))))
    if action == EXPORT_AUTHORED:
        return TransitionRecord.objects.filter(_records_q(actor, EXPORT)
                                               | Q(pk__in=authored_records(actor).values("pk")))
    return TransitionRecord.objects.filter(_records_q(actor, action))


# --- the policies -------------------------------------------------------------------------------------------


@register(TransitionRecord)
class TransitionRecordPolicy(Policy):
    def visible(self, actor):
        return records_where(actor, VIEW)

    def can(self, actor, action, obj):
        grant = record_access(actor, obj)
        if action == BREAK_GLASS:
            return not grant.allowed and obj.owner_id in emergency_reach(actor)
        if action in {VIEW_ACCESS_LOG, EXPORT} and obj.owner_id in _answers_for(actor):
            return True
        if action == EXPORT_AUTHORED:
            return self.can(actor, EXPORT, obj) or bool(_authored_by(_answers_for(actor), record_ids=[obj.pk]))
        if action == ADD_COLLEAGUE:  # those who accept referrals for their organisation bring a colleague in
            return grant.via == "team" and grant.organisation_id in organisations_where(actor, *RECEIVER_ROLES)
        return _grant_allows(grant, action)

    def can_create(self, actor, *, organisation=None, **context):
        openers = self.organisations_for(actor, ADD)
        return bool(openers) if organisation is None else organisation.pk in openers

    def organisations_for(self, actor, action):
        """The organisations through which the actor does `action` to records: VIEW, where they work on cases
        (their caseload); ADD, where they open records; BREAK_GLASS, where emergency access is part of their
        job (each of them reaches its own records and those of the organisations it has a valid agreement with,
        `emergency_reach`); EXPORT and VIEW_ACCESS_LOG, whose records they answer for as data-protection officer."""
        roles = {VIEW: CASE_ROLES, ADD: RECORD_OPENER_ROLES, BREAK_GLASS: EMERGENCY_ROLES,
                 EXPORT: DATA_PROTECTION_ROLES, VIEW_ACCESS_LOG: DATA_PROTECTION_ROLES,
                 EXPORT_AUTHORED: DATA_PROTECTION_ROLES,
                 VIEW_STATISTICS: STATISTICS_ROLES}.get(action)
        return organisations_where(actor, *roles) if roles else set()


def data_protection_records(actor):
    """Records owned by the organisations where the actor is the data-protection officer: reference and
    phase only, to reach each record's access log and subject-access export."""
    return TransitionRecord.objects.filter(owner_id__in=TransitionRecordPolicy().organisations_for(actor, EXPORT))


@register(Referral)
class ReferralPolicy(Policy):
    """Senders see the referrals of records they see; receivers see referrals addressed to their organisation
    (reference, reason, urgency — the record itself only once they accept)."""

    def visible(self, actor, within=None):
        referrals = Referral.objects.filter(_records_q(actor, VIEW, "record", within)
                                            | Q(to_organisation_id__in=self.organisations_for(actor, DECIDE)))
        return referrals if within is None else referrals.filter(record_id=within)

    def can(self, actor, action, obj):
        receiving = obj.to_organisation_id in self.organisations_for(actor, DECIDE)
        if action == VIEW:
            return receiving or _grant(actor, obj.record_id).allowed
        if action == DECIDE:
            return receiving and obj.status == Referral.Status.PENDING
        if action == REVOKE:
            return obj.status == Referral.Status.PENDING and _grant_allows(_grant(actor, obj.record_id), REFER)
        return False

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, REFER, record)

    def organisations_for(self, actor, action):
        """The organisations whose incoming referrals the actor reads and decides; for ADD, those through
        which the actor reaches records at all (the record itself then decides, REFER)."""
        if action == ADD:
            return TransitionRecordPolicy().organisations_for(actor, VIEW)
        return organisations_where(actor, *RECEIVER_ROLES) if action in {VIEW, DECIDE} else set()


def referral_deciders(organisation_id: int) -> list:
    """The people to tell about a referral to this organisation: those who may decide it."""
    return people_with_roles(organisation_id=organisation_id, roles=RECEIVER_ROLES)


@register(CaseConference)
class CaseConferencePolicy(Policy):
    """Case-work access to the record (or emergency access) opens its conferences; an invitation opens one
    conference to a team member with less."""

    def visible(self, actor, within=None):
        invited = ConferenceParticipant.objects.filter(conference_id=OuterRef("pk"), user_id=actor.pk)
        return CaseConference.objects.filter(_records_q(actor, CONFER, "record", within)
                                             | (_records_q(actor, VIEW, "record", within) & Exists(invited)))

    def can(self, actor, action, obj):
        grant = _grant(actor, obj.record_id)
        if action == VIEW:
            return grant.at_least(AccessLevel.CASEWORK) or (
                grant.allowed and obj.participants.filter(user=actor).exists())
        if action == CHANGE:  # minuting shows and writes the case-work minutes: only for those who read them
            return grant.at_least(AccessLevel.CASEWORK) and grant.sees(Section.CASEWORK)
        return False

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, CONFER, record)


@register(Action)
class ActionPolicy(Policy):
    """An action is seen and updated by its owner and by those with case-work access to the record."""

    def visible(self, actor, within=None):
        return Action.objects.filter(_records_q(actor, CONFER, "record", within)
                                     | (Q(owner_id=actor.pk) & _records_q(actor, VIEW, "record", within)))

    def can(self, actor, action, obj):
        if action not in {VIEW, CHANGE}:
            return False
        grant = _grant(actor, obj.record_id)
        return grant.allowed and (obj.owner_id == actor.pk or grant.at_least(AccessLevel.CASEWORK))

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, CONFER, record)

    def organisations_for(self, actor, action):
        # ADD: where the actor reaches records at all; the record then decides (CONFER).
        return TransitionRecordPolicy().organisations_for(actor, VIEW) if action in {VIEW, ADD} else set()


@register(SharingAgreement)
class SharingAgreementPolicy(Policy):
    """Parties' people see their agreements; organisation administrators of a party manage them."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return SharingAgreement.objects.all()
        return SharingAgreement.objects.filter(
            Exists(SharingAgreement.parties.through.objects.filter(sharingagreement_id=OuterRef("pk"),
                                                                   organisation_id__in=organisations_of(actor))))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        party_ids = set(obj.parties.values_list("pk", flat=True))
        if action == VIEW:
            return bool(party_ids & organisations_of(actor))
        if action == CHANGE:
            return bool(party_ids & organisations_where(actor, Role.ORG_ADMIN))
        return False

    def can_create(self, actor, **context):
        organisations = self.organisations_for(actor, ADD)
        return organisations is None or bool(organisations)

    def organisations_for(self, actor, action):
        """VIEW: the organisations whose agreements the actor reads; ADD and CHANGE: those for which they sign
        (one of them must be a party). None: every organisation (the platform administrator)."""
        if is_platform_admin(actor):
            return None
        if action == VIEW:
            return organisations_of(actor)
        if action in {ADD, CHANGE}:
            return organisations_where(actor, Role.ORG_ADMIN)
        return set()


EMERGENCY_NAMEABLE_ROLES = EMERGENCY_ROLES  # the roles whose work includes acting in an emergency


@register(EmergencyResponder)
class EmergencyResponderPolicy(Policy):
    """The owner's people see whom their organisation named, the named organisation's people that they were named;
    the owner's organisation administrators name and end."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return EmergencyResponder.objects.all()
        mine = sorted(organisations_of(actor))
        return EmergencyResponder.objects.filter(Q(owner_id__in=mine) | Q(organisation_id__in=mine))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        if action == VIEW:
            return bool({obj.owner_id, obj.organisation_id} & organisations_of(actor))
        if action == CHANGE:
            return obj.owner_id in organisations_where(actor, Role.ORG_ADMIN)
        return False

    def can_create(self, actor, *, owner=None, **context):
        organisations = self.organisations_for(actor, ADD)
        if owner is None:
            return organisations is None or bool(organisations)
        return organisations is None or owner.pk in organisations

    def organisations_for(self, actor, action):
        """ADD and CHANGE: the owners for which the actor names responders. None: every organisation."""
        if is_platform_admin(actor):
            return None
        if action in {ADD, CHANGE}:
            return organisations_where(actor, Role.ORG_ADMIN)
        if action == VIEW:
            return organisations_of(actor)
        return set()


def works_with_agreements(actor) -> bool:
    """Whether to offer the agreements pages in the menu: to those who sign or rely on them."""
    return bool(organisations_where(actor, *AGREEMENT_READER_ROLES))


# --- rows inside a record or a conference: the parent decides ------------------------------------------------


class _InRecord(ChildPolicy):
    """A row of one record. Its VIEW may mean more than viewing the record (the identity needs its section), so
    the rows seen are those of the records where the mapped action holds."""

    parent = "record"
    parent_model = TransitionRecord

    def visible(self, actor, within=None):
        return self.model._default_manager.filter(_records_q(actor, self._parent_action(VIEW), "record", within))


@register(PersonIdentity)
class PersonIdentityPolicy(_InRecord):
    actions = {VIEW: section_action(Section.IDENTITY), CHANGE: EDIT_IDENTITY}


@register(SharingBasis)
class SharingBasisPolicy(_InRecord):
    """The team sees on which basis the record is shared (the timeline says so); full access on the owner's
    team records and withdraws a basis."""

    actions = {ADD: MANAGE_TEAM, CHANGE: MANAGE_TEAM}


@register(TeamMember)
class TeamMemberPolicy(_InRecord):
    actions = {ADD: MANAGE_TEAM, CHANGE: MANAGE_TEAM, DELETE: MANAGE_TEAM}


@register(Flag)
class FlagPolicy(_InRecord):
    actions = {ADD: EDIT_SUMMARY, CHANGE: EDIT_SUMMARY, DELETE: EDIT_SUMMARY}


@register(EmergencyAccess)
class EmergencyAccessPolicy(_InRecord):
    """The team sees that someone broke the glass (the timeline tells them); breaking it is BREAK_GLASS."""

    actions = {ADD: BREAK_GLASS, CHANGE: NOBODY, DELETE: NOBODY}


class _InSection(_InRecord):
    """A note or document of one section: whoever may read the section reads it; nothing changes it."""

    def can(self, actor, action, obj):
        return action == VIEW and _grant(actor, obj.record_id).sees(obj.section)

    def visible(self, actor, within=None):
        return self.model._default_manager.filter(_sections_q(actor, unsectioned=False, within=within))

    def can_create(self, actor, *, record=None, section="", **context):
        return (record is not None and section in Section.values
                and TransitionRecordPolicy().can(actor, section_action(section), record))


@register(Note)
class NotePolicy(_InSection):
    pass


@register(Document)
class DocumentPolicy(_InSection):
    pass


class _InConference(ChildPolicy):
    parent = "conference"
    parent_model = CaseConference
    actions = {ADD: CHANGE, DELETE: NOBODY}

    def visible(self, actor, within=None):
        return self.model._default_manager.filter(conference__in=CaseConferencePolicy().visible(actor, within))


@register(ConferenceParticipant)
class ConferenceParticipantPolicy(_InConference):
    pass


@register(Decision)
class DecisionPolicy(_InConference):
    """A decision belongs to a section of the record: those who see the conference and that section see it (an
    invited practical-support mentor, the practical decisions; never the case-work ones)."""

    actions = {ADD: CHANGE, CHANGE: NOBODY, DELETE: NOBODY}  # decisions are minuted, never rewritten

    def can(self, actor, action, obj):
        if not super().can(actor, action, obj):
            return False
        return action != VIEW or _grant(actor, obj.conference.record_id).sees(obj.section)

    def visible(self, actor, within=None):
        return super().visible(actor, within).filter(
            _sections_q(actor, unsectioned=False, within=within, record_field="conference__record_id"))


@register(TimelineEntry)
class TimelineEntryPolicy(Policy):
    """An entry is seen by those who see its section of the record (every viewer of the record when it has
    none) and, when it is about an action, may also see that action. Entries about other rows need no more:
    referrals, team rows, bases and flags are seen by every viewer of the record, and conferences by everyone
    who sees the case-work section their entries belong to."""

    def can(self, actor, action, obj):
        if action != VIEW:
            return False  # history is written by the services only
        if not _grant_allows(_grant(actor, obj.record_id), section_action(obj.section) if obj.section else VIEW):
            return False
        return obj.action_id is None or ActionPolicy().can(actor, VIEW, obj.action)

    def visible(self, actor, within=None):
        about = Q(action__isnull=True) | Q(action__in=ActionPolicy().visible(actor, within))
        return TimelineEntry.objects.filter(_sections_q(actor, unsectioned=True, within=within) & about)


def emergency_access_watchers(record: TransitionRecord) -> list:
    """Who is alerted when someone breaks the glass on this record: the owner's full-access team and its
    data-protection officers."""
    owners = [m.user for m in TeamMember.objects.current().select_related("user").filter(
        record=record, organisation_id=record.owner_id, access_level=AccessLevel.FULL)]
    officers = people_with_roles(organisation_id=record.owner_id, roles=DATA_PROTECTION_ROLES)
    return list({person.pk: person for person in owners + officers}.values())


# --- the record's face: what every member of its team actually has, and what a transfer carries ------------


@dataclass(frozen=True)
class MemberAccess:
    """What one team row actually opens today (the same rule as `reachable_records`), and why, in words."""

    member: TeamMember
    access: RecordAccess
    reasons: tuple = ()

    @property
    def allowed(self) -> bool:
        return self.access.allowed

    @property
    def section_labels(self) -> list[str]:
        return [str(label) for code, label in Section.choices if code in self.access.sections]


def _sharing_today(record: TransitionRecord) -> tuple[dict[int, frozenset], dict[int, tuple[frozenset, frozenset]]]:
    """({organisation: sections of its valid agreements with the record's owner},
    {organisation: (sections of the person's active bases naming it, of those recorded beyond the agreement)}),
    in three queries whatever the size of the team."""
    valid = SharingAgreement.objects.valid_on(timezone.localdate()).filter(parties=record.owner_id)
    categories = dict(valid.values_list("pk", "data_categories"))
    agreed: dict[int, frozenset] = {}
    for agreement_id, party in SharingAgreement.parties.through.objects.filter(
            sharingagreement_id__in=list(categories)).values_list("sharingagreement_id", "organisation_id"):
        agreed[party] = agreed.get(party, frozenset()) | frozenset(categories[agreement_id])
    based: dict[int, tuple[frozenset, frozenset]] = {}
    for org, scope, beyond in SharingBasis.objects.active().filter(record=record, recipients__isnull=False) \
            .values_list("recipients", "scope", "beyond_agreement"):
        every, alone = based.get(org, (frozenset(), frozenset()))
        based[org] = (every | frozenset(scope), alone | frozenset(scope) if beyond else alone)
    return agreed, based


def _why_not(*, organisation_id, owner_id, agreed, based) -> list[str]:
    from django.utils.translation import gettext as _

    if organisation_id == owner_id:
        return []
    reasons = []
    if agreed is None:
        reasons.append(_("There is no valid information-sharing agreement between their organisation and the "
                         "owner."))
    if based is None:
        reasons.append(_("No consent or other legal basis of the person names their organisation."))
    return reasons


def team_access(record: TransitionRecord, members=None) -> list[MemberAccess]:
    """The record's current team, each row with the access it actually opens today and why: the team page
    shows it, and the choice lists (action owners, conference invitees) offer only those it lets in. A fixed
    number of queries, whatever the size of the team; the same rule as each person's own `reachable_records`."""
    from django.utils.translation import gettext as _

    if members is None:
        members = list(TeamMember.objects.current().filter(record=record).select_related("user", "organisation")
                       .order_by("added_at", "id"))
    agreed, based = _sharing_today(record)
    active = set(Membership.objects.active().filter(user_id__in={m.user_id for m in members})
                 .values_list("user_id", "organisation_id"))
    result = []
    for member in members:
        org = member.organisation_id
        if (member.user_id, org) not in active:
            left = _("They are no longer an active member of %(organisation)s.") % {"organisation": member.organisation}
            result.append(MemberAccess(member, RecordAccess(), (left,)))
            continue
        sections = row_sections(level=member.access_level, narrowed=member.sections, organisation_id=org,
                                owner_id=record.owner_id, owner_sections=record.owner_sections,
                                agreed=agreed.get(org), based=based.get(org))
        if sections is None:
            result.append(MemberAccess(member, RecordAccess(), tuple(_why_not(
                organisation_id=org, owner_id=record.owner_id, agreed=agreed.get(org), based=based.get(org)))))
            continue
        grant = RecordAccess(level=member.access_level, sections=sections, via="team", organisation_id=org,
                             on_owner_team=org == record.owner_id)
        result.append(MemberAccess(member, grant, tuple(_narrowing_reasons(member, record, sections))))
    return result


def _narrowing_reasons(member, record, sections) -> list[str]:
    """Why a member sees fewer sections than their access level names (empty: they see all of it)."""
    from django.utils.translation import gettext as _

    missing = SECTIONS_BY_LEVEL[member.access_level] - sections
    if not missing:
        return []
    labels = ", ".join(str(label) for code, label in Section.choices if code in missing)
    if member.organisation_id == record.owner_id:
        return [_("Not held by the owner since the handover: %(sections)s.") % {"sections": labels}]
    return [_("Not covered by the agreement, the person's consent or legal basis, or what travelled with the "
              "referral: %(sections)s.") % {"sections": labels}]


def record_openers(record: TransitionRecord) -> set[int]:
    """The people on the team who can open the record today (who may own an action or be invited)."""
    return {m.member.user_id for m in team_access(record) if m.allowed}


@dataclass(frozen=True)
class TransferPlan:
    """What a referral or handover carries: the selected sections that travel, and those that do not, each with
    its reasons."""

    travelling: tuple = ()
    held_back: tuple = ()  # ((section, [reasons]), ...)

    @property
    def held_back_sections(self) -> list[str]:
        return [section for section, _reasons in self.held_back]


def transfer_plan(record: TransitionRecord, organisation_id: int, sections) -> TransferPlan:
    """Which of the selected `sections` may travel to the organisation: those its valid agreements with the owner
    and the person's consent or legal basis both cover, or that a legal basis recorded on its own (beyond the
    agreement) covers. The others stay with the owner."""
    from django.utils.translation import gettext as _

    agreed, based = _sharing_today(record)
    agreement, (every_basis, beyond) = agreed.get(organisation_id, frozenset()), based.get(
        organisation_id, (frozenset(), frozenset()))
    travelling, held_back = [], []
    for section in sections:
        if section in beyond or (section in agreement and section in every_basis):
            travelling.append(section)
            continue
        reasons = []
        if section not in agreement:
            reasons.append(_("the information-sharing agreement does not cover it"))
        if section not in every_basis:
            reasons.append(_("the person's consent or legal basis for that organisation does not cover it"))
        held_back.append((section, reasons))
    return TransferPlan(tuple(travelling), tuple(held_back))


def section_refusal(actor, record: TransitionRecord, section: str) -> str:
    """Why the actor, who can open the record, cannot read this section of it: said in words on the page."""
    from django.utils.translation import gettext as _

    grant = record_access(actor, record)
    if not SECTIONS_BY_LEVEL[grant.level] >= {section}:
        return _("Your access on this record (%(level)s) does not include this section.") % {
            "level": grant.level_label}
    if grant.on_owner_team:
        return _("This section did not travel to your organisation when the record was handed over.")
    return _("This section is not shared with your organisation: the information-sharing agreement, the person's "
             "consent or legal basis, or the referral does not cover it.")


# --- subject access: which items a data-protection officer answers for ---------------------------------------


@dataclass(frozen=True)
class SubjectAccessScope:
    """What one data-protection officer's subject-access export holds of one record: everything the owner holds
    (`whole`), or only the items written by their organisations (`organisation_ids`), e.g. after a handover."""

    whole: bool
    organisation_ids: frozenset = frozenset()
    held_sections: frozenset = frozenset()

    def items_q(self) -> Q:
        """Notes and documents in the export: the owner's sections and what these organisations wrote."""
        written = Q(organisation_id__in=sorted(self.organisation_ids))
        return (Q(section__in=sorted(self.held_sections)) | written) if self.whole else written


def subject_access_scope(actor, record: TransitionRecord) -> SubjectAccessScope | None:
    """The export the actor may make of the record, or None. The owner's data-protection officer (and its
    full-access case workers) export what the owner holds; the data-protection officer of an organisation that
    wrote on the record exports what that organisation wrote, and nothing else of it."""
    policy = TransitionRecordPolicy()
    if policy.can(actor, EXPORT, record):
        return SubjectAccessScope(True, frozenset(_answers_for(actor) | {record.owner_id}),
                                  frozenset(record.owner_sections))
    authored = _authored_by(_answers_for(actor), record_ids=[record.pk]).get(record.pk, set())
    return SubjectAccessScope(False, frozenset(authored)) if authored else None


def _writers() -> list[tuple]:
    """What an organisation writes on a record: its notes and documents, and the rows of the subject-access sections
    the apps above register with their writer (an assessment, a mentoring programme's mentee)."""
    from .subject_access_sections import writers

    return [(Note, "record", "organisation"), (Document, "record", "organisation"), *writers()]


def _authored_by(organisations, record_ids=None) -> dict[int, set[int]]:
    """{record: the given organisations that wrote on it}."""
    if not organisations:
        return {}
    result: dict[int, set[int]] = {}
    for model, record_path, organisation_path in _writers():
        rows = model.objects.filter(**{f"{organisation_path}__in": sorted(organisations)})
        if record_ids is not None:
            rows = rows.filter(**{f"{record_path}__in": record_ids})
        for record_id, org in rows.values_list(record_path, organisation_path).distinct():
            if record_id is not None:
                result.setdefault(record_id, set()).add(org)
    return result


def authored_records(actor):
    """Records not owned by the actor's organisations on which one of them wrote, for their data-protection
    officer: the export of what they wrote (reference and phase only)."""
    answers = _answers_for(actor)
    if not answers:
        return TransitionRecord.objects.none()
    wrote = Q()
    for model, record_path, organisation_path in _writers():
        wrote |= Q(Exists(model.objects.filter(**{record_path: OuterRef("pk"),
                                                  f"{organisation_path}__in": sorted(answers)})))
    return TransitionRecord.objects.filter(wrote).exclude(owner_id__in=sorted(answers))


# --- the rows of one record --------------------------------------------------------------------------------

_PATH_TO_RECORD = {ConferenceParticipant: "conference__record", Decision: "conference__record"}


def visible_in(actor, model, record: TransitionRecord):
    """`access.visible(actor, model)` narrowed to the rows of one record, and built for that record alone: the
    same rule, without naming every record of the actor's caseload (a record's page asks this)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return model._default_manager.none()
    rows = access.policy_for(model).visible(actor, within=record.pk)
    return rows.filter(**{_PATH_TO_RECORD.get(model, "record"): record})


# --- fetch and check: the one way views and the API reach a row (404 when missing or forbidden) -------------


def access_record(actor, pk, action: str = VIEW) -> TransitionRecord:
    return access.access(actor, TransitionRecord, pk, action,
                         queryset=records_where(actor, action).select_related("owner"))


def access_referral(actor, pk, action: str = VIEW) -> Referral:
    return access.access(actor, Referral, pk, action, queryset=access.visible(actor, Referral).select_related(
        "record", "from_organisation", "to_organisation", "created_by"))


def access_conference(actor, pk, action: str = VIEW) -> CaseConference:
    return access.access(actor, CaseConference, pk, action,
                         queryset=access.visible(actor, CaseConference).select_related("record", "record__owner"))


def access_action(actor, pk, action: str = VIEW) -> Action:
    return access.access(actor, Action, pk, action, queryset=access.visible(actor, Action).select_related("record"))


def access_agreement(actor, pk, action: str = VIEW) -> SharingAgreement:
    return access.access(actor, SharingAgreement, pk, action)


def access_emergency_responder(actor, pk, action: str = VIEW) -> EmergencyResponder:
    return access.access(actor, EmergencyResponder, pk, action)


def access_document(actor, pk, action: str = VIEW) -> Document:
    return access.access(actor, Document, pk, action, queryset=access.visible(actor, Document).select_related("record"))


def _in_record(actor, model, pk, action, record, queryset=None):
    queryset = access.visible(actor, model) if queryset is None else queryset
    if record is not None:
        queryset = queryset.filter(record=record)
    return access.access(actor, model, pk, action, queryset=queryset.select_related("record"))


def access_flag(actor, pk, action: str = VIEW, *, record: TransitionRecord | None = None) -> Flag:
    """A current flag (of `record`, when given: the URL names both)."""
    return _in_record(actor, Flag, pk, action, record, access.visible(actor, Flag).filter(removed_at__isnull=True))


def access_team_member(actor, pk, action: str = VIEW, *, record: TransitionRecord | None = None) -> TeamMember:
    """A current team row (of `record`, when given)."""
    return _in_record(actor, TeamMember, pk, action, record,
                      access.visible(actor, TeamMember).current().select_related("user", "organisation"))


def access_basis(actor, pk, action: str = VIEW, *, record: TransitionRecord | None = None) -> SharingBasis:
    return _in_record(actor, SharingBasis, pk, action, record)


# --- subject-access releases -----------------------------------------------------------------------------------


@register(SubjectAccessRelease)
class SubjectAccessReleasePolicy(Policy):
    """A release is seen by whoever may export the whole record (the owner's data-protection officer), and by the
    data-protection officer of an organisation that wrote on it for the releases they made themselves."""

    def visible(self, actor, within=None):
        whole, authored = records_where(actor, EXPORT), records_where(actor, EXPORT_AUTHORED)
        if within is not None:
            whole, authored = whole.filter(pk=within), authored.filter(pk=within)
        return SubjectAccessRelease.objects.filter(
            Q(record__in=whole.values("pk")) | Q(record__in=authored.values("pk"), released_by_id=actor.pk))

    def can(self, actor, action, obj):
        if action not in {VIEW, ADD}:
            return False
        return access.can(actor, EXPORT, obj.record) or (
            obj.released_by_id == actor.pk and access.can(actor, EXPORT_AUTHORED, obj.record))

    def can_create(self, actor, *, record=None, **context):
        return record is not None and access.can(actor, EXPORT_AUTHORED, record)

    def organisations_for(self, actor, action):
        return access.organisations_for(actor, TransitionRecord, EXPORT_AUTHORED) if action in {VIEW, ADD} else set()
