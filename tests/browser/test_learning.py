"""Learning in a real browser: a learner takes a lesson, a reflection, a branching scenario and a quiz, completes
the course, downloads the certificate and anyone checks it on the public verification page; axe-core scans of
the learning pages, the lesson page under the enforced Content-Security-Policy and at 320 px.

The learner is Inês Costa, a new trainer of the Centro de Formação Lisboa (no second factor) whom this module adds
to its server: she is not enrolled in “Preventing radicalisation in prison, probation and the community” yet (the
demo's Ana Ferreira, trainer@, has taken it on her way to certification). She enrols in the browser. The course
has eight modules that unlock in order, so, to keep the test short, modules 2 to 8 are then recorded as done on
the server (lesson progress and passed quiz attempts, written directly: the services rightly refuse progress in a
locked module) and only module 1 is taken in the browser:

1. “Radicalisation as a process” (a text lesson: “Mark as done and continue”),
2. “Push, pull and personal factors” (completed by a reflection),
3. “Noticing and responding to concerns on a wing” (completed by the branching scenario),
4. the module's quiz (three questions drawn from the bank of competence C11; the correct answers are read from
   the server's question data, which is what services.score_answer scores against).

Passing the quiz completes the course and issues the certificate; the result page then sends her back to the course
and her certificate. This module runs on a server of its own.

At the end, a learner's open attempt holding every matching question of the bank is shown at 390 px in Portuguese:
the quiz fits the phone (issue 9: it was 647 px wide)."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from integra.learning.demo import course_manifest

from .conftest import _SCRUBBED_ENV, INTEGRA, REPO_DIR, SERVER_SETTINGS, integra_server, verify_certificate
from .test_cooperation import assert_pages_accessible, expect_message, main_nav, main_text, submit
from .test_flows import (
    assert_accessible,
    assert_fits_width,
    csp_reports,
    go_to_dashboard,
    sign_in_with_password,
)

pytestmark = pytest.mark.browser

LEARNER = ("ines.costa@example.org", "Inês Costa")
PHONE_LEARNER = ("rui.matos@example.org", "Rui Matos")
COURSE_TITLE = course_manifest()["title"]["en"]
# The certificate is issued in the holder's own language (Inês reads the platform in Portuguese).
COURSE_TITLE_PT = course_manifest()["title"]["pt"]
MODULE_1 = "Understanding radicalisation: push and pull factors"
LESSON_TEXT = "Radicalisation as a process"
LESSON_REFLECTION = "Push, pull and personal factors"
LESSON_SCENARIO = "Noticing and responding to concerns on a wing"
QUIZ_TITLE = MODULE_1  # the course page shows it as "Quiz: <title>"
LESSON_URL = re.compile(r"/en/learning/lessons/(\d+)/$")
COURSE_URL = re.compile(r"/en/learning/courses/(\d+)/$")
QUIZ_URL = re.compile(r"/en/learning/quizzes/(\d+)/$")
CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")
REFLECTION = ("A young man I mentored joined a gang for protection and respect; a stable key worker and a place "
              "in the kitchen team gave him some of that.")

# The scenario of lesson 3 (in learning/demo_content/courses/preventing-radicalisation/scenarios/): a choice that
# skips the one-to-one conversation, then
# the good path from the start, with the feedback each choice gives.
SCENARIO_POOR_FIRST = ("Confront him in front of the group: tell him you know what he is up to.",
                       "Lukas denies everything and the group closes ranks around him.")
SCENARIO_GOOD_PATH = [
    ("Write down what you have seen and heard, with dates, and find a moment to talk with him one-to-one.",
     "Good start. Factual notes will be useful to whoever assesses the situation",
     "During a quiet moment on the landing, you ask Lukas how he is doing."),
    ("Listen, acknowledge how he feels, and ask what respect would look like for him here.",
     "He talks for ten minutes",
     "You remain concerned about Lukas, and you are going on a week's leave tomorrow."),
    ("Submit a report through the official channel, describing facts and context, and brief your supervisor "
     "before you leave.",
     "This is the safe and fair route",
     "The prison's assessment team reads your report alongside other information and meets Lukas."),
]
SCENARIO_START = "Lukas, 23, is serving four years for robbery."
SCENARIO_S3 = "You remain concerned about Lukas"


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("integra-var-learning")


@pytest.fixture(scope="module")
def base_url(var_dir):
    """A server of this module's own (see the module docstring), shared by its tests."""
    with integra_server(var_dir) as url:
        yield url


