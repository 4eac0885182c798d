"""Need to know, in one place.

A person reaches a transition record through a current team row for one of their active organisations.
For the owning organisation that is enough; for any other organisation there must also be a valid
information-sharing agreement between the owner and that organisation and an active consent or legal basis
of the person naming that organisation. The sections seen are the access level's sections, narrowed by the
agreement's data categories and the basis's scope. Emergency access ("break the glass") is the only other
way in: time-limited, with a reason, audited and reported to the owner.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from integra.core.access import CHANGE, VIEW, Policy, is_platform_admin, organisations_of, organisations_where, register
from integra.core.roles import Role

from .models import (
    LEVEL_RANK,
    SECTIONS_BY_LEVEL,
    AccessLevel,
    Action,
    CaseConference,
    EmergencyAccess,
    Referral,
    SharingAgreement,
    SharingBasis,
    TeamMember,
    TransitionRecord,
)

EDIT_SUMMARY = "edit_summary"
MANAGE_TEAM = "manage_team"
REFER = "refer"
CONFER = "confer"
VIEW_ACCESS_LOG = "view_access_log"
EXPORT = "export"
BREAK_GLASS = "break_glass"
DECIDE = "decide"
REVOKE = "revoke"

# Who may open records and receive referrals: the people who carry cases.
RECORD_OPENER_ROLES = (Role.CASE_MANAGER,)
RECEIVER_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE, Role.MENTORING_COORDINATOR)
EMERGENCY_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE)


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


def _owner_role(actor, record, *roles) -> bool:
    return record.owner_id in organisations_where(actor, *roles)


@register(TransitionRecord)
class TransitionRecordPolicy(Policy):
    def visible(self, actor):
        # Start from the actor's own team rows (indexed by user), not from every record: the cost then follows
        # the size of one person's caseload, not of the whole table.
        orgs = organisations_of(actor)
        today = timezone.localdate()
        agreement = (SharingAgreement.objects.valid_on(today).filter(parties=OuterRef("organisation_id"))
                     .filter(parties=OuterRef("record__owner_id")))
        basis = SharingBasis.objects.active().filter(record_id=OuterRef("record_id"),
                                                     recipients=OuterRef("organisation_id"))
        team = (TeamMember.objects.current().filter(user_id=actor.pk, organisation_id__in=orgs)
                .filter(Q(organisation_id=F("record__owner_id")) | (Exists(agreement) & Exists(basis)))
                .values("record_id"))
        emergency = EmergencyAccess.objects.filter(user_id=actor.pk, expires_at__gt=timezone.now()).values("record_id")
        return TransitionRecord.objects.filter(Q(pk__in=team) | Q(pk__in=emergency))

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
        if action == CONFER:
            return grant.at_least(AccessLevel.CASEWORK)
        if action in {VIEW_ACCESS_LOG, EXPORT}:
            return (grant.on_owner_team and grant.at_least(AccessLevel.FULL)) or _owner_role(
                actor, obj, Role.DATA_PROTECTION)
        if action == BREAK_GLASS:
            return not grant.allowed and bool(organisations_where(actor, *EMERGENCY_ROLES))
        return False

    def can_create(self, actor, *, organisation=None, **context):
        opener_orgs = organisations_where(actor, *RECORD_OPENER_ROLES)
        return bool(opener_orgs) if organisation is None else organisation.pk in opener_orgs


def data_protection_records(actor):
    """Records owned by the organisations where the actor is the data-protection officer: reference and
    phase only, to reach each record's access log and subject-access export."""
    return TransitionRecord.objects.filter(owner_id__in=organisations_where(actor, Role.DATA_PROTECTION))


@register(Referral)
class ReferralPolicy(Policy):
    """Senders see the referrals of records they see; receivers see referrals addressed to their organisation
    (reference, reason, urgency — the record itself only once they accept)."""

    def visible(self, actor):
        receiving = organisations_where(actor, *RECEIVER_ROLES)
        records = TransitionRecordPolicy().visible(actor).values("pk")
        return Referral.objects.filter(Q(record_id__in=records) | Q(to_organisation_id__in=receiving))

    def can(self, actor, action, obj):
        receiving = obj.to_organisation_id in organisations_where(actor, *RECEIVER_ROLES)
        if action == VIEW:
            return receiving or record_access(actor, obj.record).allowed
        if action == DECIDE:
            return receiving and obj.status == Referral.Status.PENDING
        if action == REVOKE:
            return obj.status == Referral.Status.PENDING and TransitionRecordPolicy().can(actor, REFER, obj.record)
        return False


@register(CaseConference)
class CaseConferencePolicy(Policy):
    def visible(self, actor):
        records = TransitionRecordPolicy().visible(actor).values("pk")
        return CaseConference.objects.filter(record_id__in=records).filter(
            Q(participants__user=actor) | Q(record__team__user=actor, record__team__removed_at__isnull=True,
                                            record__team__access_level__in=[AccessLevel.FULL, AccessLevel.CASEWORK])
            | Q(record__emergency_accesses__user=actor, record__emergency_accesses__expires_at__gt=timezone.now())
        ).distinct()

    def can(self, actor, action, obj):
        grant = record_access(actor, obj.record)
        invited = obj.participants.filter(user=actor).exists() if grant.allowed else False
        if action == VIEW:
            return grant.at_least(AccessLevel.CASEWORK) or invited
        if action == CHANGE:
            return grant.at_least(AccessLevel.CASEWORK)
        return False


@register(Action)
class ActionPolicy(Policy):
    def visible(self, actor):
        records = TransitionRecordPolicy().visible(actor).values("pk")
        casework = TeamMember.objects.current().filter(
            user=actor, access_level__in=[AccessLevel.FULL, AccessLevel.CASEWORK]).values("record_id")
        return Action.objects.filter(record_id__in=records).filter(Q(owner=actor) | Q(record_id__in=casework))

    def can(self, actor, action, obj):
        grant = record_access(actor, obj.record)
        if not grant.allowed:
            return False
        if action == VIEW:
            return obj.owner_id == actor.pk or grant.at_least(AccessLevel.CASEWORK)
        if action == CHANGE:
            return obj.owner_id == actor.pk or grant.at_least(AccessLevel.CASEWORK)
        return False


@register(SharingAgreement)
class SharingAgreementPolicy(Policy):
    """Parties' people see their agreements; organisation administrators of a party manage them."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return SharingAgreement.objects.all()
        return SharingAgreement.objects.filter(parties__in=organisations_of(actor)).distinct()

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
        return is_platform_admin(actor) or bool(organisations_where(actor, Role.ORG_ADMIN))


