"""Need to know, in one place.

A person reaches a transition record through a current team row for one of their active organisations.
For the owning organisation that is enough; for any other organisation there must also be a valid
information-sharing agreement between the owner and that organisation and an active consent or legal basis
of the person naming that organisation. The sections seen are the access level's sections, narrowed by the
agreement's data categories and the basis's scope. Emergency access ("break the glass") is the only other
way in: time-limited, with a reason, audited and reported to the owner.

Each question has its two faces here, side by side: `record_access` answers for one record (computed once per
request), `records_where(actor, action)` gives the same answer as a queryset, built from the actor's own team
rows so that its cost follows one person's caseload, not the size of the table. The rows that live inside a
record (identity, notes, documents, flags, bases, team rows, conference decisions...) ask the record's policy.
Views and the API fetch through the `access_<entity>` functions at the end.
"""

import functools
import operator
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
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
)
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
    Flag,
    Note,
    PersonIdentity,
    Referral,
    Section,
    SharingAgreement,
    SharingBasis,
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
BREAK_GLASS = "break_glass"
VIEW_STATISTICS = "view_statistics"  # model-level only: the numbers of the overview page
DECIDE = "decide"
REVOKE = "revoke"
NOBODY = "nobody"  # what a child row maps an action to when no one may do it (history is never rewritten)


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


def shared_sections(record: TransitionRecord, organisation_id: int, wanted) -> frozenset | None:
    """The sections an organisation may receive of this record, or None when sharing is not allowed at all."""
    if organisation_id == record.owner_id:
        return frozenset(wanted)
    today = timezone.localdate()
    agreements = list(SharingAgreement.objects.valid_on(today).filter(parties=record.owner_id)
                      .filter(parties=organisation_id).values_list("data_categories", flat=True))
    bases = list(SharingBasis.objects.active().filter(record=record, recipients=organisation_id)
                 .values_list("scope", flat=True))
    if not agreements or not bases:
        return None
    agreed = frozenset().union(*map(frozenset, agreements))
    consented = frozenset().union(*map(frozenset, bases))
    return frozenset(wanted) & agreed & consented


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


def record_access(actor, record: TransitionRecord) -> RecordAccess:
    """The actor's access to the record; computed once per request and record."""
    cache = actor.__dict__.setdefault("_integra_record_access", {})
    if record.pk in cache:
        return cache[record.pk]
    best = RecordAccess()
    orgs = organisations_of(actor) if actor.is_active else set()
    rows = TeamMember.objects.current().filter(record=record, user=actor, organisation_id__in=orgs)
    for row in rows:
        sections = shared_sections(record, row.organisation_id, SECTIONS_BY_LEVEL[row.access_level])
        if sections is None:
            continue
        candidate = RecordAccess(level=row.access_level, sections=sections, via="team",
                                 organisation_id=row.organisation_id,
                                 on_owner_team=row.organisation_id == record.owner_id)
        if not best.allowed or LEVEL_RANK[candidate.level] > LEVEL_RANK[best.level]:
            best = candidate
    if not best.allowed and actor.is_active:
        emergency = (EmergencyAccess.objects.filter(record=record, user=actor, expires_at__gt=timezone.now())
                     .order_by("-expires_at").first())
        if emergency is not None:
            best = RecordAccess(level=AccessLevel.FULL, sections=SECTIONS_BY_LEVEL[AccessLevel.FULL],
                                via="emergency", organisation_id=emergency.organisation_id)
    cache[record.pk] = best
    return best


def forget_record_access(actor) -> None:
    actor.__dict__.pop("_integra_record_access", None)


# --- the same rules as querysets ---------------------------------------------------------------------------


def _levels_from(level: str) -> list[str]:
    return [name for name, rank in LEVEL_RANK.items() if rank >= LEVEL_RANK[level]]


def _levels_with(section: str) -> list[str]:
    return [name for name, sections in SECTIONS_BY_LEVEL.items() if section in sections]


def _lists(field: str, section: str) -> Q:
    # Sections are stored as a JSON list of fixed codes. JSON containment is PostgreSQL-only; the quoted code in
    # the list's text means the same on SQLite and PostgreSQL.
    return Q(**{f"{field}__icontains": f'"{section}"'})


def _team_rows(actor):
    """The actor's current team rows through their active organisations (indexed by user)."""
    return TeamMember.objects.current().filter(user_id=actor.pk, organisation_id__in=organisations_of(actor))


def _shared(section: str | None = None) -> Q:
    """The team row's organisation may receive the record (its owner, or an agreement and a basis naming it)
    and, given a section, that section (listed by the agreement and by the basis)."""
    agreement = (SharingAgreement.objects.valid_on(timezone.localdate()).filter(parties=OuterRef("organisation_id"))
                 .filter(parties=OuterRef("record__owner_id")))
    basis = SharingBasis.objects.active().filter(record_id=OuterRef("record_id"),
                                                 recipients=OuterRef("organisation_id"))
    if section:
        agreement = agreement.filter(_lists("data_categories", section))
        basis = basis.filter(_lists("scope", section))
    return Q(organisation_id=F("record__owner_id")) | (Exists(agreement) & Exists(basis))


