"""Dashboard cards and menu entries of the cooperation: caseload, releases soon without community support,
overdue actions, referrals waiting for the organisation. Whom each is for is the policy's answer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integra.core import access
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, add_home_feature
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import Action, Referral, TransitionRecord
from .policy import DECIDE, EXPORT, VIEW_STATISTICS, works_with_agreements


@card_provider
def _cooperation_cards(actor):
    if not access.can_any(actor, TransitionRecord):
        return []
    cards = []
    overdue = list(selectors.overdue_actions(actor=actor)[:5])
    if overdue:
        cards.append(Card(title=_("Overdue actions"), needs_attention=True, order=11,
                          items=[CardItem(a.title, reverse("cooperation:record", args=[a.record_id]),
                                          f"{a.record.reference} · {a.due_date:%Y-%m-%d} · {a.owner}")
                                 for a in overdue],
                          link_url=reverse("cooperation:actions"), link_label=_("All my actions")))
    if access.can_any(actor, Referral, DECIDE):
        pending = list(selectors.referrals_for(actor=actor, direction="incoming", status="pending")[:5])
        if pending:
            cards.append(Card(title=_("Referrals waiting for your organisation"), needs_attention=True, order=12,
                              items=[CardItem(f"{r.record.reference} — {r.from_organisation.name}",
                                              reverse("cooperation:referral", args=[r.pk]), r.get_urgency_display())
                                     for r in pending],
                              link_url=reverse("cooperation:referrals"), link_label=_("All referrals")))
    releases = list(selectors.releases_without_community_referral(actor=actor)[:5])
    if releases:
        cards.append(Card(title=_("Releases in the next 30 days without community support"), needs_attention=True,
                          order=13, items=[CardItem(r.reference, reverse("cooperation:record", args=[r.pk]),
                                                    f"{r.expected_release_date:%Y-%m-%d}") for r in releases],
                          summary=_("No accepted referral to a community organisation or social service yet.")))
    caseload = selectors.caseload(actor=actor, mine=True)
    first = list(caseload[:5])
    total = caseload.count()
    cards.append(Card(
        title=_("My caseload"), order=40,
        summary=ngettext("%(n)d open record", "%(n)d records", total) % {"n": total} if total else
        _("No record yet. Records reach you when a case manager adds you to a team or you accept a referral."),
        items=[CardItem(r.reference, reverse("cooperation:record", args=[r.pk]), r.get_phase_display())
               for r in first],
        link_url=reverse("cooperation:caseload"), link_label=_("Open the caseload")))
    return cards


add_nav_entry(NavEntry(_("Caseload"), lambda a: reverse("cooperation:caseload"), offered_to(TransitionRecord),
                       order=10))
add_nav_entry(NavEntry(_("Referrals"), lambda a: reverse("cooperation:referrals"), offered_to(Referral, DECIDE),
                       order=12))
add_nav_entry(NavEntry(_("Actions"), lambda a: reverse("cooperation:actions"), offered_to(Action), order=14))
add_nav_entry(NavEntry(_("Sharing agreements"), lambda a: reverse("cooperation:agreements"), works_with_agreements,
                       order=70))
add_nav_entry(NavEntry(_("Records (data protection)"), lambda a: reverse("cooperation:data_protection"),
                       offered_to(TransitionRecord, EXPORT), order=75))
add_nav_entry(NavEntry(_("Overview"), lambda a: reverse("cooperation:overview"),
                       offered_to(TransitionRecord, VIEW_STATISTICS), order=16))

add_home_feature(HomeFeature(_("Multi-agency cooperation"), _(
    "One transition record per person, shared between agencies under information-sharing agreements, with a "
    "complete access trail."), order=10))
