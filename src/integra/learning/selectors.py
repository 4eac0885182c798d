"""Reads for learners, trainers and designers. Grids and reports are computed with a fixed number of queries,
however many learners and lessons there are."""

import datetime as dt
import random
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import CHANGE, VIEW
from integra.core.errors import invalid
from integra.core.idsets import ids_in

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
from .policy import DESIGN

STUCK_AFTER_DAYS = 14
TIME_LIMIT_GRACE = dt.timedelta(seconds=30)  # network delay between the last click and the server


def learner_home(*, actor) -> list[dict]:
    """Each course the learner is in, with progress and the lesson to continue with."""
    enrolments = list(_own_enrolments(actor).select_related("course", "last_lesson", "certificate")
                      .order_by("completed_at", "-last_seen_at"))
    # .order_by() first: a model's default ordering would otherwise join the GROUP BY and split the counts.
    required = dict(access.visible(actor, Lesson).filter(module__course__in=[e.course_id for e in enrolments],
                                                         required=True)
                    .order_by().values("module__course").annotate(n=Count("pk")).values_list("module__course", "n"))
    done = dict(access.visible(actor, LessonProgress).filter(enrolment__in=enrolments, completed_at__isnull=False,
                                                             lesson__required=True)
                .order_by().values("enrolment").annotate(n=Count("pk")).values_list("enrolment", "n"))
    return [{"enrolment": e, "done": done.get(e.pk, 0), "total": required.get(e.course_id, 0),
             "percent": round(100 * done.get(e.pk, 0) / required[e.course_id]) if required.get(e.course_id) else 0}
            for e in enrolments]


def _own_enrolments(actor):
    return access.visible(actor, Enrolment).filter(user=actor)


def enrolment_of(*, actor, course: Course) -> Enrolment | None:
    """The actor's own enrolment in the course, if they are enrolled."""
    return _own_enrolments(actor).filter(course=course).select_related("certificate").first()


def enrolled_course_ids(*, actor) -> set[int]:
    return set(_own_enrolments(actor).values_list("course_id", flat=True))


def enrolments_in_progress(*, actor, limit: int = 3) -> list[Enrolment]:
    """The actor's unfinished courses, the most recently followed first ("continue learning")."""
    return list(_own_enrolments(actor).filter(completed_at__isnull=True).select_related("course", "last_lesson")
                .order_by("-last_seen_at")[:limit])


def course_outline(*, actor, course: Course, enrolment: Enrolment | None) -> list[dict]:
    """Modules with their lessons and quizzes, whether each is done, and whether the module is unlocked
    (`enrolment`: whose progress to show, None for none)."""
    modules = list(access.visible(actor, Module).filter(course=course).select_related("prerequisite")
                   .prefetch_related("lessons", "quizzes").order_by("order", "id"))
    completed = set()
    passed = set()
    best: dict[int, int] = {}
    used: dict[int, int] = {}  # attempts started, per quiz
    if enrolment:
        completed = set(access.visible(actor, LessonProgress).filter(enrolment=enrolment, completed_at__isnull=False)
                        .values_list("lesson_id", flat=True))
        for quiz_id, score, ok, submitted in access.visible(actor, QuizAttempt).filter(enrolment=enrolment)\
                .values_list("quiz_id", "score", "passed", "submitted_at"):
            used[quiz_id] = used.get(quiz_id, 0) + 1
            if submitted is None:
                continue
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
            "quizzes": [(quiz, quiz.pk in passed, best.get(quiz.pk), used.get(quiz.pk, 0))
                        for quiz in module.quizzes.all()],
            "progress": round(100 * sum(1 for lesson in lessons if lesson.pk in completed) / len(lessons))
            if lessons else 0,
        })
    return rows


def cohort_learner_ids(*, actor, cohort: Cohort):
    """The cohort's enrolments the actor sees, in the grid's order (ids: one page of them feeds the grid)."""
    return (access.visible(actor, Enrolment).filter(cohort=cohort).order_by("user__full_name", "user__email")
            .values_list("pk", flat=True))


