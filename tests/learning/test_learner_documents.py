"""What learners and designers read (issue 9): the quiz's rules before starting and the next step after it, the
certificate in one language with its issuer, hours, date and a QR code to the verification page (a tagged PDF),
the missing-translations report counting the question bank, and translated labels on every learning field."""

import re
import zlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from integra.learning import selectors, services
from integra.learning.forms import AreaForm, CompetenceForm, LessonForm, ModuleForm, OutcomeForm, QuizForm
from integra.learning.models import Certificate, Course, Enrolment, Question, Quiz
from tests.conftest import make_org, make_user, signed_in
from tests.learning.conftest import answer_all_correctly, finish_first_module, lessons_of

pytestmark = pytest.mark.django_db


def _submit(client, quiz, attempt, responses):
    form = {"attempt": attempt.pk}
    questions = Question.objects.in_bulk(attempt.question_ids)
    for qid, values in responses.items():
        if questions[qid].kind in {"matching", "ordering"}:
            form.update({f"q{qid}_{index}": value for index, value in enumerate(values)})
        else:
            form[f"q{qid}"] = values
    return client.post(reverse("learning:quiz_submit", args=[quiz.pk]), form)


# --- quizzes: the rules before starting, the next step after -----------------------------------------------------

def test_quizzes_show_attempts_and_time_limit_before_starting(course, learner):
    quiz = Quiz.objects.get()
    Quiz.objects.filter(pk=quiz.pk).update(time_limit_minutes=10)
    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    outline = client.get(reverse("learning:course", args=[course.pk])).content.decode()
    assert "Attempts used: 0 of 2." in outline and "Time limit: 10 minutes." in outline
    rules = client.get(reverse("learning:quiz", args=[quiz.pk])).content.decode()
    assert "Attempts used: 0 of 2." in rules and "Once you start, you have 10 minutes to answer." in rules
    services.quiz_start(actor=learner, quiz=quiz)
    outline = client.get(reverse("learning:course", args=[course.pk])).content.decode()
    assert "Attempts used: 1 of 2." in outline  # an attempt counts from its start
    # Someone not enrolled reads the rules as the quiz has them.
    visitor = signed_in(make_user(org=make_org())).get(reverse("learning:course", args=[course.pk])).content.decode()
    assert "2 attempts allowed." in visitor


def test_the_result_page_links_to_the_next_step(course, learner):
    quiz = Quiz.objects.get()
    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    intro, scenario_lesson, reflection_lesson = lessons_of(course)
    services.lesson_complete(actor=learner, lesson=intro)
    services.scenario_choose(actor=learner, block=scenario_lesson.blocks.get(), step="s1", choice=1)
    url = reverse("learning:quiz", args=[quiz.pk])

    # Failed, with an attempt left: try again (or back to the course).
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    _submit(client, quiz, attempt, {qid: ["nothing"] for qid in attempt.question_ids})
    failed = client.get(url).content.decode()
    assert "You have 1 attempt left" in failed and "Try again" in failed
    assert reverse("learning:quiz_start", args=[quiz.pk]) in failed
    assert reverse("learning:course", args=[course.pk]) in failed

    # Passed: the first lesson of the module it unlocked.
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    _submit(client, quiz, attempt, answer_all_correctly(attempt))
    passed = client.get(url).content.decode()
    assert f"Next: {reflection_lesson.title}" in passed
    assert reverse("learning:lesson", args=[reflection_lesson.pk]) in passed
    assert selectors.step_after_quiz(actor=learner, quiz=quiz)["attempts_left"] == 0

    # The course finished: back to the course and its certificate.
    services.reflection_save(actor=learner, block=reflection_lesson.blocks.get(), text="Done")
    assert selectors.step_after_quiz(actor=learner, quiz=quiz)["course_done"]


def test_no_attempt_left_says_so_on_the_result_page(course, learner):
    quiz = Quiz.objects.get()
    services.enrolment_create(actor=learner, course=course)
    client = signed_in(learner)
    for _ in range(quiz.attempts_allowed):
        attempt = services.quiz_start(actor=learner, quiz=quiz)
        _submit(client, quiz, attempt, {qid: ["nothing"] for qid in attempt.question_ids})
    page = client.get(reverse("learning:quiz", args=[quiz.pk])).content.decode()
    assert "You have used all the attempts of this quiz." in page and "Try again" not in page


# --- certificates --------------------------------------------------------------------------------------------------

@pytest.fixture
def portuguese_certificate(course, learner, cohort):
    """Lea reads the platform in Portuguese; she finishes the course in the cohort of the training centre."""
    learner.language = "pt"
    learner.save(update_fields=["language"])
    Course.objects.filter(pk=course.pk).update(hours=16, title_pt="Prevenir a radicalização")
    finish_first_module(learner, course)
    services.reflection_save(actor=learner, block=lessons_of(course)[2].blocks.get(), text="Feito")
    return Enrolment.objects.get(user=learner, course=course).certificate


