"""The dashboard is assembled from cards that each app contributes. A provider asks the policy whether the
person may do what its card is about (`access.can_any`, `access.organisations_for`) and reads through the
policy or a selector; no card holds an access rule of its own."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import access
from .access import ADD, VIEW
from .models import AuditEvent, Invitation, Membership, Organisation
from .roles import ROLES_REQUIRING_SECOND_FACTOR


@dataclass
class CardItem:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Card:
    title: str
    summary: str = ""
    items: list[CardItem] = field(default_factory=list)
    link_url: str = ""
    link_label: str = ""
    needs_attention: bool = False
    order: int = 50


_providers: list[Callable] = []


def card_provider(fn: Callable) -> Callable:
    _providers.append(fn)
    return fn


def cards_for(actor) -> list[Card]:
    cards = [card for provider in _providers for card in (provider(actor) or [])]
    return sorted(cards, key=lambda c: (not c.needs_attention, c.order))


@card_provider
def _unread_notifications(actor):
    unread = list(actor.notifications.unread()[:5])
    if not unread:
        return []
    return [Card(title=_("New notifications"), needs_attention=True, order=10,
                 items=[CardItem(n.title, n.url or reverse("core:notifications")) for n in unread],
                 link_url=reverse("core:notifications"), link_label=_("All notifications"))]


def _count_of(queryset, group_field: str):
    """COUNT(*) of a queryset filtered on OuterRef(group_field), as a scalar subquery (0 when empty)."""
    counted = queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


@card_provider
def _organisation_admin(actor):
    from .policy import organisations_managed

    org_ids = organisations_managed(actor)
    if not org_ids:
        return []
    from allauth.mfa.models import Authenticator

    has_factor = Authenticator.objects.filter(user=OuterRef("user_id"), type__in=["totp", "webauthn"])
    # One counting subquery per number: joining both tables at once would multiply their rows.
    orgs = (Organisation.objects.filter(pk__in=org_ids).annotate(
        pending=_count_of(Invitation.objects.pending().filter(organisation=OuterRef("pk")), "organisation"),
        members=_count_of(Membership.objects.filter(organisation=OuterRef("pk"), is_active=True), "organisation"),
    ).order_by("name"))
    without_factor = dict(
        Membership.objects.active().order_by()
        .filter(organisation_id__in=org_ids, roles__role__in=ROLES_REQUIRING_SECOND_FACTOR)
        .annotate(has_factor=Exists(has_factor)).filter(has_factor=False)
        .values("organisation_id").annotate(n=Count("user_id", distinct=True)).values_list("organisation_id", "n")
    )
    cards = []
    for org in orgs:
        items = []
        if org.pending:
            text = ngettext("%(n)d invitation waiting to be accepted", "%(n)d invitations waiting to be accepted",
                            org.pending) % {"n": org.pending}
            items.append(CardItem(text, reverse("core:members", args=[org.pk])))
        if without_factor.get(org.pk):
            n = without_factor[org.pk]
            items.append(CardItem(ngettext("%(n)d member has not set up a second factor yet",
                                           "%(n)d members have not set up a second factor yet", n) % {"n": n},
                                  reverse("core:members", args=[org.pk]) + "?second_factor=missing"))
        summary = ngettext("%(n)d active member", "%(n)d active members", org.members) % {"n": org.members}
        cards.append(Card(title=org.name, summary=summary, items=items, needs_attention=bool(items), order=20,
                          link_url=reverse("core:invite", args=[org.pk]), link_label=_("Invite people")))
    return cards


@card_provider
def _platform_admin(actor):
    if not access.can_any(actor, Organisation, ADD):
        return []
    from .selectors import organisations_without_administrator

    orphaned = organisations_without_administrator(actor=actor)
    first = list(orphaned.order_by("name")[:5])
    total = orphaned.count()
    items = [CardItem(o.name, reverse("core:members", args=[o.pk]), _("no active administrator")) for o in first]
    return [Card(title=_("Organisations"), needs_attention=bool(items), order=30,
                 summary=ngettext("%(n)d organisation has no active administrator",
                                  "%(n)d organisations have no active administrator", total) % {"n": total}
                 if total else _("Every organisation has an administrator."),
                 items=items, link_url=reverse("core:organisation_create"), link_label=_("Add an organisation"))]


@card_provider
def _audit_reader(actor):
    if not access.can_any(actor, AuditEvent, VIEW):
        return []
    org_ids = access.organisations_for(actor, AuditEvent, VIEW)  # None: every organisation's
    qs = access.visible(actor, AuditEvent)
    if org_ids is not None:
        qs = qs.filter(organisation_id__in=org_ids)
    recent = list(qs.order_by("-seq")[:5])
    from .audit_labels import describe

    return [Card(title=_("Recent activity"), order=60,
                 items=[CardItem(describe(e.action), reverse("core:audit") + f"?object_id={e.object_id}"
                                 f"&object_type={e.object_type}", e.actor_label) for e in recent],
                 summary="" if recent else _("Nothing has been recorded for your organisation yet."),
                 link_url=reverse("core:audit"), link_label=_("Open the audit trail"))]