def cohort_grid(*, actor, cohort: Cohort, enrolment_ids=None) -> dict:
    """Learners × modules: share of required lessons done, best quiz scores, competences shown, who is stuck.
    Counting happens in SQL, with a fixed number of queries whatever the size of the cohort; `enrolment_ids`
    limits the rows (one page of the grid). The rows are the cohort's enrolments the actor sees (its trainers:
    all of them); the progress underneath is read as numbers only, never as the learners' rows."""
    modules = list(access.visible(actor, Module).filter(course=cohort.course).order_by("order", "id"))
    required = dict(access.visible(actor, Lesson).filter(module__course=cohort.course, required=True).order_by()
                    .values("module_id").annotate(n=Count("pk")).values_list("module_id", "n"))
    enrolments = access.visible(actor, Enrolment).filter(cohort=cohort).select_related("user").only(
        "id", "cohort_id", "completed_at", "last_seen_at", "enrolled_at", "user__id", "user__full_name", "user__email")
    enrolments = enrolments.order_by("user__full_name", "user__email")
    if enrolment_ids is not None:
        enrolments = enrolments.filter(ids_in("pk", enrolment_ids))
    enrolments = list(enrolments)
    scope = [e.pk for e in enrolments]
    progress = LessonProgress.objects.filter(ids_in("enrolment_id", scope), completed_at__isnull=False).order_by()
    done = defaultdict(dict)
    for enrolment_id, module_id, n in progress.filter(lesson__required=True).values(
            "enrolment_id", "lesson__module_id").annotate(n=Count("pk")).values_list(
            "enrolment_id", "lesson__module_id", "n"):
        done[enrolment_id][module_id] = n
    last_activity = dict(progress.values("enrolment_id").annotate(last=Max("completed_at"))
                         .values_list("enrolment_id", "last"))
    scores = defaultdict(dict)
    best_scores = (QuizAttempt.objects.filter(ids_in("enrolment_id", scope), submitted_at__isnull=False).order_by()
                   .values("enrolment_id", "quiz_id").annotate(best=Max("score")))
    for row in best_scores:
        scores[row["enrolment_id"]][row["quiz_id"]] = row["best"]
    shown = dict(QuizAnswer.objects.filter(ids_in("attempt__enrolment_id", scope), correct=True).order_by()
                 .values("attempt__enrolment_id").annotate(n=Count("question__competence_id", distinct=True))
                 .values_list("attempt__enrolment_id", "n"))
    quizzes = list(access.visible(actor, Quiz).filter(module__course=cohort.course).order_by("module__order", "id"))
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


def coverage_report(*, actor) -> list[dict]:
    """Every learning outcome with the lessons and questions that teach and test it; gaps first. For those who
    see the question bank (empty for the others)."""
    if not access.can_any(actor, Question, VIEW):
        return []
    outcomes = access.visible(actor, LearningOutcome).select_related("competence", "competence__area").annotate(
        lesson_count=Count("lessons", distinct=True), question_count=Count("questions", distinct=True))
    rows = [{"outcome": o, "lessons": o.lesson_count, "questions": o.question_count,
             "gap": o.lesson_count == 0 and o.question_count == 0} for o in outcomes]
    return sorted(rows, key=lambda r: (not r["gap"], r["outcome"].competence.area.order, r["outcome"].order))


def blueprint(*, actor):
    competences = access.visible(actor, Competence).annotate(question_count=Count("questions"))\
        .prefetch_related("outcomes").order_by("order", "id")
    areas = access.visible(actor, CompetenceArea).prefetch_related(Prefetch("competences", queryset=competences))
    return areas.order_by("order", "id")


def missing_translations(*, actor, course: Course) -> list[dict]:
    """Which translatable texts of the course are not yet written in each partner language: the course, its
    modules, lessons, text blocks and quizzes, and the question bank its quizzes draw from — each question, its
    general feedback and every choice, choice feedback, pair, item and accepted answer (a question whose text is
    translated but whose choices are not is still missing). A fixed number of queries, however large the course."""
    languages = [code for code, _name in settings.LANGUAGES if code != "en"]
    objects = [(course, ("title", "summary"))]
    objects += [(m, ("title",)) for m in access.visible(actor, Module).filter(course=course)]
    lessons = list(access.visible(actor, Lesson).filter(module__course=course))
    objects += [(lesson, ("title",)) for lesson in lessons]
    objects += [(b, ("body",)) for b in access.visible(actor, Block).filter(lesson__in=lessons).exclude(body="")]
    quizzes = access.visible(actor, Quiz).filter(module__course=course)
    objects += [(quiz, ("title",)) for quiz in quizzes]
    questions = list(access.visible(actor, Question).filter(competence__quizzes__in=quizzes).distinct()
                     .order_by("competence_id", "id"))
    missing = defaultdict(list)
    for obj, fields in objects + [(q, ("text", "feedback")) for q in questions]:
        label = obj._meta.verbose_name
        for field in fields:
            if not getattr(obj, f"{field}_en", None):
                continue
            for language in languages:
                if not getattr(obj, f"{field}_{language}", None):
                    name = _("general feedback") if field == "feedback" else label
                    missing[language].append(f"{name}: {getattr(obj, f'{field}_en')!s:.60}")
    for question in questions:
        english = question.data_en or {}
        for language in languages:
            missing[language] += [f"{name}: {text:.60}" for name, text in
                                  _untranslated_answers(english, getattr(question, f"data_{language}") or {})]
    return [{"language": dict(settings.LANGUAGES)[code], "code": code, "items": missing[code]} for code in languages]


