"""The person's mentoring in their subject-access copy: registered into cooperation's subject-access sections
(cooperation may not import this app) from MentoringConfig.ready().

What is in: each programme the person was referred to as a mentee (with what they asked of a mentor), the matches
(mentor, decision, ending), the sessions with the mentor's report, the goals, the safeguarding concerns, the family
members taking part, and the circles of support where the person is the core member (meetings, minutes, decisions).

Scope: the goals, and the rest of the programme's data, belong to the record's practical-support section; the
concerns to its case-work section (as mentoring's policy shares them with the case team). The owner's
data-protection officer exports them while the owner holds that section, and otherwise those of the programmes run
by the organisations the officer answers for; the officer of an organisation that no longer owns the record exports
what its own programme holds on the person (the programme is the organisation that wrote it).
"""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integra.cooperation.models import Section
from integra.cooperation.subject_access import choice, choices, label, text, when, yes_no
from integra.cooperation.subject_access_sections import register_section, scope_q

from .models import (
    Availability,
    Circle,
    CircleMeeting,
    CircleStatus,
    Closure,
    Concern,
    ConcernCategory,
    ConcernStatus,
    FamilyMember,
    Gender,
    Goal,
    Match,
    MatchStatus,
    Mentee,
    MenteeStatus,
    MentoringSession,
    SessionMode,
    Severity,
)


def _iso(value):
    return value.isoformat() if value else None


def _rows(model, record, scope, *, path: str, section: str):
    """The model's rows about the record's mentee, as far as the scope goes (`path` leads to the mentee)."""
    return model.objects.filter(**{f"{path}record": record}).filter(
        scope_q(scope, section=section, organisation=f"{path}organisation"))


def collect_mentees(record, scope) -> list[dict]:
    rows = _rows(Mentee, record, scope, path="", section=Section.PRACTICAL).select_related("organisation")
    return [{"id": m.pk, "programme": m.organisation.name, "status": m.status, "languages": m.languages,
             "area": m.area, "availability": m.availability, "interests": m.interests,
             "gender_preference": m.gender_preference, "wants_lived_experience": m.wants_lived_experience,
             "culture": m.culture, "culture_consent": m.culture_consent, "created_at": _iso(m.created_at)}
            for m in rows.order_by("created_at", "id")]


def collect_matches(record, scope) -> list[dict]:
    rows = (_rows(Match, record, scope, path="mentee__", section=Section.PRACTICAL)
            .select_related("mentor", "mentee__organisation", "decided_by").order_by("decided_at", "id"))
    return [{"id": m.pk, "programme": m.mentee.organisation.name, "mentor": str(m.mentor), "status": m.status,
             "rationale": m.rationale, "mentee_consent_on": _iso(m.mentee_consent_on),
             "decided_by": str(m.decided_by) if m.decided_by else "", "decided_at": _iso(m.decided_at),
             "ended_at": _iso(m.ended_at), "end_reason": m.end_reason, "closure": m.closure} for m in rows]


def collect_sessions(record, scope) -> list[dict]:
    rows = (_rows(MentoringSession, record, scope, path="match__mentee__", section=Section.PRACTICAL)
            .select_related("match__mentor", "logged_by").order_by("held_on", "id"))
    return [{"id": s.pk, "match": s.match_id, "mentor": str(s.match.mentor), "held_on": _iso(s.held_on),
             "duration_minutes": s.duration_minutes, "mode": s.mode, "attended": s.attended,
             "safety_ok": s.safety_ok, "report": s.notes, "logged_by": str(s.logged_by) if s.logged_by else "",
             "logged_at": _iso(s.logged_at)} for s in rows]


def collect_goals(record, scope) -> list[dict]:
    rows = _rows(Goal, record, scope, path="match__mentee__", section=Section.PRACTICAL).order_by("created_at", "id")
    return [{"id": g.pk, "match": g.match_id, "title": g.title, "progress": g.progress, "comment": g.comment,
             "created_at": _iso(g.created_at), "updated_at": _iso(g.updated_at)} for g in rows]


def collect_concerns(record, scope) -> list[dict]:
    rows = (_rows(Concern, record, scope, path="match__mentee__", section=Section.CASEWORK)
            .select_related("raised_by", "acknowledged_by").order_by("raised_at", "id"))
    return [{"id": c.pk, "match": c.match_id, "severity": c.severity, "category": c.category, "detail": c.detail,
             "status": c.status, "raised_by": str(c.raised_by) if c.raised_by else "", "raised_at": _iso(c.raised_at),
             "acknowledged_at": _iso(c.acknowledged_at), "escalated_at": _iso(c.escalated_at),
             "outcome": c.outcome, "closed_at": _iso(c.closed_at)} for c in rows]


