"""Learning services and selectors: content safety, publication, unlocking and completion, scenarios, reflections,
quizzes (scoring, time limits, double submission, foreign answers), certificates, cohorts and CSV, the trainer
pathway, pilot feedback and translations."""

import datetime as dt
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from integra.core.roles import Role
from integra.learning import selectors, services
from integra.learning.models import (
    Block,
    Certificate,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
    Quiz,
    QuizAttempt,
    TrainerObservation,
)
from tests.conftest import api_client, make_org, make_user, signed_in
from tests.learning.conftest import (
    answer_all_correctly,
    certify_trainer,
    finish_first_module,
    lessons_of,
    train_the_trainer_course,
)

pytestmark = pytest.mark.django_db


def test_unsafe_html_is_cleaned(course):
    block = Block.objects.filter(lesson__module__course=course, kind="text").first()
    assert "<script>" not in block.body and "<strong>factors</strong>" in block.body


def test_video_without_captions_cannot_be_published(course, designer):
    lesson = lessons_of(course)[0]
    services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.VIDEO,
                        media=SimpleUploadedFile("talk.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4"))
    with pytest.raises(ValidationError, match="no captions or transcript"):
        services.course_publish(actor=designer, course=course)
    with pytest.raises(ValidationError, match="WebVTT"):
        services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.VIDEO,
                            block=lesson.blocks.get(kind="video"),
                            captions=SimpleUploadedFile("talk.srt", b"1\n00:00 --> 00:01\nHi"))
    services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.VIDEO, block=lesson.blocks.get(kind="video"),
                        captions=SimpleUploadedFile("talk.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello"))
    version = course.published_version
    services.course_publish(actor=designer, course=course)
    assert course.published_version == version + 1
    for block in Block.objects.filter(kind="video"):
        block.media.delete(save=False)
        block.captions.delete(save=False)


def test_images_need_a_text_alternative_and_scenarios_must_be_consistent(course, designer):
    lesson = lessons_of(course)[0]
    with pytest.raises(ValidationError, match="text alternative"):
        services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.IMAGE,
                            media=SimpleUploadedFile("a.png", b"\x89PNG"))
    with pytest.raises(ValidationError, match="does not exist"):
        services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.SCENARIO, data={
            "start": "s1", "steps": {"s1": {"text": "x", "choices": [{"label": "go", "next": "nowhere"}]}}})
    with pytest.raises(ValidationError, match="not accepted"):
        services.block_save(actor=designer, lesson=lesson, kind=Block.Kind.FILE,
                            media=SimpleUploadedFile("tool.exe", b"MZ"))


def test_locked_module_then_unlock_and_complete_course_with_certificate(course, learner):
    services.enrolment_create(actor=learner, course=course)
    reflection_lesson = lessons_of(course)[2]
    with pytest.raises(ValidationError, match="unlocks"):
        services.lesson_open(actor=learner, lesson=reflection_lesson)
    response = signed_in(learner).get(reverse("learning:lesson", args=[reflection_lesson.pk]))
    assert response.status_code == 302  # back to the course with the message
    finish_first_module(learner, course)
    with pytest.raises(ValidationError, match="reflection"):
        services.lesson_complete(actor=learner, lesson=reflection_lesson)
    services.reflection_save(actor=learner, block=reflection_lesson.blocks.get(), text="I would ask earlier.")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is not None and enrolment.certificate.kind == Certificate.Kind.COURSE_COMPLETION
    page = signed_in(learner).get(reverse("learning:verify_code", args=[enrolment.certificate.code]))
    assert "Valid certificate" in page.content.decode() and "Lea Learner" in page.content.decode()


def test_completion_is_idempotent(course, learner):
    services.enrolment_create(actor=learner, course=course)
    intro = lessons_of(course)[0]
    first = services.lesson_complete(actor=learner, lesson=intro)
    again = services.lesson_complete(actor=learner, lesson=intro)
    assert first.pk == again.pk and first.completed_at == again.completed_at
    assert LessonProgress.objects.filter(lesson=intro).count() == 1
    response = api_client(learner).post("/api/v1/progress/", {"lesson": intro.pk}, format="json")
    assert response.status_code == 201 and LessonProgress.objects.filter(lesson=intro).count() == 1


