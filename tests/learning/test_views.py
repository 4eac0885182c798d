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
from tests.learning.conftest import answer_all_correctly, certify_trainer, finish_first_module, lessons_of

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
    client.get(url)
    client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()  # opening the page again, or starting again, keeps the open attempt
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
    # One attempt says nothing about a question yet: no number, the count only.
    assert len(rows) == 6 and all(r["answers"] == 1 and r["too_few"] and r["facility"] is None for r in rows)
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
    header = csv.splitlines()[0]  # progress and scores are both percentages: the header tells them apart
    assert "progress % — " in header and "best score % — " in header
    page = response.content.decode()
    assert 'scope="colgroup"' in page and "Progress per module" in page and 'class="sticky-column"' in page
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
    bad = client.post(reverse("learning:blueprint_question_create"), {"competence": competence.pk, "kind": "single",
                                                                      "text": "Which?",
                                                                      "data": '{"choices": [{"text": "a"}]}'})
    assert bad.status_code == 400 and "exactly one choice" in bad.content.decode()
    ok = client.post(reverse("learning:blueprint_question_create"), {
        "competence": competence.pk, "outcome": outcome.pk, "kind": "short", "text": "Acronym?",
        "data": '{"answers": ["MAPPA"]}'})
    assert ok.status_code == 302
    module = Module.objects.filter(course=course).first()
    response = client.post(reverse("learning:design_quiz_create", args=[course.pk]), {
        "module": module.pk, "title": "Second check", "competences": [competence.pk],
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


# --- every action has its own URL: allowed, denied, bad input, where it goes ---------------------------------


def _messages(response) -> list[str]:
    """The messages this request added (earlier ones wait in the session for a page to show them)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


def _learner_actions(course):
    intro, scenario_lesson, reflection_lesson = lessons_of(course)
    quiz = Quiz.objects.get(module__course=course)
    return {
        "course_enrol": (reverse("learning:course_enrol", args=[course.pk]), {}),
        "course_evaluation": (reverse("learning:course_evaluation", args=[course.pk]), {"rating": 4}),
        "lesson_complete": (reverse("learning:lesson_complete", args=[intro.pk]), {}),
        "lesson_reflection": (reverse("learning:lesson_reflection", args=[reflection_lesson.pk]),
                              {"block": reflection_lesson.blocks.get().pk, "text": "Mine"}),
        "lesson_scenario": (reverse("learning:lesson_scenario", args=[scenario_lesson.pk]),
                            {"block": scenario_lesson.blocks.get().pk, "step": "s1", "choice": 1}),
        "lesson_feedback": (reverse("learning:lesson_feedback", args=[intro.pk]), {"useful": "yes"}),
        "quiz_start": (reverse("learning:quiz_start", args=[quiz.pk]), {}),
        "quiz_submit": (reverse("learning:quiz_submit", args=[quiz.pk]), {"attempt": 999999}),
    }


def test_learner_actions_refuse_anonymous_visitors_gets_and_hidden_courses(course, designer, learner, client):
    from integra.learning.models import Course

    for name, (url, data) in _learner_actions(course).items():
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        assert signed_in(learner).get(url).status_code == 405, name
    Course.objects.filter(pk=course.pk).update(status=Course.Status.DRAFT)  # a draft: as if it did not exist
    for name, (url, data) in _learner_actions(course).items():
        assert signed_in(learner).post(url, data).status_code == 404, name
    assert not Enrolment.objects.exists()


def test_learner_actions_say_what_they_did_and_where_to_go_next(course, learner):
    client = signed_in(learner)
    actions = _learner_actions(course)
    intro, scenario_lesson, reflection_lesson = lessons_of(course)
    enrolled = client.post(actions["course_enrol"][0])
    assert enrolled["Location"] == reverse("learning:course", args=[course.pk])
    assert _messages(enrolled) == ["You are enrolled. Start with the first lesson."]
    done = client.post(actions["lesson_complete"][0])
    assert done["Location"] == reverse("learning:lesson", args=[scenario_lesson.pk])
    assert _messages(done) == ["Lesson completed."]
    chosen = client.post(*actions["lesson_scenario"])
    assert chosen["Location"] == reverse("learning:lesson", args=[scenario_lesson.pk]) + (
        f"?step=end#block-{scenario_lesson.blocks.get().pk}")
    feedback = client.post(*actions["lesson_feedback"])
    assert feedback["Location"] == reverse("learning:lesson", args=[intro.pk])
    assert _messages(feedback) == ["Thank you: your feedback helps improve the course."]
    evaluated = client.post(*actions["course_evaluation"])
    assert _messages(evaluated) == ["Thank you for your evaluation."]


def test_learner_actions_refuse_bad_input_and_change_nothing(course, learner):
    from integra.learning.models import CourseEvaluation, LessonFeedback, LessonProgress

    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    intro, scenario_lesson, reflection_lesson = lessons_of(course)
    block = reflection_lesson.blocks.get()
    locked = client.post(reverse("learning:lesson_reflection", args=[reflection_lesson.pk]),
                         {"block": block.pk, "text": "Too early"})
    assert locked.status_code == 302 and "unlocks" in _messages(locked)[0]
    finish_first_module(learner, course)
    empty = client.post(reverse("learning:lesson_reflection", args=[reflection_lesson.pk]),
                        {"block": block.pk, "text": "  "})
    assert empty["Location"] == reverse("learning:lesson", args=[reflection_lesson.pk])
    assert _messages(empty) == ["Write your reflection before saving."]
    # A block of another lesson cannot be reached through this lesson's form.
    assert client.post(reverse("learning:lesson_reflection", args=[intro.pk]),
                       {"block": block.pk, "text": "Elsewhere"}).status_code == 404
    assert not Reflection.objects.exists()
    scenario = scenario_lesson.blocks.get()
    skipped = client.post(reverse("learning:lesson_scenario", args=[scenario_lesson.pk]),
                          {"block": scenario.pk, "step": "s1"})
    assert _messages(skipped) == ["Choose one of the options."]
    outside = client.post(reverse("learning:lesson_scenario", args=[scenario_lesson.pk]),
                          {"block": scenario.pk, "step": "s1", "choice": 7})
    assert _messages(outside) == ["This choice is not part of the scenario."]
    odd = client.post(reverse("learning:lesson_feedback", args=[intro.pk]), {"useful": "maybe"})
    assert odd.status_code == 302 and not LessonFeedback.objects.exists() and _messages(odd)
    rating = client.post(reverse("learning:course_evaluation", args=[course.pk]), {"rating": 9})
    assert rating.status_code == 302 and not CourseEvaluation.objects.exists() and _messages(rating)
    assert LessonProgress.objects.filter(lesson=reflection_lesson, completed_at__isnull=False).count() == 0


def test_actions_go_back_only_to_pages_of_this_site(course, learner):
    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    url = reverse("learning:lesson_feedback", args=[lessons_of(course)[0].pk])
    back = reverse("learning:lesson", args=[lessons_of(course)[0].pk])
    for payload in ["//evil.example/", "https://evil.example/", "/\\evil.example/", "javascript:alert(1)",
                    "http://testserver.evil.example/"]:
        assert client.post(url, {"useful": "yes", "next": payload})["Location"] == back, payload
    assert client.post(url, {"useful": "no", "next": "/en/learning/"})["Location"] == "/en/learning/"


def test_the_quiz_sends_learners_back_to_the_course_when_it_cannot_be_taken(course, learner):
    quiz = Quiz.objects.get()
    client = signed_in(learner)
    course_url = reverse("learning:course", args=[course.pk])
    not_enrolled = client.get(reverse("learning:quiz", args=[quiz.pk]))
    assert not_enrolled["Location"] == course_url and _messages(not_enrolled) == ["Enrol in the course first."]
    services.enrolment_create(actor=learner, course=course)
    for _i in range(quiz.attempts_allowed):
        services.quiz_submit(actor=learner, attempt=services.quiz_start(actor=learner, quiz=quiz), responses={})
    used = client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    assert used["Location"] == course_url and _messages(used) == ["You have used all 2 attempts of this quiz."]
    assert client.get(reverse("learning:quiz", args=[quiz.pk]))["Location"] == course_url
    assert QuizAttempt.objects.count() == quiz.attempts_allowed


def test_quiz_page_keeps_its_query_count_flat(course, learner, count_queries):
    services.enrolment_create(actor=learner, course=course)
    quiz = Quiz.objects.get()
    Quiz.objects.filter(pk=quiz.pk).update(question_count=2)
    client = signed_in(learner)
    url = reverse("learning:quiz", args=[quiz.pk])
    before, rules = count_queries(lambda: client.get(url))
    assert rules.status_code == 200
    client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    small, _ = count_queries(lambda: client.get(url))
    services.quiz_submit(actor=learner, attempt=QuizAttempt.objects.get(), responses={})
    Quiz.objects.filter(pk=quiz.pk).update(question_count=6)
    client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    large, page = count_queries(lambda: client.get(url))
    assert page.content.decode().count('class="question"') == 6 and small == large


def test_cohort_actions_are_for_those_who_run_the_cohort(course, cohort, trainer, learner, other_trainer, client):
    urls = {name: reverse(f"learning:{name}", args=[cohort.pk]) for name in
            ("cohort_enrol", "cohort_move_in", "cohort_csv_preview", "cohort_csv_enrol", "cohort_message")}
    for name, url in urls.items():
        assert "/accounts/login/" in client.post(url)["Location"], name
        for person in (learner, other_trainer, make_user(org=make_org(), roles=[Role.ORG_ADMIN])):
            assert signed_in(person).post(url, {"email": learner.email, "subject": "s", "body": "b"}).status_code \
                == 404, (name, person)
        assert signed_in(trainer).get(url).status_code == 405, name


def test_cohort_actions_enrol_preview_and_message(course, cohort, trainer, learner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integra.core.models import Notification

    client = signed_in(trainer)
    page = reverse("learning:cohort", args=[cohort.pk])
    make_user("second@learn.example", org=make_org(country="IT"), full_name="Sam Second")
    enrolled = client.post(reverse("learning:cohort_enrol", args=[cohort.pk]), {"email": "SECOND@learn.example"})
    assert enrolled["Location"] == page and _messages(enrolled) == ["Sam Second enrolled."]
    unknown = client.post(reverse("learning:cohort_enrol", args=[cohort.pk]), {"email": "nobody@example.org"})
    assert unknown.status_code == 400 and "No active account has this e-mail address." in unknown.content.decode()
    assert client.post(reverse("learning:cohort_enrol", args=[cohort.pk]), {"email": "not an address"}).status_code \
        == 400
    third = make_user("third@learn.example", org=make_org())
    upload = SimpleUploadedFile("people.csv", f"email\n{third.email}\nnobody@example.org\n".encode())
    preview = client.post(reverse("learning:cohort_csv_preview", args=[cohort.pk]), {"file": upload})
    body = preview.content.decode()
    assert preview.status_code == 200 and "no account with this e-mail address" in body
    assert reverse("learning:cohort_csv_preview", args=[cohort.pk]) in body  # not valid: check again
    clean = SimpleUploadedFile("people.csv", f"email\n{third.email}\n".encode())
    preview = client.post(reverse("learning:cohort_csv_preview", args=[cohort.pk]), {"file": clean})
    assert reverse("learning:cohort_csv_enrol", args=[cohort.pk]) in preview.content.decode()
    assert not Enrolment.objects.filter(user=third).exists()
    confirmed = client.post(reverse("learning:cohort_csv_enrol", args=[cohort.pk]),
                            {"file": SimpleUploadedFile("people.csv", f"email\n{third.email}\n".encode())})
    assert confirmed["Location"] == page and _messages(confirmed) == ["1 learners enrolled."]
    no_column = client.post(reverse("learning:cohort_csv_preview", args=[cohort.pk]),
                            {"file": SimpleUploadedFile("people.csv", b"name\nLea\n")})
    assert no_column.status_code == 400 and "column named" in no_column.content.decode()
    sent = client.post(reverse("learning:cohort_message", args=[cohort.pk]), {"subject": "Week 2", "body": "Hello"})
    assert _messages(sent) == ["Message sent to 3 learners."]
    assert Notification.objects.filter(title="Week 2").count() == 3
    empty = client.post(reverse("learning:cohort_message", args=[cohort.pk]), {"subject": "", "body": ""})
    assert empty.status_code == 400 and Notification.objects.filter(title="Week 2").count() == 3


def test_cohorts_are_created_on_the_list_page_by_trainers(course, trainer, training_org, learner, count_queries):
    from integra.learning.models import Cohort

    url = reverse("learning:cohorts")
    assert signed_in(learner).get(url).context["form"] is None
    assert signed_in(learner).post(url, {"name": "x"}).status_code == 403
    client = signed_in(trainer)
    data = {"course": course.pk, "name": "Autumn", "organisation": training_org.pk, "language": "pt",
            "starts_on": "2026-11-01", "ends_on": "2026-10-01"}
    backwards = client.post(url, data)
    assert backwards.status_code == 400 and "ends before it starts" in backwards.content.decode()
    created = client.post(url, {**data, "ends_on": "2026-12-01"})
    cohort = Cohort.objects.get(name="Autumn")
    assert created["Location"] == reverse("learning:cohort", args=[cohort.pk])
    before, _ = count_queries(lambda: client.get(url))
    for i in range(3):
        services.cohort_create(actor=trainer, course=course, name=f"More {i}", organisation=training_org,
                               language="en", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 1))
    after, _ = count_queries(lambda: client.get(url))
    assert before == after


def test_trainer_pathway_page_asks_for_a_sign_off(course, designer, learner, trainer, count_queries):
    from integra.learning.models import TrainerObservation

    client = signed_in(learner)
    url = reverse("learning:trainer")
    data = {"session_title": "Pilot session", "delivered_on": "2026-11-20", "observer": "nobody@example.org"}
    unknown = client.post(url, data)
    assert unknown.status_code == 400 and "No account has this e-mail address." in unknown.content.decode()
    uncertified = client.post(url, {**data, "observer": trainer.email})
    assert uncertified.status_code == 400 and "must be a certified trainer" in uncertified.content.decode()
    certify_trainer(trainer, course=course, designer=designer)
    sent = client.post(url, {**data, "observer": trainer.email})
    assert sent["Location"] == url and _messages(sent) == ["Request sent to the observer."]
    observer = signed_in(trainer)
    observer.get(url)
    before, page = count_queries(lambda: observer.get(url))
    assert reverse("learning:observation_sign_off", args=[TrainerObservation.objects.get(candidate=learner).pk]) in \
        page.content.decode()
    for _i in range(3):
        candidate = make_user(org=make_org())
        services.observation_request(actor=candidate, session_title="More", delivered_on=dt.date(2026, 11, 21),
                                     observer=trainer)
    after, _ = count_queries(lambda: observer.get(url))
    assert before == after


def test_learning_settings_list_the_administrator_s_organisations(training_org):
    admin = make_user(org=training_org, roles=[Role.ORG_ADMIN])
    other = make_org("Not theirs")
    page = signed_in(admin).get(reverse("learning:settings"))
    assert page.status_code == 200 and [org for org, _required in page.context["rows"]] == [training_org]
    assert reverse("learning:settings_save", args=[training_org.pk]) in page.content.decode()
    assert signed_in(admin).post(reverse("learning:settings_save", args=[other.pk])).status_code == 404
    assert signed_in(admin).get(reverse("learning:settings_save", args=[training_org.pk])).status_code == 405


def test_home_offers_design_and_cohorts_to_those_the_policy_lets(course, learner, trainer, designer):
    def links(person):
        body = signed_in(person).get(reverse("learning:home")).content.decode()
        return reverse("learning:design") in body, reverse("learning:cohorts") in body

    assert links(learner) == (False, False)
    assert links(trainer) == (False, True)
    assert links(designer) == (True, False)
    nav = signed_in(make_user(org=make_org())).get(reverse("core:dashboard")).content.decode()
    assert reverse("learning:home") in nav
