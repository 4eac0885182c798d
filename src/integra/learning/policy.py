"""Learning: who reads, takes, designs and teaches what.

- Everyone signed in may browse published courses and learn; learners see their own enrolments, progress,
  reflections and certificates.
- Curriculum designers maintain the blueprint and all courses (drafts included) and read item analysis and
  pilot reports.
- Trainers run cohorts of their organisation: they see the learners and the progress of their cohorts only.
"""

from django.db.models import Exists, OuterRef, Q

from integra.core.access import CHANGE, VIEW, Policy, is_platform_admin, organisations_where, register
from integra.core.roles import Role

from .models import Certificate, Cohort, Competence, Course, Enrolment, LessonProgress, TrainerObservation

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


@register(Competence)
class CompetencePolicy(Policy):
    def visible(self, actor):
        return Competence.objects.all()

    def can(self, actor, action, obj):
        return action == VIEW or is_designer(actor)

    def can_create(self, actor, **context):
        return is_designer(actor)


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


