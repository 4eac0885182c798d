"""Reads for learners, trainers and designers. Grids and reports are computed with a fixed number of queries,
however many learners and lessons there are."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Avg, Count, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access

from .models import (
    Block,
    Certificate,
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
    Question,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    TrainerObservation,
)
from .policy import DESIGN

STUCK_AFTER_DAYS = 14


def learner_home(*, actor) -> list[dict]:
    """Each course the learner is in, with progress and the lesson to continue with."""
    enrolments = list(Enrolment.objects.filter(user=actor).select_related("course", "last_lesson", "certificate")
                      .order_by("completed_at", "-last_seen_at"))
    # .order_by() first: a model's default ordering would otherwise join the GROUP BY and split the counts.
    required = dict(Lesson.objects.filter(module__course__in=[e.course_id for e in enrolments], required=True)
                    .order_by().values("module__course").annotate(n=Count("pk")).values_list("module__course", "n"))
    done = dict(LessonProgress.objects.filter(enrolment__in=enrolments, completed_at__isnull=False,
                                              lesson__required=True)
                .order_by().values("enrolment").annotate(n=Count("pk")).values_list("enrolment", "n"))
    return [{"enrolment": e, "done": done.get(e.pk, 0), "total": required.get(e.course_id, 0),
             "percent": round(100 * done.get(e.pk, 0) / required[e.course_id]) if required.get(e.course_id) else 0}
            for e in enrolments]


def course_outline(*, course: Course, enrolment: Enrolment | None) -> list[dict]:
    """Modules with their lessons and quizzes, whether each is done, and whether the module is unlocked."""
    modules = list(course.modules.select_related("prerequisite").prefetch_related("lessons", "quizzes")
                   .order_by("order", "id"))
    completed = set()
    passed = set()
    best: dict[int, int] = {}
    if enrolment:
        completed = set(LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
                        .values_list("lesson_id", flat=True))
        for quiz_id, score, ok in QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False)\
                .values_list("quiz_id", "score", "passed"):
            best[quiz_id] = max(best.get(quiz_id, 0), score or 0)
            if ok:
                passed.add(quiz_id)
    done_modules = set()
    for module in modules:
        required = {lesson.pk for lesson in module.lessons.all() if lesson.required}
        quizzes = {quiz.pk for quiz in module.quizzes.all() if quiz.required}
        if required <= completed and quizzes <= passed:
            done_modules.add(module.pk)
    rows = []
    for module in modules:
        lessons = list(module.lessons.all())
        rows.append({
            "module": module, "unlocked": module.prerequisite_id is None or module.prerequisite_id in done_modules,
            "done": module.pk in done_modules,
            "lessons": [(lesson, lesson.pk in completed) for lesson in lessons],
            "quizzes": [(quiz, quiz.pk in passed, best.get(quiz.pk)) for quiz in module.quizzes.all()],
            "progress": round(100 * sum(1 for lesson in lessons if lesson.pk in completed) / len(lessons))
            if lessons else 0,
        })
    return rows


def cohort_grid(cohort, *, enrolment_ids=None) -> dict:
    """Learners × modules: share of required lessons done, best quiz scores, competences shown, who is stuck.
    Counting happens in SQL, with a fixed number of queries whatever the size of the cohort; `enrolment_ids`
    limits the rows (one page of the grid)."""
    modules = list(Module.objects.filter(course=cohort.course).order_by("order", "id"))
    required = dict(Lesson.objects.filter(module__course=cohort.course, required=True).order_by()
                    .values("module_id").annotate(n=Count("pk")).values_list("module_id", "n"))
    enrolments = cohort.enrolments.select_related("user").only(
        "id", "cohort_id", "completed_at", "last_seen_at", "enrolled_at", "user__id", "user__full_name", "user__email")
    enrolments = enrolments.order_by("user__full_name", "user__email")
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=enrolment_ids)
    enrolments = list(enrolments)
    scope = [e.pk for e in enrolments]
    progress = LessonProgress.objects.filter(enrolment_id__in=scope, completed_at__isnull=False).order_by()
    done = defaultdict(dict)
    for enrolment_id, module_id, n in progress.filter(lesson__required=True).values(
            "enrolment_id", "lesson__module_id").annotate(n=Count("pk")).values_list(
            "enrolment_id", "lesson__module_id", "n"):
        done[enrolment_id][module_id] = n
    last_activity = dict(progress.values("enrolment_id").annotate(last=Max("completed_at"))
                         .values_list("enrolment_id", "last"))
    scores = defaultdict(dict)
    best_scores = (QuizAttempt.objects.filter(enrolment_id__in=scope, submitted_at__isnull=False).order_by()
                   .values("enrolment_id", "quiz_id").annotate(best=Max("score")))
    for row in best_scores:
        scores[row["enrolment_id"]][row["quiz_id"]] = row["best"]
    shown = dict(QuizAnswer.objects.filter(attempt__enrolment_id__in=scope, correct=True).order_by()
                 .values("attempt__enrolment_id").annotate(n=Count("question__competence_id", distinct=True))
                 .values_list("attempt__enrolment_id", "n"))
    quizzes = list(Quiz.objects.filter(module__course=cohort.course).order_by("module__order", "id"))
    stuck_before = timezone.now() - dt.timedelta(days=STUCK_AFTER_DAYS)
    rows = []
    for enrolment in enrolments:
        cells = [round(100 * done[enrolment.pk].get(m.pk, 0) / required[m.pk]) if required.get(m.pk) else 100
                 for m in modules]
        seen = last_activity.get(enrolment.pk) or enrolment.last_seen_at or enrolment.enrolled_at
        rows.append({"enrolment": enrolment, "cells": cells,
                     "scores": [scores[enrolment.pk].get(q.pk) for q in quizzes],
                     "competences": shown.get(enrolment.pk, 0),
                     "stuck": enrolment.completed_at is None and seen < stuck_before})
    return {"modules": modules, "quizzes": quizzes, "rows": rows}


def coverage_report() -> list[dict]:
    """Every learning outcome with the lessons and questions that teach and test it; gaps first."""
    outcomes = LearningOutcome.objects.select_related("competence", "competence__area").annotate(
        lesson_count=Count("lessons", distinct=True), question_count=Count("questions", distinct=True))
    rows = [{"outcome": o, "lessons": o.lesson_count, "questions": o.question_count,
             "gap": o.lesson_count == 0 and o.question_count == 0} for o in outcomes]
    return sorted(rows, key=lambda r: (not r["gap"], r["outcome"].competence.area.order, r["outcome"].order))


def blueprint():
    competences = Competence.objects.annotate(question_count=Count("questions")).prefetch_related("outcomes")\
        .order_by("order", "id")
    areas = CompetenceArea.objects.prefetch_related(Prefetch("competences", queryset=competences))
    return areas.order_by("order", "id")


def missing_translations(course: Course) -> list[dict]:
    """Which translatable fields of the course are not yet written in each partner language."""
    languages = [code for code, _name in settings.LANGUAGES if code != "en"]
    objects = [(course, ("title", "summary"))]
    objects += [(m, ("title",)) for m in course.modules.all()]
    lessons = list(Lesson.objects.filter(module__course=course))
    objects += [(lesson, ("title",)) for lesson in lessons]
    objects += [(b, ("body",)) for b in Block.objects.filter(lesson__in=lessons).exclude(body="")]
    missing = defaultdict(list)
    for obj, fields in objects:
        for field in fields:
            if not getattr(obj, f"{field}_en", None):
                continue
            for language in languages:
                if not getattr(obj, f"{field}_{language}", None):
                    missing[language].append(f"{obj._meta.verbose_name}: {getattr(obj, f'{field}_en')!s:.60}")
    return [{"language": dict(settings.LANGUAGES)[code], "code": code, "items": missing[code]} for code in languages]


def item_analysis(quiz: Quiz) -> list[dict]:
    """Facility (share answering correctly) and discrimination (top third minus bottom third of attempts by
    score) per question."""
    attempts = list(QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False).values_list("pk", "score"))
    if not attempts:
        return []
    ranked = sorted(attempts, key=lambda a: a[1] or 0)
    third = max(1, len(ranked) // 3)
    bottom, top = {a[0] for a in ranked[:third]}, {a[0] for a in ranked[-third:]}
    per_question = defaultdict(lambda: {"n": 0, "correct": 0, "top": 0, "bottom": 0})
    for attempt_id, question_id, correct in QuizAnswer.objects.filter(attempt__quiz=quiz)\
            .values_list("attempt_id", "question_id", "correct"):
        stats = per_question[question_id]
        stats["n"] += 1
        stats["correct"] += correct
        stats["top"] += correct and attempt_id in top
        stats["bottom"] += correct and attempt_id in bottom
    questions = Question.objects.in_bulk(list(per_question))
    return [{"question": questions[qid], "answers": s["n"], "facility": round(s["correct"] / s["n"], 2),
             "discrimination": round((s["top"] - s["bottom"]) / third, 2)} for qid, s in per_question.items()]


def pilot_report(course: Course) -> dict:
    """Lesson feedback and course evaluations per course version and per country, for revising the course."""
    feedback = (LessonFeedback.objects.filter(lesson__module__course=course)
                .values("course_version", "lesson__title", "enrolment__user__memberships__organisation__country")
                .annotate(n=Count("pk", distinct=True), useful=Count("pk", filter=Q(useful=True), distinct=True),
                          clear=Count("pk", filter=Q(clear=True), distinct=True))
                .order_by("course_version", "lesson__title"))
    evaluations = (CourseEvaluation.objects.filter(enrolment__course=course)
                   .values("course_version", "enrolment__user__memberships__organisation__country")
                   .annotate(n=Count("pk", distinct=True), rating=Avg("rating")).order_by("course_version"))
    comments = list(LessonFeedback.objects.filter(lesson__module__course=course).exclude(comment="")
                    .select_related("lesson").order_by("-created_at")[:50])
    return {"feedback": list(feedback), "evaluations": list(evaluations), "comments": comments}


def courses_for(*, actor):
    return access.visible(actor, Course).order_by("title")


def competences_with_outcomes():
    return Competence.objects.select_related("area").prefetch_related("outcomes").order_by("area__order", "order")



# --- moved from services: reads that pages, API and services share -------------------------------------


def certificate_verify(*, code: str) -> Certificate | None:
    """Public: anyone may check a code (the page shows validity, name, title and date only)."""
    return Certificate.objects.filter(code=code.strip().upper()).first()


def publication_problems(*, actor, course: Course) -> list[str]:
    """What stops the course from being published (empty: nothing). For its designers."""
    if not access.can(actor, DESIGN, course):
        return []
    problems = []
    for block in Block.objects.filter(lesson__module__course=course, kind__in=[Block.Kind.VIDEO, Block.Kind.AUDIO])\
            .select_related("lesson"):
        if not block.captions and not block.transcript.strip():
            problems.append(_("“%(lesson)s”: a video or audio has no captions or transcript.")
                            % {"lesson": block.lesson.title})
    for lesson in Lesson.objects.filter(module__course=course).prefetch_related("blocks"):
        kinds = {block.kind for block in lesson.blocks.all()}
        if not kinds:
            problems.append(_("“%(lesson)s” has no content.") % {"lesson": lesson.title})
        elif lesson.completion == Lesson.Completion.SCENARIO and Block.Kind.SCENARIO not in kinds:
            problems.append(_("“%(lesson)s” is completed by a scenario but has none.") % {"lesson": lesson.title})
        elif lesson.completion == Lesson.Completion.REFLECTION and Block.Kind.REFLECTION not in kinds:
            problems.append(_("“%(lesson)s” is completed by a reflection but has no reflection prompt.")
                            % {"lesson": lesson.title})
    quizzes = list(Quiz.objects.filter(module__course=course).prefetch_related("competences"))
    # A question belongs to one competence: a quiz's bank is the sum of its competences' banks (one query for all).
    banks = dict(Question.objects.filter(competence__in={c.pk for q in quizzes for c in q.competences.all()})
                 .order_by().values("competence_id").annotate(n=Count("pk")).values_list("competence_id", "n"))
    for quiz in quizzes:
        available = sum(banks.get(c.pk, 0) for c in quiz.competences.all())
        if available < quiz.question_count:
            problems.append(_("Quiz “%(quiz)s” draws %(n)d questions but the bank has %(available)d.")
                            % {"quiz": quiz.title, "n": quiz.question_count, "available": available})
    if not Module.objects.filter(course=course).exists():
        problems.append(_("The course has no module."))
    return problems


def module_done(*, enrolment: Enrolment, module: Module) -> bool:
    required = set(module.lessons.filter(required=True).values_list("pk", flat=True))
    done = set(LessonProgress.objects.filter(enrolment=enrolment, lesson_id__in=required,
                                             completed_at__isnull=False).values_list("lesson_id", flat=True))
    quizzes = set(module.quizzes.filter(required=True).values_list("pk", flat=True))
    passed = set(QuizAttempt.objects.filter(enrolment=enrolment, quiz_id__in=quizzes, passed=True)
                 .values_list("quiz_id", flat=True))
    return required <= done and quizzes <= passed


def module_unlocked(*, enrolment: Enrolment, module: Module) -> bool:
    return module.prerequisite_id is None or module_done(enrolment=enrolment, module=module.prerequisite)


def is_certified_trainer(*, user) -> bool:
    return Certificate.objects.filter(holder=user, kind=Certificate.Kind.CERTIFIED_TRAINER,
                                      revoked_at__isnull=True).exists()


def trainer_pathway(*, actor) -> dict:
    """Where the actor stands on their own pathway: the trainer course(s) completed, the observed session
    signed off, certified."""
    ttt_courses = Course.objects.filter(is_train_the_trainer=True, status=Course.Status.PUBLISHED)
    completed = set(Enrolment.objects.filter(user=actor, completed_at__isnull=False).values_list("course_id",
                                                                                               flat=True))
    base_ids = {c.prerequisite_id for c in ttt_courses if c.prerequisite_id}
    return {
        "base_course_done": bool(base_ids) and base_ids <= completed,
        "ttt_course_done": any(c.pk in completed for c in ttt_courses),
        "observation_signed": TrainerObservation.objects.filter(candidate=actor,
                                                                signed_off_at__isnull=False).exists(),
        "certified": is_certified_trainer(user=actor),
    }