# --- the server side -----------------------------------------------------------------------------------------

def integra_shell(var_dir: Path, code: str) -> dict:
    """Run Python in `integra shell` against the server's database; the code prints one JSON line "RESULT {...}"."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update({"INTEGRA_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS, "PYTHONUNBUFFERED": "1"})
    result = subprocess.run([str(INTEGRA), "shell", "-c", code], env=env, cwd=REPO_DIR, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"`integra shell` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert len(lines) == 1, f"unexpected output of `integra shell`:\n{result.stdout}\n{result.stderr}"
    return json.loads(lines[0].removeprefix("RESULT "))


RECORD_LATER_MODULES = """
import json
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from integra.learning.models import Course, Enrolment, Lesson, LessonProgress, Question, Quiz, QuizAttempt

user = get_user_model().objects.get(email=EMAIL)
course = Course.objects.get(title_en=TITLE)
enrolment = Enrolment.objects.get(user=user, course=course)
now = timezone.now()
with transaction.atomic():
    lessons = Lesson.objects.filter(module__course=course, module__order__gt=1)
    for lesson in lessons:
        LessonProgress.objects.update_or_create(enrolment=enrolment, lesson=lesson, defaults={"completed_at": now})
    quizzes = Quiz.objects.filter(module__course=course, module__order__gt=1)
    for quiz in quizzes:
        drawn = list(Question.objects.filter(competence__in=quiz.competences.all()).order_by("pk")
                     .values_list("pk", flat=True))[:quiz.question_count]
        QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, question_ids=drawn, started_at=now,
                                   submitted_at=now, score=100, passed=True)
first_quiz = Quiz.objects.get(module__course=course, module__order=1)
bank = Question.objects.filter(competence__in=first_quiz.competences.all())
print("RESULT " + json.dumps({
    "lessons": lessons.filter(required=True).count(), "quizzes": quizzes.count(),
    "modules": course.modules.count(),
    "questions": {str(q.pk): {"kind": q.kind, "text": q.text_en, "data": q.data_en} for q in bank},
}))
"""


ADD_LEARNER = """
import json
from django.contrib.auth import get_user_model
from integra.core.demo import DEMO_PASSWORD, demo_organisation
from integra.core.models import Membership, MembershipRole
from integra.core.roles import Role

user = get_user_model().objects.create_user(email=EMAIL, password=DEMO_PASSWORD, full_name=NAME, language="pt")
membership = Membership.objects.create(user=user, organisation=demo_organisation("pt-training"))
MembershipRole.objects.create(membership=membership, role=Role.TRAINER)
print("RESULT " + json.dumps({"user": user.pk}))
"""


def add_learner(var_dir: Path, learner: tuple[str, str]) -> None:
    """A new trainer of the Lisbon training centre (Portuguese, no second factor), on this module's server."""
    integra_shell(var_dir, f"EMAIL = {learner[0]!r}\nNAME = {learner[1]!r}\n" + ADD_LEARNER)


OPEN_MATCHING_ATTEMPT = """
import json
from django.contrib.auth import get_user_model
from integra.learning import services
from integra.learning.models import Course, Question, Quiz, QuizAttempt

user = get_user_model().objects.get(email=EMAIL)
course = Course.objects.get(title_en=TITLE)
enrolment = services.enrolment_create(actor=user, course=course)
quiz = Quiz.objects.get(module__course=course, module__order=1)
matching = list(Question.objects.filter(kind="matching").order_by("pk"))
attempt = QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, question_ids=[q.pk for q in matching])
print("RESULT " + json.dumps({"quiz": quiz.pk, "lefts": [q.data_pt["pairs"][0]["left"] for q in matching]}))
"""


