"""Navigation, dashboard cards and the home-page feature of the mentoring programme; each asks the policy."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integra.cooperation.models import Section
from integra.cooperation.panels import Panel, PanelItem, add_record_panel
from integra.core import access
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, PublicLink, add_home_feature, add_public_links
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import Mentor
from .policy import MANAGE


@card_provider
def _my_mentees(actor):
    if not access.can_any(actor, Mentor):
        return []
    matches = list(selectors.my_matches(actor=actor)[:5])
    if not matches:
        return []
    return [Card(title=_("My mentees"), order=15,
                 items=[CardItem(m.mentee.record.reference, reverse("mentoring:match", args=[m.pk]),
                                 str(_("Log a session or raise a concern"))) for m in matches],
                 link_url=reverse("mentoring:home"), link_label=_("Mentoring"))]


@card_provider
def _coordinator(actor):
    if not access.can_any(actor, Mentor, MANAGE):
        return []
    concerns = list(selectors.open_concerns(actor=actor)[:5])
    expiring = selectors.checks_expiring(actor=actor).count()
    items = [CardItem(f"{c.match.mentee.record.reference}: {c.get_category_display()}",
                      reverse("mentoring:concern", args=[c.pk]), c.get_severity_display()) for c in concerns]
    summary = ngettext("%(n)d vetting check expiring or expired.", "%(n)d vetting checks expiring or expired.",
                       expiring) % {"n": expiring}
    return [Card(title=_("Mentoring programme"), summary=summary, items=items, order=20,
                 needs_attention=bool(concerns) or bool(expiring), link_url=reverse("mentoring:home"),
                 link_label=_("Coordinator dashboard"))]


def _goals_panel(actor, record):
    """The mentoring goals of the record's matches, on its practical-support section (the goal policy decides)."""
    goals = selectors.goals_for_record(actor=actor, record=record)
    if not goals:
        return []
    return [Panel(title=str(_("Mentoring goals")), order=20,
                  items=[PanelItem(goal.title, f"{goal.progress} %" + (f" — {goal.comment}" if goal.comment else ""))
                         for goal in goals])]


add_record_panel(Section.PRACTICAL, _goals_panel)
add_nav_entry(NavEntry(_("Mentoring"), lambda a: reverse("mentoring:home"), offered_to(Mentor), order=45))
add_home_feature(HomeFeature(_("Community mentoring"), _(
    "Vetted and trained volunteer mentors, matched with safeguarding first; sessions, goals and concerns."),
    order=55))
add_public_links(lambda: [PublicLink(str(_("Become a mentor")), reverse("mentoring:apply"))], order=30)