def _untranslated_answers(english: dict, other: dict) -> list[tuple[str, str]]:
    """(what, English text) of each text of a question's answers written in English but not in the other
    language's data: choices and their feedback, matching pairs, ordering items, accepted short answers."""
    found = []

    def text_at(entries, n, key=None):
        entry = entries[n] if isinstance(entries, list) and n < len(entries) else None
        if key is not None:
            entry = entry.get(key) if isinstance(entry, dict) else None
        return entry if isinstance(entry, str) else ""

    theirs = other.get("choices")
    for n, choice in enumerate(english.get("choices") or []):
        if choice.get("text") and not text_at(theirs, n, "text"):
            found.append((_("choice"), choice["text"]))
        if choice.get("feedback") and not text_at(theirs, n, "feedback"):
            found.append((_("choice feedback"), choice["feedback"]))
    theirs = other.get("pairs")
    for n, pair in enumerate(english.get("pairs") or []):
        if not (text_at(theirs, n, "left") and text_at(theirs, n, "right")):
            found.append((_("matching pair"), f"{pair.get('left', '')} — {pair.get('right', '')}"))
    theirs = other.get("items")
    for n, item in enumerate(english.get("items") or []):
        if item and not text_at(theirs, n):
            found.append((_("item to order"), item))
    if english.get("answers") and not other.get("answers"):
        found.append((_("accepted answers"), ", ".join(english["answers"])))
    return found


ITEM_ANALYSIS_MIN_ANSWERS = 5  # below this, a facility or discrimination says more about chance than the question


def item_analysis(*, actor, quiz: Quiz) -> list[dict]:
    """Per question, over the submitted attempts that drew it (designers see all): facility (share answering
    correctly) and discrimination (share correct in the top third of those attempts by score minus the share in
    the bottom third). A question answered fewer than ITEM_ANALYSIS_MIN_ANSWERS times gets no numbers."""
    scores = dict(access.visible(actor, QuizAttempt).filter(quiz=quiz, submitted_at__isnull=False)
                  .values_list("pk", "score"))
    if not scores:
        return []
    answers_by_question = defaultdict(list)  # question → [(attempt score, correct)]
    for attempt_id, question_id, correct in QuizAnswer.objects.filter(attempt_id__in=list(scores))\
            .values_list("attempt_id", "question_id", "correct"):
        answers_by_question[question_id].append((scores[attempt_id] or 0, bool(correct)))
    questions = access.visible(actor, Question).in_bulk(list(answers_by_question))
    rows = []
    for question_id, answers in answers_by_question.items():
        if question_id not in questions:
            continue
        row = {"question": questions[question_id], "answers": len(answers), "facility": None,
               "discrimination": None, "too_few": len(answers) < ITEM_ANALYSIS_MIN_ANSWERS}
        if not row["too_few"]:
            ranked = sorted(answers, key=lambda answer: answer[0])
            third = len(ranked) // 3
            top, bottom = ranked[-third:], ranked[:third]
            row["facility"] = round(sum(correct for _score, correct in answers) / len(answers), 2)
            row["discrimination"] = round((sum(c for _s, c in top) - sum(c for _s, c in bottom)) / third, 2)
        rows.append(row)
    return rows


