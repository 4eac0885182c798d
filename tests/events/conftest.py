import datetime as dt
import zoneinfo

import pytest

from integra.core.models import OrganisationKind
from integra.core.roles import Role
from integra.events import services
from tests.conftest import make_org, make_user

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SOFIA)


@pytest.fixture
def organiser_org(db):
    return make_org("Sofia Probation", kind=OrganisationKind.PROBATION, country="BG")


@pytest.fixture
def organiser(organiser_org):
    return make_user("organiser@events.example", org=organiser_org, roles=[Role.EVENT_ORGANISER])


@pytest.fixture
def event(organiser, organiser_org):
    return services.event_create(actor=organiser, organiser=organiser_org, title="Joint staff training — Sofia",
                                 start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 11), city="Sofia",
                                 country="BG", time_zone="Europe/Sofia", is_published=True, attendance_rule=50)


def participant(country="FR", kind=OrganisationKind.PRISON, email=None):
    org = make_org(kind=kind, country=country)
    return make_user(email, org=org, roles=[Role.FRONTLINE], second_factor=True, full_name=f"Participant {country}")


def approve_all(organiser, registrations):
    return [services.registration_approve(actor=organiser, registration=r).status for r in registrations]


def event_with_sessions(event, organiser, people):
    """Two sessions with attendance on the event's first days, and the people approved."""
    sessions = [services.slot_save(actor=organiser, event=event, kind="work_session", title=f"Session {i}",
                                   starts_at=at(7 + i, 10), ends_at=at(7 + i, 12), takes_attendance=True)
                for i in range(2)]
    registrations = [services.registration_apply(actor=p, event=event) for p in people]
    approve_all(organiser, registrations)
    return sessions, registrations
