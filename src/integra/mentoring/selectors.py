"""Reads of the mentoring programme shared by the pages and the API, filtered through the policy.

The matching aid lives here: `suggestions(actor, mentee)` first applies the hard safeguarding constraints (each
exclusion with its reason, for the coordinator only), then scores the remaining mentors on weighted criteria and
shows the points of every criterion. It computes and displays; the coordinator decides (services.match_decide).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access
from integra.learning.selectors import course_certificates

from .models import (
    CheckKind,
    Concern,
    Constraint,
    ConstraintKind,
    Goal,
    Match,
    MatchStatus,
    Mentee,
    MenteeStatus,
    Mentor,
    MentoringSession,
    RequiredCourse,
    Stage,
    Supervision,
    VettingCheck,
    _words,
)
from .policy import coordinated

TOP_N = 5
EXCLUSIONS_SHOWN = 100  # on the page; every exclusion is counted by kind, and the API lists them all
ENCRYPTED_MENTOR_FIELDS = ("full_name", "phone", "motivation", "former_rationale")
MATCHABLE_STAGES = (Stage.AVAILABLE, Stage.MATCHED)


# --- eligibility: vetting and the training gate ------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return day


def eligibility_gaps(mentors, *, today: dt.date | None = None) -> dict[int, list[str]]:
    """{mentor id: why the mentor may not be matched today (empty: eligible)}, in three queries for any number of
    mentors. Dates decide at once: a check or certificate that expired yesterday suspends eligibility today."""
    today = today or timezone.localdate()
    mentors = list(mentors)
    if not mentors:
        return {}
    # (kind, verified, expires_on) per mentor: plain values, no model instances (a pool has thousands of checks)
    checks: dict[int, list[tuple]] = {}
    for mentor_id, kind, verified_at, expires_on in VettingCheck.objects.filter(
            mentor_id__in=[m.pk for m in mentors]).values_list("mentor_id", "kind", "verified_at", "expires_on"):
        checks.setdefault(mentor_id, []).append((kind, verified_at is not None, expires_on))
    required: dict[int, list[RequiredCourse]] = {}
    for item in RequiredCourse.objects.filter(organisation_id__in={m.organisation_id for m in mentors}).select_related(
            "course"):
        required.setdefault(item.organisation_id, []).append(item)
    course_ids = {item.course_id for items in required.values() for item in items}
    certificates = course_certificates(user_ids={m.user_id for m in mentors if m.user_id},
                                       course_ids=course_ids) if course_ids else {}
    result = {}
    for mentor in mentors:
        gaps = []
        own = checks.get(mentor.pk, [])

        def good(kind, own=own):
            return [c for c in own if c[0] == kind and c[1] and (c[2] is None or c[2] >= today)]

        if len(good(CheckKind.REFERENCE)) < 2:
            gaps.append(_("Fewer than two verified references."))
        if not good(CheckKind.INTERVIEW):
            gaps.append(_("No verified interview."))
        if not good(CheckKind.CRIMINAL_RECORD):
            expired = [c for c in own if c[0] == CheckKind.CRIMINAL_RECORD and c[1] and c[2] and c[2] < today]
            gaps.append(_("The criminal-record check expired on %(date)s.") % {"date": expired[0][2]}
                        if expired else _("No verified criminal-record check."))
        if mentor.former_route and not mentor.former_approved_on:
            gaps.append(_("The former's route has no coordinator decision yet."))
        if not mentor.code_of_conduct_signed_on:
            gaps.append(_("The code of conduct is not signed."))
        if not mentor.agreement_accepted_on:
            gaps.append(_("The mentoring agreement is not accepted."))
        for item in required.get(mentor.organisation_id, []):
            awarded = certificates.get((mentor.user_id, item.course_id))
            if awarded is None:
                gaps.append(_("Required course not completed: %(course)s.") % {"course": item.course.title})
            elif item.valid_months and _add_months(awarded, item.valid_months) < today:
                gaps.append(_("The certificate for %(course)s expired on %(date)s.")
                            % {"course": item.course.title, "date": _add_months(awarded, item.valid_months)})
        result[mentor.pk] = gaps
    return result


def former_route_state(mentor: Mentor) -> dict:
    """For the coordinator's page of a former: the requested assessment (instrument, assessor, status, judgement),
    why no decision can be taken yet ("" once it can), and which step comes next."""
    from integra.assessment.models import Assessment
    from integra.assessment.services import applicant_assessment_problem

    assessment = None
    if mentor.former_assessment_id:
        assessment = Assessment.objects.select_related(
            "instrument_version__instrument__qualifying_course", "assessor").get(pk=mentor.former_assessment_id)
    decided = mentor.stage == Stage.EXITED or mentor.former_approved_on is not None
    problem = "" if decided else applicant_assessment_problem(assessment)
    return {"assessment": assessment, "problem": problem, "decided": decided,
            "can_request": not decided and (assessment is None or (assessment.status == Assessment.Status.FINAL
                                                                   and bool(problem))),
            "can_decide": not decided and not problem}


def active_match_counts(mentor_ids) -> dict[int, int]:
    return dict(Match.objects.active().filter(mentor_id__in=list(mentor_ids)).values("mentor_id").annotate(
        n=Count("id")).values_list("mentor_id", "n"))


# --- the matching aid ---------------------------------------------------------------------------------------------


@dataclass
class Criterion:
    code: str
    label: str
    points: int
    maximum: int
    why: str


@dataclass
class Suggestion:
    mentor: Mentor
    criteria: list[Criterion] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    rank: int = 0
    name: str = ""

    @property
    def total(self) -> int:
        return sum(c.points for c in self.criteria)

    @property
    def maximum(self) -> int:
        return sum(c.maximum for c in self.criteria)

    def as_dict(self) -> dict:
        return {"mentor": self.mentor.pk, "rank": self.rank, "total": self.total, "maximum": self.maximum,
                "criteria": [{"code": c.code, "label": c.label, "points": c.points, "maximum": c.maximum,
                              "why": c.why} for c in self.criteria],
                "constraints_passed": self.passed}


@dataclass
class Exclusion:
    mentor: Mentor
    kind: str
    reason: str
    name: str = ""

    def as_dict(self) -> dict:
        return {"mentor": self.mentor.pk, "kind": self.kind, "reason": self.reason}


WEIGHTS = {"language": 20, "gender": 10, "area": 20, "availability": 15, "interests": 20, "lived_experience": 10,
           "culture": 5}


def _score(mentee: Mentee, mentor: Mentor, mentee_languages: set[str]) -> list[Criterion]:
    criteria = []
    shared = sorted(mentee_languages & mentor.language_list)
    criteria.append(Criterion("language", _("Language"), WEIGHTS["language"] if shared else 0, WEIGHTS["language"],
                              _("Shared: %(languages)s") % {"languages": ", ".join(shared)} if shared
                              else _("No shared language")))
    if mentee.gender_preference:
        same = mentor.gender == mentee.gender_preference
        criteria.append(Criterion("gender", _("Gender preference"), WEIGHTS["gender"] if same else 0,
                                  WEIGHTS["gender"], _("As preferred") if same else _("Not as preferred")))
    else:
        criteria.append(Criterion("gender", _("Gender preference"), WEIGHTS["gender"], WEIGHTS["gender"],
                                  _("No preference")))
    same_area = bool(mentee.area) and mentee.area.strip().lower() == mentor.area.strip().lower()
    if same_area:
        area_points, area_why = WEIGHTS["area"], _("Same area")
    elif mentor.travel_km >= 20:
        area_points, area_why = WEIGHTS["area"] // 2, _("Other area; travels up to %(km)s km") % {
            "km": mentor.travel_km}
    else:
        area_points, area_why = 0, _("Other area; travels up to %(km)s km") % {"km": mentor.travel_km}
    criteria.append(Criterion("area", _("Area and travel"), area_points, WEIGHTS["area"], area_why))
    wanted = set(mentee.availability or [])
    covered = wanted & set(mentor.availability or [])
    points = round(WEIGHTS["availability"] * len(covered) / len(wanted)) if wanted else WEIGHTS["availability"]
    criteria.append(Criterion("availability", _("Availability"), points, WEIGHTS["availability"],
                              _("%(n)s of %(m)s times wanted") % {"n": len(covered), "m": len(wanted)} if wanted
                              else _("Any time suits")))
    common = sorted(_words(mentee.interests) & mentor.skill_list)
    criteria.append(Criterion("interests", _("Interests and skills"), min(len(common), 4) * 5, WEIGHTS["interests"],
                              ", ".join(common) if common else _("Nothing in common yet")))
    if mentee.wants_lived_experience:
        criteria.append(Criterion("lived_experience", _("Lived experience"),
                                  WEIGHTS["lived_experience"] if mentor.lived_experience else 0,
                                  WEIGHTS["lived_experience"],
                                  _("Has lived experience") if mentor.lived_experience else _("No lived experience")))
    if mentee.culture_consent and mentor.culture_consent and mentee.culture:
        same = mentee.culture.strip().lower() == mentor.culture.strip().lower()
        criteria.append(Criterion("culture", _("Culture or faith (consented)"), WEIGHTS["culture"] if same else 0,
                                  WEIGHTS["culture"], _("Shared") if same else _("Different")))
    return criteria


def _hard_exclusion(mentor: Mentor, constraints: list[Constraint]) -> tuple[str, str] | None:
    """The safeguarding constraints, pause, stage and account: what needs no vetting data (the cheap part)."""
    for constraint in constraints:
        if constraint.kind in {ConstraintKind.EXCLUSION_ZONE, ConstraintKind.VICTIM_PROXIMITY}:
            if constraint.area and constraint.area.strip().lower() == mentor.area.strip().lower():
                return constraint.kind, f"{constraint.get_kind_display()}: {constraint.area}"
        elif constraint.mentor_id == mentor.pk:
            return constraint.kind, str(constraint.get_kind_display())
    if mentor.stage == Stage.PAUSED:
        return "pause", _("Paused: %(reason)s") % {"reason": mentor.pause_reason or "—"}
    if mentor.stage not in MATCHABLE_STAGES:
        return "stage", _("Stage: %(stage)s") % {"stage": mentor.get_stage_display()}
    if not mentor.user_id:
        return "account", _("No account is linked to this mentor.")
    return None


def _eligibility_exclusion(mentor: Mentor, gaps: list[str], load: int) -> tuple[str, str] | None:
    if gaps:
        return "eligibility", " ".join(gaps)
    if load >= mentor.capacity:
        return "capacity", _("At capacity: %(n)s of %(m)s mentees") % {"n": load, "m": mentor.capacity}
    return None


CONSTRAINTS_CHECKED = ("exclusion_zone", "victim_proximity", "group_link", "prior_relationship", "conflict", "pause",
                       "eligibility", "capacity")


def suggestions(*, actor, mentee: Mentee, today: dt.date | None = None) -> dict:
    """The matching aid for one mentee: every mentor of the programme's pool either excluded by a hard constraint
    (with the reason) or scored; the top five by score, capacity-aware. A fixed number of queries."""
    # The encrypted texts are not read for the whole pool: the names of the mentors shown are read once at the end.
    pool = list(access.visible(actor, Mentor).filter(
        organisation_id=mentee.organisation_id, stage__in=[*MATCHABLE_STAGES, Stage.PAUSED]).defer(
        *ENCRYPTED_MENTOR_FIELDS).order_by("pk"))
    constraints = list(Constraint.objects.filter(mentee=mentee))
    hard = {m.pk: _hard_exclusion(m, constraints) for m in pool}
    candidates = [m for m in pool if hard[m.pk] is None]  # vetting data is read for these only
    gaps = eligibility_gaps(candidates, today=today)
    loads = active_match_counts(m.pk for m in candidates)
    languages = _words(mentee.languages or mentee.record.languages)
    passed_labels = [str(ConstraintKind(k).label) for k in ConstraintKind.values] + [
        _("Not paused"), _("Vetting and training complete"), _("Has capacity")]
    scored, excluded = [], []
    for mentor in pool:
        failed = hard[mentor.pk] or _eligibility_exclusion(mentor, gaps.get(mentor.pk, []), loads.get(mentor.pk, 0))
        if failed:
            excluded.append(Exclusion(mentor, *failed))
            continue
        scored.append(Suggestion(mentor, _score(mentee, mentor, languages), passed_labels))
    scored.sort(key=lambda s: (-s.total, loads.get(s.mentor.pk, 0), s.mentor.pk))
    top = scored[:TOP_N]
    for rank, suggestion in enumerate(top, start=1):
        suggestion.rank = rank
    shown = excluded[:EXCLUSIONS_SHOWN]
    names = dict(Mentor.objects.filter(pk__in=[row.mentor.pk for row in [*top, *shown]]).values_list(
        "pk", "full_name"))
    for row in [*top, *shown]:
        row.name = names.get(row.mentor.pk, "")
    by_kind: dict[str, int] = {}
    for row in excluded:
        by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
    return {"suggestions": top, "excluded": excluded, "excluded_shown": shown, "excluded_by_kind": by_kind,
            "eligible_count": len(scored), "pool_count": len(pool)}


# --- lists ------------------------------------------------------------------------------------------------------


def mentor_pool(*, actor, q: str = "", stage: str = ""):
    qs = access.visible(actor, Mentor).filter(organisation_id__in=coordinated(actor)).select_related("organisation")
    if q:
        qs = qs.filter(Q(email__icontains=q) | Q(area__icontains=q) | Q(languages__icontains=q))
    if stage:
        qs = qs.filter(stage=stage)
    return qs.defer("motivation", "phone", "former_rationale").annotate(
        active_matches=Count("matches", filter=Q(matches__status=MatchStatus.ACTIVE)))


def my_mentor_profiles(*, actor):
    return access.visible(actor, Mentor).filter(user_id=actor.pk).select_related("organisation")


def my_matches(*, actor):
    return access.visible(actor, Match).filter(mentor__user_id=actor.pk, status=MatchStatus.ACTIVE).select_related(
        "mentee", "mentee__record")


def mentees(*, actor, status: str = ""):
    qs = access.visible(actor, Mentee).filter(organisation_id__in=coordinated(actor)).select_related("record")
    return qs.filter(status=status) if status else qs


def checks_expiring(*, actor, today: dt.date | None = None):
    today = today or timezone.localdate()
    from .models import RENEWAL_WINDOW_DAYS

    return access.visible(actor, VettingCheck).filter(
        mentor__organisation_id__in=coordinated(actor), verified_at__isnull=False,
        expires_on__lte=today + dt.timedelta(days=RENEWAL_WINDOW_DAYS)).exclude(
        mentor__stage=Stage.EXITED).select_related("mentor").order_by("expires_on")


def checks_to_verify(*, actor):
    return access.visible(actor, VettingCheck).filter(
        mentor__organisation_id__in=coordinated(actor), verified_at__isnull=True).exclude(
        entered_by_id=actor.pk).select_related("mentor").order_by("entered_at")


def open_concerns(*, actor):
    return access.visible(actor, Concern).open().select_related("match__mentee__record").order_by(
        "-severity", "raised_at")


def supervision_overdue(*, actor, today: dt.date | None = None):
    """Mentors in the pool whose last supervision's next date has passed, or who never had one (one query)."""
    today = today or timezone.localdate()
    latest = Supervision.objects.filter(mentor=OuterRef("pk")).order_by("-held_on", "-id").values("next_due_on")[:1]
    return (access.visible(actor, Mentor).filter(organisation_id__in=coordinated(actor), stage__in=MATCHABLE_STAGES)
            .annotate(next_due=Subquery(latest)).filter(Q(next_due__isnull=True) | Q(next_due__lt=today))
            .only("pk", "full_name", "organisation_id", "user_id").order_by("pk"))


