"""Learning pages: lessons, scenarios and reflections, quizzes, the cohort grid and its export, reports, settings,
certificate revocation, the dashboard, and query counts that do not grow with the data."""

import datetime as dt
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from integra.core.roles import Role
from integra.learning import selectors, services
from integra.learning.models import (
    Certificate,
    Enrolment,
    Lesson,
    Module,
    Quiz,
    QuizAttempt,
    Reflection,
)
from tests.conftest import make_org, make_user, signed_in
from tests.learning.conftest import answer_all_correctly, finish_first_module, lessons_of

pytestmark = pytest.mark.django_db


def test_lesson_page_shows_scenario_and_keeps_reflection_private(course, learner, designer):
    services.enrolment_create(actor=learner, course=course)
    finish_first_module(learner, course)
    client = signed_in(learner)
    scenario_lesson, reflection_lesson = lessons_of(course)[1], lessons_of(course)[2]
    page = client.get(reverse("learning:lesson", args=[scenario_lesson.pk]))
    assert page.status_code == 200 and "What do you do?" in page.content.decode()
    block = scenario_lesson.blocks.get()
    response = client.post(reverse("learning:lesson_scenario", args=[scenario_lesson.pk]),
                           {"block": block.pk, "step": "s1", "choice": 1})
    assert response.status_code == 302 and "step=end" in response["Location"]
    followed = client.get(response["Location"]).content.decode()
    assert "Good: observe and record." in followed and "End of the scenario." in followed
    client.post(reverse("learning:lesson_reflection", args=[reflection_lesson.pk]),
                {"block": reflection_lesson.blocks.get().pk, "text": "My private thought"})
    assert Reflection.objects.get().text == "My private thought"
    preview = signed_in(designer).get(reverse("learning:lesson", args=[reflection_lesson.pk])).content.decode()
    assert "My private thought" not in preview and "Preview as a learner" in preview


def test_continue_where_i_left_off(course, learner):
    services.enrolment_create(actor=learner, course=course)
    scenario_lesson = lessons_of(course)[1]
    signed_in(learner).get(reverse("learning:lesson", args=[scenario_lesson.pk]))
    home = signed_in(learner).get(reverse("learning:home")).content.decode()
    assert "Continue where I left off" in home and reverse("learning:lesson", args=[scenario_lesson.pk]) in home


def test_quiz_pages(course, learner):
    services.enrolment_create(actor=learner, course=course)
    quiz = Quiz.objects.get()
    client = signed_in(learner)
    url = reverse("learning:quiz", args=[quiz.pk])
    rules = client.get(url)  # opening the page starts nothing: the learner starts the attempt
    assert rules.status_code == 200 and "Start the quiz" in rules.content.decode()
    assert not QuizAttempt.objects.exists()
    started = client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    assert started.status_code == 302 and started["Location"] == url
    page = client.get(url)
    assert page.status_code == 200 and "Submit my answers" in page.content.decode()
    assert client.get(url).content.decode().count("Submit my answers") == 1  # the same attempt, still open
    attempt = QuizAttempt.objects.get()
    form = {"attempt": attempt.pk}
    for qid, values in answer_all_correctly(attempt).items():
        kind = next(q.kind for q in page.context["questions"] if q.pk == qid)
        if kind in {"matching", "ordering"}:
            for index, value in enumerate(values):
                form[f"q{qid}_{index}"] = value
        else:
            form[f"q{qid}"] = values
    submitted = client.post(reverse("learning:quiz_submit", args=[quiz.pk]), form)
    assert submitted.status_code == 302 and submitted["Location"] == url
    result = client.get(url)
    assert result.status_code == 200 and "Your score: 100%" in result.content.decode()
    again = client.get(url).content.decode()  # the score is shown once; then the quiz's rules again
    assert "Your score" not in again and "Attempts used: 1 of 2." in again


def test_item_analysis(course, learner, designer):
    services.enrolment_create(actor=learner, course=course)
    finish_first_module(learner, course)
    rows = selectors.item_analysis(actor=designer, quiz=Quiz.objects.get())
    assert len(rows) == 6 and all(r["facility"] == 1.0 for r in rows)
    assert signed_in(designer).get(reverse("learning:item_analysis", args=[Quiz.objects.get().pk])).status_code == 200


