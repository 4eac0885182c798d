"""Every write on transition records: policy check, one transaction, an audit event, a timeline entry, and
notifications after the commit."""

import datetime as dt
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integra.core import access, audit, limits
from integra.core.access import ADD, CHANGE, DELETE, VIEW
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid
from integra.core.fields import field_cipher
from integra.core.models import Membership
from integra.core.notifications import N_, label, message, moment, msgid_of
from integra.core.services import notification_send

from . import uploads
from .models import (
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
    LegalBasis,
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
    level_covering,
)
from .policy import (
    ADD_COLLEAGUE,
    DECIDE,
    EDIT_SUMMARY,
    EMERGENCY_NAMEABLE_ROLES,
    EXPORT,
    EXPORT_AUTHORED,
    REVOKE,
    VIEW_ACCESS_LOG,
    emergency_access_level,
    emergency_access_watchers,
    emergency_reach,
    forget_record_access,
    record_access,
    record_openers,
    referral_deciders,
    row_sections,
    sharing_gaps,
    transfer_plan,
)
from .policy import _sharing_today as sharing_today

EMERGENCY_ACCESS_HOURS = 4
EMERGENCY_ACCESS_PURPOSE = "emergency access"
IDENTITY_FIELDS = ("given_names", "family_name", "date_of_birth", "nationality", "prison_number", "address")


def _timeline(record, entry_kind, actor=None, section="", about_action=None, detail="", **data):
    """`detail` is the entry's sensitive text (stored encrypted); `data` must hold nothing a database reader
    should not see."""
    return TimelineEntry.objects.create(record=record, kind=entry_kind, actor=actor, section=section,
                                        action=about_action, detail=detail, data=data)


def _audit(action, actor, record, purpose="", **data):
    return audit.record(action=f"cooperation.record.{action}", actor=actor, organisation=record.owner_id,
                        obj=record, purpose=purpose, data=data)


def _new_reference() -> str:
    year = timezone.now().year
    while True:
        reference = f"TR-{year}-{secrets.token_hex(3).upper()}"
        if not TransitionRecord.objects.filter(reference=reference).exists():
            return reference


def _url(name, *args):
    return reverse(name, args=args)


# --- records --------------------------------------------------------------------------------------------------


def record_open(*, actor, organisation, given_names: str, family_name: str, establishment: str = "",
                expected_release_date: dt.date | None = None, legal_status: str = "sentenced", languages: str = "",
                phase: str = Phase.CUSTODY, date_of_birth: str = "", nationality: str = "", prison_number: str = "",
                address: str = "", reference: str = "") -> TransitionRecord:
    """Open a record owned by `organisation`, with the actor on its team with full access. `reference` is for
    callers that bring their own (the demo's fixed ones); by default a new pseudonymous one is drawn."""
    access.require_create(actor, TransitionRecord, organisation=organisation)
    _check_release_date(expected_release_date)
    if phase == Phase.CLOSED:
        raise invalid(_("A new record cannot start closed."), field="phase")
    if reference and TransitionRecord.objects.filter(reference=reference).exists():
        raise ValueError(f"the reference {reference} is taken")
    with transaction.atomic():
        record = TransitionRecord.objects.create(
            reference=reference or _new_reference(), owner=organisation, establishment=establishment,
            expected_release_date=expected_release_date, legal_status=legal_status, languages=languages,
            phase=phase, created_by=actor)
        PersonIdentity.objects.create(record=record, given_names=given_names, family_name=family_name,
                                      date_of_birth=date_of_birth, nationality=nationality,
                                      prison_number=prison_number, address=address)
        TeamMember.objects.create(record=record, user=actor, organisation=organisation,
                                  access_level=AccessLevel.FULL, role_on_team=TeamRole.CASE_MANAGER, added_by=actor)
        _timeline(record, "opened", actor, phase=phase)
        _audit("opened", actor, record, reference=record.reference)
    forget_record_access(actor)
    return record


def _check_release_date(day) -> None:
    limits.check_date_within(day, years_back=limits.RELEASE_DATE_YEARS_BACK,
                             years_ahead=limits.RELEASE_DATE_YEARS_AHEAD, field="expected_release_date")


def record_viewed(*, actor, record: TransitionRecord, section: str = "", purpose: str = "") -> None:
    """Every read of a record or one of its sections is an audit event with its purpose."""
    grant = record_access(actor, record)
    action = "section_viewed" if section else "viewed"
    _audit(action, actor, record, purpose=purpose or grant.purpose, section=section, via=grant.via,
           by_organisation=grant.organisation_id)


