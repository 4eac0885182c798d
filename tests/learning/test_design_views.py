"""The design and blueprint pages: each form posts to a URL of its own, is refused to people who do not design
(403, or the sign-in page), answers 400 with the service's message on bad input, and the pages keep a fixed
number of queries however large the course."""

import pytest
from django.urls import reverse

from integra.core.models import AuditEvent
from integra.learning import services
from integra.learning.models import Competence, CompetenceArea, Course, LearningOutcome, Lesson, Module, Question, Quiz
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def _posts(course, blueprint):
    """Every POST of the design pages with valid data."""
    competence, outcome = blueprint
    module = course.modules.first()
    lesson = Lesson.objects.filter(module=module).first()
    return {
        reverse("learning:design_course_publish", args=[course.pk]): {},  # first: a lesson without content stops it
        reverse("learning:design"): {"title": "Working with families", "summary": "", "audiences": ["mentors"]},
        reverse("learning:design_module_create", args=[course.pk]): {"title": "Families", "order": 3},
        reverse("learning:design_lesson_create", args=[course.pk]): {
            "module": module.pk, "title": "Visits", "order": 5, "required": "on", "completion": "viewed",
            "outcomes": [outcome.pk]},
        reverse("learning:design_quiz_create", args=[course.pk]): {
            "module": module.pk, "title": "Second check", "competences": [competence.pk], "question_count": 3,
            "pass_mark": 70, "attempts_allowed": 2, "required": "on"},
        reverse("learning:design_lesson", args=[lesson.pk]): {"kind": "text", "body": "<p>More</p>"},
        reverse("learning:blueprint_area_create"): {"title": "Cooperation", "order": 2},
        reverse("learning:blueprint_competence_create"): {"area": competence.area_id, "title": "Share", "order": 1,
                                                          "code": "C31"},
        reverse("learning:blueprint_outcome_create"): {"competence": competence.pk, "text": "Name the basis",
                                                       "order": 1},
        reverse("learning:blueprint_question_create"): {"competence": competence.pk, "kind": "short",
                                                        "text": "Acronym?", "data": '{"answers": ["MAPPA"]}'},
    }


def test_every_design_post_is_refused_to_learners_and_trainers(course, blueprint, learner, trainer, client):
    counts = (Course.objects.count(), Module.objects.count(), Lesson.objects.count(), Quiz.objects.count(),
              CompetenceArea.objects.count(), Competence.objects.count(), Question.objects.count())
    for url, data in _posts(course, blueprint).items():
        for person in (learner, trainer):
            assert signed_in(person).post(url, data).status_code == 403, url
        assert client.post(url, data).status_code == 302 and "login" in client.post(url, data)["Location"], url
    assert (Course.objects.count(), Module.objects.count(), Lesson.objects.count(), Quiz.objects.count(),
            CompetenceArea.objects.count(), Competence.objects.count(), Question.objects.count()) == counts


def test_every_design_post_works_for_a_designer_and_is_audited(course, blueprint, designer):
    client = signed_in(designer)
    before = AuditEvent.objects.count()
    for url, data in _posts(course, blueprint).items():
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[:2000])
    assert Course.objects.filter(title_en="Working with families", status="draft").exists()
    assert Module.objects.filter(title_en="Families", course=course).exists()
    assert Lesson.objects.filter(title_en="Visits").get().outcomes.count() == 1
    assert Quiz.objects.filter(title_en="Second check").exists()
    assert Competence.objects.filter(code="C31").exists() and LearningOutcome.objects.filter(text_en="Name the basis")
    assert Question.objects.filter(text_en="Acronym?", data_en={"answers": ["MAPPA"]}).exists()
    assert AuditEvent.objects.count() - before >= 10
    course.refresh_from_db()
    assert course.published_version == 2


