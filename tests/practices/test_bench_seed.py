"""The benchmark's seed for practices runs (tiny scale) and every endpoint it declares answers 200."""

from dataclasses import replace

import pytest
from bench.endpoints import SESSION
from bench.seed import QUICK
from bench.seed import practices as bench_practices
from django.test import Client

from integra.practices.models import Practice
from tests.conftest import make_org, signed_in


@pytest.mark.django_db
def test_seed_and_endpoints():
    make_org("Bench organisation")
    scale = replace(QUICK, practices=30, study_transcripts=2)
    assert bench_practices.seed(scale)
    assert not bench_practices.seed(scale)  # idempotent
    assert Practice.objects.count() == 30
    values = {name: fn() for name, fn in bench_practices.PATH_VALUES.items()}
    for endpoint in bench_practices.ENDPOINTS:
        endpoint = endpoint.resolved(values)
        client = Client()
        if endpoint.persona:
            assert endpoint.credential == SESSION
            client = signed_in(bench_practices.PERSONAS[endpoint.persona]())
        assert client.get(endpoint.path).status_code == 200, endpoint.name
