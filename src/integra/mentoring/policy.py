"""Who may do what in the mentoring programme, in one place.

- The organisation's mentoring coordinators run its programme: the pool, vetting, mentees, constraints, matches,
  concerns and supervision.
- A mentor sees their own profile and vetting register, and their own matches: the mentee's practical level only
  (what the match needs), sessions, goals and the concerns they raised — their status, never the outcome.
- The case team of the transition record sees the goals through the record's practical section and the concerns
  through its case-work section, as cooperation's policy decides; nothing else of the programme.
- Hard safeguarding constraints are for coordinators only.
"""

from django.db.models import Exists, OuterRef, Q

from integra.cooperation.models import Section
from integra.cooperation.policy import records_where, section_action
from integra.core import access
from integra.core.access import ADD, CHANGE, DELETE, VIEW, ChildPolicy, Policy, organisations_where, register
from integra.core.roles import Role

from .models import (
    Circle,
    CircleDecision,
    CircleMeeting,
    CircleOuterMember,
    CircleStatus,
    CircleVolunteer,
    Concern,
    ConcernStatus,
    Constraint,
    ExitSurvey,
    FamilyMember,
    Goal,
    Match,
    MatchAgreement,
    MatchStatus,
    Mentee,
    MenteeStatus,
    Mentor,
    MentoringSession,
    OutcomeMeasure,
    ProgrammeVersion,
    RequiredCourse,
    Respondent,
    Stage,
    StandardAssessment,
    Supervision,
    VersionChange,
    VettingCheck,
)

COORDINATOR_ROLES = (Role.MENTORING_COORDINATOR,)
MENTOR_ROLES = (Role.MENTOR,)

MANAGE = "manage"  # coordinator's work on a mentor, mentee or match
ENTER_CHECK = "enter_check"
SIGN = "sign"  # the mentor signs the code of conduct and accepts the agreement
VERIFY = "verify"
LOG = "log"  # a session, goal or concern on a match: its mentor
DECIDE = "decide"  # a match for a mentee
ACKNOWLEDGE = "acknowledge"
NOBODY = "nobody"


def coordinated(actor) -> set[int]:
    """The organisations whose programme the actor coordinates."""
    return organisations_where(actor, *COORDINATOR_ROLES)


def _practical_records(actor):
    return records_where(actor, section_action(Section.PRACTICAL)).values("pk")


def _casework_records(actor):
    return records_where(actor, section_action(Section.CASEWORK)).values("pk")


@register(Mentor)
class MentorPolicy(Policy):
    def visible(self, actor):
        return Mentor.objects.filter(Q(organisation_id__in=coordinated(actor)) | Q(user_id=actor.pk))

    def can(self, actor, action, obj):
        coordinator = obj.organisation_id in coordinated(actor)
        own = obj.user_id is not None and obj.user_id == actor.pk
        if action == VIEW:
            return coordinator or own
        if action == ENTER_CHECK:
            return (coordinator or own) and obj.stage != Stage.EXITED
        if action in {CHANGE, MANAGE}:
            return coordinator
        if action == SIGN:
            return own and obj.stage != Stage.EXITED
        return False

    def can_create(self, actor, *, organisation=None, **context):
        return organisation is not None and organisation.pk in coordinated(actor)

    def organisations_for(self, actor, action):
        if action == VIEW:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        if action in {ADD, CHANGE, MANAGE}:
            return coordinated(actor)
        if action in {ENTER_CHECK, SIGN}:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        return set()


@register(VettingCheck)
class VettingCheckPolicy(ChildPolicy):
    """A check is seen with its mentor; the mentor or a coordinator enters it; a coordinator other than the person
    who entered it verifies it (the two-person rule)."""

    parent = "mentor"
    parent_model = Mentor
    actions = {ADD: ENTER_CHECK, CHANGE: NOBODY, DELETE: NOBODY}

    def can(self, actor, action, obj):
        if action == VERIFY:
            return (obj.mentor.organisation_id in coordinated(actor) and obj.verified_at is None
                    and obj.entered_by_id != actor.pk)
        return super().can(actor, action, obj)