def test_scenario_lesson_needs_the_scenario_finished(course, learner):
    services.enrolment_create(actor=learner, course=course)
    scenario_lesson = lessons_of(course)[1]
    block = scenario_lesson.blocks.get()
    with pytest.raises(ValidationError, match="Finish the scenario"):
        services.lesson_complete(actor=learner, lesson=scenario_lesson)
    result = services.scenario_choose(actor=learner, block=block, step="s1", choice=0)
    assert result["next"] == "s2" and result["option"]["feedback"] == "Small changes matter."
    with pytest.raises(ValidationError, match="not part of the scenario"):
        services.scenario_choose(actor=learner, block=block, step="s2", choice=5)
    services.scenario_choose(actor=learner, block=block, step="s2", choice=0)
    assert LessonProgress.objects.get(lesson=scenario_lesson).completed_at is not None


def test_every_question_type_is_scored(course, learner):
    services.enrolment_create(actor=learner, course=course)
    quiz = Quiz.objects.get()
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    assert len(attempt.question_ids) == 6
    attempt = services.quiz_submit(actor=learner, attempt=attempt, responses=answer_all_correctly(attempt))
    assert attempt.score == 100 and attempt.passed


def test_wrong_answers_fail_and_attempts_are_limited(course, learner):
    services.enrolment_create(actor=learner, course=course)
    quiz = Quiz.objects.get()
    for _i in range(quiz.attempts_allowed):
        attempt = services.quiz_start(actor=learner, quiz=quiz)
        attempt = services.quiz_submit(actor=learner, attempt=attempt, responses={})
        assert attempt.score == 0 and not attempt.passed
    with pytest.raises(ValidationError, match="all 2 attempts"):
        services.quiz_start(actor=learner, quiz=quiz)


def test_late_double_and_foreign_submissions_change_nothing(course, learner):
    services.enrolment_create(actor=learner, course=course)
    quiz = Quiz.objects.get()
    Quiz.objects.filter(pk=quiz.pk).update(time_limit_minutes=5)
    quiz.refresh_from_db()
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    with pytest.raises(ValidationError, match="not in this attempt"):
        services.quiz_submit(actor=learner, attempt=attempt, responses={999999: ["0"]})
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=2))
    attempt.refresh_from_db()
    with pytest.raises(ValidationError, match="time limit"):
        services.quiz_submit(actor=learner, attempt=attempt, responses=answer_all_correctly(attempt))
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None
    fresh = services.quiz_start(actor=learner, quiz=quiz)
    services.quiz_submit(actor=learner, attempt=fresh, responses=answer_all_correctly(fresh))
    with pytest.raises(ValidationError, match="already submitted"):
        services.quiz_submit(actor=learner, attempt=QuizAttempt.objects.get(pk=fresh.pk), responses={})
    assert QuizAttempt.objects.get(pk=fresh.pk).score == 100


def test_cohort_csv_preview_and_enrolment(course, trainer, training_org, learner):
    cohort = services.cohort_create(actor=trainer, course=course, name="Pilot", organisation=training_org,
                                    language="pt", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    second = make_user("second@learn.example", org=make_org(country="IT"), roles=[Role.MENTOR])
    with pytest.raises(ValidationError, match="email"):
        services.cohort_csv_preview(actor=trainer, cohort=cohort, text="name\nLea\n")
    rows, ok = services.cohort_csv_preview(actor=trainer, cohort=cohort,
                                           text=f"email\n{learner.email}\nnobody@example.org\n")
    assert not ok and rows[1]["error"] == "no account with this e-mail address"
    with pytest.raises(ValidationError, match="Nothing was enrolled"):
        services.cohort_csv_enrol(actor=trainer, cohort=cohort, text=f"email\n{learner.email}\nnobody@example.org\n")
    assert not Enrolment.objects.exists()
    assert services.cohort_csv_enrol(actor=trainer, cohort=cohort,
                                     text=f"email\n{learner.email}\n{second.email}\n") == 2
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_only_trainers_create_cohorts_and_certification_can_be_required(course, learner, trainer, training_org):
    from integra.learning.models import OrganisationLearningSettings

    with pytest.raises(PermissionDenied):
        services.cohort_create(actor=learner, course=course, name="x", organisation=training_org, language="en",
                               starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1))
    OrganisationLearningSettings.objects.create(organisation=training_org, require_certified_trainers=True)
    with pytest.raises(ValidationError, match="certified trainers"):
        services.cohort_create(actor=trainer, course=course, name="x", organisation=training_org, language="en",
                               starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1))


