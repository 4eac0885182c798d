"""Navigation, dashboard cards and the home page's feature and public link for the knowledge base."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integra.core import access
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, PublicLink, add_home_feature, add_public_links
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import Practice, Study
from .policy import EDIT


@card_provider
def _editorial(actor):
    if not access.can_any(actor, Practice, EDIT):
        return []
    queue = list(selectors.editorial_queue(actor=actor)[:5])
    if not queue:
        return []
    return [Card(title=_("Practices waiting for the editors"), order=55, needs_attention=True,
                 items=[CardItem(p.name, reverse("practices:practice", args=[p.pk]), p.get_status_display())
                        for p in queue], link_url=reverse("practices:mine"), link_label=_("My practices"))]


@card_provider
def _my_reviews(actor):
    open_reviews = [r for r in selectors.my_reviews(actor=actor)[:10] if r.status == "accepted"]
    if not open_reviews:
        return []
    return [Card(title=_("Peer reviews to write"), order=50, needs_attention=True,
                 summary=ngettext("%(n)s review waits for you.", "%(n)s reviews wait for you.", len(open_reviews))
                 % {"n": len(open_reviews)},
                 items=[CardItem(r.practice.name, reverse("practices:review", args=[r.pk])) for r in open_reviews])]


add_nav_entry(NavEntry(_("Practices"), lambda a: reverse("practices:search"), lambda a: True, order=65))
add_nav_entry(NavEntry(_("Studies"), lambda a: reverse("practices:studies"), offered_to(Study), order=66))

add_home_feature(HomeFeature(_("Collection of practices"), _(
    "Practices, approaches and lessons learned in prison, probation and community settings, peer reviewed and "
    "searchable in six languages; focus groups and interviews coded into themes."), order=20))
add_public_links(lambda: [PublicLink(str(_("Practices")), reverse("practices:search")),
                          PublicLink(str(_("Publications")), reverse("practices:publications"))], order=10)
