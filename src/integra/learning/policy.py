"""Learning: who reads, takes, designs and teaches what.

- Everyone signed in may browse published courses and learn; learners see their own enrolments, progress,
  reflections and certificates.
- Curriculum designers maintain the blueprint and all courses (drafts included) and read item analysis and
  pilot reports.
- Trainers run cohorts of their organisation: they see the learners and the progress of their cohorts only.
"""

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
    Enrolment,
    LearningOutcome,
    Lesson,
    LessonProgress,
    Module,
    Question,
    Quiz,
    TrainerObservation,
)

DESIGN = "design"
RUN_COHORT = "run_cohort"


def is_designer(actor) -> bool:
    return is_platform_admin(actor) or bool(organisations_where(actor, Role.CURRICULUM_DESIGNER))


def is_trainer(actor) -> bool:
    return is_platform_admin(actor) or bool(organisations_where(actor, Role.TRAINER))


@register(Certificate)
class CertificatePolicy(Policy):
    """The holder sees their own; the public sees only validity, name, title and date (verify)."""

    def visible(self, actor):
        qs = Certificate.objects.all()
        return qs if is_platform_admin(actor) else qs.filter(holder=actor)

    def can(self, actor, action, obj):
        return action == VIEW and (obj.holder_id == actor.pk or is_platform_admin(actor))


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
    """The question bank is the designers': learners see a question only inside their own quiz attempt."""

    def visible(self, actor):
        qs = Question.objects.all()
        return qs if is_designer(actor) else qs.none()

    def can(self, actor, action, obj):
        return is_designer(actor)

    def can_create(self, actor, **context):
        return is_designer(actor)


@register(Cohort)
class CohortPolicy(Policy):
    def visible(self, actor):
        if is_platform_admin(actor):
            return Cohort.objects.all()
        enrolled = Enrolment.objects.filter(cohort=OuterRef("pk"), user=actor)
        return Cohort.objects.filter(Q(trainer=actor) | Q(organisation_id__in=organisations_where(
            actor, Role.TRAINER, Role.ORG_ADMIN)) | Exists(enrolled))

    def can(self, actor, action, obj):
        if is_platform_admin(actor):
            return True
        runs = obj.trainer_id == actor.pk or obj.organisation_id in organisations_where(actor, Role.TRAINER)
        if action == VIEW:
            return runs or obj.enrolments.filter(user=actor).exists() or \
                obj.organisation_id in organisations_where(actor, Role.ORG_ADMIN)
        if action in {CHANGE, RUN_COHORT}:
            return runs
        return False

    def can_create(self, actor, **context):
        return is_trainer(actor)


@register(Enrolment)
class EnrolmentPolicy(Policy):
    """Learners see their own; trainers see the enrolments of cohorts they run; designers see all."""

    def visible(self, actor):
        if is_designer(actor):
            return Enrolment.objects.all()
        trainer_orgs = organisations_where(actor, Role.TRAINER)
        return Enrolment.objects.filter(Q(user=actor) | Q(cohort__trainer=actor)
                                        | Q(cohort__organisation_id__in=trainer_orgs))

    def can(self, actor, action, obj):
        if obj.user_id == actor.pk:
            return True
        if action == VIEW:
            return is_designer(actor) or (obj.cohort_id is not None and CohortPolicy().can(actor, VIEW, obj.cohort))
        return False


@register(LessonProgress)
class LessonProgressPolicy(Policy):
    """Progress rows belong to the learner; trainers read them through the cohort grid."""

    def visible(self, actor):
        return LessonProgress.objects.filter(enrolment__user=actor)

    def can(self, actor, action, obj):
        return obj.enrolment.user_id == actor.pk


@register(TrainerObservation)
class TrainerObservationPolicy(Policy):
    def visible(self, actor):
        return TrainerObservation.objects.filter(Q(candidate=actor) | Q(observer=actor))

    def can(self, actor, action, obj):
        return actor.pk in {obj.candidate_id, obj.observer_id}




# --- fetch and check in one call (404 whether missing or forbidden), for views and the API alike ---------------


def access_course(actor, pk, action=VIEW) -> Course:
    return access.access(actor, Course, pk, action)


def access_lesson(actor, pk, action=VIEW) -> Lesson:
    queryset = access.visible(actor, Lesson).select_related("module", "module__course", "module__prerequisite")
    return access.access(actor, Lesson, pk, action, queryset=queryset)


def access_quiz(actor, pk, action=VIEW) -> Quiz:
    queryset = access.visible(actor, Quiz).select_related("module", "module__course")
    return access.access(actor, Quiz, pk, action, queryset=queryset)


def access_cohort(actor, pk, action=VIEW) -> Cohort:
    queryset = access.visible(actor, Cohort).select_related("course", "organisation", "trainer")
    return access.access(actor, Cohort, pk, action, queryset=queryset)


def access_certificate(actor, pk, action=VIEW) -> Certificate:
    return access.access(actor, Certificate, pk, action)