def open_matching_attempt(var_dir: Path) -> dict:
    """The phone learner enrolled, with an attempt of module 1's quiz open that holds every matching question of
    the bank (the draw is random: written directly, as a draw that happened to pick them)."""
    code = f"EMAIL = {PHONE_LEARNER[0]!r}\nTITLE = {COURSE_TITLE!r}\n" + OPEN_MATCHING_ATTEMPT
    return integra_shell(var_dir, code)


def record_later_modules(var_dir: Path) -> dict:
    """Modules 2 to 8 done for the learner. Returns the number of their lessons ("lessons") and the question bank
    of module 1's quiz by question id ("questions")."""
    code = f"EMAIL = {LEARNER[0]!r}\nTITLE = {COURSE_TITLE!r}\n" + RECORD_LATER_MODULES
    result = integra_shell(var_dir, code)
    assert result["modules"] == 8 and result["lessons"] > 0 and result["quizzes"] == 7, result
    assert result["questions"], "module 1's quiz has no questions in the bank"
    return result


# --- helpers -----------------------------------------------------------------------------------------------

def lesson_heading(page: Page, title: str) -> None:
    expect(page.locator("main article.lesson h1")).to_have_text(re.compile("^" + re.escape(title)))


def expect_lesson_done(page: Page, done: bool) -> None:
    tag = page.locator("main article.lesson h1 .tag")
    if done:
        expect(tag).to_have_text("completed")
    else:
        expect(tag).to_have_count(0)


def module_section(page: Page, title: str):
    return page.locator("main section.module").filter(has=page.get_by_role("heading", name=re.compile(
        "^" + re.escape(title))))


def assert_lesson_page_respects_csp(page: Page, url: str) -> None:
    """The lesson page in the flow's own context (the policy enforced): served with it, htmx loaded, nothing
    refused, no console errors."""
    page.console_messages.clear()
    response = page.goto(url)
    assert response.status == 200, f"the lesson page answered {response.status}"
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), response.headers
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load on the lesson page"
    reports = csp_reports(page)
    assert not reports, "Content-Security-Policy violations on the lesson page:\n" + "\n".join(reports)
    errors = [m for m in page.console_messages if m.startswith(("error", "pageerror"))]
    assert not errors, "Console errors on the lesson page:\n" + "\n".join(errors)


# --- the flow ----------------------------------------------------------------------------------------------

def enrol(page: Page) -> str:
    """Learning → the course (suggested, not enrolled yet) → Enrol. Returns the course's URL."""
    main_nav(page, "Learning")
    expect(page.locator("h1")).to_have_text("My learning")
    expect(page.locator("main .empty-state")).to_contain_text("You are not enrolled in a course yet.")
    page.locator("main").get_by_role("link", name=COURSE_TITLE, exact=True).click()
    page.wait_for_load_state()
    assert COURSE_URL.search(page.url), f"expected the course page, got {page.url}"
    course_url = page.url
    expect(page.locator("h1")).to_have_text(COURSE_TITLE)
    # Not enrolled: the lessons are listed without links, and there is no quiz to open.
    expect(module_section(page, MODULE_1).get_by_role("link")).to_have_count(0)
    submit(page, "Enrol in this course")

    assert page.url == course_url, f"expected the course page after enrolling, got {page.url}:\n{main_text(page)}"
    expect_message(page, "You are enrolled. Start with the first lesson.")
    expect(page.locator("main").get_by_role("button", name="Enrol in this course")).to_have_count(0)
    first = module_section(page, MODULE_1)
    expect(first.get_by_role("link", name=LESSON_TEXT, exact=True)).to_have_count(1)
    expect(first.get_by_role("link", name=re.compile("^Quiz: "))).to_have_count(1)
    # The following modules unlock in order.
    second = page.locator("main section.module").nth(1)
    expect(second.locator("h2 .tag")).to_have_text("locked")
    expect(second).to_contain_text(f"Unlocks when you have completed “{MODULE_1}”.")
    expect(second.get_by_role("link")).to_have_count(0)
    return course_url