def collect_family(record, scope) -> list[dict]:
    rows = _rows(FamilyMember, record, scope, path="mentee__", section=Section.PRACTICAL).order_by("id")
    return [{"id": f.pk, "name": f.name, "relationship": f.relationship, "consent_given_on": _iso(f.consent_given_on),
             "consent_withdrawn_on": _iso(f.consent_withdrawn_on)} for f in rows]


def collect_circles(record, scope) -> list[dict]:
    meetings = CircleMeeting.objects.prefetch_related("decisions").order_by("held_on", "id")
    rows = (_rows(Circle, record, scope, path="mentee__", section=Section.PRACTICAL)
            .select_related("coordinator").prefetch_related(Prefetch("meetings", queryset=meetings))
            .order_by("started_on", "id"))
    return [{"id": c.pk, "started_on": _iso(c.started_on), "status": c.status,
             "coordinator": str(c.coordinator) if c.coordinator else "",
             "meetings": [{"held_on": _iso(m.held_on), "core_member_present": m.core_member_present,
                           "minutes": m.minutes, "decisions": [d.text for d in m.decisions.all()]}
                          for m in c.meetings.all()]} for c in rows]


def _meeting_line(m: dict) -> str:
    line = (f"{when(m.get('held_on'))} — {label(CircleMeeting, 'core_member_present')}: "
            f"{yes_no(m.get('core_member_present'))}")
    if m.get("minutes"):
        line += f"\n{m['minutes']}"
    if m.get("decisions"):
        line += f"\n{_('Decisions')}: {'; '.join(m['decisions'])}"
    return line


