"""A small published course: two modules (the second unlocks after the first), a scenario, a reflection, a
quiz drawing from a bank with every question type."""

import datetime as dt

import pytest

from integra.core.models import OrganisationKind
from integra.core.roles import Role
from integra.learning import services
from integra.learning.models import (
    Block,
    Competence,
    CompetenceArea,
    Course,
    LearningOutcome,
    Lesson,
    Module,
    Question,
    Quiz,
)
from tests.conftest import make_org, make_user

SCENARIO = {"start": "s1", "steps": {
    "s1": {"text": "A prisoner on your wing stops talking to his cellmate.",
           "choices": [{"label": "Ignore it", "next": "s2", "feedback": "Small changes matter."},
                       {"label": "Note it and talk to him", "next": "end", "feedback": "Good: observe and record."}]},
    "s2": {"text": "A week later he refuses to go to work.",
           "choices": [{"label": "Report it", "next": "end", "feedback": "Better late than never."}]},
    "end": {"text": "You shared your observation with the security department.", "choices": []},
}}


@pytest.fixture
def training_org(db):
    return make_org("Training centre", kind=OrganisationKind.TRAINING, country="PT")


@pytest.fixture
def designer(training_org):
    return make_user("designer@learn.example", org=training_org, roles=[Role.CURRICULUM_DESIGNER])


@pytest.fixture
def trainer(training_org):
    return make_user("trainer@learn.example", org=training_org, roles=[Role.TRAINER])


@pytest.fixture
def learner(db):
    return make_user("learner@learn.example", org=make_org(country="FR"), roles=[Role.FRONTLINE],
                     full_name="Lea Learner")


@pytest.fixture
def blueprint(db):
    area = CompetenceArea.objects.create(title="Understanding radicalisation")
    competence = Competence.objects.create(area=area, title="Recognising signs", audiences=["prison"])
    covered = LearningOutcome.objects.create(competence=competence, text="Describe push and pull factors")
    LearningOutcome.objects.create(competence=competence, text="Explain online grooming")  # not covered
    return competence, covered


def _questions(competence, outcome):
    choices = [{"text": "Push factors", "correct": True, "feedback": "Yes"}, {"text": "Pull factors", "correct": False}]
    return [
        Question.objects.create(competence=competence, outcome=outcome, kind="single", text="Single?",
                                data={"choices": choices}),
        Question.objects.create(competence=competence, kind="multiple", text="Multiple?", data={"choices": [
            {"text": "A", "correct": True}, {"text": "B", "correct": True}, {"text": "C", "correct": False}]}),
        Question.objects.create(competence=competence, kind="true_false", text="True?", data={"choices": [
            {"text": "True", "correct": True}, {"text": "False", "correct": False}]}),
        Question.objects.create(competence=competence, kind="matching", text="Match", data={"pairs": [
            {"left": "Push", "right": "Grievance"}, {"left": "Pull", "right": "Belonging"}]}),
        Question.objects.create(competence=competence, kind="ordering", text="Order", data={
            "items": ["Observe", "Record", "Share"]}),
        Question.objects.create(competence=competence, kind="short", text="Short", data={"answers": ["MAPPA"]}),
    ]


CORRECT = {"single": ["0"], "multiple": ["0", "1"], "true_false": ["0"], "matching": ["Grievance", "Belonging"],
           "ordering": ["Observe", "Record", "Share"], "short": ["  mappa "]}