def pilot_report(*, actor, course: Course) -> dict:
    """Lesson feedback and course evaluations per course version and per country, for revising the course."""
    lesson_feedback = access.visible(actor, LessonFeedback).filter(lesson__module__course=course)
    feedback = (lesson_feedback
                .values("course_version", "lesson__title", "enrolment__user__memberships__organisation__country")
                .annotate(n=Count("pk", distinct=True), useful=Count("pk", filter=Q(useful=True), distinct=True),
                          clear=Count("pk", filter=Q(clear=True), distinct=True))
                .order_by("course_version", "lesson__title"))
    evaluations = (access.visible(actor, CourseEvaluation).filter(enrolment__course=course)
                   .values("course_version", "enrolment__user__memberships__organisation__country")
                   .annotate(n=Count("pk", distinct=True), rating=Avg("rating")).order_by("course_version"))
    comments = list(lesson_feedback.exclude(comment="").select_related("lesson").order_by("-created_at")[:50])
    return {"feedback": list(feedback), "evaluations": list(evaluations), "comments": comments}


def courses_for(*, actor):
    return access.visible(actor, Course).order_by("title")


def open_courses(*, actor):
    """The published courses the actor may enrol in (cohorts are created for these too)."""
    return courses_for(actor=actor).filter(status=Course.Status.PUBLISHED)


def competences_with_outcomes(*, actor):
    return access.visible(actor, Competence).select_related("area").prefetch_related("outcomes")\
        .order_by("area__order", "order")


# --- lessons and quizzes, as the learner takes them ---------------------------------------------------------------


def lesson_state(*, actor, lesson: Lesson, enrolment: Enrolment | None) -> dict:
    """The learner's own traces on a lesson page: their reflections by block, and whether the lesson is done."""
    if enrolment is None:
        return {"reflections": {}, "done": False}
    reflections = dict(access.visible(actor, Reflection).filter(enrolment=enrolment, block__lesson=lesson)
                       .values_list("block_id", "text"))
    done = access.visible(actor, LessonProgress).filter(enrolment=enrolment, lesson=lesson,
                                                        completed_at__isnull=False).exists()
    return {"reflections": reflections, "done": done}


def next_lesson(*, actor, lesson: Lesson) -> Lesson | None:
    """The lesson after this one in the course (by module, then lesson order)."""
    after = (Q(module__order__gt=lesson.module.order)
             | Q(module__order=lesson.module.order, module_id__gt=lesson.module_id)
             | Q(module_id=lesson.module_id, order__gt=lesson.order)
             | Q(module_id=lesson.module_id, order=lesson.order, id__gt=lesson.pk))
    return (access.visible(actor, Lesson).filter(module__course_id=lesson.module.course_id).filter(after)
            .order_by("module__order", "order", "id").first())


def step_after_quiz(*, actor, quiz: Quiz) -> dict:
    """Where the result page sends the learner: the first lesson after the quiz's module when they may open it
    (the next module is unlocked), `course_done` when the course is complete (back to the course, where the
    certificate is), and the attempts left to try again."""
    enrolment = enrolment_of(actor=actor, course=quiz.module.course)
    module = quiz.module
    after = Q(module__order__gt=module.order) | Q(module__order=module.order, module_id__gt=module.pk)
    following = (access.visible(actor, Lesson).filter(module__course_id=module.course_id).filter(after)
                 .select_related("module", "module__prerequisite").order_by("module__order", "order", "id").first())
    if following is not None and (enrolment is None or not module_unlocked(enrolment=enrolment,
                                                                            module=following.module)):
        following = None
    return {"next_lesson": following, "course_done": bool(enrolment and enrolment.completed_at),
            "attempts_left": max(0, quiz.attempts_allowed - attempts_used(actor=actor, quiz=quiz))}


def open_attempt(*, actor, quiz: Quiz) -> QuizAttempt | None:
    """The actor's attempt of the quiz still open for answers (started, not submitted, within its time)."""
    attempt = (access.visible(actor, QuizAttempt).filter(enrolment__user=actor, quiz=quiz, submitted_at__isnull=True)
               .select_related("quiz", "enrolment").order_by("-started_at").first())
    if attempt and attempt.deadline and attempt.deadline + TIME_LIMIT_GRACE <= timezone.now():
        return None
    return attempt


def attempts_used(*, actor, quiz: Quiz) -> int:
    return access.visible(actor, QuizAttempt).filter(enrolment__user=actor, quiz=quiz).count()