def _emergency(actor, *, only_without_team: bool = False):
    current = EmergencyAccess.objects.filter(user_id=actor.pk, expires_at__gt=timezone.now())
    if only_without_team:  # as record_access: a team row that gives access wins over emergency access
        current = current.exclude(record_id__in=_team_rows(actor).filter(_shared()).values("record_id"))
    return current.values("record_id")


def records_where(actor, action: str):
    """The records on which the actor may do `action`: the queryset face of `TransitionRecordPolicy.can`."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return TransitionRecord.objects.none()
    team = _team_rows(actor).filter(_shared())
    owner_team = _team_rows(actor).filter(organisation_id=F("record__owner_id"))

    def through(rows, **filters):
        return Q(pk__in=rows.filter(**filters).values("record_id"))

    if action == VIEW:
        condition = through(team) | Q(pk__in=_emergency(actor))
    elif action.startswith("section:"):
        section = action.removeprefix("section:")
        condition = (through(_team_rows(actor).filter(_shared(section)), access_level__in=_levels_with(section))
                     | Q(pk__in=_emergency(actor, only_without_team=True)))
    elif action in {CHANGE, EDIT_SUMMARY}:
        condition = through(owner_team, access_level__in=_levels_from(AccessLevel.CASEWORK))
    elif action in {MANAGE_TEAM, REFER}:
        condition = through(owner_team, access_level=AccessLevel.FULL)
    elif action == EDIT_IDENTITY:
        condition = through(owner_team, access_level__in=_levels_with(Section.IDENTITY))
    elif action == CONFER:
        condition = (through(team, access_level__in=_levels_from(AccessLevel.CASEWORK))
                     | Q(pk__in=_emergency(actor, only_without_team=True)))
    elif action in {VIEW_ACCESS_LOG, EXPORT}:
        condition = through(owner_team, access_level=AccessLevel.FULL) | Q(
            owner_id__in=organisations_where(actor, *DATA_PROTECTION_ROLES))
    elif action == BREAK_GLASS:
        if not organisations_where(actor, *EMERGENCY_ROLES):
            return TransitionRecord.objects.none()
        return TransitionRecord.objects.exclude(pk__in=records_where(actor, VIEW).values("pk"))
    else:
        return TransitionRecord.objects.none()
    return TransitionRecord.objects.filter(condition)


# --- the policies -------------------------------------------------------------------------------------------


@register(TransitionRecord)
class TransitionRecordPolicy(Policy):
    def visible(self, actor):
        return records_where(actor, VIEW)

    def can(self, actor, action, obj):
        grant = record_access(actor, obj)
        if action == VIEW:
            return grant.allowed
        if action.startswith("section:"):
            return grant.sees(action.removeprefix("section:"))
        if action in {CHANGE, EDIT_SUMMARY}:
            return grant.on_owner_team and grant.at_least(AccessLevel.CASEWORK)
        if action in {MANAGE_TEAM, REFER}:
            return grant.on_owner_team and grant.at_least(AccessLevel.FULL)
        if action == EDIT_IDENTITY:
            return grant.on_owner_team and grant.sees(Section.IDENTITY)
        if action == CONFER:
            return grant.at_least(AccessLevel.CASEWORK)
        if action in {VIEW_ACCESS_LOG, EXPORT}:
            return (grant.on_owner_team and grant.at_least(AccessLevel.FULL)) or obj.owner_id in organisations_where(
                actor, *DATA_PROTECTION_ROLES)
        if action == BREAK_GLASS:
            return not grant.allowed and bool(organisations_where(actor, *EMERGENCY_ROLES))
        return False

    def can_create(self, actor, *, organisation=None, **context):
        openers = self.organisations_for(actor, ADD)
        return bool(openers) if organisation is None else organisation.pk in openers

    def organisations_for(self, actor, action):
        """The organisations through which the actor does `action` to records: VIEW, where they work on cases
        (their caseload); ADD, where they open records; BREAK_GLASS, where emergency access is part of their
        job; EXPORT and VIEW_ACCESS_LOG, whose records they answer for as data-protection officer."""
        roles = {VIEW: CASE_ROLES, ADD: RECORD_OPENER_ROLES, BREAK_GLASS: EMERGENCY_ROLES,
                 EXPORT: DATA_PROTECTION_ROLES, VIEW_ACCESS_LOG: DATA_PROTECTION_ROLES,
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

    def visible(self, actor):
        return Referral.objects.filter(Q(record__in=records_where(actor, VIEW))
                                       | Q(to_organisation_id__in=self.organisations_for(actor, DECIDE)))

    def can(self, actor, action, obj):
        receiving = obj.to_organisation_id in self.organisations_for(actor, DECIDE)
        if action == VIEW:
            return receiving or record_access(actor, obj.record).allowed
        if action == DECIDE:
            return receiving and obj.status == Referral.Status.PENDING
        if action == REVOKE:
            return obj.status == Referral.Status.PENDING and TransitionRecordPolicy().can(actor, REFER, obj.record)
        return False

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, REFER, record)

    def organisations_for(self, actor, action):
        """The organisations whose incoming referrals the actor reads and decides."""
        return organisations_where(actor, *RECEIVER_ROLES) if action in {VIEW, DECIDE} else set()


def referral_deciders(organisation_id: int) -> list:
    """The people to tell about a referral to this organisation: those who may decide it."""
    return people_with_roles(organisation_id=organisation_id, roles=RECEIVER_ROLES)


@register(CaseConference)
class CaseConferencePolicy(Policy):
    """Case-work access to the record (or emergency access) opens its conferences; an invitation opens one
    conference to a team member with less."""

    def visible(self, actor):
        invited = ConferenceParticipant.objects.filter(conference_id=OuterRef("pk"), user_id=actor.pk)
        return CaseConference.objects.filter(Q(record__in=records_where(actor, CONFER))
                                             | (Q(record__in=records_where(actor, VIEW)) & Exists(invited)))

    def can(self, actor, action, obj):
        grant = record_access(actor, obj.record)
        if action == VIEW:
            return grant.at_least(AccessLevel.CASEWORK) or (
                grant.allowed and obj.participants.filter(user=actor).exists())
        if action == CHANGE:
            return grant.at_least(AccessLevel.CASEWORK)
        return False

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, CONFER, record)


@register(Action)
class ActionPolicy(Policy):
    """An action is seen and updated by its owner and by those with case-work access to the record."""

    def visible(self, actor):
        return Action.objects.filter(record__in=records_where(actor, VIEW)).filter(
            Q(owner_id=actor.pk) | Q(record__in=records_where(actor, CONFER)))

    def can(self, actor, action, obj):
        if action not in {VIEW, CHANGE}:
            return False
        grant = record_access(actor, obj.record)
        return grant.allowed and (obj.owner_id == actor.pk or grant.at_least(AccessLevel.CASEWORK))

    def can_create(self, actor, *, record=None, **context):
        return record is not None and TransitionRecordPolicy().can(actor, CONFER, record)

    def organisations_for(self, actor, action):
        return TransitionRecordPolicy().organisations_for(actor, VIEW) if action == VIEW else set()


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


def works_with_agreements(actor) -> bool:
    """Whether to offer the agreements pages in the menu: to those who sign or rely on them."""
    return bool(organisations_where(actor, *AGREEMENT_READER_ROLES))


# --- rows inside a record or a conference: the parent decides ------------------------------------------------


class _InRecord(ChildPolicy):
    """A row of one record. Its VIEW may mean more than viewing the record (the identity needs its section), so
    the rows seen are those of the records where the mapped action holds."""

    parent = "record"
    parent_model = TransitionRecord

    def visible(self, actor):
        return self.model._default_manager.filter(record__in=records_where(actor, self._parent_action(VIEW)))


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
        return action == VIEW and TransitionRecordPolicy().can(actor, section_action(obj.section), obj.record)

    def visible(self, actor):
        by_section = [Q(section=section, record__in=records_where(actor, section_action(section)))
                      for section in Section.values]
        return self.model._default_manager.filter(functools.reduce(operator.or_, by_section))

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


@register(ConferenceParticipant)
class ConferenceParticipantPolicy(_InConference):
    pass


@register(Decision)
class DecisionPolicy(_InConference):
    actions = {ADD: CHANGE, CHANGE: NOBODY, DELETE: NOBODY}  # decisions are minuted, never rewritten


@register(TimelineEntry)
class TimelineEntryPolicy(Policy):
    """An entry is seen by those who see its section of the record (every viewer of the record when it has
    none) and, when it is about an action, may also see that action. Entries about other rows need no more:
    referrals, team rows, bases and flags are seen by every viewer of the record, and conferences by everyone
    who sees the case-work section their entries belong to."""

    def can(self, actor, action, obj):
        if action != VIEW:
            return False  # history is written by the services only
        if not TransitionRecordPolicy().can(actor, section_action(obj.section) if obj.section else VIEW, obj.record):
            return False
        return obj.action_id is None or ActionPolicy().can(actor, VIEW, obj.action)

    def visible(self, actor):
        by_section = [Q(section="", record__in=records_where(actor, VIEW))] + [
            Q(section=section, record__in=records_where(actor, section_action(section))) for section in Section.values]
        about = Q(action__isnull=True) | Q(action__in=ActionPolicy().visible(actor))
        return TimelineEntry.objects.filter(functools.reduce(operator.or_, by_section) & about)


def emergency_access_watchers(record: TransitionRecord) -> list:
    """Who is alerted when someone breaks the glass on this record: the owner's full-access team and its
    data-protection officers."""
    owners = [m.user for m in TeamMember.objects.current().select_related("user").filter(
        record=record, organisation_id=record.owner_id, access_level=AccessLevel.FULL)]
    officers = people_with_roles(organisation_id=record.owner_id, roles=DATA_PROTECTION_ROLES)
    return list({person.pk: person for person in owners + officers}.values())


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
