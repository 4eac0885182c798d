"""Demo learning programme: the competences blueprint, the course “Preventing radicalisation in prison, probation
and the community” (eight modules in English, French and Portuguese, with a question bank), the train-the-trainer
course, and the Lisbon pilot cohort in progress.

The content is data, in learning/demo_content/: the blueprint (blueprint.json), each course as a course package
(courses/<name>/: course.json, a file per lesson and language, the question bank, the scenarios; the format is
described in packages.py, and the courses are loaded through the same importer designers use), and the pilot's
own texts (pilot.json: the learners' reflections and feedback, an evaluation, the path each takes through the
scenarios). What stays here is the simulation: who works through what.

Built through the services by the demo curriculum designer (Sophie Laurent), the demo trainer (Ana Ferreira,
Centro de Formação Lisboa) and by the learners themselves, so the audit trail, certificates and notifications
are real. Italian has only the course title, summary and module titles, and Bulgarian and Greek only the course
title, to show the fallback to English. Two learning outcomes are deliberately left without lessons or questions
so that the coverage report shows gaps.

Idempotent: nothing happens when the course already exists."""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import content, packages, services
from .models import Block, Course, Enrolment, Lesson, Question, Quiz

DATA = Path(__file__).parent / "demo_content"
COURSE_FOLDER = DATA / "courses" / "preventing-radicalisation"
TTT_FOLDER = DATA / "courses" / "train-the-trainer"

DESIGNER = "designer@example.org"
TRAINER = "trainer@example.org"
COHORT_NAME = "Lisbon pilot cohort 2026"

# email, modules completed, lessons done in the next module, failed quiz attempts before passing or still to retry
# ({module number: [correct answers per attempt]}), how they go through scenarios (good path, poor path, or the poor
# path first and then again). Together they give the cohort grid its spread; people missing from the core demo
# are skipped.
LEARNERS = [
    ("mentor@example.org", 8, 0, {}, "good"),  # finishes the course, then the train-the-trainer course
    ("volunteer@example.org", 5, 1, {2: [1]}, "good"),
    ("casemanager@example.org", 4, 1, {4: [2]}, "good"),
    ("probation@example.org", 3, 3, {4: [3]}, "good"),  # all of module 4 read, its quiz failed once: to retry
    ("prisoncase@example.org", 2, 1, {}, "poor"),
    ("frontline@example.org", 1, 1, {}, "retry"),
    ("researcher@example.org", 0, 3, {1: [1]}, "good"),  # module 1 read, its quiz failed once
    ("organiser@example.org", 0, 0, {}, "good"),  # opened the first lesson 20 days ago and never came back
]
FINISHER = "mentor@example.org"
STUCK = "organiser@example.org"
SCENARIO_STYLES = {"good": ["good"], "poor": ["poor"], "retry": ["poor", "good"]}


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def course_manifest(folder: Path = COURSE_FOLDER) -> dict:
    """The course.json of a demo course (its titles, for tests that look for them)."""
    return _read(folder / packages.MANIFEST)


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    return user


@dataclass
class _DemoCourse:
    """A loaded demo course, and what its simulated learners write and choose in it."""

    course: Course
    lesson_ids: dict  # Lesson pk → the lesson's id in the package
    reflections: dict  # lesson id → sample answer by language
    scenario_paths: dict  # lesson id → {"good": [choices], "poor": [choices]}


def _load_course(designer, folder: Path, pilot: dict) -> _DemoCourse:
    result = packages.course_folder_import(actor=designer, folder=folder)
    course = services.course_publish(actor=designer, course=result.course)
    sample = pilot["courses"].get(course.package, {})
    return _DemoCourse(course=course, lesson_ids={lesson.pk: key for key, lesson in result.lessons.items()},
                       reflections=sample.get("reflections", {}), scenario_paths=sample.get("scenario_paths", {}))


# --- learning -------------------------------------------------------------------------------------------------------