class _CoordinatorsOfTheOrganisation(Policy):
    """Rows of one organisation's programme that its mentoring coordinators see and manage (`actions` on a row)."""

    model = None
    actions = frozenset({VIEW, CHANGE})  # on a row
    listed_for = frozenset({VIEW, ADD, CHANGE})  # the actions organisations_for answers

    def visible(self, actor):
        return self.model.objects.filter(organisation_id__in=coordinated(actor))

    def can(self, actor, action, obj):
        return action in self.actions and obj.organisation_id in coordinated(actor)

    def can_create(self, actor, *, organisation=None, **context):
        return organisation is not None and organisation.pk in coordinated(actor)

    def organisations_for(self, actor, action):
        return coordinated(actor) if action in self.listed_for else set()


@register(RequiredCourse)
class RequiredCoursePolicy(_CoordinatorsOfTheOrganisation):
    model = RequiredCourse
    actions = frozenset({VIEW, CHANGE, DELETE})


def _mentor_of(actor, mentee_field: str = "pk"):
    """The condition "the actor is the mentor of an active match of this mentee"."""
    return Exists(Match.objects.filter(mentee_id=OuterRef(mentee_field), status=MatchStatus.ACTIVE,
                                       mentor__user_id=actor.pk))


@register(Mentee)
class MenteePolicy(Policy):
    def visible(self, actor):
        return Mentee.objects.filter(Q(organisation_id__in=coordinated(actor)) | _mentor_of(actor))

    def can(self, actor, action, obj):
        coordinator = obj.organisation_id in coordinated(actor)
        if action == VIEW:
            return coordinator or obj.matches.filter(status=MatchStatus.ACTIVE, mentor__user_id=actor.pk).exists()
        if action in {CHANGE, MANAGE}:
            return coordinator
        if action == DECIDE:
            return coordinator and obj.status != MenteeStatus.CLOSED
        return False

    def can_create(self, actor, *, organisation=None, **context):
        return organisation is not None and organisation.pk in coordinated(actor)

    def organisations_for(self, actor, action):
        if action == VIEW:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        if action in {ADD, CHANGE, MANAGE, DECIDE}:
            return coordinated(actor)
        return set()


@register(Constraint)
class ConstraintPolicy(ChildPolicy):
    """Constraints and the reasons for exclusions: coordinators only, never the mentor."""

    parent = "mentee"
    parent_model = Mentee
    actions = {VIEW: MANAGE, ADD: MANAGE, CHANGE: NOBODY, DELETE: MANAGE}

    def visible(self, actor):
        return Constraint.objects.filter(mentee__organisation_id__in=coordinated(actor))


@register(FamilyMember)
class FamilyMemberPolicy(ChildPolicy):
    parent = "mentee"
    parent_model = Mentee
    actions = {ADD: MANAGE, CHANGE: MANAGE, DELETE: NOBODY}


@register(Match)
class MatchPolicy(Policy):
    def visible(self, actor):
        return Match.objects.filter(Q(mentee__organisation_id__in=coordinated(actor)) | Q(mentor__user_id=actor.pk))

    def can(self, actor, action, obj):
        coordinator = obj.mentee.organisation_id in coordinated(actor)
        own = obj.mentor.user_id is not None and obj.mentor.user_id == actor.pk
        if action == VIEW:
            return coordinator or own
        if action in {CHANGE, MANAGE}:
            return coordinator and obj.status == MatchStatus.ACTIVE
        if action == LOG:
            return own and obj.status == MatchStatus.ACTIVE
        return False

    def can_create(self, actor, *, mentee=None, **context):
        return mentee is not None and MenteePolicy().can(actor, DECIDE, mentee)

    def organisations_for(self, actor, action):
        if action == VIEW:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        if action in {ADD, CHANGE, MANAGE}:
            return coordinated(actor)
        if action == LOG:
            return organisations_where(actor, *MENTOR_ROLES)
        return set()


