"""The benchmark's records are written as the services write them, so that what it measures is what people get."""

import pytest
from bench.seed import cooperation as cooperation_seed
from bench.seed import core as core_seed
from bench.seed.common import Scale

from integra.cooperation.models import Action, TimelineEntry

TINY = Scale(organisations=12, users=60, audit_events=40, platform_admins=1, transition_records=30,
             agreement_owners=2, caseload_records=8, cohort_learners=2, course_modules=1, event_registrations=2,
             event_places=2, practices=2, study_transcripts=1)


@pytest.mark.django_db
def test_seeded_timeline_entries_about_actions_point_at_them_and_keep_their_title_encrypted():
    core_seed.seed(TINY)
    cooperation_seed.seed(TINY)
    entries = list(TimelineEntry.objects.filter(kind="action_created").select_related("action"))
    assert entries and len(entries) == Action.objects.count()
    for entry in entries:
        assert entry.action is not None and entry.action.record_id == entry.record_id
        assert entry.detail == entry.action.title
        assert "title" not in entry.data