def _response(question: Question, right: bool) -> list:
    """What a learner answers, right or wrong, read from the question in the active language."""
    data = question.data
    if question.kind in {Question.Kind.SINGLE, Question.Kind.TRUE_FALSE, Question.Kind.MULTIPLE}:
        correct = [i for i, choice in enumerate(data["choices"]) if choice["correct"]]
        wrong = [i for i, choice in enumerate(data["choices"]) if not choice["correct"]]
        return correct if right else correct[:1] if question.kind == Question.Kind.MULTIPLE else wrong[:1]
    if question.kind == Question.Kind.MATCHING:
        rights = [pair["right"] for pair in data["pairs"]]
        return rights if right else rights[1:] + rights[:1]
    if question.kind == Question.Kind.ORDERING:
        return list(data["items"]) if right else list(reversed(data["items"]))
    return [data["answers"][0]] if right else ["I am not sure"]


def _take_quiz(learner, quiz: Quiz, correct: int):
    """One attempt with `correct` right answers (the first questions drawn) and the rest wrong."""
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    questions = Question.objects.in_bulk(attempt.question_ids)
    responses = {pk: _response(questions[pk], n < correct) for n, pk in enumerate(attempt.question_ids)}
    return services.quiz_submit(actor=learner, attempt=attempt, responses=responses)


def _walk(learner, block: Block, choices: list[int]) -> None:
    step = block.data["start"]
    for choice in choices:
        step = services.scenario_choose(actor=learner, block=block, step=step, choice=choice)["next"]
    if step and not content.is_final_step(block.data, step):
        raise ValueError(f"the demo path {choices} does not finish scenario {block.pk}")


def _study(demo: _DemoCourse, learner, lesson: Lesson, style: str) -> None:
    blocks = list(lesson.blocks.all())
    lesson_id = demo.lesson_ids[lesson.pk]
    if lesson.completion == Lesson.Completion.SCENARIO:
        block = next(b for b in blocks if b.kind == Block.Kind.SCENARIO)
        for path in SCENARIO_STYLES[style]:
            _walk(learner, block, demo.scenario_paths[lesson_id][path])
    elif lesson.completion == Lesson.Completion.REFLECTION:
        block = next(b for b in blocks if b.kind == Block.Kind.REFLECTION)
        answers = demo.reflections[lesson_id]
        services.reflection_save(actor=learner, block=block, text=answers.get(learner.language) or answers["en"])
    else:
        services.lesson_complete(actor=learner, lesson=lesson)


def _learn(demo: _DemoCourse, learner, *, modules_done: int, next_lessons: int, failed: dict, style: str,
           seed: int = 0) -> None:
    """Work through the course as the learner, in order, as the unlocking rules require."""
    for number, module in enumerate(demo.course.modules.order_by("order"), start=1):
        if number > modules_done + 1:
            break
        lessons = list(module.lessons.order_by("order"))
        for lesson in lessons if number <= modules_done else lessons[:next_lessons]:
            _study(demo, learner, lesson, style)
        quiz = module.quizzes.first()
        if quiz is None:
            continue
        for correct in failed.get(number, []):
            _take_quiz(learner, quiz, correct)
        if number <= modules_done:
            count = quiz.question_count
            one_wrong = (seed + number) % 3 == 0 and round(100 * (count - 1) / count) >= quiz.pass_mark
            _take_quiz(learner, quiz, count - 1 if one_wrong else count)


def _lesson(course: Course, module: int, lesson: int) -> Lesson:
    return Lesson.objects.get(module__course=course, module__order=module, order=lesson)


def _certify(main: _DemoCourse, ttt: _DemoCourse, candidate, *, observer, session: dict, delivered_on) -> None:
    """The whole trainer pathway, as the candidate goes through it; the platform certifies them at the sign-off."""
    with translation.override(candidate.language or "en"):
        for demo in (main, ttt):
            services.enrolment_create(actor=candidate, course=demo.course)
            _learn(demo, candidate, modules_done=demo.course.modules.count(), next_lessons=0, failed={},
                   style="good")
    observation = services.observation_request(actor=candidate, session_title=session["title"],
                                               delivered_on=delivered_on, observer=observer)
    services.observation_sign_off(actor=observer, observation=observation, notes=session["notes"])