def coordinator_dashboard(*, actor) -> dict:
    pool = access.visible(actor, Mentor).filter(organisation_id__in=coordinated(actor))
    stages = dict(pool.values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return {
        "stages": [(Stage(code).label, stages.get(code, 0), code) for code in Stage.values],
        "expiring": list(checks_expiring(actor=actor)[:20]),
        "to_verify": list(checks_to_verify(actor=actor)[:20]),
        "waiting": list(mentees(actor=actor, status=MenteeStatus.WAITING)[:20]),
        "concerns": list(open_concerns(actor=actor)[:20]),
        "supervision_overdue": list(supervision_overdue(actor=actor)[:20]),
        "minutes_overdue": list(circles_minutes_overdue(actor=actor)[:20]),
    }


def match_page(*, actor, match: Match) -> dict:
    return {
        "sessions": list(access.visible(actor, MentoringSession).filter(match=match)[:50]),
        "goals": list(access.visible(actor, Goal).filter(match=match)),
        "concerns": list(access.visible(actor, Concern).filter(match=match)[:20]),
    }


def overdue_reports(*, actor, days: int = 7):
    """The mentor's active matches with no session logged in the last `days` days (a report may be due)."""
    since = timezone.localdate() - dt.timedelta(days=days)
    return my_matches(actor=actor).exclude(sessions__held_on__gte=since)


def goals_for_record(*, actor, record) -> list[Goal]:
    """Goals of the record's matches, for the record's practical section."""
    return list(access.visible(actor, Goal).filter(match__mentee__record=record).select_related("match"))


def programmes():
    """Organisations whose mentoring programme takes applications: active, with a coordinator. Public."""
    from integra.core.models import Membership, Organisation
    from integra.core.roles import Role

    running = Membership.objects.active().filter(roles__role=Role.MENTORING_COORDINATOR).values("organisation_id")
    return Organisation.objects.filter(is_active=True, pk__in=running).order_by("name")


def incoming_referrals(*, actor):
    """Referrals to the actor's programmes waiting for a decision (cooperation's own selector)."""
    from integra.cooperation.selectors import referrals_for

    return referrals_for(actor=actor, direction="incoming", status="pending").filter(
        to_organisation_id__in=coordinated(actor))


# --- circles of support -------------------------------------------------------------------------------------


def circles(*, actor):
    from .models import Circle

    return access.visible(actor, Circle).select_related("mentee__record", "coordinator").annotate(
        volunteer_count=Count("volunteers", distinct=True)).order_by("status", "-started_on", "-id")


def circle_page(*, actor, circle) -> dict:
    """Everything the circle's page shows, in a fixed number of queries."""
    from django.db.models import Prefetch

    from .models import CircleDecision, CircleMeeting, CircleOuterMember, CircleVolunteer

    meetings = list(access.visible(actor, CircleMeeting).filter(circle=circle).select_related("minutes_by")
                    .prefetch_related(Prefetch("decisions", queryset=access.visible(actor, CircleDecision)
                                               .order_by("id")))[:20])
    return {
        "volunteers": list(access.visible(actor, CircleVolunteer).filter(circle=circle).select_related("mentor")),
        "outer": list(access.visible(actor, CircleOuterMember).filter(circle=circle).select_related(
            "user", "organisation")),
        "meetings": meetings,
        "minutes_overdue": [m for m in meetings if not m.minutes_at and m.minutes_overdue],
    }


def circle_outer_candidates(*, actor, circle):
    """The people of the record's current team who are not yet in the circle."""
    from django.contrib.auth import get_user_model

    from integra.cooperation.selectors import team

    taken = set(circle.outer.values_list("user_id", flat=True)) | set(
        circle.volunteers.exclude(mentor__user_id=None).values_list("mentor__user_id", flat=True))
    users = team(actor=actor, record=circle.mentee.record).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=users).exclude(pk__in=taken).order_by("full_name", "email")


