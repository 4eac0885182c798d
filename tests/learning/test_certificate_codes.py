"""A certificate code is read as people type it: with or without dashes or spaces, in any case."""

import datetime as dt

import pytest

from integra.learning import selectors, services
from integra.learning.models import Certificate
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{bare}", "{bare_lower}", " {spaced} "])
def test_a_code_is_found_however_it_is_typed(typed):
    certificate = services.certificate_issue(actor=None, holder=make_user(full_name="Ana"), kind=Certificate.Kind
                                             .COURSE_COMPLETION, title="Course", awarded_on=dt.date(2026, 11, 30),
                                             source="test:1")
    code = certificate.code
    variants = {"code": code, "lower": code.lower(), "bare": code.replace("-", ""),
                "bare_lower": code.replace("-", "").lower(), "spaced": code.replace("-", " ")}
    assert selectors.certificate_verify(code=typed.format(**variants)) == certificate


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-EFGH-JKLM-NPQR", "'; DROP TABLE x; --", "é" * 12])
def test_anything_else_finds_nothing(typed):
    assert selectors.certificate_verify(code=typed) is None
