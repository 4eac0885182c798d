"""Navigation and dashboard cards for events: each asks the policy, through `offered_to` or a selector."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.core.access import VIEW
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import Event


@card_provider
def _my_events(actor):
    upcoming = selectors.my_upcoming_registrations(actor=actor)
    if not upcoming:
        return []
    return [Card(title=_("My training events"), order=45,
                 items=[CardItem(r.event.title, reverse("events:event", args=[r.event_id]), r.get_status_display())
                        for r in upcoming], link_url=reverse("events:list"), link_label=_("All events"))]


def _has_certificates_page(actor) -> bool:
    """Every signed-in person has a page of their own certificates (it is learning's page; the entry is here
    because event attendance is where most certificates come from)."""
    return True


add_nav_entry(NavEntry(_("Events"), lambda a: reverse("events:list"), offered_to(Event, VIEW), order=60))
add_nav_entry(NavEntry(_("Certificates"), lambda a: reverse("learning:my_certificates"), _has_certificates_page,
                       order=65))