@register(MatchAgreement)
class MatchAgreementPolicy(ChildPolicy):
    """The agreement is read by the match's people; the coordinator drafts it; each party signs their part."""

    parent = "match"
    parent_model = Match
    actions = {ADD: MANAGE, CHANGE: NOBODY, DELETE: NOBODY}

    def can(self, actor, action, obj):
        if action == "sign_as_mentor":
            return MatchPolicy().can(actor, LOG, obj.match) and obj.mentor_signed_at is None
        if action == "sign_as_coordinator":
            return MatchPolicy().can(actor, MANAGE, obj.match) and obj.coordinator_signed_at is None
        return super().can(actor, action, obj)


@register(MentoringSession)
class MentoringSessionPolicy(ChildPolicy):
    """Sessions and their notes: the match's mentor and the coordinators; the mentor logs them."""

    parent = "match"
    parent_model = Match
    actions = {ADD: LOG, CHANGE: NOBODY, DELETE: NOBODY}


@register(Goal)
class GoalPolicy(Policy):
    """Goals are practical: the match's people, and the record's team members who see its practical section."""

    def visible(self, actor):
        return Goal.objects.filter(Q(match__in=MatchPolicy().visible(actor).values("pk"))
                                   | Q(match__mentee__record_id__in=_practical_records(actor)))

    def can(self, actor, action, obj):
        match = obj.match
        if action == VIEW:
            return (MatchPolicy().can(actor, VIEW, match)
                    or access.can(actor, section_action(Section.PRACTICAL), match.mentee.record))
        if action == CHANGE:
            return MatchPolicy().can(actor, LOG, match)
        return False

    def can_create(self, actor, *, match=None, **context):
        return match is not None and MatchPolicy().can(actor, LOG, match)

    def organisations_for(self, actor, action):
        return MatchPolicy().organisations_for(actor, VIEW if action == VIEW else LOG)


@register(Concern)
class ConcernPolicy(Policy):
    """A concern: the coordinators, the mentor who raised it (its status), and the record's case team (those who
    see its case-work section)."""

    def visible(self, actor):
        return Concern.objects.filter(Q(match__mentee__organisation_id__in=coordinated(actor))
                                      | Q(raised_by_id=actor.pk)
                                      | Q(match__mentee__record_id__in=_casework_records(actor)))

    def _coordinator(self, actor, obj):
        return obj.match.mentee.organisation_id in coordinated(actor)

    def can(self, actor, action, obj):
        if action == VIEW:
            return (self._coordinator(actor, obj) or obj.raised_by_id == actor.pk
                    or access.can(actor, section_action(Section.CASEWORK), obj.match.mentee.record))
        if action == "view_outcome":
            return self._coordinator(actor, obj) or access.can(actor, section_action(Section.CASEWORK),
                                                               obj.match.mentee.record)
        if action == ACKNOWLEDGE:
            return self._coordinator(actor, obj) and obj.status == ConcernStatus.OPEN
        if action == CHANGE:
            return self._coordinator(actor, obj) and obj.status != ConcernStatus.CLOSED
        return False

    def can_create(self, actor, *, match=None, **context):
        return match is not None and MatchPolicy().can(actor, LOG, match)

    def organisations_for(self, actor, action):
        if action == VIEW:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        if action == ADD:
            return organisations_where(actor, *MENTOR_ROLES)
        if action in {CHANGE, ACKNOWLEDGE}:
            return coordinated(actor)
        return set()


@register(Supervision)
class SupervisionPolicy(ChildPolicy):
    """Supervision of a mentor: seen by the mentor and the coordinators; recorded by a coordinator."""

    parent = "mentor"
    parent_model = Mentor
    actions = {ADD: MANAGE, CHANGE: NOBODY, DELETE: NOBODY}


