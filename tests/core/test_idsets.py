"""ids_in: the same rows as a plain `__in` list, with many ids sent as one parameter (SQLite and PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.core.idsets import INLINE_UP_TO, ids_in
from integra.core.models import Organisation
from tests.conftest import make_org


@pytest.fixture
def organisations(db):
    return [make_org(f"Org {i}") for i in range(INLINE_UP_TO + 20)]


@pytest.mark.parametrize("take", [0, 1, INLINE_UP_TO, INLINE_UP_TO + 1, INLINE_UP_TO + 20])
def test_same_rows_as_a_plain_list(organisations, take):
    ids = [org.pk for org in organisations[:take]] + [10**9]  # one id that names no row
    plain = set(Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True))
    assert set(Organisation.objects.filter(ids_in("pk", ids)).values_list("pk", flat=True)) == plain
    assert set(Organisation.objects.exclude(ids_in("pk", ids)).values_list("pk", flat=True)) == set(
        Organisation.objects.exclude(pk__in=ids).values_list("pk", flat=True))
    assert len(plain) == take


def test_many_ids_are_one_parameter(organisations):
    ids = [org.pk for org in organisations]
    with CaptureQueriesContext(connection) as captured:
        list(Organisation.objects.filter(ids_in("pk", ids) | ids_in("pk", ids[:3])))
    assert len(captured) == 1
    sql = captured.captured_queries[0]["sql"]
    assert str(ids[-1]) in sql  # the ids are there, as one JSON array or one array
    assert sql.count(", ".join(str(i) for i in ids[:3])) <= 2