def open_first_lesson_and_continue(page: Page, course_url: str, later_lessons: int) -> str:
    """Open the first lesson from the course, leave, and come back with "Continue where I left off". Returns the
    lesson's URL."""
    page.goto(course_url)
    first = module_section(page, MODULE_1)
    expect(first.locator("h2 .tag")).to_have_count(0)  # neither done nor locked
    first.get_by_role("link", name=LESSON_TEXT, exact=True).click()
    page.wait_for_load_state()
    assert LESSON_URL.search(page.url), f"expected a lesson page, got {page.url}"
    lesson_url = page.url
    lesson_heading(page, LESSON_TEXT)
    expect_lesson_done(page, False)
    expect(page.locator("main nav.breadcrumbs")).to_contain_text(MODULE_1)

    main_nav(page, "Learning")
    card = page.locator("main .card").filter(has=page.get_by_role("link", name=COURSE_TITLE, exact=True))
    expect(card).to_have_count(1)
    # Modules 2 to 8 done (recorded on the server), none of module 1's three lessons yet.
    expect(card.locator("p").first).to_contain_text(f"{later_lessons}/{later_lessons + 3} lessons")
    expect(card.locator(".muted")).to_have_text(LESSON_TEXT)
    card.get_by_role("link", name="Continue where I left off", exact=True).click()
    page.wait_for_load_state()
    assert page.url == lesson_url, f"“Continue where I left off” opened {page.url}, not {lesson_url}"
    lesson_heading(page, LESSON_TEXT)
    return lesson_url


def complete_text_lesson(page: Page) -> str:
    """Mark as done and continue: lands on the next lesson (the reflection). Returns its URL."""
    submit(page, "Mark as done and continue")
    expect_message(page, "Lesson completed.")
    assert LESSON_URL.search(page.url), f"expected the next lesson, got {page.url}:\n{main_text(page)}"
    lesson_heading(page, LESSON_REFLECTION)
    expect_lesson_done(page, False)
    return page.url


def write_reflection(page: Page, url: str) -> str:
    """Completion by a reflection: "Next lesson" is offered only once it is saved. Returns the scenario's URL."""
    expect(page.locator("main").get_by_role("button", name="Next lesson")).to_have_count(0)
    reflection = page.locator("main .reflection")
    expect(reflection.locator("h2")).to_have_text("Reflection")
    expect(reflection.locator(".prose")).to_contain_text("Which needs did the group seem to meet for them?")
    reflection.get_by_label("Your answer (only you can read it)").fill(REFLECTION)
    reflection.get_by_role("button", name="Save my reflection").click()
    page.wait_for_load_state()

    assert page.url == url, f"expected the lesson page after saving, got {page.url}:\n{main_text(page)}"
    expect_message(page, "Your reflection is saved. Only you can read it.")
    expect_lesson_done(page, True)
    expect(page.locator("main .reflection").get_by_label("Your answer (only you can read it)")).to_have_value(
        REFLECTION)
    submit(page, "Next lesson")
    assert LESSON_URL.search(page.url), f"expected the scenario lesson, got {page.url}:\n{main_text(page)}"
    lesson_heading(page, LESSON_SCENARIO)
    return page.url


def choose(page: Page, label: str) -> None:
    scenario = page.locator("main .scenario")
    expect(scenario.locator("legend")).to_have_text("What do you do?")
    scenario.get_by_label(label, exact=True).check()
    scenario.get_by_role("button", name="Choose", exact=True).click()
    page.wait_for_load_state()


