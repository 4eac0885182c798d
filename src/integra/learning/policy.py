"""Learning: who reads, takes, designs and teaches what.

- Everyone signed in may browse published courses and learn; learners see their own enrolments, progress,
  reflections and certificates, and nobody else's.
- Curriculum designers maintain the blueprint and all courses (drafts included), read every enrolment, quiz
  attempt and piece of pilot feedback (item analysis, pilot reports) and may revoke certificates.
- Trainers run the cohorts of their organisations: they create cohorts there, and see the learners and the
  progress of those cohorts only. Organisation administrators see their organisations' cohorts and decide
  whether only certified trainers may run them.
- A certificate is issued and revoked by whoever the app that issued it names (events: the event's organisers,
  see `register_certificate_authority`); the platform administrator and designers may revoke any.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q

from integra.core import access
from integra.core.access import (
    ADD,
    CHANGE,
    VIEW,
    ChildPolicy,
    Policy,
    is_platform_admin,
    organisations_where,
    register,
)
from integra.core.roles import Role

from .models import (
    Block,
    Certificate,
    Cohort,
    Competence,
    CompetenceArea,
    Course,
    CourseEvaluation,
    Enrolment,
    LearningOutcome,
    Lesson,
    LessonFeedback,
    LessonProgress,
    Module,
    OrganisationLearningSettings,
    Question,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    Reflection,
    TrainerObservation,
)

DESIGN = "design"
RUN_COHORT = "run_cohort"
REVOKE = "revoke"
SIGN_OFF = "sign_off"


def is_designer(actor) -> bool:
    return is_platform_admin(actor) or bool(organisations_where(actor, Role.CURRICULUM_DESIGNER))


def is_trainer(actor) -> bool:
    return is_platform_admin(actor) or bool(organisations_where(actor, Role.TRAINER))


def may_observe_trainers(user) -> bool:
    """Who signs off a trainer candidate's observed session: a certified trainer, or a curriculum designer, who
    answers for the programme (that is how a platform's first trainers are certified)."""
    from .selectors import is_certified_trainer

    return is_designer(user) or is_certified_trainer(user=user)


# --- certificates -------------------------------------------------------------------------------------------------

# Who may issue and revoke the certificates another app issues, by the prefix of their source
# ("events.registration" for "events.registration:12"). Learning cannot know an event's organisers (nothing
# imports events), so events says it when it starts (events/policy.py).
_certificate_authorities: dict[str, Callable[[object, str], bool]] = {}


def register_certificate_authority(source_prefix: str, decides: Callable[[object, str], bool]) -> None:
    """`decides(actor, source)` answers whether the actor may issue or revoke the certificate of that source."""
    _certificate_authorities[source_prefix] = decides


def _authority_for(actor, source: str) -> bool:
    decides = _certificate_authorities.get(source.split(":", 1)[0])
    return decides is not None and decides(actor, source)


@register(Certificate)
class CertificatePolicy(Policy):
    """The holder sees their own; the public sees only validity, name, title and date (verify).

    Course and trainer certificates are issued by the platform itself when their conditions are met (services,
    with no actor); another app's certificates by whoever that app names."""

    def visible(self, actor):
        qs = Certificate.objects.all()
        return qs if is_platform_admin(actor) else qs.filter(holder=actor)

    def can(self, actor, action, obj):
        if action == VIEW:
            return obj.holder_id == actor.pk or is_platform_admin(actor)
        if action == REVOKE:
            return is_designer(actor) or _authority_for(actor, obj.source)
        return False

    def can_create(self, actor, *, source: str = "", **context):
        return is_platform_admin(actor) or (bool(source) and _authority_for(actor, source))

    def can_any(self, actor, action):
        if action == VIEW:
            return True  # everyone may hold certificates
        if action == REVOKE:
            return is_designer(actor)  # the revocation page; organisers revoke through their own app
        return super().can_any(actor, action)


# --- courses and their content ------------------------------------------------------------------------------------


@register(Course)
class CoursePolicy(Policy):
    def visible(self, actor):
        qs = Course.objects.all()
        return qs if is_designer(actor) else qs.filter(status=Course.Status.PUBLISHED)

    def can(self, actor, action, obj):
        if action == VIEW:
            return obj.status == Course.Status.PUBLISHED or is_designer(actor)
        if action in {CHANGE, DESIGN}:
            return is_designer(actor)
        return False

    def can_create(self, actor, **context):
        return is_designer(actor)

    def can_any(self, actor, action):
        if action == VIEW:
            return True  # the catalogue is open to everyone signed in
        if action in {ADD, CHANGE, DESIGN}:
            return is_designer(actor)
        return False


class _CourseContentPolicy(ChildPolicy):
    """Modules, lessons, blocks and quizzes are read with their course and designed with it: adding or changing
    one is designing the course."""

    parent_model = Course
    actions = {ADD: DESIGN, CHANGE: DESIGN}


@register(Module)
class ModulePolicy(_CourseContentPolicy):
    parent = "course"


@register(Lesson)
class LessonPolicy(_CourseContentPolicy):
    parent = "module__course"


@register(Block)
class BlockPolicy(_CourseContentPolicy):
    parent = "lesson__module__course"


@register(Quiz)
class QuizPolicy(_CourseContentPolicy):
    parent = "module__course"


class _BlueprintPolicy(Policy):
    """The competences blueprint is open to every signed-in person and maintained by curriculum designers."""

    def visible(self, actor):
        return self.model._default_manager.all()

    def can(self, actor, action, obj):
        return action == VIEW or is_designer(actor)

    def can_create(self, actor, **context):
        return is_designer(actor)

    def can_any(self, actor, action):
        return action == VIEW or is_designer(actor)


@register(CompetenceArea)
class CompetenceAreaPolicy(_BlueprintPolicy):
    pass


@register(Competence)
class CompetencePolicy(_BlueprintPolicy):
    pass


@register(LearningOutcome)
class LearningOutcomePolicy(_BlueprintPolicy):
    pass


@register(Question)
class QuestionPolicy(Policy):
    """The question bank is the designers': learners see a question only inside their own quiz attempt
    (`selectors.questions_for_attempt`)."""

    def visible(self, actor):
        qs = Question.objects.all()
        return qs if is_designer(actor) else qs.none()

    def can(self, actor, action, obj):
        return is_designer(actor)

    def can_create(self, actor, **context):
        return is_designer(actor)

    def can_any(self, actor, action):
        return is_designer(actor)


# --- cohorts and enrolments ---------------------------------------------------------------------------------------


def _running(actor, path: str = "") -> Q:
    """The cohorts the actor runs: those they lead, and every cohort of an organisation where they are a trainer.
    `path` leads from the queried model to its cohort ("cohort__")."""
    trainer_of = organisations_where(actor, Role.TRAINER)
    return Q(**{f"{path}trainer": actor}) | Q(**{f"{path}organisation_id__in": trainer_of})


@register(Cohort)
class CohortPolicy(Policy):
    """Trainers run the cohorts of their organisations (and the ones they lead); organisation administrators see
    their organisations' cohorts; a learner sees the cohort they are in."""

    def visible(self, actor):
        if is_platform_admin(actor):
            return Cohort.objects.all()
        enrolled = Enrolment.objects.filter(cohort=OuterRef("pk"), user=actor)
        return Cohort.objects.filter(_running(actor) | Q(organisation_id__in=organisations_where(actor, Role.ORG_ADMIN))
                                     | Exists(enrolled))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        runs = obj.trainer_id == actor.pk or obj.organisation_id in organisations_where(actor, Role.TRAINER)
        if action == VIEW:
            return runs or obj.organisation_id in organisations_where(actor, Role.ORG_ADMIN) or \
                obj.enrolments.filter(user=actor).exists()
        if action in {CHANGE, RUN_COHORT}:
            return runs
        return False

    def can_create(self, actor, *, organisation=None, **context):
        """A cohort is created in an organisation where the actor is a trainer (without one: in some)."""
        organisations = self.organisations_for(actor, ADD)
        if organisations is None:
            return True
        if organisation is None:
            return bool(organisations)
        return organisation.pk in organisations

    def organisations_for(self, actor, action):
        if is_platform_admin(actor):
            return None
        if action in {ADD, CHANGE, RUN_COHORT}:
            return organisations_where(actor, Role.TRAINER)
        if action == VIEW:
            return organisations_where(actor, Role.TRAINER, Role.ORG_ADMIN)
        return set()


@register(Enrolment)
class EnrolmentPolicy(Policy):
    """Learners see their own enrolment, never a fellow learner's; trainers see the enrolments of the cohorts they
    run; designers see all. Only the learner changes their own (what they did); a trainer enrols people into a
    cohort they run."""

    def visible(self, actor):
        if is_designer(actor):
            return Enrolment.objects.all()
        return Enrolment.objects.filter(Q(user=actor) | _running(actor, "cohort__"))

    def can(self, actor, action, obj):
        if obj.user_id == actor.pk:
            return action in {VIEW, CHANGE}
        if action == VIEW:
            return is_designer(actor) or (obj.cohort_id is not None and
                                          CohortPolicy().can(actor, RUN_COHORT, obj.cohort))
        return False

    def can_create(self, actor, *, user=None, cohort=None, **context):
        if cohort is not None:  # into a cohort: its trainers' decision, whoever the learner is
            return CohortPolicy().can(actor, RUN_COHORT, cohort)
        return user is None or user.pk == actor.pk  # on one's own (the service checks the course is open)

    def can_any(self, actor, action):
        return action in {VIEW, ADD, CHANGE}  # everyone may learn


class _LearnersOwn(Policy):
    """Rows that are the learner's alone (what they wrote or did); `designers_read` adds designers as readers."""

    path = "enrolment__user"
    designers_read = False

    def visible(self, actor):
        qs = self.model._default_manager.all()
        if self.designers_read and is_designer(actor):
            return qs
        return qs.filter(**{self.path: actor})

    def can(self, actor, action, obj):
        if obj.enrolment.user_id == actor.pk:
            return True
        return action == VIEW and self.designers_read and is_designer(actor)

    def can_create(self, actor, *, enrolment=None, **context):
        return enrolment is not None and enrolment.user_id == actor.pk

    def can_any(self, actor, action):
        return action in {VIEW, ADD}  # everyone may learn, and writes their own


@register(LessonProgress)
class LessonProgressPolicy(_LearnersOwn):
    """Progress rows belong to the learner; trainers read them only as the numbers of the cohort grid."""


@register(Reflection)
class ReflectionPolicy(_LearnersOwn):
    """A reflection is the learner's to keep: only they read it (not their trainer, not a designer)."""


@register(LessonFeedback)
class LessonFeedbackPolicy(_LearnersOwn):
    """Pilot feedback: written by the learner, read by designers for the pilot report."""

    designers_read = True


@register(CourseEvaluation)
class CourseEvaluationPolicy(_LearnersOwn):
    designers_read = True


@register(QuizAttempt)
class QuizAttemptPolicy(ChildPolicy):
    """An attempt is seen with its enrolment (the learner, the cohort's trainers, designers) and taken by the
    learner alone."""

    parent = "enrolment"
    parent_model = Enrolment
    actions = {ADD: CHANGE}


@register(QuizAnswer)
class QuizAnswerPolicy(ChildPolicy):
    parent = "attempt"
    parent_model = QuizAttempt


# --- the trainer pathway and the organisations' settings ----------------------------------------------------------


@register(TrainerObservation)
class TrainerObservationPolicy(Policy):
    """The candidate and the observer they asked see the request; only that observer, a certified trainer or a
    curriculum designer, signs it off."""

    def visible(self, actor):
        return TrainerObservation.objects.filter(Q(candidate=actor) | Q(observer=actor))

    def can(self, actor, action, obj):
        if action == VIEW:
            return actor.pk in {obj.candidate_id, obj.observer_id}
        if action == SIGN_OFF:
            return obj.observer_id == actor.pk and may_observe_trainers(actor)
        return False

    def can_create(self, actor, **context):
        return True  # anyone on the pathway asks for their own observation

    def can_any(self, actor, action):
        return action in {VIEW, ADD}


@register(OrganisationLearningSettings)
class OrganisationLearningSettingsPolicy(Policy):
    """An organisation's learning settings are its administrators' (and the platform administrator's)."""

    def visible(self, actor):
        organisations = self.organisations_for(actor, VIEW)
        qs = OrganisationLearningSettings.objects.all()
        return qs if organisations is None else qs.filter(organisation_id__in=organisations)

    def can(self, actor, action, obj):
        organisations = self.organisations_for(actor, action)
        return organisations is None or obj.organisation_id in organisations

    def can_create(self, actor, *, organisation=None, **context):
        organisations = self.organisations_for(actor, ADD)
        if organisations is None:
            return True
        return bool(organisations) if organisation is None else organisation.pk in organisations

    def organisations_for(self, actor, action):
        if is_platform_admin(actor):
            return None
        if action in {VIEW, ADD, CHANGE}:
            return organisations_where(actor, Role.ORG_ADMIN)
        return set()


# --- fetch and check in one call (404 whether missing or forbidden), for views and the API alike ---------------


def access_course(actor, pk, action=VIEW) -> Course:
    return access.access(actor, Course, pk, action)


def access_lesson(actor, pk, action=VIEW) -> Lesson:
    queryset = access.visible(actor, Lesson).select_related("module", "module__course", "module__prerequisite")
    return access.access(actor, Lesson, pk, action, queryset=queryset)


def access_block(actor, pk, action=VIEW, *, lesson: Lesson | None = None) -> Block:
    """A block (of `lesson` when given: a form on one lesson's page cannot reach another lesson's block)."""
    queryset = access.visible(actor, Block).select_related("lesson", "lesson__module", "lesson__module__course")
    if lesson is not None:
        queryset = queryset.filter(lesson=lesson)
    return access.access(actor, Block, pk, action, queryset=queryset)


def access_quiz(actor, pk, action=VIEW) -> Quiz:
    queryset = access.visible(actor, Quiz).select_related("module", "module__course")
    return access.access(actor, Quiz, pk, action, queryset=queryset)


def access_quiz_attempt(actor, pk, action=VIEW) -> QuizAttempt:
    queryset = access.visible(actor, QuizAttempt).select_related("quiz", "quiz__module", "enrolment")
    return access.access(actor, QuizAttempt, pk, action, queryset=queryset)


def access_cohort(actor, pk, action=VIEW) -> Cohort:
    queryset = access.visible(actor, Cohort).select_related("course", "organisation", "trainer")
    return access.access(actor, Cohort, pk, action, queryset=queryset)


def access_enrolment(actor, pk, action=VIEW) -> Enrolment:
    queryset = access.visible(actor, Enrolment).select_related("user", "course", "cohort")
    return access.access(actor, Enrolment, pk, action, queryset=queryset)


def access_certificate(actor, pk, action=VIEW) -> Certificate:
    return access.access(actor, Certificate, pk, action)


def access_trainer_observation(actor, pk, action=VIEW) -> TrainerObservation:
    queryset = access.visible(actor, TrainerObservation).select_related("candidate", "observer")
    return access.access(actor, TrainerObservation, pk, action, queryset=queryset)
