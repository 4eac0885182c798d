"""The benchmark's calibration seed (closed rounds rated by three assessors, agreement stored) and the endpoints
that measure the calibration report and the API list answer 200 with queries that do not grow with the rounds."""

from dataclasses import replace

import pytest
from bench.seed import QUICK
from bench.seed import assessment as bench_assessment
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.assessment.models import CalibrationRound
from integra.core.roles import Role
from tests.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def test_calibration_seed_and_endpoints(monkeypatch, prison, prison_cm, platform_admin):
    for i in range(2):
        make_user(f"assessor{i}@prison.example", org=prison, roles=[Role.FRONTLINE])
    monkeypatch.setattr(bench_assessment, "case_manager", lambda: prison_cm)
    monkeypatch.setattr(bench_assessment, "platform_admin", lambda: platform_admin)
    monkeypatch.setattr(bench_assessment, "CALIBRATION_ROUNDS", 4)
    scale = replace(QUICK)
    assert bench_assessment.seed_calibration(scale)
    assert bench_assessment.seed_calibration(scale) is None  # idempotent
    assert CalibrationRound.objects.filter(status="closed", agreement_n=11).count() == 4  # 11 rated items
    client = signed_in(prison_cm)
    pk = bench_assessment.showcase_round_id()
    paths = [f"/en/assessment/calibration/{pk}/report/"]
    counts = {}
    for path in paths:
        assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        counts[path] = len(ctx)
    monkeypatch.setattr(bench_assessment, "CALIBRATION_ROUNDS", 12)
    bench_assessment.seed_calibration(scale)
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        assert len(ctx) == counts[path], path
    endpoints = [e for e in bench_assessment.ENDPOINTS if "calibration" in e.name]
    assert len(endpoints) == 3
