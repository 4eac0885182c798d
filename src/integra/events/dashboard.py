"""Navigation and dashboard cards for events."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.navigation import NavEntry, add_nav_entry

from .models import Registration


@card_provider
def _my_events(actor):
    upcoming = list(Registration.objects.filter(user=actor, event__end_date__gte=timezone.localdate())
                    .exclude(status__in=["cancelled", "declined"]).select_related("event")
                    .order_by("event__start_date")[:5])
    if not upcoming:
        return []
    return [Card(title=_("My training events"), order=45,
                 items=[CardItem(r.event.title, reverse("events:event", args=[r.event_id]), r.get_status_display())
                        for r in upcoming], link_url=reverse("events:list"), link_label=_("All events"))]


add_nav_entry(NavEntry(_("Events"), lambda a: reverse("events:list"), lambda a: True, order=60))
add_nav_entry(NavEntry(_("Certificates"), lambda a: reverse("learning:my_certificates"), lambda a: True, order=65))