def take_scenario(page: Page, url: str) -> None:
    """A choice that skips a step (feedback, branch), then from the start again along the good path to the end;
    the lesson is completed only at the end."""
    scenario = page.locator("main .scenario")
    expect_lesson_done(page, False)
    expect(scenario.locator(".prose")).to_contain_text(SCENARIO_START)
    expect(scenario.locator("[role=status]")).to_have_count(0)

    label, feedback = SCENARIO_POOR_FIRST
    choose(page, label)
    expect(scenario.locator("[role=status]")).to_contain_text(feedback)
    expect(scenario.locator(".prose")).to_contain_text(SCENARIO_S3)  # the one-to-one conversation was skipped
    expect_lesson_done(page, False)

    page.goto(url)  # from the beginning
    expect(scenario.locator(".prose")).to_contain_text(SCENARIO_START)
    for number, (label, feedback, next_text) in enumerate(SCENARIO_GOOD_PATH, start=1):
        choose(page, label)
        assert page.url.startswith(url + "?step="), f"after choice {number}: {page.url}"
        expect(scenario.locator("[role=status]")).to_contain_text(feedback)
        expect(scenario.locator(".prose")).to_contain_text(next_text)
        expect_lesson_done(page, number == len(SCENARIO_GOOD_PATH))
    expect(scenario).to_contain_text("End of the scenario.")
    expect(scenario.get_by_role("link", name="Start again")).to_have_count(1)
    expect(scenario.locator("form")).to_have_count(0)
    expect(page.locator("main").get_by_role("button", name="Next lesson")).to_have_count(1)


def answer(page: Page, question_id: str, question: dict) -> None:
    """The correct answer, as services.score_answer scores it (from the question's English data)."""
    kind, data = question["kind"], question["data"]
    fieldset = page.locator("main fieldset.question").filter(has=page.locator(
        f"[name='q{question_id}'], [name^='q{question_id}_']"))
    expect(fieldset).to_have_count(1)
    expect(fieldset.locator("legend")).to_contain_text(question["text"])
    if kind in ("single", "true_false", "multiple"):
        for index, choice in enumerate(data["choices"]):
            if choice["correct"]:
                fieldset.locator(f"#q{question_id}-{index}").check()
    elif kind == "matching":
        for index, pair in enumerate(data["pairs"]):
            select = fieldset.locator(f"#q{question_id}_{index}")
            expect(fieldset.locator(f"label[for='q{question_id}_{index}']")).to_have_text(pair["left"])
            select.select_option(value=pair["right"])
    elif kind == "ordering":
        for index, item in enumerate(data["items"]):
            fieldset.locator(f"#q{question_id}_{index}").select_option(value=item)
    elif kind == "short":
        fieldset.locator(f"#q{question_id}").fill(data["answers"][0])
    else:  # pragma: no cover - a new kind of question
        raise AssertionError(f"no answer for question kind {kind!r}")


def take_quiz(page: Page, course_url: str, bank: dict, new_page, axe_js) -> None:
    """Back to the course → the module's quiz → answer correctly → "Your score: 100%" — passed."""
    page.locator("main nav.breadcrumbs").get_by_role("link", name=COURSE_TITLE, exact=True).click()
    page.wait_for_load_state()
    assert page.url == course_url, page.url
    first = module_section(page, MODULE_1)
    for title in (LESSON_TEXT, LESSON_REFLECTION, LESSON_SCENARIO):
        expect(first.locator("ol.lesson-list li").filter(has_text=title)).to_contain_text("✓")
    expect(first.locator("h2 .tag")).to_have_count(0)  # the quiz is still to pass
    quiz_link = first.get_by_role("link", name=re.compile("^(Quiz: )?" + re.escape(QUIZ_TITLE) + "$"))
    expect(quiz_link).to_have_count(1)
    quiz_link.click()
    page.wait_for_load_state()
    assert QUIZ_URL.search(page.url), f"expected the quiz page, got {page.url}:\n{main_text(page)}"
    quiz_url = page.url
    expect(page.locator("h1")).to_have_text(QUIZ_TITLE)
    expect(page.locator("main")).to_contain_text("Pass mark: 60%.")
    # Opening the quiz starts nothing: its rules, then the learner starts the attempt.
    expect(page.locator("main")).to_contain_text("Attempts used: 0 of")
    expect(page.locator("main fieldset.question")).to_have_count(0)
    submit(page, "Start the quiz")
    assert page.url == quiz_url, f"expected the quiz page after starting, got {page.url}:\n{main_text(page)}"

    # The attempt's questions, by id (the inputs are named q<id> or q<id>_<n>).
    names = page.locator("main fieldset.question :is(input, select)").evaluate_all(
        "els => els.map(e => e.name)")
    drawn = sorted({re.match(r"q(\d+)", name).group(1) for name in names})
    expect(page.locator("main fieldset.question")).to_have_count(len(drawn))
    assert len(drawn) == 3, f"module 1's quiz draws 3 questions, the page shows {drawn}"
    assert set(drawn) <= set(bank), f"questions {drawn} are not in the bank of C11 {sorted(bank)}"

    # The quiz page, scanned while the attempt is open (the same attempt: opening it again does not start one).
    assert_pages_accessible(new_page, page, axe_js, [(quiz_url, "the quiz page")])

    for question_id in drawn:
        answer(page, question_id, bank[question_id])
    submit(page, "Submit my answers")
    assert page.url == quiz_url, f"expected the result on the quiz URL, got {page.url}"
    expect(page.locator("h1")).to_have_text(QUIZ_TITLE)
    result = page.locator("main [role=status]").filter(has_text="Your score")
    expect(result).to_have_text("Your score: 100% — passed")
    expect(page.locator("main ol > li")).to_have_count(3)
    for item in page.locator("main ol > li").all():
        expect(item.locator("strong").first).to_have_text("correct")
    # The next step: the last quiz completed the course, so back to it and to the certificate.
    next_step = page.locator("main nav.next-step")
    expect(next_step).to_contain_text("You completed the course.")
    next_step.get_by_role("link", name="Back to the course and your certificate", exact=True).click()
    page.wait_for_load_state()
    assert page.url == course_url, page.url