def test_bad_input_answers_400_with_the_message_and_saves_nothing(course, blueprint, designer):
    competence, _outcome = blueprint
    other = services.course_create(actor=designer, title="Other")
    foreign = services.module_create(actor=designer, course=other, title="Elsewhere")
    client = signed_in(designer)
    module = course.modules.first()
    lesson = Lesson.objects.filter(module=module).first()
    cases = [
        (reverse("learning:design"), {"title": ""}, "This field is required"),
        (reverse("learning:design_module_create", args=[course.pk]), {"title": "X", "order": 1,
                                                                      "prerequisite": foreign.pk},
         "Select a valid choice"),
        (reverse("learning:design_quiz_create", args=[course.pk]), {
            "module": module.pk, "title": "Too hard", "competences": [competence.pk], "question_count": 3,
            "pass_mark": 150, "attempts_allowed": 2}, "percentage"),
        (reverse("learning:design_lesson", args=[lesson.pk]), {"kind": "scenario", "data": '{"start": "s9"}'},
         "start step"),
        (reverse("learning:design_lesson", args=[lesson.pk]), {"kind": "scenario", "data": "{not json"},
         "not valid JSON"),
        (reverse("learning:blueprint_competence_create"), {"area": competence.area_id, "title": "Again",
                                                           "order": 1, "code": competence.code}, "already used"),
        (reverse("learning:blueprint_area_create"), {"title": "", "order": 1}, "This field is required"),
    ]
    before = AuditEvent.objects.count()
    for url, data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), (url, message)
    assert AuditEvent.objects.count() == before


def test_publishing_with_problems_says_why_and_changes_nothing(designer):
    course = services.course_create(actor=designer, title="Empty")
    response = signed_in(designer).post(reverse("learning:design_course_publish", args=[course.pk]), follow=True)
    assert "Not published" in response.content.decode() and "no module" in response.content.decode()
    course.refresh_from_db()
    assert course.status == "draft"


def test_design_pages_404_for_missing_rows_and_403_for_non_designers(course, learner, designer):
    client = signed_in(designer)
    quiz = Quiz.objects.get()
    lesson = Lesson.objects.filter(module__course=course).first()
    for name in ("design_course", "design_module_create", "pilot_report", "design_course_package"):
        assert client.get(reverse(f"learning:{name}", args=[999999])).status_code == 404, name
        assert signed_in(learner).get(reverse(f"learning:{name}", args=[course.pk])).status_code == 403, name
    assert client.get(reverse("learning:design_lesson", args=[999999])).status_code == 404
    assert client.get(reverse("learning:item_analysis", args=[999999])).status_code == 404
    assert signed_in(learner).get(reverse("learning:design_lesson", args=[lesson.pk])).status_code == 403
    assert client.get(reverse("learning:item_analysis", args=[quiz.pk])).status_code == 200
    assert client.post(reverse("learning:design_module_create", args=[999999]), {"title": "X"}).status_code == 404
    assert client.get(reverse("learning:design_course_publish", args=[course.pk])).status_code == 405


def test_blueprint_forms_are_for_designers_only(course, learner, designer):
    learner_page = signed_in(learner).get(reverse("learning:blueprint")).content.decode()
    designer_page = signed_in(designer).get(reverse("learning:blueprint")).content.decode()
    assert "Add an area" not in learner_page and reverse("learning:blueprint_area_create") not in learner_page
    assert reverse("learning:blueprint_question_create") in designer_page and 'name="what"' not in designer_page


def _grow(course, designer, blueprint):
    """More modules, lessons, blocks, quizzes, questions and blueprint entries."""
    competence, outcome = blueprint
    for i in range(3):
        module = services.module_create(actor=designer, course=course, title=f"Extra {i}")
        lesson = services.lesson_create(actor=designer, module=module, title=f"Extra lesson {i}", outcomes=[outcome])
        services.block_save(actor=designer, lesson=lesson, kind="text", body=f"<p>Text {i}</p>")
        services.block_save(actor=designer, lesson=lesson, kind="video", transcript="Spoken words")
        services.quiz_create(actor=designer, module=module, title=f"Quiz {i}", competences=[competence],
                             question_count=2)
        other = services.competence_create(actor=designer, area=competence.area, title=f"Competence {i}")
        services.outcome_create(actor=designer, competence=other, text=f"Outcome {i}")
        services.question_create(actor=designer, competence=other, kind="short", text=f"Q{i}?",
                                 data={"answers": ["yes"]})


def test_design_pages_keep_their_query_counts_flat(course, designer, blueprint, count_queries):
    client = signed_in(designer)
    lesson = Lesson.objects.filter(module__course=course).first()
    urls = [reverse("learning:design"), reverse("learning:design_course", args=[course.pk]),
            reverse("learning:design_lesson", args=[lesson.pk]), reverse("learning:blueprint"),
            reverse("learning:design_import"), reverse("learning:pilot_report", args=[course.pk]),
            reverse("learning:item_analysis", args=[Quiz.objects.get().pk])]
    for url in urls:
        assert client.get(url).status_code == 200, url
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    _grow(course, designer, blueprint)
    services.block_save(actor=designer, lesson=lesson, kind="text", body="<p>One more</p>")
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after
