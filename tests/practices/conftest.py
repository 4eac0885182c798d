import pytest

from integra.core.models import OrganisationKind
from integra.core.roles import Role
from integra.practices import services
from integra.practices.models import EvidenceLevel, ReviewerProfile
from tests.conftest import make_org, make_user


@pytest.fixture
def ngo(db):
    return make_org("Association Trait d'Union", kind=OrganisationKind.COMMUNITY, country="FR")


@pytest.fixture
def research_org(db):
    return make_org("Université de Toulouse II - Le Mirail", kind=OrganisationKind.RESEARCH, country="FR")


@pytest.fixture
def other_org(db):
    return make_org("Center for the Study of Democracy", kind=OrganisationKind.RESEARCH, country="BG")


@pytest.fixture
def owner(ngo):
    return make_user("owner@example.org", org=ngo, roles=[Role.FRONTLINE])


@pytest.fixture
def editor(research_org):
    return make_user("editor@example.org", org=research_org, roles=[Role.RESEARCHER])


@pytest.fixture
def reviewer(other_org):
    user = make_user("reviewer@example.org", org=other_org, roles=[Role.TRAINER])
    ReviewerProfile.objects.create(user=user, years_experience=8, themes=["mentoring", "exit"],
                                   settings=["prison"], evaluation_experience=True)
    return user


@pytest.fixture
def stranger(db):
    return make_user("stranger@example.org", org=make_org("Elsewhere"), roles=[Role.TRAINER])


def practice_fields(**extra):
    fields = {
        "name": "Mentoring after release", "description": "Volunteer mentors meet people leaving prison.",
        "prevention_link": "Mentors offer belonging that counters extremist recruitment after release.",
        "organisation_name": "Association Trait d'Union", "settings": ["prison", "community"],
        "themes": ["mentoring"], "target_audiences": ["former_inmates"], "countries": ["FR"],
        "languages": ["en", "fr"], "evidence_level": EvidenceLevel.PROCESS,
    }
    fields.update(extra)
    return fields


@pytest.fixture
def draft(owner):
    return services.practice_create(actor=owner, **practice_fields())


def publish(owner, editor, **extra):
    practice = services.practice_create(actor=owner, **practice_fields(**extra))
    services.practice_submit(actor=owner, practice=practice)
    return services.practice_publish(actor=editor, practice=practice)