def quiz_start_problem(*, actor, quiz: Quiz, open_attempt: QuizAttempt | None = None) -> ValidationError | None:
    """Why the actor cannot take the quiz now (not enrolled, module locked, no attempt left when none is open),
    or None. The quiz page tells it; `services.quiz_start` refuses with it."""
    enrolment = enrolment_of(actor=actor, course=quiz.module.course)
    if enrolment is None:
        return invalid(_("Enrol in the course first."))
    if not module_unlocked(enrolment=enrolment, module=quiz.module):
        return invalid(_("This module is still locked."), code="locked")
    if open_attempt is None and attempts_used(actor=actor, quiz=quiz) >= quiz.attempts_allowed:
        return invalid(_("You have used all %(n)d attempts of this quiz.") % {"n": quiz.attempts_allowed},
                       code="no_attempt_left")
    return None


def questions_for_attempt(*, actor, attempt: QuizAttempt) -> list[Question]:
    """The attempt's questions, in its order, with matching answers and ordering items shuffled (the same way for
    one attempt). The bank is the designers': a learner reads these questions only through their own attempt."""
    if not access.can(actor, VIEW, attempt):
        return []
    questions = Question.objects.in_bulk(attempt.question_ids)
    shuffler = random.Random(attempt.pk)  # noqa: S311 - display order, not a secret
    result = []
    for question_id in attempt.question_ids:
        question = questions.get(question_id)
        if question is None:  # removed from the bank since the attempt started
            continue
        data = question.data or {}
        question.choices = list(enumerate(data.get("choices", [])))
        question.lefts = [p["left"] for p in data.get("pairs", [])]
        question.rights = sorted({p["right"] for p in data.get("pairs", [])}, key=lambda _r: shuffler.random())
        question.items = sorted(data.get("items", []), key=lambda _i: shuffler.random())
        result.append(question)
    return result


def attempt_answers(*, actor, attempt: QuizAttempt) -> list[QuizAnswer]:
    """A submitted attempt's answers with their questions (the result page)."""
    return list(access.visible(actor, QuizAnswer).filter(attempt=attempt).select_related("question")
                .order_by("id"))


# --- cohorts, trainers and settings -----------------------------------------------------------------------------


def cohort_list(*, actor):
    return access.visible(actor, Cohort).select_related("course", "organisation")


def cohorts_running(*, actor, limit: int = 5) -> list[Cohort]:
    """The cohorts the actor leads that have not ended, with their number of learners and how many are stuck
    (no activity for two weeks)."""
    cutoff = timezone.now() - dt.timedelta(days=STUCK_AFTER_DAYS)
    quiet = Q(enrolments__completed_at__isnull=True) & (Q(enrolments__last_seen_at__lt=cutoff) | Q(
        enrolments__last_seen_at__isnull=True, enrolments__enrolled_at__lt=cutoff))
    return list(access.visible(actor, Cohort).filter(trainer=actor, ends_on__gte=timezone.localdate())
                .annotate(learners=Count("enrolments", distinct=True),
                          stuck=Count("enrolments", filter=quiet, distinct=True)).order_by("starts_on")[:limit])


def observations_requested(*, actor):
    """The sessions the actor asked to have signed off, with their observers."""
    return access.visible(actor, TrainerObservation).filter(candidate=actor).select_related("observer")


def observations_to_sign(*, actor):
    """The sessions waiting for the actor's sign-off."""
    return (access.visible(actor, TrainerObservation).filter(observer=actor, signed_off_at__isnull=True)
            .select_related("candidate"))


def learning_settings(*, actor) -> list[tuple]:
    """(organisation, only certified trainers run cohorts?) for each organisation whose settings the actor keeps."""
    from integra.core.selectors import organisation_choices

    organisations = list(organisation_choices(actor=actor, model=OrganisationLearningSettings, action=CHANGE))
    current = dict(access.visible(actor, OrganisationLearningSettings)
                   .filter(organisation__in=organisations).values_list("organisation_id", "require_certified_trainers"))
    return [(organisation, current.get(organisation.pk, False)) for organisation in organisations]


# --- moved from services: reads that pages, API and services share -------------------------------------