def circle_volunteer_choices(*, actor, mentee):
    return access.visible(actor, Mentor).filter(organisation_id=mentee.organisation_id,
                                                stage__in=MATCHABLE_STAGES).order_by("pk")


def circles_minutes_overdue(*, actor, now=None):
    """Meetings of the actor's visible circles whose minutes are more than 48 hours late (one query)."""
    from .models import MINUTES_DUE_HOURS, CircleMeeting, CircleStatus

    now = now or timezone.now()
    cutoff = timezone.localdate(now - dt.timedelta(hours=MINUTES_DUE_HOURS)) - dt.timedelta(days=1)
    return (access.visible(actor, CircleMeeting).filter(circle__status=CircleStatus.ACTIVE, minutes_at__isnull=True,
                                                       held_on__lte=cutoff)
            .select_related("circle__mentee__record").order_by("held_on"))


# --- programme model versions, outcomes and the dashboard -------------------------------------------------------

SCALE_FILE = "outcome_scale.json"
_scale_cache: dict = {}


def outcome_scale() -> dict:
    """The programme's self-written wellbeing and desistance scale (data in demo_content, read once)."""
    if not _scale_cache:
        import json
        from pathlib import Path

        _scale_cache.update(json.loads((Path(__file__).parent / "demo_content" / SCALE_FILE).read_text("utf-8")))
    return _scale_cache


