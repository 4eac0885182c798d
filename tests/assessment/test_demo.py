"""The assessment demo's calibration round: three raters rated the fictional vignette blind, the round is closed
with its agreement (Krippendorff's α, n shown) and a consensus meeting is recorded."""

import pytest

from integra.assessment import selectors
from integra.assessment.demo import load_demo_assessment
from integra.assessment.models import CalibrationRound
from integra.core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_calibration_round_with_three_raters():
    load_demo()
    load_demo_assessment()
    calibration = CalibrationRound.objects.get()
    assert calibration.status == CalibrationRound.Status.CLOSED
    assert calibration.rater_rows.filter(submitted_at__isnull=False).count() == 3
    assert calibration.agreement is not None and calibration.agreement_n == 10
    report = selectors.calibration_report(actor=calibration.created_by, calibration=calibration)
    assert report["round_agreement"].statistic == "Krippendorff's alpha"
    assert len(report["meetings"]) == 1
    load_demo_assessment()  # idempotent
    assert CalibrationRound.objects.count() == 1