def certificate_verify(*, code: str) -> Certificate | None:
    """Public: anyone may check a code (the page shows validity, name, title and date only). The code is read as
    people type it: with or without its dashes or spaces, in any case."""
    characters = "".join(c for c in code.upper() if c.isalnum())
    if len(characters) != 12:
        return None
    canonical = "-".join(characters[i:i + 4] for i in range(0, 12, 4))
    return Certificate.objects.filter(code=canonical).first()


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


def _holds_trainer_certificate(user) -> bool:
    return Certificate.objects.filter(holder=user, kind=Certificate.Kind.CERTIFIED_TRAINER,
                                      revoked_at__isnull=True).exists()


def trainer_pathway_steps(*, user) -> dict:
    """The three steps of the trainer pathway, each met or not: the course(s) the train-the-trainer course builds
    on completed, the train-the-trainer course completed, an observed session signed off."""
    ttt_courses = list(access.visible(user, Course).filter(is_train_the_trainer=True, status=Course.Status.PUBLISHED))
    completed = set(_own_enrolments(user).filter(completed_at__isnull=False).values_list("course_id", flat=True))
    base_ids = {c.prerequisite_id for c in ttt_courses if c.prerequisite_id}
    return {
        "base_course_done": bool(base_ids) and base_ids <= completed,
        "ttt_course_done": any(c.pk in completed for c in ttt_courses),
        "observation_signed": access.visible(user, TrainerObservation).filter(
            candidate=user, signed_off_at__isnull=False).exists(),
    }


def trainer_pathway_complete(*, user) -> bool:
    """The one rule of certification: every step of the pathway met. The platform issues the certified-trainer
    certificate only then (services.certificate_issue refuses it otherwise), and the pathway page shows the badge
    only then."""
    return all(trainer_pathway_steps(user=user).values())


def is_certified_trainer(*, user) -> bool:
    """A valid certified-trainer certificate, and the pathway it certifies complete."""
    return _holds_trainer_certificate(user) and trainer_pathway_complete(user=user)


def trainer_pathway(*, actor) -> dict:
    """Where the actor stands on their own pathway: each step met or not, `complete` when all are, and
    `certified` when complete and certified (the badge of the pathway page derives from the same rule as the
    certificate: never a ✓ Certified trainer under an unticked step)."""
    steps = trainer_pathway_steps(user=actor)
    complete = all(steps.values())
    return {**steps, "complete": complete, "certified": complete and _holds_trainer_certificate(actor)}


def course_certificate(*, user, course_id: int, awarded_since: dt.date | None = None) -> Certificate | None:
    """The user's valid completion certificate of that course (awarded on or after `awarded_since` when given):
    other apps ask this when a course qualifies someone for a task (an assessment instrument names its course)."""
    certificates = Certificate.objects.filter(
        holder=user, kind=Certificate.Kind.COURSE_COMPLETION, revoked_at__isnull=True,
        pk__in=Enrolment.objects.filter(user=user, course_id=course_id, certificate__isnull=False).values(
            "certificate_id"))
    if awarded_since is not None:
        certificates = certificates.filter(awarded_on__gte=awarded_since)
    return certificates.order_by("-awarded_on").first()


def courses_for_competences(*, actor, codes) -> dict[str, list[Course]]:
    """{competence code: the published courses the actor sees with a lesson building it}: what answers a training
    need (the assessment app's training-needs surveys ask this)."""
    result: dict[str, list[Course]] = {code: [] for code in codes}
    courses = {c.pk: c for c in access.visible(actor, Course).filter(status=Course.Status.PUBLISHED)}
    pairs = (Lesson.objects.filter(module__course_id__in=list(courses), outcomes__competence__code__in=list(codes))
             .values_list("outcomes__competence__code", "module__course_id").distinct().order_by("module__course_id"))
    for code, course_id in pairs:
        if courses[course_id] not in result[code]:
            result[code].append(courses[course_id])
    return result


def course_certificates(*, user_ids, course_ids) -> dict[tuple[int, int], dt.date]:
    """{(user id, course id): the date of the valid completion certificate} for these people and courses, in one
    query: other apps (mentoring's training gate) ask it instead of reading enrolments themselves."""
    rows = Enrolment.objects.filter(user_id__in=list(user_ids), course_id__in=list(course_ids),
                                    certificate__isnull=False, certificate__revoked_at__isnull=True).values_list(
        "user_id", "course_id", "certificate__awarded_on")
    return {(user_id, course_id): awarded_on for user_id, course_id, awarded_on in rows}