def scale_items(language: str = "en") -> list[dict]:
    """The statements in the reader's language, falling back to English."""
    return [{"code": item["code"], "subscale": item["subscale"],
             "text": item["text"].get(language) or item["text"]["en"]} for item in outcome_scale()["items"]]


def version_in_force(*, organisation_id: int, day: dt.date):
    from .models import ProgrammeVersion

    return ProgrammeVersion.objects.filter(organisation_id=organisation_id, started_on__lte=day).order_by(
        "-started_on", "-number").first()


def mentee_outcomes(*, actor, mentee) -> dict:
    """The mentee's measures in time order, with the distance travelled from baseline on each subscale."""
    from .models import OutcomeMeasure, OutcomePoint

    order = {code: i for i, code in enumerate(OutcomePoint.values)}
    rows = sorted(access.visible(actor, OutcomeMeasure).filter(mentee=mentee), key=lambda m: order[m.point])
    baseline = next((m for m in rows if m.point == OutcomePoint.BASELINE), None)
    latest = rows[-1] if rows else None
    distance = None
    if baseline and latest and latest is not baseline:
        distance = {"wellbeing": latest.wellbeing - baseline.wellbeing,
                    "desistance": latest.desistance - baseline.desistance, "point": latest.get_point_display()}
    done = {m.point for m in rows}
    return {"rows": rows, "distance": distance,
            "missing": [(code, label) for code, label in OutcomePoint.choices if code not in done]}