def download_certificate(page: Page) -> str:
    """The course says it is completed and offers the certificate. Returns its verification code."""
    box = page.locator("main .secret-box")
    expect(box).to_contain_text("You completed this course.")
    expect(module_section(page, MODULE_1).locator("h2 .tag")).to_have_text("done")
    expect(module_section(page, MODULE_1).locator("ol.lesson-list li").filter(has_text="Quiz")).to_contain_text(
        "100%")
    link = box.get_by_role("link", name="Download your certificate", exact=True)
    expect(link).to_have_count(1)
    code = box.locator("code").inner_text().strip()
    assert CODE.match(code), f"unexpected verification code {code!r}"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{code}.pdf", download.suggested_filename
    with open(download.path(), "rb") as pdf:
        head = pdf.read(5)
    assert head == b"%PDF-", f"the certificate is not a PDF: it starts with {head!r}"
    expect(page.locator("main .messages")).to_have_count(0)  # no "the PDF could not be produced"

    # Learning home: the course is completed, with its certificate.
    main_nav(page, "Learning")
    card = page.locator("main .card").filter(has=page.get_by_role("link", name=COURSE_TITLE, exact=True))
    expect(card).to_contain_text("Completed")
    expect(card.get_by_role("link", name="Certificate", exact=True)).to_have_count(1)
    expect(card.get_by_role("link", name="Continue where I left off")).to_have_count(0)
    # My certificates lists it with the same code.
    main_nav(page, "Certificates")
    expect(page.locator("main ul.plain-list li").filter(has_text=code)).to_contain_text("Course completion")
    return code


