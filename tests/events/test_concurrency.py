"""Concurrent approvals for the last place. On PostgreSQL two threads with their own connections race for real
(committed data, so this module does not wrap tests in a transaction); an in-memory SQLite database cannot be
shared between threads, so there the same approvals run one after the other."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection

from integra.events import services
from integra.events.models import Registration
from tests.events.conftest import participant

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


# Committed rows are needed for threads; only PostgreSQL can flush them afterwards (the audit table's triggers
# refuse the DELETE that SQLite's flush would use).
@pytest.mark.django_db(transaction=ON_POSTGRES)
def test_concurrent_approvals_for_the_last_place():
    """Two organisers approve two people at the same moment for the last French place: exactly one gets it."""
    from integra.core.roles import Role
    from tests.conftest import make_org, make_user

    organiser_org = make_org(country="BG")
    organiser = make_user(org=organiser_org, roles=[Role.EVENT_ORGANISER])
    event = services.event_create(actor=organiser, organiser=organiser_org, title="Concurrency",
                                  start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 8), is_published=True)
    services.quota_set(actor=organiser, event=event, country="FR", places=1)
    registrations = [services.registration_apply(actor=participant("FR"), event=event) for _ in range(2)]
    results, barrier = [], threading.Barrier(2)

    def approve(registration):
        try:
            barrier.wait(timeout=5)
            results.append(services.registration_approve(actor=organiser, registration=registration).status)
        finally:
            connection.close()

    if not ON_POSTGRES:
        for registration in registrations:
            results.append(services.registration_approve(actor=organiser, registration=registration).status)
    else:
        threads = [threading.Thread(target=approve, args=(r,)) for r in registrations]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    assert sorted(results) == ["approved", "waiting"]
    assert Registration.objects.filter(event=event, status="approved").count() == 1


