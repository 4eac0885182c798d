"""integra.learning: one published course with its blueprint, question bank and quizzes, and one large cohort
whose trainer reads the grid (learners × modules); the trainer and a learner the benchmark signs in as, and
the learning endpoints they are measured on.

Rows are written directly, not through integra/learning/services.py, which write an audit event per enrolment
and per quiz submitted: what the pages read is the same. Each learner has the lesson progress, quiz attempts
and answers the services would have left, in an order the module prerequisites allow (a learner has lessons
done in a module only once the module before it is done).
"""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone, translation

from integra.core.models import Membership, MembershipRole, OrganisationKind
from integra.core.roles import Role
from integra.learning.models import (
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
    QuizAnswer,
    QuizAttempt,
)
from integra.learning.selectors import module_unlocked

from ..endpoints import api, page
from .common import INSERT_BATCH, Scale, between, day_at, require_primary_keys, run_steps
from .core import platform_admin

User = get_user_model()

COURSE_TITLE = "From custody to community: working with people in transition"
COHORT_NAME = "Transition work — spring intake"
COHORT_CHUNK = 250  # learners per transaction, with all their rows: the unit an interrupted seeding resumes from
COMPLETED_SHARE = 0.05  # of the learners: finished the course (every quiz passed, certificate issued)
STUCK_SHARE = 0.2  # of the learners still in progress: nothing done for more than two weeks (the grid flags them)
RETRY_SHARE = 0.3  # of the quizzes passed: passed at the second attempt
QUESTIONS_PER_COMPETENCE = 6
QUESTIONS_PER_ATTEMPT = 5
COMPETENCE_AREAS = ["Understanding radicalisation and disengagement", "Assessment and casework",
                    "Cooperation around release"]
MODULE_TOPICS = [  # (module title, the competence it builds)
    ("Prison and probation systems of the partner countries", "Explain the sentence and release process"),
    ("Radicalisation: push and pull factors", "Recognise push and pull factors"),
    ("Signs and their limits", "Report concerns without over-reading signs"),
    ("Risk and needs assessment", "Use structured risk and needs assessment"),
    ("Preparing release", "Plan release with the person and the services"),
    ("Probation after release", "Supervise with support and control"),
    ("Families and communities", "Involve families and community partners"),
    ("Mentoring and volunteers", "Work alongside mentors and volunteers"),
    ("Information sharing and data protection", "Share information lawfully and proportionately"),
    ("Multi-agency case conferences", "Prepare and chair a case conference"),
]
LESSON_TITLES = ["Key ideas", "A case from practice", "Tools and checklists", "Working with partners",
                 "Putting it into practice"]
LESSON_TEXT = [
    "<h2>{topic}</h2><p>This lesson introduces the main notions of the module and how prison, probation and "
    "community staff in the five partner countries use them in their daily work.</p><ul><li>What the research "
    "says</li><li>What practitioners see</li><li>What remains uncertain</li></ul>",
    "<p>Read the case of <strong>Samir</strong>, 27, eight months before his release, and note what each service "
    "knows about him. Then compare your notes with the <em>checklist</em> at the end of the module.</p>"
    "<blockquote>“Nobody asked me where I would sleep the first night.”</blockquote>",
]
QUESTION_STEMS = ["Which statement about “{competence}” is accurate?",
                  "In the case of the module, what should the practitioner do first?",
                  "True or false: {competence} is the task of one service alone.",
                  "Which source of information is the most reliable here?",
                  "What is the main risk of the approach described?",
                  "True or false: the person concerned should be involved in the plan."]


