"""Issue 10: no 500 on input someone typed — a quiz attempt that is no number, a scenario nested 100,000 deep."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from integra.core import limits
from integra.learning import services
from integra.learning.models import Block, Quiz, QuizAttempt
from tests.conftest import signed_in

from .conftest import lessons_of


@pytest.mark.parametrize("attempt", ["abc", "", "99999999999999999999999", "1.5"])
def test_a_quiz_attempt_that_is_no_attempt_is_a_client_error(course, learner, cohort, attempt):
    quiz = Quiz.objects.get()
    started = services.quiz_start(actor=learner, quiz=quiz)
    response = signed_in(learner).post(reverse("learning:quiz_submit", args=[quiz.pk]), {"attempt": attempt})
    assert 400 <= response.status_code < 500
    assert QuizAttempt.objects.get(pk=started.pk).submitted_at is None


@pytest.mark.parametrize("data", ["[" * 100_000, '{"a": ' * 50_000 + "1" + "}" * 50_000,
                                  '{"start": "' + "x" * (limits.JSON_TEXT + 1) + '"}'])
def test_a_scenario_nested_or_sized_beyond_reason_is_refused_with_a_message(designer, course, data):
    lesson = lessons_of(course)[0]
    before = Block.objects.count()
    response = signed_in(designer).post(reverse("learning:design_lesson", args=[lesson.pk]),
                                        {"kind": "scenario", "data": data})
    assert response.status_code == 400
    assert "JSON" in response.content.decode() or "characters" in response.content.decode()
    assert Block.objects.count() == before


def test_the_scenario_service_refuses_deep_nesting_whoever_calls_it(designer, course):
    deep = {}
    for _ in range(limits.JSON_DEPTH + 5):
        deep = {"next": deep}
    with pytest.raises(ValidationError):
        services.block_save(actor=designer, lesson=lessons_of(course)[0], kind="scenario", data=deep)


def test_loads_bounded_reads_ordinary_json_and_ignores_brackets_in_strings():
    assert limits.loads_bounded('{"text": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"]]"}', field="data") == {
        "text": '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]]'}
