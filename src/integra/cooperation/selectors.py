"""Reads shared by the pages and the API, filtered to what the actor may see."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from integra.core import access
from integra.core.access import VIEW
from integra.core.models import AuditEvent, OrganisationKind

from .models import (
    Action,
    CaseConference,
    ConferenceParticipant,
    Decision,
    Document,
    EmergencyAccess,
    Flag,
    Note,
    Phase,
    Referral,
    Section,
    SharingBasis,
    TeamMember,
    TimelineEntry,
    TransitionRecord,
)
from .policy import (
    DECIDE,
    MANAGE_TEAM,
    authored_records,
    data_protection_records,
    record_access,
    record_openers,
    records_where,
    team_access,
    visible_in,
)

COMMUNITY_KINDS = (OrganisationKind.COMMUNITY, OrganisationKind.SOCIAL)


def caseload(*, actor, q: str = "", phase: str = "", mine: bool = False):
    qs = access.visible(actor, TransitionRecord).select_related("owner")
    if q:
        qs = qs.filter(Q(reference__icontains=q) | Q(establishment__icontains=q))
    if phase:
        qs = qs.filter(phase=phase)
    if mine:
        qs = qs.filter(team__user=actor, team__removed_at__isnull=True)
    return qs.order_by("expected_release_date", "reference")


def record_bundle(*, actor, record: TransitionRecord) -> dict:
    """What the record page shows, each part only when the actor's access allows it."""
    grant = record_access(actor, record)
    return {
        "grant": grant,
        "flags": visible_in(actor, Flag, record).filter(removed_at__isnull=True),
        "team": team_with_access(actor=actor, record=record),
        "referrals": visible_in(actor, Referral, record).select_related("to_organisation").order_by("-created_at")[:10],
        "conferences": visible_in(actor, CaseConference, record).order_by("-scheduled_at")[:5],
        "actions": visible_in(actor, Action, record).select_related("owner").order_by("status", "due_date")[:20],
        "sees_identity": grant.sees("identity"),
        "timeline": timeline(actor=actor, record=record)[:10],
    }


def team(*, actor, record: TransitionRecord):
    """The current team around the record."""
    return (visible_in(actor, TeamMember, record).current().select_related("user", "organisation")
            .order_by("added_at", "id"))


def team_with_access(*, actor, record: TransitionRecord) -> list:
    """The current team, each member with the access they actually have today and why (MemberAccess), for those
    who may see the team; then the people whose access the handover ended."""
    members = list(team(actor=actor, record=record))
    return team_access(record, members)


def ended_by_handover(*, actor, record: TransitionRecord):
    """The team rows a handover of this record ended (the team page says they no longer have access)."""
    return (visible_in(actor, TeamMember, record).filter(ended_by_handover=True).select_related("user", "organisation")
            .order_by("-removed_at", "-id")[:20])


def team_users(*, actor, record: TransitionRecord, team=None):
    """The people on the record's team who can open it (who may be invited, or own an action): the policy's
    answer for each of them, not the bare team rows. `team`: the record's `team_with_access` when the caller
    already has it (the record page), so the team's access is not worked out twice in one request."""
    if team is not None:
        openers = {member.member.user_id for member in team if member.allowed}
        return get_user_model().objects.filter(pk__in=sorted(openers)).order_by("full_name", "email")
    members = visible_in(actor, TeamMember, record).current().values_list("user_id", flat=True)
    openers = record_openers(record) & set(members)
    return get_user_model().objects.filter(pk__in=sorted(openers)).order_by("full_name", "email")


def sharing_bases(*, actor, record: TransitionRecord):
    return visible_in(actor, SharingBasis, record).prefetch_related("recipients").order_by("-given_on", "-id")


def section_items(*, actor, record: TransitionRecord, section: str):
    """The notes and documents of one section of the record."""
    notes = (visible_in(actor, Note, record).filter(section=section).select_related("author", "organisation")
             .order_by("-created_at", "-id"))
    documents = (visible_in(actor, Document, record).filter(section=section).select_related("uploaded_by")
                 .order_by("-created_at", "-id"))
    return notes, documents


def timeline(*, actor, record: TransitionRecord):
    """The record's history as the actor may see it: entries of sections they may not read, and entries
    about actions they may not see, are left out (TimelineEntryPolicy)."""
    return visible_in(actor, TimelineEntry, record).select_related("actor").order_by("-occurred_at", "-id")


def conference_page(*, actor, conference: CaseConference) -> dict:
    """What the conference page shows: who was invited, the decisions, and the actions decided there that the
    actor may see (an invited mentor sees their own actions, not the others')."""
    record = conference.record
    grant = record_access(actor, record)
    minutes = [(Section.CASEWORK, conference.minutes), (Section.PRACTICAL, conference.practical_minutes)]
    return {
        "participants": list(visible_in(actor, ConferenceParticipant, record).filter(conference=conference)
                             .select_related("user").order_by("id")),
        # Each part of the minutes belongs to a section, like the decisions: one sees those of one's sections.
        "minutes": [(Section(code).label, text) for code, text in minutes if text and grant.sees(code)],
        "sections_shown": [code for code, _text in minutes if grant.sees(code)],
        "decisions": visible_in(actor, Decision, record).filter(conference=conference).order_by("created_at", "id"),
        "actions": visible_in(actor, Action, record).filter(conference=conference).select_related("owner")
        .order_by("due_date", "id"),
    }