@register(ExitSurvey)
class ExitSurveyPolicy(Policy):
    """The exit survey of an ended match: coordinators see and record both answers (the mentee's through staff); the
    mentor sees and answers their own."""

    def visible(self, actor):
        return ExitSurvey.objects.filter(Q(match__mentee__organisation_id__in=coordinated(actor))
                                         | Q(match__mentor__user_id=actor.pk, respondent=Respondent.MENTOR))

    def can(self, actor, action, obj):
        coordinator = obj.match.mentee.organisation_id in coordinated(actor)
        own = obj.respondent == Respondent.MENTOR and obj.match.mentor.user_id == actor.pk
        return action == VIEW and (coordinator or own)

    def can_create(self, actor, *, match=None, respondent="", **context):
        if match is None:
            return False
        if match.mentee.organisation_id in coordinated(actor):
            return True
        return respondent == Respondent.MENTOR and match.mentor.user_id is not None and match.mentor.user_id == actor.pk

    def organisations_for(self, actor, action):
        if action in {VIEW, ADD}:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        return set()


@register(Circle)
class CirclePolicy(Policy):
    """A circle of support: the programme's coordinators and the circle's coordinator run it; its volunteers see it,
    record its meetings, minutes and decisions; the outer circle (professionals of the record's team) sees the
    decisions, not the minutes. The core member's record stays behind cooperation's policy."""

    def _volunteer_of(self, actor):
        return Exists(CircleVolunteer.objects.filter(circle_id=OuterRef("pk"), mentor__user_id=actor.pk))

    def _outer_of(self, actor):
        return Exists(CircleOuterMember.objects.filter(circle_id=OuterRef("pk"), user_id=actor.pk))

    def visible(self, actor):
        if not getattr(actor, "is_authenticated", False):
            return Circle.objects.none()
        return Circle.objects.filter(Q(mentee__organisation_id__in=coordinated(actor)) | Q(coordinator_id=actor.pk)
                                     | self._volunteer_of(actor) | self._outer_of(actor))

    def _manager(self, actor, obj):
        return obj.mentee.organisation_id in coordinated(actor) or obj.coordinator_id == actor.pk

    def _volunteer(self, actor, obj):
        return obj.volunteers.filter(mentor__user_id=actor.pk).exists()

    def can(self, actor, action, obj):
        active = obj.status == CircleStatus.ACTIVE
        if action == VIEW:
            return (self._manager(actor, obj) or self._volunteer(actor, obj)
                    or obj.outer.filter(user_id=actor.pk).exists())
        if action == "view_minutes":
            return self._manager(actor, obj) or self._volunteer(actor, obj)
        if action in {CHANGE, MANAGE}:
            return active and self._manager(actor, obj)
        if action == LOG:
            return active and (self._manager(actor, obj) or self._volunteer(actor, obj))
        return False

    def can_create(self, actor, *, mentee=None, **context):
        return mentee is not None and mentee.organisation_id in coordinated(actor) and mentee.status != \
            MenteeStatus.CLOSED

    def organisations_for(self, actor, action):
        if action == VIEW:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES) | access.organisations_of(actor)
        if action in {ADD, CHANGE, MANAGE}:
            return coordinated(actor)
        if action == LOG:
            return coordinated(actor) | organisations_where(actor, *MENTOR_ROLES)
        return set()


@register(CircleVolunteer)
class CircleVolunteerPolicy(ChildPolicy):
    parent = "circle"
    parent_model = Circle
    actions = {ADD: MANAGE, CHANGE: NOBODY, DELETE: NOBODY}


@register(CircleOuterMember)
class CircleOuterMemberPolicy(ChildPolicy):
    parent = "circle"
    parent_model = Circle
    actions = {ADD: MANAGE, CHANGE: NOBODY, DELETE: NOBODY}


@register(CircleMeeting)
class CircleMeetingPolicy(ChildPolicy):
    """Meetings: seen with the circle; recorded and minuted by its volunteers and coordinators."""

    parent = "circle"
    parent_model = Circle
    actions = {ADD: LOG, CHANGE: LOG, DELETE: NOBODY}