def _mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def version_metrics(version, next_start: dt.date | None) -> dict:
    """The dashboard's figures for one version, in a fixed number of queries (aggregates, no rows per match)."""
    from django.db.models import Avg, Min

    from .models import Closure, MatchStatus, OutcomeMeasure, OutcomePoint

    applied = Mentor.objects.filter(organisation_id=version.organisation_id, applied_at__date__gte=version.started_on)
    if next_start:
        applied = applied.filter(applied_at__date__lt=next_start)
    by_stage = dict(applied.values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    order = list(Stage.values)
    reached = {}
    for code in (Stage.APPLICANT, Stage.VETTING, Stage.TRAINING, Stage.AVAILABLE, Stage.MATCHED):
        # a mentor who is further on (or paused after being available) has passed this stage; exited ones count
        # where they stood when they applied only
        later = [s for s in order[order.index(code):] if s != Stage.EXITED]
        reached[code] = sum(by_stage.get(s, 0) for s in later) + (by_stage.get(Stage.EXITED, 0)
                                                                   if code == Stage.APPLICANT else 0)
    matches = Match.objects.filter(programme_version=version)
    total_matches = matches.count()
    first = (matches.values("mentor_id").annotate(first=Min("decided_at"), applied=Min("mentor__applied_at"))
             .values_list("first", "applied"))
    waits = [(f - a).days for f, a in first if f and a and f >= a]
    sessions = MentoringSession.objects.filter(match__programme_version=version).count()
    concerns = Concern.objects.filter(match__programme_version=version).count()
    goal_progress = Goal.objects.filter(match__programme_version=version).aggregate(p=Avg("progress"))["p"]
    closures = dict(matches.exclude(closure="").values("closure").annotate(n=Count("id")).values_list("closure", "n"))
    ended = sum(closures.values())
    retained = matches.filter(Q(status=MatchStatus.ACTIVE) | Q(closure=Closure.PLANNED)).count()
    measures = OutcomeMeasure.objects.filter(version=version).values_list("mentee_id", "point", "wellbeing",
                                                                         "desistance")
    points = {code: i for i, code in enumerate(OutcomePoint.values)}
    by_mentee: dict[int, list] = {}
    for mentee_id, point, wellbeing, desistance in measures:
        by_mentee.setdefault(mentee_id, []).append((points[point], wellbeing, desistance))
    changes_w, changes_d = [], []
    for rows in by_mentee.values():
        rows.sort()
        if len(rows) > 1 and rows[0][0] == 0:
            changes_w.append(rows[-1][1] - rows[0][1])
            changes_d.append(rows[-1][2] - rows[0][2])
    return {
        "funnel": [(Stage(code).label, reached[code]) for code in reached],
        "days_to_first_match": _mean(waits),
        "training_completion": round(100 * reached[Stage.AVAILABLE] / reached[Stage.APPLICANT])
        if reached[Stage.APPLICANT] else None,
        "matches": total_matches,
        "sessions_per_match": round(sessions / total_matches, 1) if total_matches else None,
        "goal_progress": round(goal_progress) if goal_progress is not None else None,
        "concerns_per_100": round(100 * concerns / sessions, 1) if sessions else None,
        "closures": [(Closure(code).label, n) for code, n in sorted(closures.items())],
        "ended": ended,
        "retention": round(100 * retained / total_matches) if total_matches else None,
        "wellbeing_change": _mean(changes_w),
        "desistance_change": _mean(changes_d),
        "measured": len(changes_w),
    }


def programme_dashboard(*, actor, first, second=None) -> dict:
    """Two versions side by side: each metric as a pair of values with bar widths scaled to the larger one (0–100),
    for server-side SVG bars."""
    from .models import ProgrammeVersion

    chosen = [v for v in (first, second) if v is not None]
    starts = {}
    for version in chosen:
        following = ProgrammeVersion.objects.filter(organisation_id=version.organisation_id,
                                                    number__gt=version.number).order_by("number").first()
        starts[version.pk] = following.started_on if following else None
    figures = [version_metrics(v, starts[v.pk]) for v in chosen]
    labels = [
        ("days_to_first_match", _("Days from application to first match")),
        ("training_completion", _("Training completion: applicants who became available (per cent)")),
        ("matches", _("Matches")),
        ("sessions_per_match", _("Sessions per match")),
        ("goal_progress", _("Goal progress: average (per cent)")),
        ("concerns_per_100", _("Concerns per 100 sessions")),
        ("retention", _("Retention: matches active or closed as planned (per cent)")),
        ("wellbeing_change", _("Wellbeing: average distance travelled")),
        ("desistance_change", _("Desistance: average distance travelled")),
    ]
    rows = [_bar_row(label, [f[key] for f in figures]) for key, label in labels]
    funnel = [_bar_row(label, [f["funnel"][i][1] for f in figures])
              for i, (label, _n) in enumerate(figures[0]["funnel"])] if figures else []
    closure_labels = sorted({label for f in figures for label, _n in f["closures"]}, key=str)
    closures = [_bar_row(label, [dict(f["closures"]).get(label, 0) for f in figures]) for label in closure_labels]
    return {"versions": chosen, "figures": figures, "rows": rows, "funnel": funnel, "closures": closures}


def _bar_row(label, values) -> dict:
    top = max((abs(v) for v in values if v is not None), default=0)
    bars = [{"value": v, "width": round(100 * abs(v) / top) if v is not None and top else 0,
             "negative": v is not None and v < 0} for v in values]
    return {"label": label, "bars": bars}


# --- standards self-assessment ------------------------------------------------------------------------------

_standards_cache: dict = {}


def standards() -> dict:
    """MENTOR's Elements of Effective Practice and the NCVO Approved Provider Standard, paraphrased as data."""
    if not _standards_cache:
        import json
        from pathlib import Path

        _standards_cache.update(json.loads((Path(__file__).parent / "demo_content" / "standards.json").read_text(
            "utf-8")))
    return _standards_cache


def standard_codes() -> set[str]:
    return {s["code"] for f in standards()["frameworks"] for s in f["standards"]}


def standard_named(code: str) -> dict | None:
    return next((s for f in standards()["frameworks"] for s in f["standards"] if s["code"] == code), None)


def programme_standards(*, actor, organisation, today: dt.date | None = None) -> list[dict]:
    """Each framework with its standards and the programme's current self-assessment (one query)."""
    from .models import StandardAssessment

    today = today or timezone.localdate()
    rows = {r.code: r for r in access.visible(actor, StandardAssessment).filter(organisation=organisation)}
    result = []
    for framework in standards()["frameworks"]:
        items = []
        for standard in framework["standards"]:
            row = rows.get(standard["code"])
            items.append({**standard, "assessment": row,
                          "overdue": bool(row and row.review_due_on and row.review_due_on < today)})
        result.append({"code": framework["code"], "name": framework["name"], "standards": items})
    return result


def coordinated_organisations(*, actor):
    """The organisations whose programme the actor coordinates (choice lists of the programme pages)."""
    from integra.core.models import Organisation

    return Organisation.objects.filter(pk__in=coordinated(actor)).order_by("name")


def programme_coordinators(*, organisation_id: int):
    """The mentoring coordinators of one programme, as a queryset for a choice list."""
    from django.contrib.auth import get_user_model

    from integra.core.selectors import people_with_roles

    from .policy import COORDINATOR_ROLES

    ids = [u.pk for u in people_with_roles(organisation_id=organisation_id, roles=COORDINATOR_ROLES)]
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "email")
