"""In the audit trail a practice reads by its name, not as "Practice #12"."""

import pytest

from integra.core.audit_display import describe_objects
from integra.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_events_of_practices_read_by_name(draft, django_assert_max_num_queries):
    event = AuditEvent.objects.filter(object_type="practices.practice", object_id=str(draft.pk)).first()
    assert event is not None
    with django_assert_max_num_queries(1):
        text = describe_objects([(event.object_type, event.object_id), ("practices.practice", "999999")])
    assert text[("practices.practice", str(draft.pk))] == draft.name
    assert text[("practices.practice", "999999")].endswith("#999999")  # gone: the fallback says what it was