@register(CircleDecision)
class CircleDecisionPolicy(ChildPolicy):
    parent = "meeting__circle"
    parent_model = Circle
    actions = {ADD: LOG, CHANGE: NOBODY, DELETE: NOBODY}

    def can_create(self, actor, *, meeting=None, **context):
        return meeting is not None and CirclePolicy().can(actor, LOG, meeting.circle)


@register(ProgrammeVersion)
class ProgrammeVersionPolicy(_CoordinatorsOfTheOrganisation):
    """The programme model and its versions: the organisation's coordinators."""

    model = ProgrammeVersion
    actions = frozenset({VIEW, CHANGE, MANAGE})
    listed_for = frozenset({VIEW, ADD, CHANGE, MANAGE})


@register(VersionChange)
class VersionChangePolicy(ChildPolicy):
    parent = "version"
    parent_model = ProgrammeVersion
    actions = {ADD: CHANGE, CHANGE: NOBODY, DELETE: NOBODY}


@register(OutcomeMeasure)
class OutcomeMeasurePolicy(ChildPolicy):
    """Outcome measures of a mentee: recorded and seen by the programme's coordinators (staff, with the mentee)."""

    parent = "mentee"
    parent_model = Mentee
    actions = {VIEW: MANAGE, ADD: MANAGE, CHANGE: NOBODY, DELETE: NOBODY}

    def visible(self, actor):
        return OutcomeMeasure.objects.filter(mentee__organisation_id__in=coordinated(actor))


@register(StandardAssessment)
class StandardAssessmentPolicy(_CoordinatorsOfTheOrganisation):
    """The programme's standards self-assessment: its coordinators."""

    model = StandardAssessment


def access_version(actor, pk, action: str = VIEW) -> ProgrammeVersion:
    return access.access(actor, ProgrammeVersion, pk, action,
                         queryset=access.visible(actor, ProgrammeVersion).select_related("organisation"))


def access_circle(actor, pk, action: str = VIEW) -> Circle:
    return access.access(actor, Circle, pk, action, queryset=access.visible(actor, Circle).select_related(
        "mentee", "mentee__record", "coordinator"))


def access_circle_meeting(actor, pk, action: str = VIEW) -> CircleMeeting:
    return access.access(actor, CircleMeeting, pk, action, queryset=access.visible(actor, CircleMeeting)
                         .select_related("circle", "circle__mentee", "circle__mentee__record"))


# --- fetch and check (404 when missing or forbidden) -------------------------------------------------------


def access_mentor(actor, pk, action: str = VIEW) -> Mentor:
    return access.access(actor, Mentor, pk, action,
                         queryset=access.visible(actor, Mentor).select_related("organisation", "user"))


def access_check(actor, pk, action: str = VIEW) -> VettingCheck:
    return access.access(actor, VettingCheck, pk, action,
                         queryset=access.visible(actor, VettingCheck).select_related("mentor"))


def access_mentee(actor, pk, action: str = VIEW) -> Mentee:
    return access.access(actor, Mentee, pk, action,
                         queryset=access.visible(actor, Mentee).select_related("record", "organisation"))


def access_match(actor, pk, action: str = VIEW) -> Match:
    return access.access(actor, Match, pk, action, queryset=access.visible(actor, Match).select_related(
        "mentee", "mentee__record", "mentor", "mentor__user", "closing_session"))


def access_goal(actor, pk, action: str = VIEW) -> Goal:
    return access.access(actor, Goal, pk, action,
                         queryset=access.visible(actor, Goal).select_related("match", "match__mentor"))


def access_concern(actor, pk, action: str = VIEW) -> Concern:
    return access.access(actor, Concern, pk, action, queryset=access.visible(actor, Concern).select_related(
        "match", "match__mentee", "match__mentee__record", "match__mentor"))


def concern_watchers(concern: Concern) -> list:
    """Who is alerted when a concern is raised: the programme's coordinators."""
    from integra.core.selectors import people_with_roles

    return people_with_roles(organisation_id=concern.match.mentee.organisation_id, roles=COORDINATOR_ROLES)
