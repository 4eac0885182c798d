"""The design services: each checks its own policy (a learner or trainer is refused whoever calls), refuses bad
input with a message on the field it concerns, writes in one transaction and leaves an audit event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integra.core.models import AuditEvent
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

pytestmark = pytest.mark.django_db

CHOICES = {"choices": [{"text": "Belonging", "correct": True}, {"text": "Money", "correct": False}]}


def _events(action):
    return AuditEvent.objects.filter(action=action)


def _field_errors(excinfo):
    return excinfo.value.message_dict


def _writes(course, blueprint):
    """Every design write, as a function of the actor."""
    competence, outcome = blueprint
    module = course.modules.first()
    lesson = Lesson.objects.filter(module=module).first()
    return {
        "course_create": lambda a: services.course_create(actor=a, title="New"),
        "course_update": lambda a: services.course_update(actor=a, course=course, title="Renamed"),
        "course_publish": lambda a: services.course_publish(actor=a, course=course),
        "module_create": lambda a: services.module_create(actor=a, course=course, title="M"),
        "module_update": lambda a: services.module_update(actor=a, module=module, title="M"),
        "module_delete": lambda a: services.module_delete(actor=a, module=module),
        "lesson_create": lambda a: services.lesson_create(actor=a, module=module, title="L"),
        "lesson_update": lambda a: services.lesson_update(actor=a, lesson=lesson, title="L"),
        "lesson_delete": lambda a: services.lesson_delete(actor=a, lesson=lesson),
        "block_save": lambda a: services.block_save(actor=a, lesson=lesson, kind="text", body="<p>x</p>"),
        "block_delete": lambda a: services.block_delete(actor=a, block=lesson.blocks.first()),
        "quiz_create": lambda a: services.quiz_create(actor=a, module=module, title="Q", competences=[competence]),
        "quiz_update": lambda a: services.quiz_update(actor=a, quiz=Quiz.objects.first(), title="Q",
                                                      competences=[competence]),
        "quiz_delete": lambda a: services.quiz_delete(actor=a, quiz=Quiz.objects.first()),
        "competence_area_create": lambda a: services.competence_area_create(actor=a, title="Area"),
        "competence_create": lambda a: services.competence_create(actor=a, area=competence.area, title="C"),
        "outcome_create": lambda a: services.outcome_create(actor=a, competence=competence, text="O"),
        "question_create": lambda a: services.question_create(actor=a, competence=competence, kind="single",
                                                              text="Why?", data=CHOICES),
        "question_update": lambda a: services.question_update(actor=a, question=Question.objects.first(),
                                                              competence=competence, kind="single", text="Why?",
                                                              data=CHOICES),
    }


@pytest.mark.parametrize("write", ["course_create", "course_update", "course_publish", "module_create",
                                   "module_update", "module_delete", "lesson_create", "lesson_update",
                                   "lesson_delete", "block_save", "block_delete", "quiz_create", "quiz_update",
                                   "quiz_delete", "competence_area_create", "competence_create", "outcome_create",
                                   "question_create", "question_update"])
def test_only_designers_design_whoever_calls(write, course, blueprint, learner, trainer):
    before = AuditEvent.objects.count()
    for actor in (learner, trainer):
        with pytest.raises(PermissionDenied):
            _writes(course, blueprint)[write](actor)
    assert AuditEvent.objects.count() == before


def test_course_created_as_a_draft_with_its_audit_event(designer):
    course = services.course_create(actor=designer, title="Working with families", summary="For mentors",
                                    audiences=["mentors"],
                                    translations={"title": {"fr": "Travailler avec les familles"}})
    assert course.status == Course.Status.DRAFT and course.created_by == designer and course.package
    assert course.title_en == "Working with families" and course.title_fr == "Travailler avec les familles"
    event = _events("learning.course.created").get()
    assert event.object_id == str(course.pk) and event.data["title"]["fr"] == "Travailler avec les familles"


def test_bad_course_input_is_refused_on_its_field(designer, course):
    with pytest.raises(ValidationError) as empty:
        services.course_create(actor=designer, title="  ")
    assert "title" in _field_errors(empty)
    with pytest.raises(ValidationError) as audience:
        services.course_create(actor=designer, title="X", audiences=["astronauts"])
    assert "audiences" in _field_errors(audience)
    with pytest.raises(ValidationError) as itself:
        services.course_update(actor=designer, course=course, title="X", prerequisite=course)
    assert "prerequisite" in _field_errors(itself)
    with pytest.raises(ValidationError, match="language"):
        services.course_create(actor=designer, title="X", translations={"title": {"xx": "?"}})
    with pytest.raises(ValidationError) as taken:
        services.course_create(actor=designer, title="X", package=course.package)
    assert "package" in _field_errors(taken)
    assert not _events("learning.course.created").exists()


def test_modules_lessons_and_quizzes_are_added_in_order_and_audited(designer, course, blueprint):
    competence, outcome = blueprint
    module = services.module_create(actor=designer, course=course, title="Mentoring",
                                    prerequisite=course.modules.get(order=2))
    assert module.order == course.modules.count() and module.prerequisite.order == 2
    lesson = services.lesson_create(actor=designer, module=module, title="The mentor's role", completion="reflection",
                                    outcomes=[outcome], translations={"title": {"pt": "O papel do mentor"}})
    assert lesson.order == 1 and list(lesson.outcomes.all()) == [outcome] and lesson.title_pt == "O papel do mentor"
    quiz = services.quiz_create(actor=designer, module=module, title="Check", competences=[competence],
                                question_count=2, pass_mark=50, time_limit_minutes=5)
    assert list(quiz.competences.all()) == [competence]
    for action in ("learning.module.created", "learning.lesson.created", "learning.quiz.created"):
        assert _events(action).filter(actor_id=designer.pk).count() == 1


def test_bad_content_input_is_refused_and_nothing_is_written(designer, course, blueprint):
    competence, _outcome = blueprint
    other = services.course_create(actor=designer, title="Other")
    foreign = services.module_create(actor=designer, course=other, title="Elsewhere")
    module = course.modules.first()
    cases = [
        (lambda: services.module_create(actor=designer, course=course, title="M", prerequisite=foreign),
         "prerequisite"),
        (lambda: services.module_create(actor=designer, course=course, title=""), "title"),
        (lambda: services.lesson_create(actor=designer, module=module, title="L", completion="never"), "completion"),
        (lambda: services.quiz_create(actor=designer, module=module, title="Q", competences=[competence],
                                      pass_mark=120), "pass_mark"),
        (lambda: services.quiz_create(actor=designer, module=module, title="Q", competences=[]), "competences"),
        (lambda: services.quiz_create(actor=designer, module=module, title="Q", competences=[competence],
                                      question_count=0), "question_count"),
    ]
    counts = (Module.objects.count(), Lesson.objects.count(), Quiz.objects.count(), AuditEvent.objects.count())
    for write, field in cases:
        with pytest.raises(ValidationError) as excinfo:
            write()
        assert field in _field_errors(excinfo), field
    assert (Module.objects.count(), Lesson.objects.count(), Quiz.objects.count(), AuditEvent.objects.count()) == counts


def test_block_text_is_sanitised_in_every_language_it_is_given(designer, course):
    lesson = Lesson.objects.filter(module__course=course).first()
    block = services.block_save(actor=designer, lesson=lesson, kind="text", body="<p>Hello<script>x()</script></p>",
                                translations={"body": {"fr": '<p onclick="steal()">Bonjour</p><img src=x>'}})
    assert block.body_en == "<p>Hello</p>" and block.body_fr == "<p>Bonjour</p>"
    with pytest.raises(ValidationError) as scenario:
        services.block_save(actor=designer, lesson=lesson, kind="scenario", data={"start": "s1", "steps": {
            "s1": {"text": "Go", "choices": []}}}, translations={"data": {"fr": {"start": "nowhere", "steps": {}}}})
    assert "data" in _field_errors(scenario)
    services.block_delete(actor=designer, block=block)
    assert not Block.objects.filter(pk=block.pk).exists() and _events("learning.block.deleted").exists()


def test_blueprint_entries_are_created_with_codes(designer):
    area = services.competence_area_create(actor=designer, title="Cooperation", order=3)
    competence = services.competence_create(actor=designer, area=area, title="Share information", code="C31",
                                            audiences=["probation"])
    outcome = services.outcome_create(actor=designer, competence=competence, text="Name the legal basis",
                                      code="O311")
    generated = services.outcome_create(actor=designer, competence=competence, text="Another")
    assert (competence.code, outcome.code) == ("C31", "O311") and generated.code
    with pytest.raises(ValidationError) as taken:
        services.competence_create(actor=designer, area=area, title="Again", code="C31")
    assert "code" in _field_errors(taken)
    with pytest.raises(ValidationError) as empty:
        services.competence_area_create(actor=designer, title="")
    assert "title" in _field_errors(empty)
    assert CompetenceArea.objects.count() == 1 and Competence.objects.count() == 1
    assert LearningOutcome.objects.count() == 2
    for action in ("learning.competence_area.created", "learning.competence.created", "learning.outcome.created"):
        assert _events(action).exists()


def test_questions_need_what_their_type_needs_in_every_language(designer, blueprint):
    competence, outcome = blueprint
    bad = [
        ("single", {"choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]}, "exactly one"),
        ("multiple", {"choices": [{"text": "a"}, {"text": "b"}]}, "at least one"),
        ("matching", {"pairs": [{"left": "a"}]}, "left and a right"),
        ("ordering", {"items": []}, "needs “items”"),
        ("short", {"choices": []}, "needs “answers”"),
    ]
    for kind, data, message in bad:
        with pytest.raises(ValidationError, match=message):
            services.question_create(actor=designer, competence=competence, kind=kind, text="?", data=data)
    with pytest.raises(ValidationError, match="differ between languages"):
        services.question_create(actor=designer, competence=competence, kind="single", text="?", data=CHOICES,
                                 translations={"data": {"fr": {"choices": [{"text": "Appartenance", "correct": False},
                                                                           {"text": "Argent", "correct": True}]}}})
    other = services.competence_create(actor=designer, area=competence.area, title="Other")
    with pytest.raises(ValidationError) as wrong_outcome:
        services.question_create(actor=designer, competence=other, outcome=outcome, kind="single", text="?",
                                 data=CHOICES)
    assert "outcome" in _field_errors(wrong_outcome)
    assert not Question.objects.exists()
    question = services.question_create(actor=designer, competence=competence, outcome=outcome, kind="short",
                                        text="Acronym?", data={"answers": ["MAPPA"]},
                                        translations={"text": {"fr": "Sigle ?"},
                                                      "data": {"fr": {"answers": ["MAPPA"]}}})
    assert question.text_fr == "Sigle ?" and question.data_fr == {"answers": ["MAPPA"]}
    assert _events("learning.question.created").get().object_id == str(question.pk)
