"""In the audit trail a mentor reads by name, a mentee and a match by the record's reference."""

import pytest

from integra.core.audit_display import describe_objects
from integra.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_mentoring_records_read_by_name_and_reference(match, mentor_profile, mentee, django_assert_max_num_queries):
    wanted = [("mentoring.mentor", str(mentor_profile.pk)), ("mentoring.mentee", str(mentee.pk)),
              ("mentoring.match", str(match.pk))]
    assert all(AuditEvent.objects.filter(object_type=t, object_id=i).exists() for t, i in wanted[1:])
    with django_assert_max_num_queries(3):  # one per kind of record
        text = describe_objects(wanted)
    reference = mentee.record.reference
    assert text[wanted[0]] == mentor_profile.full_name
    assert text[wanted[1]] == f"Mentee of {reference}" and text[wanted[2]] == f"Match for {reference}"