def test_take_a_lesson_a_scenario_and_a_quiz_and_download_the_certificate(page, new_page, axe_js, var_dir):
    # 1. Inês signs in (no second factor for a trainer) and enrols in the course from Learning.
    add_learner(var_dir, LEARNER)
    sign_in_with_password(page, LEARNER[0])
    go_to_dashboard(page)
    course_url = enrol(page)

    # Modules 2 to 8 are recorded as done on the server; module 1 stays to be taken here.
    later = record_later_modules(var_dir)
    page.goto(course_url)
    expect(page.locator("main section.module").nth(1).locator("h2 .tag")).to_have_text("done")
    expect(page.locator("main .secret-box")).to_have_count(0)

    # 2. The first lesson, and "Continue where I left off" from the learning home.
    lesson_url = open_first_lesson_and_continue(page, course_url, later["lessons"])
    assert_pages_accessible(new_page, page, axe_js, [("/en/learning/", "the learning home (a course in progress)"),
                                                     (lesson_url, "the lesson page")])
    assert_lesson_page_respects_csp(page, lesson_url)
    phone = new_page(width=320, storage_state=page.context.storage_state())
    phone.goto(lesson_url)
    lesson_heading(phone, LESSON_TEXT)
    assert_fits_width(phone, "the lesson page at 320 px")
    phone.context.close()

    # 3. Mark it as done, write the reflection of the second lesson, take the scenario of the third.
    reflection_url = complete_text_lesson(page)
    scenario_url = write_reflection(page, reflection_url)
    assert_pages_accessible(new_page, page, axe_js, [(scenario_url, "the scenario lesson (first step)")])
    take_scenario(page, scenario_url)

    # 4. The quiz, which completes the course; the certificate.
    take_quiz(page, course_url, later["questions"], new_page, axe_js)
    code = download_certificate(page)
    assert not csp_reports(page), "Content-Security-Policy reports during the flow:\n" + "\n".join(csp_reports(page))

    # 5. Anyone can check the certificate with its code.
    verify_certificate(new_page(), code, holder=LEARNER[1], title=COURSE_TITLE_PT,
                       date=re.compile(r"^\d{4}-\d{2}-\d{2}$"), kind="Course completion", holder_email=LEARNER[0])
    scanner = new_page(bypass_csp=True)
    scanner.goto(f"/en/verify/{code}/")
    assert_accessible(scanner, axe_js, "the verification page of a course certificate")


# --- the learning home's progress ----------------------------------------------------------------------------

def test_learning_home_shows_the_progress_of_a_course(new_page):
    """Eleni (researcher@, no second factor) has read module 1 in the demo: the learning home shows the lessons
    done out of the required lessons, as the course page lists them."""
    page = new_page()
    sign_in_with_password(page, "researcher@example.org")
    page.goto("/en/learning/")
    card = page.locator("main .card").filter(has=page.get_by_role("link", name=COURSE_TITLE, exact=True))
    expect(card).to_have_count(1)
    card.get_by_role("link", name=COURSE_TITLE, exact=True).click()
    page.wait_for_load_state()
    assert COURSE_URL.search(page.url), page.url
    lessons = [text for text in page.locator("main ol.lesson-list > li").all_inner_texts()
               if not text.startswith("Quiz") and "(optional)" not in text]
    done = sum("✓" in text for text in lessons)
    assert len(lessons) > 3 and done == 3, f"{done} of {len(lessons)} lessons done on the course page: {lessons}"

    page.goto("/en/learning/")
    expect(card.locator("p").first).to_contain_text(f"{done}/{len(lessons)} lessons")
    expect(card.locator("meter")).to_have_attribute("value", str(round(100 * done / len(lessons))))


# --- a quiz on a phone ---------------------------------------------------------------------------------------

def test_a_quiz_with_matching_questions_fits_a_phone_in_portuguese(new_page, var_dir):
    """390 px, /pt/: every matching question of the bank in one open attempt, its sentences in Portuguese; the page
    is no wider than the screen (document.scrollWidth), and each answer list fits inside it."""
    add_learner(var_dir, PHONE_LEARNER)
    opened = open_matching_attempt(var_dir)
    page = new_page(width=390)
    sign_in_with_password(page, PHONE_LEARNER[0])
    response = page.goto(f"/pt/learning/quizzes/{opened['quiz']}/")
    assert response.status == 200, f"the quiz page answered {response.status}"
    expect(page.locator("main fieldset.question")).to_have_count(len(opened["lefts"]))
    for left in opened["lefts"]:  # the question bank in Portuguese, not English
        expect(page.locator("main fieldset.question label").filter(has_text=left).first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Match each")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the quiz with matching questions is {width} px wide at 390 px"
    assert_fits_width(page, "the quiz with matching questions at 390 px")
    widest = page.locator("main fieldset.question select").evaluate_all(
        "els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
    assert widest <= 390, f"an answer list reaches {widest} px at 390 px"