def test_trainer_pathway_ends_in_certification(course, designer, learner, trainer, training_org):
    """The certificate and the pathway page follow one rule: every step met. A trainer certificate cannot be
    issued before (issue 9: a trainer with three steps unticked was shown “✓ Certified trainer”)."""
    from integra.learning.models import Course

    Course.objects.filter(pk=course.pk).update(hours=16)
    certify_trainer(trainer, course=course, designer=designer)
    ttt = train_the_trainer_course(course, designer)
    lesson = Lesson.objects.get(module__course=ttt)
    with pytest.raises(ValidationError, match="every step of the trainer pathway"):
        services.certificate_issue(actor=None, holder=learner, kind=Certificate.Kind.CERTIFIED_TRAINER,
                                   title="Certified", awarded_on=dt.date(2026, 1, 1),
                                   source=f"learning.trainer:{learner.pk}")
    services.enrolment_create(actor=learner, course=course)
    with pytest.raises(ValidationError, match="Complete"):
        services.enrolment_create(actor=learner, course=ttt)
    finish_first_module(learner, course)
    services.reflection_save(actor=learner, block=lessons_of(course)[2].blocks.get(), text="Done")
    services.enrolment_create(actor=learner, course=ttt)
    services.lesson_complete(actor=learner, lesson=lesson)
    status = selectors.trainer_pathway(actor=learner)
    assert status["base_course_done"] and status["ttt_course_done"] and not status["observation_signed"]
    assert not status["complete"] and not status["certified"]
    page = signed_in(learner).get(reverse("learning:trainer")).content.decode()
    assert "✓ <strong>Certified trainer" not in page and page.count("✓") == 2
    observation = services.observation_request(actor=learner, session_title="Pilot session",
                                               delivered_on=dt.date(2026, 11, 20), observer=trainer)
    with pytest.raises(PermissionDenied):
        services.observation_sign_off(actor=learner, observation=observation)
    services.observation_sign_off(actor=trainer, observation=TrainerObservation.objects.get(candidate=learner),
                                  notes="Well run")
    status = selectors.trainer_pathway(actor=learner)
    assert status["complete"] and status["certified"]
    certificate = Certificate.objects.get(holder=learner, kind=Certificate.Kind.CERTIFIED_TRAINER)
    assert certificate.hours == 16 + 8 and certificate.issuer == training_org  # the observer's organisation
    page = signed_in(learner).get(reverse("learning:trainer")).content.decode()
    assert "✓ <strong>Certified trainer" in page and page.count("✓") == 4
    # Revoked, the badge goes (the steps stay ticked), and the certified trainer may no longer observe.
    services.certificate_revoke(actor=designer, certificate=certificate, reason="Issued in error")
    assert not selectors.trainer_pathway(actor=learner)["certified"]
    assert "✓ <strong>Certified trainer" not in signed_in(learner).get(reverse("learning:trainer")).content.decode()


def test_missing_translations_and_fallback(course, designer):
    from django.utils import translation

    report = {row["code"]: row["items"] for row in selectors.missing_translations(actor=designer, course=course)}
    assert report["fr"]  # nothing translated yet
    from integra.learning.models import Course

    Course.objects.filter(pk=course.pk).update(title_fr="Prévenir la radicalisation")
    course.refresh_from_db()
    with translation.override("fr"):
        assert course.title == "Prévenir la radicalisation"
    with translation.override("bg"):
        assert course.title == "Preventing radicalisation"