def record_by_reference(*, actor, reference: str, action: str = VIEW):
    """The record with this exact reference, if the actor may do `action` to it (None otherwise)."""
    return records_where(actor, action).filter(reference=reference).first()


def access_log(*, record: TransitionRecord):
    """Who saw or changed this record, when and why — one indexed query on the audit trail."""
    return (AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk))
            .select_related("organisation").order_by("-seq"))


def emergency_reasons(*, record: TransitionRecord, events) -> dict[int, str]:
    """The reasons given for the emergency accesses among these access-log events, by event seq: the audit
    event names the grant, whose reason is kept encrypted on the grant alone. For those who may read the
    access log (checked by the caller, as for `access_log`); one query, none when no event is an emergency."""
    grant_ids = {e.seq: e.data.get("emergency_access") for e in events
                 if e.action == "cooperation.record.emergency_access" and e.data.get("emergency_access")}
    if not grant_ids:
        return {}
    reasons = dict(EmergencyAccess.objects.filter(record=record, pk__in=set(grant_ids.values()))
                   .values_list("pk", "reason"))
    return {seq: reasons[pk] for seq, pk in grant_ids.items() if pk in reasons}


def access_log_rows(*, record: TransitionRecord, events) -> list[dict]:
    """The access log's events in plain words: who (name, organisation), what (with the section), why (the
    purpose in the reader's language, or the reason given for an emergency access), when. A fixed number of
    queries for a page, whatever its length (names and reasons resolved in bulk)."""
    from integra.core.audit_display import present

    events = list(events)
    reasons = emergency_reasons(record=record, events=events)
    rows = []
    for view in present(events):
        e = view.event
        section = e.data.get("section") if isinstance(e.data, dict) else ""
        rows.append({
            "event": e, "when": e.occurred_at, "person": view.person, "organisation": view.person_organisation,
            "action": view.action,
            "section": str(Section(section).label) if section in Section.values else (section or ""),
            "purpose": reasons.get(e.seq) or view.purpose,
            "emergency": e.action == "cooperation.record.emergency_access",
            "risk_to_life": bool(isinstance(e.data, dict) and e.data.get("risk_to_life")),
        })
    return rows


def subject_access_releases(*, actor, record: TransitionRecord):
    """The copies of this record released so far, newest first (for those who may export it)."""
    from .models import SubjectAccessRelease

    return list(access.visible(actor, SubjectAccessRelease).filter(record=record).select_related("released_by"))


def referrals_for(*, actor, direction: str = "incoming", status: str = ""):
    qs = access.visible(actor, Referral).select_related("record", "from_organisation", "to_organisation")
    if direction == "incoming":
        qs = qs.filter(to_organisation_id__in=access.organisations_for(actor, Referral, DECIDE))
    else:
        qs = qs.filter(created_by=actor)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at")


def my_actions(*, actor, open_only: bool = True):
    qs = access.visible(actor, Action).filter(owner=actor).select_related("record")
    return qs.open() if open_only else qs


def overdue_actions(*, actor):
    """Overdue actions the actor owns or coordinates (manages the record's team)."""
    today = timezone.localdate()
    coordinated = records_where(actor, MANAGE_TEAM)
    return (access.visible(actor, Action).overdue(today).filter(Q(owner=actor) | Q(record__in=coordinated))
            .select_related("record", "owner").order_by("due_date"))


def releases_without_community_referral(*, actor, days: int = 30):
    today = timezone.localdate()
    accepted = Referral.objects.filter(record_id=OuterRef("pk"), status=Referral.Status.ACCEPTED,
                                       to_organisation__kind__in=COMMUNITY_KINDS)
    return (caseload(actor=actor).filter(expected_release_date__gte=today,
                                         expected_release_date__lte=today + dt.timedelta(days=days))
            .exclude(phase=Phase.CLOSED).filter(~Exists(accepted)))


def counts_by_phase_and_country(*, actor):
    """Aggregates for coordinators: numbers only, over the records the actor may see or is responsible for."""
    qs = access.visible(actor, TransitionRecord) | data_protection_records(actor)
    rows = qs.values("phase", "owner__country").annotate(n=Count("pk", distinct=True)).order_by()
    return list(rows)


def subject_access_for(*, actor, record: TransitionRecord):
    """(the data the actor may export of the record, its scope): what the owner holds for the owner's
    data-protection officer, what their organisation wrote for another organisation's (`subject_access_scope`)."""
    from django.core.exceptions import PermissionDenied

    from .policy import subject_access_scope

    scope = subject_access_scope(actor, record)
    if scope is None:
        raise PermissionDenied
    if scope.whole:
        return subject_access_data(record, items=scope.items_q(), scope=scope), scope
    return subject_access_authored_data(record, scope=scope), scope


