"""Item analysis is computed over the attempts that drew each question, with their number, and says "too few
answers" rather than a number below the minimum."""

import pytest
from django.urls import reverse
from django.utils import timezone

from integra.learning import selectors
from integra.learning.models import Enrolment, Question, Quiz, QuizAnswer, QuizAttempt
from integra.learning.selectors import ITEM_ANALYSIS_MIN_ANSWERS
from tests.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def _attempt(quiz, course, score, answers):
    """A submitted attempt with `answers` {question: correct} (the quiz drew only those questions)."""
    enrolment = Enrolment.objects.create(user=make_user(), course=course)
    attempt = QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, question_ids=[q.pk for q in answers],
                                         submitted_at=timezone.now(), score=score)
    QuizAnswer.objects.bulk_create(QuizAnswer(attempt=attempt, question=q, correct=c) for q, c in answers.items())


def test_each_question_is_measured_on_the_attempts_that_drew_it(course, designer):
    quiz = Quiz.objects.get(module__course=course)
    often, seldom = list(Question.objects.filter(competence__in=quiz.competences.all()))[:2]
    # `often` is drawn by six attempts: the three best answer it right, the three weakest wrong.
    for score in (90, 80, 70):
        _attempt(quiz, course, score, {often: True})
    for score in (30, 20, 10):
        _attempt(quiz, course, score, {often: False, seldom: True})
    rows = {row["question"]: row for row in selectors.item_analysis(actor=designer, quiz=quiz)}
    assert rows[often]["answers"] == 6 and rows[often]["facility"] == 0.5 and rows[often]["discrimination"] == 1.0
    # `seldom` was drawn by three attempts only: below the minimum, no number at all.
    assert rows[seldom]["answers"] == 3 < ITEM_ANALYSIS_MIN_ANSWERS and rows[seldom]["too_few"]
    assert rows[seldom]["facility"] is None and rows[seldom]["discrimination"] is None
    page = signed_in(designer).get(reverse("learning:item_analysis", args=[quiz.pk])).content.decode()
    assert "Too few answers to tell" in page and "1.0" in page


def test_only_designers_read_item_analysis(course, learner):
    quiz = Quiz.objects.get(module__course=course)
    assert signed_in(learner).get(reverse("learning:item_analysis", args=[quiz.pk])).status_code in (403, 404)