def test_a_certificate_is_in_one_language_with_issuer_hours_date_and_a_qr_code(portuguese_certificate, cohort):
    certificate = portuguese_certificate
    assert certificate.language == "pt" and certificate.title == "Prevenir a radicalização"
    assert certificate.hours == 16 and certificate.issuer == cohort.organisation
    with translation.override("en"):  # whatever the page's language, the certificate's own
        html = services.certificate_html(certificate=certificate, verify_url="https://integra.example/pt/verify/X/")
    assert '<html lang="pt">' in html
    # (The texts new in issue 9 — "Awarded by …", "… hours" — follow once the catalogues are filled.)
    for english in ("This certifies that", "Verification code", "Course completion", "December"):
        assert english not in html, f"English “{english}” on a Portuguese certificate"
    with translation.override("pt"):
        assert str(Certificate.Kind.COURSE_COMPLETION.label) in html
    assert "Prevenir a radicalização" in html and cohort.organisation.name in html and "16" in html
    assert re.search(r"\d{1,2} de \w+ de \d{4}", html)  # the date as Portuguese writes it: "1 de Dezembro de 2026"
    qr = re.search(r'<img src="(data:image/svg\+xml[^"]+)" alt="[^"]+"', html)
    assert qr, "no QR code drawn into the certificate"
    assert "http" not in qr.group(1).split(",", 1)[0]  # drawn here, not fetched


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to look for its structure."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_certificate_pdf_is_tagged_and_points_to_the_verification_page_in_its_language(
        portuguese_certificate, learner, monkeypatch):
    certificate = portuguese_certificate
    captured = {}
    original = services.certificate_html

    def spy(**kwargs):
        captured.update(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, "certificate_html", spy)
    response = signed_in(learner).get(reverse("learning:certificate_pdf", args=[certificate.pk]))  # from /en/
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert captured["verify_url"].endswith(f"/pt/verify/{certificate.code}/")
    body = _pdf_text(response.content)
    assert b"StructTreeRoot" in body and b"MarkInfo" in body  # tagged
    assert b"pdfuaid" in body  # declared PDF/UA-1
    assert re.search(rb"/Lang\s*\(pt", body), "the PDF does not declare its language"


def test_course_packages_carry_the_course_s_hours(course, designer):
    from integra.learning import packages

    Course.objects.filter(pk=course.pk).update(hours=12)
    course.refresh_from_db()
    files = packages.course_package_files(actor=designer, course=course)
    assert b'"hours": 12' in files["course.json"]
    assert packages.parse(files).hours == 12


# --- missing translations ------------------------------------------------------------------------------------------

def test_missing_translations_count_questions_choices_and_feedback(course, designer):
    single = Question.objects.get(kind="single")
    report = {row["code"]: row["items"] for row in selectors.missing_translations(actor=designer, course=course)}
    assert "question: Single?" in report["fr"]
    assert "choice: Push factors" in report["fr"] and "choice feedback: Yes" in report["fr"]
    assert any(item.startswith("matching pair: Push — Grievance") for item in report["fr"])
    assert "item to order: Observe" in report["fr"] and "accepted answers: MAPPA" in report["fr"]
    assert "quiz: Check your understanding" in report["fr"]
    # The question's text translated, its choices not yet: still missing.
    Question.objects.filter(pk=single.pk).update(text_fr="Simple ?")
    report = {row["code"]: row["items"] for row in selectors.missing_translations(actor=designer, course=course)}
    assert "question: Single?" not in report["fr"] and "choice: Push factors" in report["fr"]
    Question.objects.filter(pk=single.pk).update(data_fr={"choices": [
        {"text": "Facteurs de répulsion", "correct": True, "feedback": "Oui"},
        {"text": "Facteurs d'attraction", "correct": False}]})
    report = {row["code"]: row["items"] for row in selectors.missing_translations(actor=designer, course=course)}
    assert "choice: Push factors" not in report["fr"] and "choice feedback: Yes" not in report["fr"]
    assert "choice: Push factors" in report["it"]


def test_missing_translations_keep_their_query_count(course, designer, blueprint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    competence, _outcome = blueprint
    with CaptureQueriesContext(connection) as before:
        selectors.missing_translations(actor=designer, course=course)
    for n in range(5):
        Question.objects.create(competence=competence, kind="single", text=f"More {n}?",
                                data={"choices": [{"text": "A", "correct": True}]})
    with CaptureQueriesContext(connection) as after:
        selectors.missing_translations(actor=designer, course=course)
    assert len(after) == len(before)


# --- labels --------------------------------------------------------------------------------------------------------

def test_every_learning_field_has_a_translated_label():
    untranslated = []
    for model in apps.get_app_config("learning").get_models():
        if not isinstance(model._meta.verbose_name, Promise):
            untranslated.append(model.__name__)
        for field in model._meta.fields + model._meta.many_to_many:
            if field.auto_created:
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{model.__name__}.{field.name}")
    assert not untranslated, f"fields without a translated verbose_name: {untranslated}"


def test_design_forms_label_their_fields_from_the_models(course):
    with translation.override("en"):
        labels = {name: str(field.label) for form in (ModuleForm(course=course), LessonForm(course=course),
                                                       QuizForm(course=course), AreaForm(), CompetenceForm(),
                                                       OutcomeForm())
                  for name, field in form.fields.items()}
        order_help = str(ModuleForm(course=course).fields["order"].help_text)
    assert labels["order"] == "Order" and labels["module"] == "Module" and labels["area"] == "Area"
    assert labels["competence"] == "Competence" and order_help.startswith("Position in the list")