def record_update(*, actor, record: TransitionRecord, expected_version: int, **changes) -> TransitionRecord:
    access.require(actor, EDIT_SUMMARY, record)
    unknown = set(changes) - set(TransitionRecord.EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {unknown}")
    if "expected_release_date" in changes:
        _check_release_date(changes["expected_release_date"])
    before = {k: str(getattr(record, k)) for k in changes}
    with transaction.atomic():
        update_versioned(record, expected_version=expected_version, **changes)
        changed = {k: [before[k], str(v)] for k, v in changes.items() if before[k] != str(v)}
        if changed:
            _timeline(record, "updated", actor, fields=sorted(changed))
            _audit("updated", actor, record, changes=changed)
    return record


def record_set_phase(*, actor, record: TransitionRecord, phase: str, expected_version: int) -> TransitionRecord:
    access.require(actor, EDIT_SUMMARY, record)
    if phase not in Phase.values:
        raise invalid(_("Unknown phase."), field="phase")
    if record.phase == Phase.CLOSED and phase != Phase.CLOSED:
        raise invalid(_("A closed record cannot be reopened; open a new record instead."), field="phase")
    previous = record.phase
    if previous == phase:
        return record
    with transaction.atomic():
        now = timezone.now()
        update_versioned(record, expected_version=expected_version, phase=phase, phase_changed_at=now,
                         closed_at=now if phase == Phase.CLOSED else None)
        _timeline(record, "phase_changed", actor, previous=previous, phase=phase)
        _audit("phase_changed", actor, record, previous=previous, phase=phase)
    return record


def record_set_rights_flags(*, actor, record: TransitionRecord, restricted: bool | None = None,
                            rectification_requested: bool | None = None, legal_hold: bool | None = None):
    """Data-subject rights and legal hold: the owner's full-access case workers or its data-protection officer."""
    access.require(actor, EXPORT, record)
    changes = {k: v for k, v in {"restricted": restricted, "rectification_requested": rectification_requested,
                                  "legal_hold": legal_hold}.items() if v is not None}
    with transaction.atomic():
        update_versioned(record, expected_version=record.version, **changes)
        _timeline(record, "rights_changed", actor, **changes)
        _audit("rights_changed", actor, record, **changes)
    return record


def identity_update(*, actor, record: TransitionRecord, expected_version: int, **changes) -> PersonIdentity:
    identity = record.identity
    access.require(actor, CHANGE, identity)
    if set(changes) - set(IDENTITY_FIELDS):
        raise ValueError("not an identity field")
    with transaction.atomic():
        update_versioned(identity, expected_version=expected_version, **changes)
        _timeline(record, "identity_updated", actor, section=Section.IDENTITY, fields=sorted(changes))
        _audit("identity_updated", actor, record, fields=sorted(changes))
    return identity


# --- consent / legal basis, agreements ---------------------------------------------------------------------------


def basis_add(*, actor, record: TransitionRecord, basis: str, scope, recipients, given_on: dt.date,
              evidence: str = "") -> SharingBasis:
    access.require_create(actor, SharingBasis, record=record)
    scope = _clean_sections(scope, field="scope")
    if not recipients:
        raise invalid(_("Name at least one organisation the basis covers."), field="recipients")
    if given_on > timezone.localdate():
        raise invalid(_("The date cannot be in the future."), field="given_on")
    with transaction.atomic():
        item = SharingBasis.objects.create(record=record, basis=basis, scope=scope, given_on=given_on,
                                           evidence=evidence, recorded_by=actor)
        item.recipients.set(recipients)
        names = [o.name for o in recipients]
        _timeline(record, "basis_added", actor, basis=basis, recipients=names, scope=scope)
        _audit("basis_added", actor, record, basis=basis, recipients=[o.pk for o in recipients], scope=scope)
    return item


def basis_withdraw(*, actor, basis: SharingBasis) -> SharingBasis:
    record = basis.record
    access.require(actor, CHANGE, basis)
    if basis.withdrawn_at:
        raise invalid(_("This consent or basis was already withdrawn."))
    with transaction.atomic():
        basis.withdrawn_at = timezone.now()
        basis.save(update_fields=["withdrawn_at"])
        _timeline(record, "basis_withdrawn", actor, basis=basis.basis,
                  recipients=list(basis.recipients.values_list("name", flat=True)))
        _audit("basis_withdrawn", actor, record, basis_id=basis.pk)
    return basis


def agreement_create(*, actor, title: str, parties, purposes: str, data_categories, legal_basis: str,
                     valid_from: dt.date, signatories: str, valid_until: dt.date | None = None) -> SharingAgreement:
    access.require_create(actor, SharingAgreement)
    parties = list(parties)
    if len(parties) < 2:
        raise invalid(_("An agreement needs at least two parties."), field="parties")
    signing_for = access.organisations_for(actor, SharingAgreement, ADD)
    if signing_for is not None and not {p.pk for p in parties} & signing_for:
        raise invalid(_("Your own organisation must be one of the parties."), field="parties")
    if valid_until and valid_until < valid_from:
        raise invalid(_("The agreement ends before it starts."), field="valid_until")
    categories = _clean_sections(data_categories, field="data_categories")
    with transaction.atomic():
        agreement = SharingAgreement.objects.create(
            title=title, purposes=purposes, data_categories=categories, legal_basis=legal_basis,
            valid_from=valid_from, valid_until=valid_until, signatories=signatories, created_by=actor)
        agreement.parties.set(parties)
        for party in parties:
            audit.record(action="cooperation.agreement.created", actor=actor, organisation=party, obj=agreement,
                         data={"parties": [p.pk for p in parties], "categories": categories})
    return agreement


def agreement_terminate(*, actor, agreement: SharingAgreement) -> SharingAgreement:
    access.require(actor, CHANGE, agreement)
    with transaction.atomic():
        update_versioned(agreement, expected_version=agreement.version, is_active=False)
        for party_id in agreement.parties.values_list("pk", flat=True):
            audit.record(action="cooperation.agreement.terminated", actor=actor, organisation=party_id,
                         obj=agreement)
    return agreement


def _clean_sections(sections, *, field: str) -> list[str]:
    sections = list(dict.fromkeys(sections or []))
    unknown = [s for s in sections if s not in Section.values]
    if unknown:
        raise invalid(_("Unknown section: %(section)s.") % {"section": ", ".join(unknown)}, field=field)
    if not sections:
        raise invalid(_("Choose at least one section."), field=field)
    return sections


# --- team -----------------------------------------------------------------------------------------------------


def team_add(*, actor, record: TransitionRecord, user, organisation, access_level: str,
             role_on_team: str = "") -> TeamMember:
    access.require_create(actor, TeamMember, record=record)
    if access_level not in AccessLevel.values:
        raise invalid(_("Unknown access level."), field="access_level")
    if role_on_team and role_on_team not in TeamRole.values:
        raise invalid(_("Choose a role from the list."), field="role_on_team")
    if not Membership.objects.active().filter(user=user, organisation=organisation).exists():
        raise invalid(_("%(person)s is not an active member of %(organisation)s.")
                      % {"person": user, "organisation": organisation}, field="user")
    if TeamMember.objects.current().filter(record=record, user=user).exists():
        raise invalid(_("%(person)s is already on the team.") % {"person": user}, field="user")
    gaps = sharing_gaps(record, organisation.pk)
    if gaps:
        raise invalid(" ".join(gaps), field="organisation", code="sharing_refused")
    with transaction.atomic():
        member = TeamMember.objects.create(record=record, user=user, organisation=organisation,
                                           access_level=access_level, role_on_team=role_on_team, added_by=actor)
        _timeline(record, "team_added", actor, person=str(user), organisation=organisation.name,
                  level=access_level)
        _audit("team_added", actor, record, user=user.pk, organisation=organisation.pk, level=access_level)
        notification_send(recipients=[user], title=message(N_("You were added to the team of %(reference)s"),
                                                           reference=record.reference),
                          url=_url("cooperation:record", record.pk), target=record)
    forget_record_access(user)
    return member


def team_remove(*, actor, member: TeamMember) -> TeamMember:
    record = member.record
    access.require(actor, DELETE, member)
    if member.organisation_id == record.owner_id and member.access_level == AccessLevel.FULL and not \
            TeamMember.objects.current().filter(record=record, organisation_id=record.owner_id,
                                                access_level=AccessLevel.FULL).exclude(pk=member.pk).exists():
        raise invalid(_("The owning organisation must keep at least one person with full access."))
    with transaction.atomic():
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
        _timeline(record, "team_removed", actor, person=str(member.user), organisation=member.organisation.name)
        _audit("team_removed", actor, record, user=member.user_id)
    forget_record_access(member.user)
    return member


def team_add_colleague(*, actor, record: TransitionRecord, user, role_on_team: str = TeamRole.MENTOR) -> TeamMember:
    """A team member brings a colleague of their own organisation onto the team at the practical level (a mentoring
    coordinator who accepted a referral adds the matched mentor). The colleague never gets more than practical
    support, and the sharing rules hold as for any team row."""
    access.require(actor, ADD_COLLEAGUE, record)
    organisation_id = record_access(actor, record).organisation_id
    membership = Membership.objects.active().filter(user=user, organisation_id=organisation_id).select_related(
        "organisation").first()
    if membership is None:
        raise invalid(_("%(person)s is not an active member of your organisation.") % {"person": user}, field="user")
    if TeamMember.objects.current().filter(record=record, user=user).exists():
        raise invalid(_("%(person)s is already on the team.") % {"person": user}, field="user")
    gaps = sharing_gaps(record, organisation_id)
    if gaps:
        raise invalid(" ".join(gaps), field="user", code="sharing_refused")
    with transaction.atomic():
        member = TeamMember.objects.create(record=record, user=user, organisation_id=organisation_id,
                                           access_level=AccessLevel.PRACTICAL, role_on_team=role_on_team,
                                           added_by=actor)
        _timeline(record, "team_added", actor, person=str(user), organisation=membership.organisation.name,
                  level=AccessLevel.PRACTICAL)
        _audit("team_added", actor, record, user=user.pk, organisation=organisation_id, level=AccessLevel.PRACTICAL)
        notification_send(recipients=[user], title=lambda: _("You were added to the team of %(reference)s")
                          % {"reference": record.reference}, url=_url("cooperation:record", record.pk))
    forget_record_access(user)
    return member


def team_remove_colleague(*, actor, record: TransitionRecord, user) -> TeamMember | None:
    """The reverse of `team_add_colleague`: the colleague's practical row of the actor's organisation ends (a match
    that ends). Nothing happens when there is no such row."""
    access.require(actor, ADD_COLLEAGUE, record)
    organisation_id = record_access(actor, record).organisation_id
    member = TeamMember.objects.current().filter(record=record, user=user, organisation_id=organisation_id,
                                                 access_level=AccessLevel.PRACTICAL).first()
    if member is None or member.user_id == actor.pk:
        return None
    with transaction.atomic():
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
        _timeline(record, "team_removed", actor, person=str(user), organisation=membership_name(organisation_id))
        _audit("team_removed", actor, record, user=user.pk)
    forget_record_access(user)
    return member


def membership_name(organisation_id: int) -> str:
    from integra.core.models import Organisation

    return Organisation.objects.filter(pk=organisation_id).values_list("name", flat=True).first() or ""


# --- referrals and handovers ---------------------------------------------------------------------------------


def referral_create(*, actor, record: TransitionRecord, to_organisation, reason: str, kind: str = "referral",
                    urgency: str = "routine", access_level: str = AccessLevel.PRACTICAL, sections=None,
                    extra_basis: str = "", extra_basis_evidence: str = "") -> Referral:
    """Refer or hand over the record. Only the selected sections that the agreement and the person's basis allow
    will travel (`transfer_plan`); `extra_basis` records a legal basis of its own for the others (with its
    evidence), and they then travel too."""
    access.require_create(actor, Referral, record=record)
    if to_organisation.pk == record.owner_id:
        raise invalid(_("The record already belongs to this organisation."), field="to_organisation")
    if not reason.strip():
        raise invalid(_("Say why you refer the person."), field="reason")
    limits.check_length(reason, limits.REASON_TEXT, field="reason")
    if kind == Referral.Kind.HANDOVER:
        access_level = AccessLevel.FULL
    sections = _clean_sections(sections or sorted(SECTIONS_BY_LEVEL[access_level]), field="sections")
    beyond = set(sections) - SECTIONS_BY_LEVEL[access_level]
    if beyond:
        raise invalid(_("The access level chosen does not include: %(sections)s.")
                      % {"sections": ", ".join(sorted(beyond))}, field="sections")
    gaps = sharing_gaps(record, to_organisation.pk)
    if gaps:
        raise invalid(" ".join(gaps), field="to_organisation", code="sharing_refused")
    if record.referrals.filter(to_organisation=to_organisation, status=Referral.Status.PENDING).exists():
        raise invalid(_("A referral to this organisation is already pending."), field="to_organisation")
    plan = transfer_plan(record, to_organisation.pk, sections)
    if not plan.travelling and not extra_basis:
        raise invalid(_("None of the selected sections may travel to that organisation: the agreement and the "
                        "person's consent or legal basis do not cover them."), field="sections")
    if extra_basis:
        if extra_basis not in LegalBasis.values:
            raise invalid(_("Unknown legal basis."), field="extra_basis")
        if not plan.held_back:
            raise invalid(_("Every selected section is already covered: no other legal basis is needed."),
                          field="extra_basis")
        if not extra_basis_evidence.strip():
            raise invalid(_("Say where the legal basis for the other sections is documented."),
                          field="extra_basis_evidence")
        limits.check_length(extra_basis_evidence, limits.REASON_TEXT, field="extra_basis_evidence")
    with transaction.atomic():
        if extra_basis:
            own = SharingBasis.objects.create(record=record, basis=extra_basis, scope=plan.held_back_sections,
                                              given_on=timezone.localdate(), evidence=extra_basis_evidence,
                                              beyond_agreement=True, recorded_by=actor)
            own.recipients.set([to_organisation])
            _timeline(record, "basis_added", actor, basis=extra_basis, recipients=[to_organisation.name],
                      scope=plan.held_back_sections)
            plan = transfer_plan(record, to_organisation.pk, sections)
        referral = Referral.objects.create(
            record=record, kind=kind, from_organisation_id=record.owner_id, to_organisation=to_organisation,
            reason=reason, urgency=urgency, access_level=access_level, sections=sections, created_by=actor)
        _timeline(record, "referral_sent", actor, kind=kind, organisation=to_organisation.name, urgency=urgency,
                  travelling=list(plan.travelling), held_back=plan.held_back_sections)
        _audit("referral_sent", actor, record, referral=referral.pk, to=to_organisation.pk, kind=kind,
               travelling=list(plan.travelling), held_back=plan.held_back_sections, own_basis=extra_basis or None)
        notification_send(recipients=referral_deciders(to_organisation.pk),
                          title=message(N_("New %(kind)s for %(organisation)s: %(reference)s"),
                                        kind=label(Referral.Kind(referral.kind).label, lower=True),
                                        organisation=to_organisation.name, reference=record.reference),
                          body=message(N_("Urgency: %(urgency)s"),
                                       urgency=label(Referral.Urgency(referral.urgency).label)),
                          url=_url("cooperation:referral", referral.pk), target=referral)
    return referral


def referral_accept(*, actor, referral: Referral, reason: str = "") -> Referral:
    """Accept a referral or a handover. Only the sections of the pack that the agreement and the person's basis
    allow travel (`transfer_plan`). A handover moves ownership, and the former owner's people keep exactly what
    the agreement and the person's basis now allow them as a partner: their rows are adjusted to it, or ended
    when nothing remains, each on the timeline and in the audit event."""
    access.require(actor, DECIDE, referral)
    limits.check_length(reason, limits.REASON_TEXT, field="reason")
    record = referral.record
    gaps = sharing_gaps(record, referral.to_organisation_id)
    if gaps:
        raise invalid(" ".join(gaps), code="sharing_refused")
    plan = transfer_plan(record, referral.to_organisation_id, referral.sections)
    if not plan.travelling:
        raise invalid(_("None of the sections of this referral may travel to your organisation any more: the "
                        "agreement and the person's consent or legal basis no longer cover them."),
                      code="sharing_refused")
    handover = referral.kind == Referral.Kind.HANDOVER
    with transaction.atomic():
        _decide(referral, actor, Referral.Status.ACCEPTED, reason)
        existing = TeamMember.objects.current().filter(record=record, user=actor).first()
        if existing:
            existing.removed_at = timezone.now()
            existing.save(update_fields=["removed_at"])
        TeamMember.objects.create(record=record, user=actor, organisation_id=referral.to_organisation_id,
                                  access_level=referral.access_level, sections=list(plan.travelling), added_by=actor,
                                  role_on_team=TeamRole.CASE_MANAGER if handover else TeamRole.REFERRAL_CONTACT)
        changed_people = []
        if handover:
            previous_owner = record.owner_id
            update_versioned(record, expected_version=record.version, owner_id=referral.to_organisation_id,
                             owner_sections=list(plan.travelling))
            _timeline(record, "handed_over", actor, organisation=referral.to_organisation.name,
                      travelling=list(plan.travelling), held_back=plan.held_back_sections)
            changes = _former_owner_access(record, previous_owner, actor)
            changed_people = [member.user for member, _after in changes]
            _audit("handed_over", actor, record, previous_owner=previous_owner, owner=record.owner_id,
                   travelling=list(plan.travelling), held_back=plan.held_back_sections,
                   former_owner_team=[{"user": m.user_id, "level": after or None} for m, after in changes])
        _timeline(record, "referral_accepted", actor, organisation=referral.to_organisation.name)
        _audit("referral_accepted", actor, record, referral=referral.pk)
        _tell_sender(referral, gettext_lazy("%(organisation)s accepted the referral of %(reference)s"))
    for person in [actor, *changed_people]:
        forget_record_access(person)
    return referral


def _former_owner_access(record, previous_owner: int, actor) -> list[tuple[TeamMember, str]]:
    """After a handover: each current row of the former owner's people adjusted to what the agreement and the
    person's basis allow their organisation now (its level lowered to the narrowest that covers it, its sections
    set), or ended when nothing remains. [(row, new level or "" when ended)]."""
    agreed, based = sharing_today(record)
    changes = []
    for member in TeamMember.objects.current().filter(record=record, organisation_id=previous_owner).exclude(
            user=actor).select_related("user", "organisation"):
        remaining = row_sections(level=member.access_level, narrowed=member.sections, organisation_id=previous_owner,
                                 owner_id=record.owner_id, owner_sections=record.owner_sections,
                                 agreed=agreed.get(previous_owner), based=based.get(previous_owner))
        if not remaining:
            member.removed_at, member.ended_by_handover = timezone.now(), True
            member.save(update_fields=["removed_at", "ended_by_handover"])
            _timeline(record, "team_access_ended", actor, person=str(member.user),
                      organisation=member.organisation.name)
            changes.append((member, ""))
            continue
        level = level_covering(remaining)
        member.access_level, member.sections = level, sorted(remaining)
        member.save(update_fields=["access_level", "sections"])
        _timeline(record, "team_access_adjusted", actor, person=str(member.user),
                  organisation=member.organisation.name, level=level, sections=sorted(remaining))
        changes.append((member, level))
    return changes


def referral_decline(*, actor, referral: Referral, reason: str) -> Referral:
    access.require(actor, DECIDE, referral)
    if not reason.strip():
        raise invalid(_("Give the reason for declining, so the sender can find another service."), field="reason")
    limits.check_length(reason, limits.REASON_TEXT, field="reason")
    with transaction.atomic():
        _decide(referral, actor, Referral.Status.DECLINED, reason)
        _timeline(referral.record, "referral_declined", actor, organisation=referral.to_organisation.name,
                  referral=referral.pk)
        _audit("referral_declined", actor, referral.record, referral=referral.pk)
        _tell_sender(referral, gettext_lazy("%(organisation)s declined the referral of %(reference)s"))
    return referral


def referral_revoke(*, actor, referral: Referral) -> Referral:
    access.require(actor, REVOKE, referral)
    with transaction.atomic():
        _decide(referral, actor, Referral.Status.REVOKED, "")
        _timeline(referral.record, "referral_revoked", actor, organisation=referral.to_organisation.name)
        _audit("referral_revoked", actor, referral.record, referral=referral.pk)
    return referral


def _decide(referral, actor, status, reason):
    updated = Referral.objects.filter(pk=referral.pk, status=Referral.Status.PENDING).update(
        status=status, decided_by=actor, decided_at=timezone.now(), decision_reason=reason)
    if not updated:
        raise invalid(_("This referral was already decided."))
    referral.refresh_from_db()


def _tell_sender(referral, title):
    if referral.created_by and referral.created_by.is_active:
        notification_send(recipients=[referral.created_by],
                          title=message(msgid_of(title), organisation=referral.to_organisation.name,
                                        reference=referral.record.reference),
                          url=_url("cooperation:referral", referral.pk), target=referral)


# --- conferences and actions ------------------------------------------------------------------------------------


def conference_schedule(*, actor, record: TransitionRecord, title: str, scheduled_at, participants, location="",
                        online_url="", agenda="") -> CaseConference:
    access.require_create(actor, CaseConference, record=record)
    limits.check_length(agenda, limits.LONG_TEXT, field="agenda")
    openers = record_openers(record)
    outsiders = [p for p in participants if p.pk not in openers]
    if outsiders:
        raise invalid(_("Only team members who can open the record can be invited: %(people)s.")
                      % {"people": ", ".join(map(str, outsiders))}, field="participants")
    if not location and not online_url:
        raise invalid(_("Give a place or an online meeting link."), field="location")
    with transaction.atomic():
        conference = CaseConference.objects.create(record=record, title=title, scheduled_at=scheduled_at,
                                                   location=location, online_url=online_url, agenda=agenda,
                                                   created_by=actor)
        ConferenceParticipant.objects.bulk_create(
            [ConferenceParticipant(conference=conference, user=p) for p in {*participants, actor}])
        _timeline(record, "conference_scheduled", actor, section=Section.CASEWORK, title=title,
                  scheduled_at=scheduled_at.isoformat())
        _audit("conference_scheduled", actor, record, conference=conference.pk)
        notification_send(recipients=[p for p in participants if p.pk != actor.pk],
                          title=message(N_("Case conference on %(reference)s: %(when)s"),
                                        reference=record.reference, when=moment(scheduled_at)),
                          url=_url("cooperation:conference", conference.pk), target=conference)
    return conference


def conference_record(*, actor, conference: CaseConference, expected_version: int, minutes: str,
                      attended_user_ids, decisions=(), status: str = CaseConference.Status.HELD,
                      practical_minutes: str | None = None, practical_decisions=()) -> CaseConference:
    """Minutes and decisions belong to sections: `minutes` and `decisions` to case work, `practical_minutes` and
    `practical_decisions` to practical support (what practical-support members of the team read)."""
    access.require(actor, CHANGE, conference)
    limits.check_length(minutes, limits.LONG_TEXT, field="minutes")
    limits.check_length(practical_minutes or "", limits.LONG_TEXT, field="practical_minutes")
    decisions = [(d, Section.CASEWORK) for d in decisions if d.strip()] + [
        (d, Section.PRACTICAL) for d in practical_decisions if d.strip()]
    limits.check_count(decisions, limits.ITEMS_PER_FORM, field="decisions")
    for decision, section in decisions:
        limits.check_length(decision, limits.REASON_TEXT,
                            field="decisions" if section == Section.CASEWORK else "practical_decisions")
    practical = {} if practical_minutes is None else {"practical_minutes": practical_minutes}
    attended = set(attended_user_ids)
    with transaction.atomic():
        update_versioned(conference, expected_version=expected_version, minutes=minutes, status=status, **practical)
        for participant in conference.participants.all():
            participant.attended = participant.user_id in attended
            participant.save(update_fields=["attended"])
        Decision.objects.bulk_create([Decision(conference=conference, text=d, section=section)
                                      for d, section in decisions])
        _timeline(conference.record, "conference_recorded", actor, section=Section.CASEWORK, title=conference.title,
                  decisions=len(decisions))
        _audit("conference_recorded", actor, conference.record, conference=conference.pk)
    return conference


def action_create(*, actor, record: TransitionRecord, title: str, owner, due_date: dt.date,
                  conference: CaseConference | None = None) -> Action:
    access.require_create(actor, Action, record=record)
    if conference is not None and conference.record_id != record.pk:
        raise ValueError("the conference is about another record")
    if owner is None:
        raise invalid(_("Every action needs an owner."), field="owner")
    limits.check_length(title, limits.SHORT_TEXT, field="title")
    _check_due_date(due_date)
    if owner.pk not in record_openers(record):
        raise invalid(_("The owner must be on the team and able to open the record."), field="owner")
    with transaction.atomic():
        item = Action.objects.create(record=record, conference=conference, title=title, owner=owner,
                                     due_date=due_date, created_by=actor)
        _timeline(record, "action_created", actor, about_action=item, detail=title, owner=str(owner),
                  due_date=due_date.isoformat())
        _audit("action_created", actor, record, action_id=item.pk, owner=owner.pk)
        if owner.pk != actor.pk:
            notification_send(recipients=[owner], title=message(N_("New action for you on %(reference)s"),
                                                                reference=record.reference),
                              url=_url("cooperation:record", record.pk), target=record)
    return item


def _check_due_date(day) -> None:
    limits.check_date_within(day, years_back=limits.DUE_DATE_YEARS_BACK, years_ahead=limits.DUE_DATE_YEARS_AHEAD,
                             field="due_date")


def action_update(*, actor, action: Action, expected_version: int, status: str | None = None,
                  due_date: dt.date | None = None) -> Action:
    access.require(actor, CHANGE, action)
    changes = {k: v for k, v in {"status": status, "due_date": due_date}.items() if v is not None}
    if "status" in changes and changes["status"] not in Action.Status.values:
        raise invalid(_("Unknown status."), field="status")
    _check_due_date(changes.get("due_date"))
    with transaction.atomic():
        update_versioned(action, expected_version=expected_version, **changes)
        _timeline(action.record, "action_updated", actor, about_action=action, detail=action.title,
                  status=action.status)
        _audit("action_updated", actor, action.record, action_id=action.pk, **{k: str(v) for k, v in changes.items()})
    return action


# --- notes, documents, flags -------------------------------------------------------------------------------------


def note_add(*, actor, record: TransitionRecord, section: str, body: str) -> Note:
    access.require_create(actor, Note, record=record, section=section)
    if not body.strip():
        raise invalid(_("The note is empty."), field="body")
    limits.check_length(body, limits.LONG_TEXT, field="body")
    grant = record_access(actor, record)
    with transaction.atomic():
        note = Note.objects.create(record=record, section=section, body=body, author=actor,
                                   organisation_id=grant.organisation_id)
        _timeline(record, "note_added", actor, section=section)
        _audit("note_added", actor, record, section=section, note=note.pk)
    return note


def document_upload(*, actor, record: TransitionRecord, section: str, title: str, upload) -> Document:
    access.require_create(actor, Document, record=record, section=section)
    content, content_type = uploads.checked_upload(upload)
    stored_name = secrets.token_hex(16)
    with transaction.atomic():
        document = Document(record=record, section=section, title=title or upload.name, original_name=upload.name,
                            stored_name=stored_name, content_type=content_type, size=len(content),
                            uploaded_by=actor, organisation_id=record_access(actor, record).organisation_id)
        document.file.save(stored_name, ContentFile(field_cipher().encrypt(content)), save=False)
        document.save()
        _timeline(record, "document_added", actor, section=section, detail=document.title, document=document.pk)
        _audit("document_added", actor, record, section=section, document=document.pk)
    return document


def document_read(*, actor, document: Document) -> bytes:
    access.require(actor, VIEW, document)
    with document.file.open("rb") as stored:
        content = field_cipher().decrypt(stored.read())
    _audit("document_downloaded", actor, document.record, purpose=record_access(actor, document.record).purpose,
           document=document.pk, section=document.section)
    return content


def flag_add(*, actor, record: TransitionRecord, kind: str, detail: str = "") -> Flag:
    access.require_create(actor, Flag, record=record)
    if kind not in Flag.Kind.values:
        raise invalid(_("Unknown flag."), field="kind")
    limits.check_length(detail, limits.REASON_TEXT, field="detail")
    with transaction.atomic():
        flag = Flag.objects.create(record=record, kind=kind, detail=detail, created_by=actor)
        _timeline(record, "flag_added", actor, kind=kind)
        _audit("flag_added", actor, record, kind=kind)
    return flag


def flag_remove(*, actor, flag: Flag) -> Flag:
    access.require(actor, DELETE, flag)
    if flag.removed_at:
        raise invalid(_("This flag was already removed."))
    with transaction.atomic():
        flag.removed_at = timezone.now()
        flag.save(update_fields=["removed_at"])
        _timeline(flag.record, "flag_removed", actor, kind=flag.kind)
        _audit("flag_removed", actor, flag.record, kind=flag.kind)
    return flag


# --- emergency access -------------------------------------------------------------------------------------------


def emergency_access_grant(*, actor, record: TransitionRecord, reason: str,
                           risk_to_life: bool = False) -> EmergencyAccess:
    """Break the glass: a mandatory reason, EMERGENCY_ACCESS_HOURS of case-work access (full access for an
    immediate risk to life), the owner and the data-protection officer alerted."""
    access.require_create(actor, EmergencyAccess, record=record)
    if len(reason.strip()) < 20:
        raise invalid(_("Explain the emergency in at least 20 characters; the owner and the data-protection "
                        "officer will read it."), field="reason")
    limits.check_length(reason, limits.REASON_TEXT, field="reason")
    organisation_id = emergency_reach(actor)[record.owner_id]  # the organisation that made BREAK_GLASS hold
    level = emergency_access_level(risk_to_life=risk_to_life)
    with transaction.atomic():
        grant = EmergencyAccess.objects.create(record=record, user=actor, organisation_id=organisation_id,
                                               reason=reason,
                                               risk_to_life=risk_to_life, access_level=level,
                                               expires_at=timezone.now() + timedelta(hours=EMERGENCY_ACCESS_HOURS))
        # The reason lives encrypted on the grant; its copies carry the grant's id (and the timeline, which the
        # team reads, the encrypted text), never the clear text.
        _timeline(record, "emergency_access", actor, detail=reason, person=str(actor), emergency_access=grant.pk,
                  level=level, risk_to_life=risk_to_life)
        _audit("emergency_access", actor, record, purpose=EMERGENCY_ACCESS_PURPOSE, emergency_access=grant.pk,
               hours=EMERGENCY_ACCESS_HOURS, level=level, risk_to_life=risk_to_life)
        title = (gettext_lazy("Emergency access to %(reference)s by %(person)s, for an immediate risk to life")
                 if risk_to_life else gettext_lazy("Emergency access to %(reference)s by %(person)s"))
        notification_send(recipients=emergency_access_watchers(record),
                          title=message(msgid_of(title), reference=record.reference, person=str(actor)),
                          url=_url("cooperation:access_log", record.pk), target=record,
                          target_action=VIEW_ACCESS_LOG)
    forget_record_access(actor)
    return grant


def emergency_responder_name(*, actor, owner, organisation, role: str, reason: str) -> EmergencyResponder:
    """The owner names an organisation's role for breaking the glass on its records, with no agreement between
    them; the people who hold that role there reach the owner's records in an emergency, on the same terms (a
    reason, case work unless a risk to life, alerts, four hours)."""
    access.require_create(actor, EmergencyResponder, owner=owner)
    if organisation.pk == owner.pk:
        raise invalid(_("Your own organisation's people may already break the glass on its records."),
                      field="organisation")
    if role not in EMERGENCY_NAMEABLE_ROLES:
        raise invalid(_("Choose a role from the list."), field="role")
    if not reason.strip():
        raise invalid(_("Say why they are named: the data-protection officer and the team will read it."),
                      field="reason")
    limits.check_length(reason, 1000, field="reason")
    if EmergencyResponder.objects.current().filter(owner=owner, organisation=organisation, role=role).exists():
        raise invalid(_("This organisation is already named for this role."), field="role")
    with transaction.atomic():
        responder = EmergencyResponder.objects.create(owner=owner, organisation=organisation, role=role,
                                                      reason=reason.strip(), named_by=actor)
        for org in (owner, organisation):
            audit.record(action="cooperation.emergency_responder.named", actor=actor, organisation=org,
                         obj=responder, data={"owner": owner.pk, "organisation": organisation.pk, "role": role})
    return responder


def emergency_responder_end(*, actor, responder: EmergencyResponder) -> EmergencyResponder:
    access.require(actor, CHANGE, responder)
    if responder.ended_at:
        raise invalid(_("This naming has already ended."))
    with transaction.atomic():
        responder.ended_at = timezone.now()
        responder.save(update_fields=["ended_at"])
        for org in (responder.owner_id, responder.organisation_id):
            audit.record(action="cooperation.emergency_responder.ended", actor=actor, organisation=org,
                         obj=responder)
    return responder


def access_log_export(*, actor, record: TransitionRecord):
    """The record's access log for a CSV copy; the copy itself is an event of the log."""
    access.require(actor, VIEW_ACCESS_LOG, record)
    from .selectors import access_log

    _audit("access_log_exported", actor, record, purpose="access log export",
           by_organisation=record_access(actor, record).organisation_id)
    return access_log(record=record)


def subject_access_export(*, actor, record: TransitionRecord) -> dict:
    """Everything held on the person that the actor answers for, across sections, with who saw it (for a
    subject-access request): the owner's data-protection officer what the owner holds, the data-protection officer
    of an organisation that wrote on a record it no longer owns what that organisation wrote."""
    access.require(actor, EXPORT_AUTHORED, record)
    from .selectors import subject_access_for

    data, scope = subject_access_for(actor=actor, record=record)
    _audit("exported", actor, record, purpose="subject-access request",
           scope="whole" if scope.whole else "authored", organisations=sorted(scope.organisation_ids))
    return data


def subject_access_release(*, actor, record: TransitionRecord, language: str, withheld: dict[str, str],
                           note: str = ""):
    """Record the release of a subject-access copy after the data-protection officer's review: the items present
    now (the copy will show those only), those withheld under which exemption, the language, who and when."""
    from django.conf import settings

    from .models import Exemption, SubjectAccessRelease
    from .selectors import subject_access_for
    from .subject_access import item_keys

    access.require(actor, EXPORT_AUTHORED, record)
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise invalid(_("Choose one of the platform's languages."), field="language")
    reviewed = item_keys(subject_access_for(actor=actor, record=record)[0])
    unknown = sorted(set(withheld) - set(reviewed))
    if unknown:
        raise invalid(_("The record changed while you reviewed it: review the copy again."))
    if any(value not in Exemption.values for value in withheld.values()):
        raise invalid(_("Choose the exemption under which this item is withheld."))
    limits.check_length(note, limits.REASON_TEXT, field="note")
    with transaction.atomic():
        release = SubjectAccessRelease.objects.create(record=record, released_by=actor, language=language,
                                                      reviewed=reviewed, withheld=dict(withheld), note=note.strip())
        _audit("subject_access_released", actor, record, purpose="subject-access release", release=release.pk,
               language=language, withheld=dict(withheld), items=len(reviewed),
               purpose_params={"language": language})
    return release