def register() -> None:
    register_section(
        "mentoring_programmes", prefix="mentee", title=gettext_lazy("Mentoring programmes"),
        kind=capfirst(Mentee._meta.verbose_name), empty=gettext_lazy("You were not referred to a mentoring programme."),
        collect=collect_mentees, section=Section.PRACTICAL,
        # Every mentoring row of the person hangs from the programme's mentee: the programme wrote them all.
        writer=(Mentee, "record", "organisation"),
        heading=lambda r: text(r.get("programme")),
        fields=lambda r: [
            (label(Mentee, "status"), choice(MenteeStatus, r.get("status"))),
            (label(Mentee, "languages"), text(r.get("languages"))),
            (label(Mentee, "area"), text(r.get("area"))),
            (label(Mentee, "availability"), choices(Availability, r.get("availability"))),
            (label(Mentee, "interests"), text(r.get("interests"))),
            (label(Mentee, "gender_preference"), choice(Gender, r.get("gender_preference"))),
            (label(Mentee, "wants_lived_experience"), yes_no(r.get("wants_lived_experience"))),
            (label(Mentee, "culture"), text(r.get("culture"))),
            (label(Mentee, "culture_consent"), yes_no(r.get("culture_consent"))),
            (label(Mentee, "created_at"), when(r.get("created_at")))],
        summary=lambda r: f"{r.get('programme')}: {r.get('interests') or ''}")
    register_section(
        "mentoring_matches", prefix="match", title=capfirst(Match._meta.verbose_name_plural),
        kind=capfirst(Match._meta.verbose_name), empty=gettext_lazy("No mentor was matched with you."),
        collect=collect_matches, section=Section.PRACTICAL, date_key="decided_at",
        heading=lambda r: _("%(section)s, %(date)s") % {"section": text(r.get("mentor")),
                                                        "date": when(r.get("decided_at"))},
        fields=lambda r: [
            (_("Mentor"), text(r.get("mentor"))), (_("Programme"), text(r.get("programme"))),
            (label(Match, "status"), choice(MatchStatus, r.get("status"))),
            (label(Match, "rationale"), text(r.get("rationale"))),
            (label(Match, "mentee_consent_on"), when(r.get("mentee_consent_on"))),
            (label(Match, "decided_by"), text(r.get("decided_by"))),
            (label(Match, "decided_at"), when(r.get("decided_at"))),
            (label(Match, "ended_at"), when(r.get("ended_at"))),
            (label(Match, "end_reason"), text(r.get("end_reason"))),
            (label(Match, "closure"), choice(Closure, r.get("closure")))],
        summary=lambda r: f"{r.get('mentor')} — {r.get('rationale') or ''}")
    register_section(
        "mentoring_sessions", prefix="session", title=capfirst(MentoringSession._meta.verbose_name_plural),
        kind=capfirst(MentoringSession._meta.verbose_name), empty=gettext_lazy("No session yet."),
        collect=collect_sessions, section=Section.PRACTICAL, date_key="held_on",
        heading=lambda r: _("%(section)s, %(date)s") % {"section": choice(SessionMode, r.get("mode")),
                                                        "date": when(r.get("held_on"))},
        fields=lambda r: [
            (_("Mentor"), text(r.get("mentor"))),
            (label(MentoringSession, "duration_minutes"), text(r.get("duration_minutes"))),
            (label(MentoringSession, "attended"), yes_no(r.get("attended"))),
            (label(MentoringSession, "safety_ok"), yes_no(r.get("safety_ok"))),
            (label(MentoringSession, "notes"), text(r.get("report"))),
            (label(MentoringSession, "logged_by"), text(r.get("logged_by"))),
            (label(MentoringSession, "logged_at"), when(r.get("logged_at")))],
        summary=lambda r: r.get("report"))
    register_section(
        "mentoring_goals", prefix="goal", title=capfirst(Goal._meta.verbose_name_plural),
        kind=capfirst(Goal._meta.verbose_name), empty=gettext_lazy("No mentoring goal is held."),
        collect=collect_goals, section=Section.PRACTICAL,
        heading=lambda r: text(r.get("title")),
        fields=lambda r: [
            (label(Goal, "progress"), text(r.get("progress"))), (label(Goal, "comment"), text(r.get("comment"))),
            (label(Goal, "created_at"), when(r.get("created_at"))),
            (label(Goal, "updated_at"), when(r.get("updated_at")))],
        summary=lambda r: r.get("title"))
    register_section(
        "mentoring_concerns", prefix="concern", title=capfirst(Concern._meta.verbose_name_plural),
        kind=capfirst(Concern._meta.verbose_name), empty=gettext_lazy("No concern."),
        collect=collect_concerns, section=Section.CASEWORK, date_key="raised_at",
        heading=lambda r: _("%(section)s, %(date)s") % {"section": choice(ConcernCategory, r.get("category")),
                                                        "date": when(r.get("raised_at"))},
        fields=lambda r: [
            (label(Concern, "severity"), choice(Severity, r.get("severity"))),
            (label(Concern, "detail"), text(r.get("detail"))),
            (label(Concern, "status"), choice(ConcernStatus, r.get("status"))),
            (label(Concern, "raised_by"), text(r.get("raised_by"))),
            (label(Concern, "acknowledged_at"), when(r.get("acknowledged_at"))),
            (label(Concern, "escalated_at"), when(r.get("escalated_at"))),
            (label(Concern, "outcome"), text(r.get("outcome"))),
            (label(Concern, "closed_at"), when(r.get("closed_at")))],
        summary=lambda r: f"{choice(ConcernCategory, r.get('category'))}: {r.get('detail') or ''}")
    register_section(
        "mentoring_family", prefix="family", title=capfirst(FamilyMember._meta.verbose_name_plural),
        kind=capfirst(FamilyMember._meta.verbose_name), empty=gettext_lazy("No family member takes part."),
        collect=collect_family, section=Section.PRACTICAL, date_key="consent_given_on",
        heading=lambda r: text(r.get("name")),
        fields=lambda r: [
            (label(FamilyMember, "relationship"), text(r.get("relationship"))),
            (label(FamilyMember, "consent_given_on"), when(r.get("consent_given_on"))),
            (label(FamilyMember, "consent_withdrawn_on"), when(r.get("consent_withdrawn_on")))],
        summary=lambda r: f"{r.get('name')} ({r.get('relationship')})")
    register_section(
        "mentoring_circles", prefix="circle", title=capfirst(Circle._meta.verbose_name_plural),
        kind=capfirst(Circle._meta.verbose_name), empty=gettext_lazy("No circle yet."),
        collect=collect_circles, section=Section.PRACTICAL, date_key="started_on",
        heading=lambda r: _("%(section)s, %(date)s") % {"section": capfirst(Circle._meta.verbose_name),
                                                        "date": when(r.get("started_on"))},
        fields=lambda r: [
            (label(Circle, "status"), choice(CircleStatus, r.get("status"))),
            (label(Circle, "coordinator"), text(r.get("coordinator"))),
            (label(Circle, "started_on"), when(r.get("started_on"))),
            (capfirst(CircleMeeting._meta.verbose_name_plural),
             "\n\n".join(_meeting_line(m) for m in r.get("meetings") or []) or "—")],
        summary=lambda r: _("%(section)s, %(date)s") % {"section": capfirst(Circle._meta.verbose_name),
                                                        "date": when(r.get("started_on"))})