def seed_course(scale: Scale) -> str | None:
    """The competences blueprint (one competence per module, two learning outcomes each) and a published course
    of `course_modules` modules, each unlocking after the one before, with `lessons_per_module` lessons of two
    text blocks, a question bank of QUESTIONS_PER_COMPETENCE questions per competence and one quiz per module."""
    if Course.objects.filter(title_en=COURSE_TITLE).exists():
        return None
    rng = random.Random("course")
    topics = [MODULE_TOPICS[index % len(MODULE_TOPICS)] for index in range(scale.course_modules)]
    with translation.override("en"), transaction.atomic():
        areas = [CompetenceArea(title=title, order=index) for index, title in enumerate(COMPETENCE_AREAS)]
        CompetenceArea.objects.bulk_create(areas)
        require_primary_keys(areas)
        competences = [Competence(area=areas[index * len(areas) // len(topics)], title=competence, order=index,
                                  audiences=["prison", "probation", "community"])
                       for index, (_module, competence) in enumerate(topics)]
        Competence.objects.bulk_create(competences)
        outcomes = [LearningOutcome(competence=competence, order=order,
                                    text=f"{competence.title}: {'explain' if order == 0 else 'apply in a case'}")
                    for competence in competences for order in range(2)]
        LearningOutcome.objects.bulk_create(outcomes)
        course = Course.objects.create(
            title=COURSE_TITLE, audiences=["prison", "probation", "community"], status=Course.Status.PUBLISHED,
            summary="A blended course for prison, probation and community staff preparing release together.",
            published_version=1, published_at=timezone.now() - timedelta(days=200), created_by=platform_admin())
        modules = [Module(course=course, title=title, order=index) for index, (title, _competence) in enumerate(topics)]
        Module.objects.bulk_create(modules)
        require_primary_keys(modules)
        for previous, module in zip(modules, modules[1:], strict=False):
            module.prerequisite = previous
        Module.objects.bulk_update(modules[1:], ["prerequisite"])
        lessons = [Lesson(module=module, title=f"{LESSON_TITLES[order % len(LESSON_TITLES)]} — {module.title}",
                          order=order) for module in modules for order in range(scale.lessons_per_module)]
        Lesson.objects.bulk_create(lessons)
        require_primary_keys(lessons)
        Lesson.outcomes.through.objects.bulk_create(
            [Lesson.outcomes.through(lesson=lesson, learningoutcome=outcomes[2 * (index // scale.lessons_per_module)
                                                                             + lesson.order % 2])
             for index, lesson in enumerate(lessons)])
        Block.objects.bulk_create([Block(lesson=lesson, kind=Block.Kind.TEXT, order=order,
                                         body=LESSON_TEXT[order].format(topic=lesson.module.title))
                                   for lesson in lessons for order in range(len(LESSON_TEXT))], batch_size=INSERT_BATCH)
        questions = []
        for competence, outcome_pair in zip(competences, zip(outcomes[::2], outcomes[1::2], strict=True), strict=True):
            for number in range(QUESTIONS_PER_COMPETENCE):
                stem = QUESTION_STEMS[number % len(QUESTION_STEMS)]
                true_false = stem.startswith("True or false")
                size = 2 if true_false else 4
                correct = rng.randrange(size)
                labels = ["True", "False"] if true_false else [f"Option {letter}" for letter in "ABCD"]
                questions.append(Question(
                    competence=competence, outcome=outcome_pair[number % 2], text=stem.format(competence=competence),
                    kind=Question.Kind.TRUE_FALSE if true_false else Question.Kind.SINGLE,
                    data={"choices": [{"text": label, "correct": index == correct, "feedback": ""}
                                      for index, label in enumerate(labels)]}))
        Question.objects.bulk_create(questions, batch_size=INSERT_BATCH)
        quizzes = [Quiz(module=module, title=f"Check your knowledge — {module.title}",
                        question_count=QUESTIONS_PER_ATTEMPT, pass_mark=70, attempts_allowed=3) for module in modules]
        Quiz.objects.bulk_create(quizzes)
        require_primary_keys(quizzes)
        # Each quiz draws from its module's competence and revises the one before.
        Quiz.competences.through.objects.bulk_create(
            [Quiz.competences.through(quiz=quiz, competence=competence) for index, quiz in enumerate(quizzes)
             for competence in competences[max(0, index - 1):index + 1]])
    return (f"{len(modules)} modules, {len(lessons)} lessons, {len(competences)} competences, "
            f"{len(questions)} questions, {len(quizzes)} quizzes")


@dataclass(frozen=True)
class _CourseContent:
    """What a learner of the benchmark course works through, in course order."""

    course_id: int
    lessons_per_module: int
    lessons: list[int]  # lesson ids in course order (modules by order, then lessons by order)
    quizzes: list[tuple[int, int, int, list[int]]]  # per module: (quiz id, questions asked, pass mark, bank)
    answer_key: dict[int, tuple[int, int]]  # question id → (index of the correct choice, number of choices)

    @classmethod
    def load(cls, course: Course) -> "_CourseContent":
        modules = list(course.modules.order_by("order", "id").values_list("id", flat=True))
        lessons = list(Lesson.objects.filter(module__course=course).order_by("module__order", "order", "id")
                       .values_list("id", flat=True))
        bank = defaultdict(list)
        answer_key = {}
        for question_id, competence_id, data in Question.objects.filter(
                competence__quizzes__module__course=course).distinct().order_by("id").values_list(
                "id", "competence_id", "data"):
            bank[competence_id].append(question_id)
            choices = data.get("choices", [])
            answer_key[question_id] = (next(i for i, c in enumerate(choices) if c.get("correct")), len(choices))
        quiz_competences = defaultdict(list)
        for quiz_id, competence_id in Quiz.competences.through.objects.filter(quiz__module__course=course)\
                .order_by("quiz_id", "competence_id").values_list("quiz_id", "competence_id"):
            quiz_competences[quiz_id].append(competence_id)
        quizzes = {module_id: (quiz_id, asked, pass_mark, [q for c in quiz_competences[quiz_id] for q in bank[c]])
                   for quiz_id, module_id, asked, pass_mark in Quiz.objects.filter(module__course=course)
                   .values_list("id", "module_id", "question_count", "pass_mark")}
        return cls(course_id=course.pk, lessons_per_module=len(lessons) // max(1, len(modules)), lessons=lessons,
                   quizzes=[quizzes[module_id] for module_id in modules], answer_key=answer_key)


@dataclass
class _CohortRows:
    """The rows of one chunk of learners: enrolments first (their certificates need their primary keys)."""

    enrolments: list = field(default_factory=list)
    names: dict = field(default_factory=dict)  # user id → the name a certificate is issued to
    progress: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    def insert(self) -> int:
        Enrolment.objects.bulk_create(self.enrolments, batch_size=INSERT_BATCH)
        require_primary_keys(self.enrolments)
        completed = [enrolment for enrolment in self.enrolments if enrolment.completed_at]
        certificates = [Certificate(kind=Certificate.Kind.COURSE_COMPLETION, holder_id=enrolment.user_id,
                                    holder_name=self.names[enrolment.user_id], title=COURSE_TITLE,
                                    awarded_on=enrolment.completed_at.date(), issued_at=enrolment.completed_at,
                                    source=f"learning.enrolment:{enrolment.pk}") for enrolment in completed]
        Certificate.objects.bulk_create(certificates)
        require_primary_keys(certificates)
        for enrolment, certificate in zip(completed, certificates, strict=True):
            enrolment.certificate = certificate
        Enrolment.objects.bulk_update(completed, ["certificate"])
        LessonProgress.objects.bulk_create(self.progress, batch_size=INSERT_BATCH)
        QuizAttempt.objects.bulk_create(self.attempts, batch_size=INSERT_BATCH)
        require_primary_keys(self.attempts)
        QuizAnswer.objects.bulk_create(self.answers, batch_size=INSERT_BATCH)
        return len(completed)


def _build_learner(rng: random.Random, number: int, user_id: int, cohort: Cohort, content: _CourseContent,
                   rows: _CohortRows, now: datetime) -> None:
    """One learner: how far they got, when, and the quiz attempts that let them move on. Learner number 0 (the
    learner persona) is halfway through the course, in the middle of a module, and active this week."""
    total, per_module = len(content.lessons), content.lessons_per_module
    if number == 0:
        done, stuck = total // 2 + 2, False
    elif rng.random() < COMPLETED_SHARE:
        done, stuck = total, False
    else:
        done, stuck = rng.randint(0, total - 1), rng.random() < STUCK_SHARE
    enrolled_at = day_at(cohort.starts_on, 9) - timedelta(days=rng.randint(0, 14), minutes=rng.randrange(480))
    if stuck:
        last = now - timedelta(days=rng.randint(15, 90), minutes=rng.randrange(1440))
    else:
        last = now - timedelta(minutes=rng.randrange(13 * 1440))
    last = max(last, enrolled_at + timedelta(days=1))
    times = sorted(between(rng, enrolled_at, last) for _ in range(done))
    if times:
        times[-1] = last
    enrolment = Enrolment(user_id=user_id, course_id=content.course_id, cohort=cohort, enrolled_at=enrolled_at,
                          course_version=1, last_lesson_id=content.lessons[done - 1] if done else None,
                          last_seen_at=last if done else None)
    rows.enrolments.append(enrolment)
    rows.progress.extend(LessonProgress(enrolment=enrolment, lesson_id=lesson_id, completed_at=completed_at)
                         for lesson_id, completed_at in zip(content.lessons, times, strict=False))

    def attempt(quiz, passed: bool, started_at: datetime) -> datetime:
        quiz_id, asked_count, pass_mark, bank = quiz
        asked = rng.sample(bank, min(asked_count, len(bank)))
        right = set(rng.sample(range(len(asked)), len(asked) - rng.choice([0, 1] if passed else [2, 3, 4])))
        score = round(100 * len(right) / len(asked))
        submitted_at = min(now, started_at + timedelta(minutes=rng.randint(4, 25)))
        quiz_attempt = QuizAttempt(enrolment=enrolment, quiz_id=quiz_id, question_ids=asked, started_at=started_at,
                                   submitted_at=submitted_at, score=score, passed=score >= pass_mark)
        rows.attempts.append(quiz_attempt)
        for index, question_id in enumerate(asked):
            key, size = content.answer_key[question_id]
            choice = key if index in right else (key + rng.randint(1, size - 1)) % size
            rows.answers.append(QuizAnswer(attempt=quiz_attempt, question_id=question_id, response=[str(choice)],
                                           correct=index in right))
        return submitted_at

    finished_modules = done // per_module if per_module else 0
    last_passed = None
    for module_index in range(finished_modules):
        lessons_done_at = times[(module_index + 1) * per_module - 1]
        started_at = min(now, lessons_done_at + timedelta(minutes=rng.randint(5, 600)))
        moved_on = done > (module_index + 1) * per_module or done == total
        outcome = "passed" if moved_on else rng.choices(["passed", "failed", "none"], weights=[50, 30, 20])[0]
        if outcome == "failed" or (outcome == "passed" and rng.random() < RETRY_SHARE):
            started_at = min(now, attempt(content.quizzes[module_index], False, started_at)
                             + timedelta(hours=rng.randint(1, 72)))
        if outcome == "passed":
            last_passed = attempt(content.quizzes[module_index], True, started_at)
    if done == total and last_passed:
        enrolment.completed_at = last_passed


def _cohort_trainer() -> tuple[int, int]:
    """(organisation id, user id) of the cohort's trainer: a trainer of the largest training centre that has
    one (else of the largest organisation with a trainer) who administers no organisation, so the grid is read
    as a trainer reads it."""
    sizes = dict(Membership.objects.active().values_list("organisation_id").annotate(n=Count("id")))
    administrators = MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id")
    trainers = (Membership.objects.active().filter(roles__role=Role.TRAINER).exclude(user_id__in=administrators)
                .values_list("organisation_id", "organisation__kind", "user_id"))
    ranked = sorted(trainers, key=lambda t: (t[1] != OrganisationKind.TRAINING, -sizes.get(t[0], 0), t[0], t[2]))
    if not ranked:
        raise RuntimeError("No active member holds the trainer role: seed people first.")
    return ranked[0][0], ranked[0][2]


def seed_cohort(scale: Scale) -> str | None:
    """A cohort of `cohort_learners` learners (active members of an organisation, in account order) run by a
    trainer of its organisation: enrolments, lesson progress for a varying share of the lessons (about half on
    average), quiz attempts with their answers, a few learners who completed and a fifth who are stuck."""
    course = Course.objects.filter(title_en=COURSE_TITLE).first()
    if course is None:
        raise RuntimeError("The benchmark course is missing: seed_course runs first.")
    cohort = Cohort.objects.filter(name=COHORT_NAME, course=course).first()
    present = cohort.enrolments.count() if cohort else 0
    if present >= scale.cohort_learners:
        return None
    if cohort is None:
        organisation_id, trainer_id = _cohort_trainer()
        today = timezone.localdate()
        cohort = Cohort.objects.create(course=course, name=COHORT_NAME, trainer_id=trainer_id,
                                       organisation_id=organisation_id, language="en",
                                       starts_on=today - timedelta(days=120), ends_on=today + timedelta(days=60),
                                       created_at=day_at(today - timedelta(days=135)))
    content = _CourseContent.load(course)
    learners = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .filter(Exists(Membership.objects.active().filter(user=OuterRef("pk"))))
        .exclude(pk=cohort.trainer_id).exclude(Exists(Enrolment.objects.filter(user=OuterRef("pk"), course=course)))
        .order_by("id").values_list("id", "full_name", "email")[:scale.cohort_learners - present])
    now = timezone.now()
    totals = defaultdict(int)
    for chunk_start in range(0, len(learners), COHORT_CHUNK):
        rng = random.Random(f"cohort-{present + chunk_start}")
        rows = _CohortRows()
        for offset, (user_id, full_name, email) in enumerate(learners[chunk_start:chunk_start + COHORT_CHUNK]):
            rows.names[user_id] = full_name or email
            _build_learner(rng, present + chunk_start + offset, user_id, cohort, content, rows, now)
        with transaction.atomic():
            totals["completed"] += rows.insert()
        for name in ("enrolments", "progress", "attempts", "answers"):
            totals[name] += len(getattr(rows, name))
    return (f"{totals['enrolments']:,} learners ({totals['completed']:,} completed), {totals['progress']:,} lessons "
            f"done, {totals['attempts']:,} quiz attempts, {totals['answers']:,} answers")


# --- what learning adds to the benchmark --------------------------------------------------------------------


def seed(scale: Scale) -> bool:
    return run_steps(scale, [seed_course, seed_cohort])


def dataset_summary() -> dict[str, int]:
    return {
        "course_lessons": Lesson.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "lessons_done": LessonProgress.objects.filter(completed_at__isnull=False).count(),
        "quiz_attempts": QuizAttempt.objects.count(),
        "quiz_answers": QuizAnswer.objects.count(),
    }


# --- who the endpoints are called as, and the values in their paths -----------------------------------------


def _bench_cohort() -> Cohort:
    cohort = Cohort.objects.filter(name=COHORT_NAME, course__title_en=COURSE_TITLE).select_related("trainer").first()
    if cohort is None:
        raise RuntimeError("The benchmark cohort is missing: seeding did not run to the end.")
    return cohort


def _learner_enrolment() -> Enrolment:
    """The enrolment of the cohort's learner number 0: halfway through the course (see _build_learner)."""
    enrolment = Enrolment.objects.filter(cohort=_bench_cohort()).select_related("user").order_by("id").first()
    if enrolment is None:
        raise RuntimeError("The benchmark cohort has no learner: seeding did not run to the end.")
    return enrolment


def cohort_trainer() -> User:
    """The trainer of the benchmark cohort, a trainer of the cohort's organisation: reads the grid of all its
    learners."""
    return _bench_cohort().trainer


def learner() -> User:
    """A learner of the cohort halfway through the course, in the middle of a module, active this week."""
    return _learner_enrolment().user


def learner_lesson_id() -> int:
    """The lesson the learner persona is on: the first one they have not done in a module unlocked for them
    (a locked one would redirect to the course page)."""
    enrolment = _learner_enrolment()
    done = set(LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
               .values_list("lesson_id", flat=True))
    for lesson in (Lesson.objects.filter(module__course_id=enrolment.course_id).select_related("module")
                   .order_by("module__order", "order", "id")):
        if lesson.pk not in done and module_unlocked(enrolment=enrolment, module=lesson.module):
            return lesson.pk
    raise RuntimeError("The learner persona has no unlocked lesson left to do.")


# The trainer of a cohort of 1,000 learners (100 with --quick) of a 50-lesson course (20), and one of its
# learners, halfway through.
TRAINER, LEARNER = "trainer", "learner"
PERSONAS: dict[str, Callable[[], User]] = {TRAINER: cohort_trainer, LEARNER: learner}
PATH_VALUES: dict[str, Callable[[], object]] = {
    "bench_course": lambda: _bench_cohort().course_id,
    "bench_cohort": lambda: _bench_cohort().pk,
    "learner_lesson": learner_lesson_id,
}

COHORT = "/en/learning/cohorts/{bench_cohort}/"

ENDPOINTS = [
    page("learning home · learner", "/en/learning/", LEARNER),
    page("course page · learner", "/en/learning/courses/{bench_course}/", LEARNER),
    # Opening a lesson records it as the learner's last lesson (an UPDATE): measured with it.
    page("lesson page · learner", "/en/learning/lessons/{learner_lesson}/", LEARNER),
    page("cohort grid · trainer", COHORT, TRAINER),
    page("cohort grid CSV · trainer", COHORT + "?format=csv", TRAINER),  # a streaming response
    api("API courses · trainer", "/api/v1/courses/", TRAINER),
    api("API enrolments · trainer", "/api/v1/enrolments/", TRAINER),
]