@pytest.fixture
def course(designer, blueprint):
    competence, outcome = blueprint
    course = Course.objects.create(title="Preventing radicalisation", summary="Core course", created_by=designer)
    first = Module.objects.create(course=course, title="Understanding", order=1)
    second = Module.objects.create(course=course, title="Working with offenders", order=2, prerequisite=first)
    intro = Lesson.objects.create(module=first, title="Push and pull", order=1)
    intro.outcomes.add(outcome)
    services.block_save(actor=designer, lesson=intro, kind=Block.Kind.TEXT,
                        body="<p>Push and pull <script>alert(1)</script><strong>factors</strong></p>")
    scenario_lesson = Lesson.objects.create(module=first, title="On the wing", order=2, completion="scenario")
    services.block_save(actor=designer, lesson=scenario_lesson, kind=Block.Kind.SCENARIO, data=SCENARIO)
    reflection_lesson = Lesson.objects.create(module=second, title="Your practice", order=1, completion="reflection")
    services.block_save(actor=designer, lesson=reflection_lesson, kind=Block.Kind.REFLECTION,
                        body="<p>What would you do differently?</p>")
    _questions(competence, outcome)
    quiz = Quiz.objects.create(module=first, title="Check your understanding", question_count=6, pass_mark=60,
                               attempts_allowed=2)
    quiz.competences.add(competence)
    services.course_publish(actor=designer, course=course)
    return course


def answer_all_correctly(attempt):
    questions = Question.objects.in_bulk(attempt.question_ids)
    return {qid: CORRECT[questions[qid].kind] for qid in attempt.question_ids}


def lessons_of(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))


def finish_first_module(learner, course):
    """The first module done: its text lesson, its scenario (the good path) and its quiz (all correct)."""
    intro, scenario_lesson, _reflection = lessons_of(course)
    services.lesson_complete(actor=learner, lesson=intro)
    block = scenario_lesson.blocks.get()
    services.scenario_choose(actor=learner, block=block, step="s1", choice=1)
    quiz = Quiz.objects.get(module__course=course)
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    return services.quiz_submit(actor=learner, attempt=attempt, responses=answer_all_correctly(attempt))


def train_the_trainer_course(course, designer):
    """The published train-the-trainer course that builds on `course` (made once)."""
    ttt = Course.objects.filter(is_train_the_trainer=True, prerequisite=course).first()
    if ttt is None:
        ttt = Course.objects.create(title="Train-the-trainer", is_train_the_trainer=True, prerequisite=course,
                                    created_by=designer, hours=8)
        lesson = Lesson.objects.create(module=Module.objects.create(course=ttt, title="Facilitation"),
                                       title="Sensitive discussions")
        services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.TEXT, body="<p>Ground rules</p>")
        services.course_publish(actor=designer, course=ttt)
    return ttt


def certify_trainer(person, *, course, designer):
    """A certified trainer, the only way there is: the course, the train-the-trainer course and an observed
    session signed off (here by the curriculum designer, as for a platform's first trainers)."""
    from integra.learning.models import Certificate

    ttt = train_the_trainer_course(course, designer)
    services.enrolment_create(actor=person, course=course)
    finish_first_module(person, course)
    services.reflection_save(actor=person, block=lessons_of(course)[2].blocks.get(), text="Done")
    services.enrolment_create(actor=person, course=ttt)
    services.lesson_complete(actor=person, lesson=Lesson.objects.get(module__course=ttt))
    observation = services.observation_request(actor=person, session_title="Observed session",
                                               delivered_on=dt.date(2026, 1, 1), observer=designer)
    services.observation_sign_off(actor=designer, observation=observation, notes="Well run")
    return Certificate.objects.get(holder=person, kind=Certificate.Kind.CERTIFIED_TRAINER, revoked_at__isnull=True)


@pytest.fixture
def other_trainer(db):
    """A trainer of another organisation (the one of the probe in issue 8)."""
    return make_user("other.trainer@elsewhere.example", org=make_org("Elsewhere", country="BG"), roles=[Role.TRAINER])


@pytest.fixture
def cohort(course, trainer, training_org, learner):
    """The training centre's cohort of the course, led by its trainer, with the learner in it."""
    cohort = services.cohort_create(actor=trainer, course=course, name="Lisbon pilot", organisation=training_org,
                                    language="pt", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    services.enrolment_create(actor=trainer, course=course, user=learner, cohort=cohort)
    return cohort