def test_pilot_feedback_and_evaluation(course, learner, designer):
    services.enrolment_create(actor=learner, course=course)
    services.lesson_feedback_save(actor=learner, lesson=lessons_of(course)[0], useful=True, clear=False,
                                  comment="More examples")
    with pytest.raises(ValidationError):
        services.course_evaluation_submit(actor=learner, course=course, rating=9, would_recommend=True)
    services.course_evaluation_submit(actor=learner, course=course, rating=4, would_recommend=True)
    with pytest.raises(ValidationError, match="already"):
        services.course_evaluation_submit(actor=learner, course=course, rating=5, would_recommend=True)
    page = signed_in(designer).get(reverse("learning:pilot_report", args=[course.pk])).content.decode()
    assert "More examples" in page


def test_scenarios_cannot_be_skipped(course, learner):
    services.enrolment_create(actor=learner, course=course)
    block = lessons_of(course)[1].blocks.get()
    with pytest.raises(ValidationError, match="step by step"):
        services.scenario_choose(actor=learner, block=block, step="s2", choice=0)
    assert not LessonProgress.objects.filter(lesson=lessons_of(course)[1], completed_at__isnull=False).exists()


def test_lessons_that_cannot_be_completed_are_not_published(course, designer):
    module = Module.objects.filter(course=course).first()
    broken = Lesson.objects.create(module=module, title="Broken", order=9, completion="scenario")
    services.block_save(actor=designer, lesson=broken, kind="text", body="<p>No scenario here</p>")
    with pytest.raises(ValidationError, match="completed by a scenario but has none"):
        services.course_publish(actor=designer, course=course)


def test_answers_count_in_the_language_they_were_given(course, learner):
    from integra.learning.models import Question

    question = Question.objects.get(kind="short")
    Question.objects.filter(pk=question.pk).update(data_fr={"answers": ["MAPPA-FR"]})
    question.refresh_from_db()
    assert services.score_answer(question, ["mappa-fr"]) and services.score_answer(question, ["MAPPA"])
    assert not services.score_answer(question, ["other"])


def test_notification_links_use_the_recipient_s_language(db):
    from integra.core.models import Notification
    from integra.core.services import notification_send

    person = make_user(language="pt")
    notification_send(recipients=[person], title="t", url="/en/learning/trainer/", email=False)
    assert Notification.objects.get(recipient=person).url == "/pt/learning/trainer/"


def test_publishing_a_new_version_keeps_learners_progress(course, learner, designer):
    services.enrolment_create(actor=learner, course=course)
    intro = lessons_of(course)[0]
    services.lesson_complete(actor=learner, lesson=intro)
    module = intro.module
    added = Lesson.objects.create(module=module, title="New case study", order=5)
    services.block_save(actor=designer, lesson=added, kind="text", body="<p>A new case</p>")
    services.course_publish(actor=designer, course=course)
    enrolment = Enrolment.objects.get(user=learner)
    assert course.published_version == 2 and enrolment.course_version == 1
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=intro).completed_at is not None
    outline = selectors.course_outline(actor=learner, course=course, enrolment=enrolment)
    assert (intro, True) in outline[0]["lessons"] and (added, False) in outline[0]["lessons"]
    page = signed_in(learner).get(reverse("learning:lesson", args=[added.pk]))
    assert page.status_code == 200 and "A new case" in page.content.decode()


def test_block_text_is_sanitised_in_every_language(course):
    block = Block.objects.filter(lesson__module__course=course, kind="text").first()
    block.body_fr = '<p onclick="steal()">Bonjour<script>alert(1)</script></p><img src=x onerror="x()">'
    block.save(update_fields=["body_fr"])
    stored = Block.objects.get(pk=block.pk).body_fr
    assert "script" not in stored and "onclick" not in stored and "onerror" not in stored and "Bonjour" in stored
