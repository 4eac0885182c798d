"""The public home page shows what is built, and links to what anyone may open."""

import datetime as dt

import pytest

from integra.events import services as events
from tests.conftest import make_org, make_user

pytestmark = pytest.mark.django_db


def test_home_lists_only_the_features_that_exist(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/en/").content.decode()
    from integra.core.home import home_features

    # Each app registers its own feature when it exists: the page shows those, and only those.
    registered = [str(feature.title) for feature in home_features()]
    assert sorted(registered) == sorted([
        "Multi-agency cooperation", "Training and e-learning", "Structured assessment", "Community mentoring",
        "Collection of practices", "Joint staff training events"])
    for built in registered:
        assert built in page
    assert "Knowledge base" not in page and "Risk and needs assessment" not in page  # names of nothing built


def test_home_links_to_published_events_and_certificate_verification(client):
    from integra.core.roles import Role

    org = make_org(country="BG")
    organiser = make_user(org=org, roles=[Role.EVENT_ORGANISER])
    shown = events.event_create(actor=organiser, organiser=org, title="Open week", city="Sofia", country="BG",
                                start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 5), is_published=True)
    draft = events.event_create(actor=organiser, organiser=org, title="Draft week", city="Sofia", country="BG",
                                start_date=dt.date(2027, 4, 1), end_date=dt.date(2027, 4, 5))
    page = client.get("/fr/").content.decode()
    assert f"/fr/events/{shown.pk}/public/" in page and "Open week" in page
    assert "Draft week" not in page and f"/events/{draft.pk}/" not in page
    assert "/fr/verify/" in page and "Vérifier un certificat" in page