def subject_access_data(record: TransitionRecord, *, items=None, scope=None) -> dict:
    """Everything held on the person, in every section, and everyone who accessed it (for the DPO's export).
    `items` (a condition from the policy's `subject_access_scope`) says which notes and documents the export holds:
    after a handover, the owner's DPO answers for the sections the owner holds and what the owner wrote. The
    sections the apps above cooperation registered (assessments, mentoring) follow, each filtered by `scope` itself
    (None: all their rows)."""
    from .subject_access_sections import sections

    items = items if items is not None else Q()

    def when(value):
        return value.isoformat() if value else None

    identity = getattr(record, "identity", None)
    conferences = record.conferences.prefetch_related("participants__user", "decisions")
    return {
        "record": {
            "reference": record.reference, "owner": record.owner.name, "phase": record.phase,
            "establishment": record.establishment, "expected_release_date": when(record.expected_release_date),
            "legal_status": record.legal_status, "languages": record.languages, "restricted": record.restricted,
            "rectification_requested": record.rectification_requested, "legal_hold": record.legal_hold,
            "created_at": when(record.created_at), "closed_at": when(record.closed_at),
        },
        "identity": {f: getattr(identity, f) for f in ("given_names", "family_name", "date_of_birth",
                                                         "nationality", "prison_number", "address")}
        if identity else {},
        "sharing_bases": [{"id": b.pk, "basis": b.basis, "scope": b.scope, "given_on": when(b.given_on),
                           "withdrawn_at": when(b.withdrawn_at), "evidence": b.evidence,
                           "recipients": [o.name for o in b.recipients.all()]}
                          for b in record.bases.prefetch_related("recipients")],
        "team": [{"id": m.pk, "person": str(m.user), "organisation": m.organisation.name,
                  "access_level": m.access_level, "added_at": when(m.added_at), "removed_at": when(m.removed_at)}
                 for m in record.team.select_related("user", "organisation")],
        "flags": [{"id": f.pk, "flag": f.kind, "detail": f.detail, "created_at": when(f.created_at),
                   "removed_at": when(f.removed_at)} for f in record.flags.all()],
        "notes": [{"id": n.pk, "section": n.section, "text": n.body, "author": str(n.author) if n.author else "",
                   "created_at": when(n.created_at)} for n in record.notes.filter(items).select_related("author")],
        "documents": [{"id": d.pk, "section": d.section, "title": d.title, "file_name": d.original_name,
                       "content_type": d.content_type, "size": d.size, "created_at": when(d.created_at)}
                      for d in record.documents.filter(items)],
        "referrals": [{"id": r.pk, "kind": r.kind, "to": r.to_organisation.name, "reason": r.reason,
                       "status": r.status, "sections": r.sections, "created_at": when(r.created_at),
                       "decision_reason": r.decision_reason}
                      for r in record.referrals.select_related("to_organisation")],
        "conferences": [{"id": c.pk, "title": c.title, "scheduled_at": when(c.scheduled_at), "status": c.status,
                         "agenda": c.agenda, "minutes": c.minutes,
                         "participants": [{"person": str(p.user), "attended": p.attended}
                                          for p in c.participants.all()],
                         "decisions": [d.text for d in c.decisions.all()]} for c in conferences],
        "actions": [{"id": a.pk, "title": a.title, "owner": str(a.owner), "due_date": when(a.due_date),
                     "status": a.status}
                    for a in record.actions.select_related("owner")],
        "emergency_accesses": [{"id": e.pk, "person": str(e.user), "reason": e.reason,
                                "granted_at": when(e.granted_at), "expires_at": when(e.expires_at)}
                               for e in record.emergency_accesses.select_related("user")],
        "access_log": [{"seq": e.seq, "when": when(e.occurred_at), "who": e.actor_label, "action": e.action,
                        "purpose": e.purpose, "organisation": e.organisation.name if e.organisation else ""}
                       for e in access_log(record=record)],
    } | {section.name: section.collect(record, scope) for section in sections()}


# What the subject-access export of one organisation's own writing holds of the record (the rest stays out).
AUTHORED_EXPORT_KEYS = ("record", "notes", "documents")


def subject_access_authored_data(record: TransitionRecord, *, scope) -> dict:
    """For the data-protection officer of an organisation that wrote on a record it no longer owns: the notes and
    documents that organisation wrote (the intelligence note included), and what the registered sections say it
    wrote (its assessments, the mentoring of its programme), under the record's reference, and nothing else of the
    record. Same keys as `subject_access_data`, the others empty."""
    from .subject_access_sections import sections

    data = subject_access_data(record, items=Q(organisation_id__in=sorted(scope.organisation_ids)), scope=scope)
    kept = {*AUTHORED_EXPORT_KEYS, *(section.name for section in sections())}
    data = {key: value if key in kept else type(value)() for key, value in data.items()}
    data["record"] = {key: value for key, value in data["record"].items() if key in {"reference", "owner"}}
    return data


def authored_elsewhere(*, actor):
    """Records owned by another organisation on which the actor's organisations wrote (for their DPO)."""
    return authored_records(actor).select_related("owner").order_by("-created_at")
