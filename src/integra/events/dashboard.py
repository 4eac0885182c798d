"""Navigation and dashboard cards for events: each asks the policy, through `offered_to` or a selector."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.core.access import VIEW
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, PublicLink, add_home_feature, add_public_links
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


add_nav_entry(NavEntry(_("Events"), lambda a: reverse("events:list"), offered_to(Event, VIEW), order=60))

add_home_feature(HomeFeature(_("Joint staff training events"), _(
    "Quotas, agenda, registrations, attendance, evaluations and certificates."), order=60))
add_public_links(lambda: [PublicLink(event.title, reverse("events:public", args=[event.pk]))
                          for event in selectors.public_events_for_home()], order=20)
