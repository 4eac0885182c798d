"""In the audit trail an assessment reads by its instrument and the record's reference, never its ratings."""

import pytest

from integra.assessment import services
from integra.core.audit_display import describe_objects
from integra.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_assessments_and_instruments_read_by_title_and_reference(shared_record, prison_cm, instrument,
                                                                  django_assert_max_num_queries):
    assessment = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    wanted = [("assessment.assessment", str(assessment.pk)), ("assessment.instrument", str(instrument.pk))]
    assert AuditEvent.objects.filter(object_type=wanted[0][0], object_id=wanted[0][1]).exists()
    with django_assert_max_num_queries(2):  # one per kind of record
        text = describe_objects(wanted)
    assert text[wanted[0]] == f"{instrument.title} v1 · {shared_record.reference}"
    assert text[wanted[1]] == instrument.title