def test_cohort_grid_and_export(course, trainer, training_org, learner, count_queries):
    cohort = services.cohort_create(actor=trainer, course=course, name="Pilot", organisation=training_org,
                                    language="en", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    services.enrolment_create(actor=trainer, course=course, user=learner, cohort=cohort)
    finish_first_module(learner, course)
    grid = selectors.cohort_grid(actor=trainer, cohort=cohort)
    assert grid["rows"][0]["cells"] == [100, 0] and grid["rows"][0]["competences"] == 1
    client = signed_in(trainer)
    url = reverse("learning:cohort", args=[cohort.pk])
    client.get(url)
    before, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200 and "Lea Learner" in response.content.decode()
    for _i in range(5):
        person = make_user(org=make_org(), roles=[Role.FRONTLINE])
        services.enrolment_create(actor=trainer, course=course, user=person, cohort=cohort)
        services.lesson_complete(actor=person, lesson=lessons_of(course)[0])
    after, _ = count_queries(lambda: client.get(url))
    assert before == after
    csv = b"".join(client.get(url + "?format=csv").streaming_content).decode()
    assert "learner@learn.example" in csv and "Understanding" in csv
    assert signed_in(learner).get(url).status_code == 404  # learners do not see the grid


def test_coverage_report_shows_uncovered_outcomes(course, designer):
    rows = selectors.coverage_report(actor=designer)
    assert rows[0]["gap"] and rows[0]["outcome"].text == "Explain online grooming"
    page = signed_in(designer).get(reverse("learning:blueprint")).content.decode()
    assert "not covered" in page


def test_learner_pages_answer_and_keep_query_counts_flat(course, learner, count_queries):
    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    urls = [reverse("learning:home"), reverse("learning:course", args=[course.pk]),
            reverse("learning:lesson", args=[lessons_of(course)[0].pk])]
    for url in urls:
        assert client.get(url).status_code == 200
    before = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    services.lesson_complete(actor=learner, lesson=lessons_of(course)[0])
    module = Module.objects.filter(course=course).first()
    for i in range(5):
        Lesson.objects.create(module=module, title=f"Extra {i}", order=10 + i)
    after = [count_queries(lambda u=url: client.get(u))[0] for url in urls]
    assert before == after


def test_designers_add_quizzes_and_questions_through_the_pages(course, designer, blueprint):
    competence, outcome = blueprint
    client = signed_in(designer)
    bad = client.post(reverse("learning:blueprint"), {"what": "question", "competence": competence.pk, "kind": "single",
                                                      "text": "Which?", "data": '{"choices": [{"text": "a"}]}'})
    assert bad.status_code == 400 and "exactly one choice" in bad.content.decode()
    ok = client.post(reverse("learning:blueprint"), {
        "what": "question", "competence": competence.pk, "outcome": outcome.pk, "kind": "short", "text": "Acronym?",
        "data": '{"answers": ["MAPPA"]}'})
    assert ok.status_code == 302
    module = Module.objects.filter(course=course).first()
    response = client.post(reverse("learning:design_course", args=[course.pk]), {
        "what": "quiz", "module": module.pk, "title": "Second check", "competences": [competence.pk],
        "question_count": 3, "pass_mark": 70, "attempts_allowed": 2, "required": "on"})
    assert response.status_code == 302 and Quiz.objects.filter(title="Second check").exists()
    assert "questions in the bank" in client.get(reverse("learning:blueprint")).content.decode()


def test_organisation_admin_requires_certified_trainers(training_org, trainer, course):
    from integra.learning.models import OrganisationLearningSettings

    admin = make_user(org=training_org, roles=[Role.ORG_ADMIN])
    assert signed_in(trainer).get(reverse("learning:settings")).status_code == 404
    response = signed_in(admin).post(reverse("learning:settings_save", args=[training_org.pk]),
                                     {"require_certified_trainers": "on"})
    assert response.status_code == 302
    assert OrganisationLearningSettings.objects.get(organisation=training_org).require_certified_trainers


def test_certificates_are_revoked_by_designers_only(course, learner, designer, client):
    services.enrolment_create(actor=learner, course=course)
    finish_first_module(learner, course)
    services.reflection_save(actor=learner, block=lessons_of(course)[2].blocks.get(), text="Done")
    code = Enrolment.objects.get(user=learner).certificate.code
    url = reverse("learning:certificate_revoke")
    assert signed_in(learner).post(url, {"code": code, "reason": "x"}).status_code == 403
    empty = signed_in(designer).post(url, {"code": code, "reason": " "})
    assert empty.status_code == 302 and Certificate.objects.get(code=code).is_valid
    signed_in(designer).post(url, {"code": code, "reason": "Issued by mistake"})
    assert not Certificate.objects.get(code=code).is_valid
    assert "revoked" in client.get(reverse("learning:verify_code", args=[code])).content.decode()


def test_trainer_dashboard_shows_cohorts_and_stuck_learners(course, trainer, training_org, learner):
    cohort = services.cohort_create(actor=trainer, course=course, name="Pilot Lisbon", organisation=training_org,
                                    language="en", starts_on=dt.date(2026, 11, 1),
                                    ends_on=timezone.localdate() + timedelta(days=30))
    enrolment = services.enrolment_create(actor=trainer, course=course, user=learner, cohort=cohort)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - timedelta(days=20))
    page = signed_in(trainer).get(reverse("core:dashboard")).content.decode()
    assert "My cohorts" in page and "Pilot Lisbon" in page and "1 stuck" in page