def _pilot(main: _DemoCourse, ttt: _DemoCourse, pilot: dict) -> None:
    course = main.course
    trainer = _person(TRAINER)
    today = timezone.localdate()
    # Ana Ferreira runs the pilot as a certified trainer, and certified the way everyone is: the course, the
    # train-the-trainer course and an observed session, signed off by the curriculum designer (the programme's first
    # trainer has no certified trainer to observe her). Every step of her pathway page is ticked.
    _certify(main, ttt, trainer, observer=_person(DESIGNER), session=pilot["trainer_observed_session"],
             delivered_on=today - dt.timedelta(days=150))
    cohort = services.cohort_create(actor=trainer, course=course, name=COHORT_NAME,
                                    organisation=demo_organisation("pt-training"), language="pt",
                                    starts_on=today - dt.timedelta(days=21), ends_on=today + dt.timedelta(days=70))
    learners = {}
    for email, *_plan in LEARNERS:
        user = get_user_model().objects.filter(email=email).first()
        if user is not None:
            forget_roles(user)
            services.enrolment_create(actor=trainer, course=course, user=user, cohort=cohort)
            learners[email] = user
    started = timezone.now() - dt.timedelta(days=20)
    Enrolment.objects.filter(cohort=cohort).update(enrolled_at=started)

    for seed, (email, modules_done, next_lessons, failed, style) in enumerate(LEARNERS):
        if email in learners:
            with translation.override(learners[email].language or "en"):
                _learn(main, learners[email], modules_done=modules_done, next_lessons=next_lessons, failed=failed,
                       style=style, seed=seed)
    if STUCK in learners:
        services.lesson_open(actor=learners[STUCK], lesson=_lesson(course, 1, 1))
        Enrolment.objects.filter(cohort=cohort, user=learners[STUCK]).update(enrolled_at=started, last_seen_at=started)

    for feedback in pilot["feedback"]:  # in each learner's own language
        if feedback["learner"] in learners:
            services.lesson_feedback_save(actor=learners[feedback["learner"]],
                                          lesson=_lesson(course, feedback["module"], feedback["lesson"]),
                                          useful=feedback["useful"], clear=feedback["clear"],
                                          comment=feedback["comment"])

    finisher = learners.get(FINISHER)
    if finisher is None:
        return
    evaluation = pilot["evaluation"]
    services.course_evaluation_submit(actor=finisher, course=course, rating=evaluation["rating"],
                                      would_recommend=evaluation["would_recommend"], comment=evaluation["comment"])
    # The trainer pathway: the course finished, the train-the-trainer course too, an observed session waiting for
    # Ana's sign-off (which will make her a certified trainer).
    services.enrolment_create(actor=finisher, course=ttt.course)
    with translation.override(finisher.language or "en"):
        _learn(ttt, finisher, modules_done=ttt.course.modules.count(), next_lessons=0, failed={}, style="good")
    services.observation_request(actor=finisher, session_title=pilot["observed_session"],
                                 delivered_on=today - dt.timedelta(days=5), observer=trainer)


@transaction.atomic
def load_demo_learning() -> None:
    manifest = course_manifest()
    if Course.objects.filter(Q(package=manifest["package"]) | Q(title_en=manifest["title"]["en"])).exists():
        return
    pilot = _read(DATA / "pilot.json")
    with translation.override("en"):
        designer = _person(DESIGNER)
        packages.blueprint_import(actor=designer, data=_read(DATA / "blueprint.json"), source="blueprint.json")
        main = _load_course(designer, COURSE_FOLDER, pilot)
        ttt = _load_course(designer, TTT_FOLDER, pilot)
        _pilot(main, ttt, pilot)
