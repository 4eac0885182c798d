"""The learning demo as people meet it (issue 9): the demo course complete in English, French and Portuguese —
question bank included — as the README says, and the demo trainer certified with every step of her pathway met."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from integra.core.demo import load_demo
from integra.learning import selectors
from integra.learning.demo import COURSE_FOLDER, TTT_FOLDER, course_manifest, load_demo_learning
from integra.learning.models import Certificate, Course, Question, Quiz, TrainerObservation
from integra.learning.policy import is_designer
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()
    load_demo_learning()


def test_the_learning_demo(demo):
    """One demo load (it takes a while) for both checks."""
    _courses_are_complete_in_english_french_and_portuguese()
    _trainer_is_certified_with_every_step_met()


def _courses_are_complete_in_english_french_and_portuguese():
    designer = get_user_model().objects.get(email="designer@example.org")
    for folder in (COURSE_FOLDER, TTT_FOLDER):
        course = Course.objects.get(package=course_manifest(folder)["package"])
        report = {row["code"]: row["items"] for row in selectors.missing_translations(actor=designer, course=course)}
        assert report["fr"] == [] and report["pt"] == [], (report["fr"][:3], report["pt"][:3])
        assert report["it"]  # the fallback languages show what is missing, questions included
        assert any(item.startswith("question:") for item in report["it"])
        assert any(item.startswith("choice:") for item in report["it"])
    # Every question of every quiz reads in Portuguese on /pt/: its text, choices, pairs, items and feedback.
    questions = Question.objects.filter(competence__quizzes__in=Quiz.objects.all()).distinct()
    assert questions.count() >= 40
    for question in questions:
        assert question.text_pt and question.text_pt != question.text_en
        assert question.data_pt and set(question.data_pt) == set(question.data_en)
        for choice_pt, choice_en in zip(question.data_pt.get("choices", []), question.data_en.get("choices", []),
                                        strict=True):
            assert choice_pt["text"] and (choice_pt["text"] != choice_en["text"])
            assert bool(choice_pt.get("feedback")) == bool(choice_en.get("feedback"))
        assert bool(question.feedback_pt) == bool(question.feedback_en)
    with translation.override("pt"):
        first = Question.objects.filter(text_en="Which statement best describes radicalisation?").get()
        assert first.text == "Qual das afirmações descreve melhor a radicalização?"
        assert first.data["choices"][1]["text"] == "Um processo gradual, moldado por relações, experiências e ideias"


def _trainer_is_certified_with_every_step_met():
    ana = get_user_model().objects.get(email="trainer@example.org")
    assert selectors.trainer_pathway(actor=ana) == {
        "base_course_done": True, "ttt_course_done": True, "observation_signed": True, "complete": True,
        "certified": True}
    signed = TrainerObservation.objects.get(candidate=ana)
    assert signed.signed_off_at and is_designer(signed.observer)
    page = signed_in(ana).get(reverse("learning:trainer")).content.decode()
    assert page.count("✓") == 4
    certificate = Certificate.objects.get(holder=ana, kind=Certificate.Kind.CERTIFIED_TRAINER)
    assert certificate.language == "pt" and certificate.hours and certificate.issuer is not None
    for row in Certificate.objects.filter(kind=Certificate.Kind.CERTIFIED_TRAINER).select_related("holder"):
        assert selectors.trainer_pathway_complete(user=row.holder)  # never a certificate without its steps
    # The mentor who finished both courses waits for Ana's sign-off: two steps ticked, no badge.
    mentor = get_user_model().objects.get(email="mentor@example.org")
    status = selectors.trainer_pathway(actor=mentor)
    assert status["base_course_done"] and status["ttt_course_done"] and not status["certified"]
