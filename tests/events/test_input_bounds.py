"""Issue 10: a quota is a number of places a room can hold, not 10^12."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from integra.core import limits
from integra.events import services
from integra.events.models import CountryQuota
from tests.conftest import signed_in


@pytest.mark.parametrize("places", [10**12, limits.QUOTA_PLACES + 1, -1])
def test_a_quota_out_of_range_is_refused_on_the_page_and_by_the_service(event, organiser, places):
    response = signed_in(organiser).post(reverse("events:quotas", args=[event.pk]),
                                         {"country": "FR", "organisation_kind": "", "places": places})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.quota_set(actor=organiser, event=event, country="FR", places=places)
    assert not CountryQuota.objects.exists()


def test_a_quota_in_range_is_saved(event, organiser):
    response = signed_in(organiser).post(reverse("events:quotas", args=[event.pk]),
                                         {"country": "FR", "organisation_kind": "", "places": limits.QUOTA_PLACES})
    assert response.status_code == 302 and CountryQuota.objects.get().places == limits.QUOTA_PLACES
