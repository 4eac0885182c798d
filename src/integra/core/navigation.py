"""The main navigation: each app adds entries; an entry is shown to the people the policy lets do what it
leads to (`offered_to(Model, action)`), so a menu never holds an access rule of its own."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access
from .access import VIEW


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: Callable[[object], str]
    shown_to: Callable[[object], bool]
    order: int = 50
    section: str = "main"


_entries: list[NavEntry] = []


def add_nav_entry(entry: NavEntry) -> None:
    _entries.append(entry)
    _entries.sort(key=lambda e: e.order)


def nav_for(actor, current_path: str) -> list[dict]:
    items = []
    for entry in _entries:
        if entry.shown_to(actor):
            url = entry.url(actor)
            items.append({"label": entry.label, "url": url, "current": current_path.startswith(url)
                          if url.count("/") > 2 else current_path == url, "section": entry.section})
    return items


def offered_to(model, action: str = VIEW) -> Callable[[object], bool]:
    """The entry is shown when the policy lets the person do `action` to some row of `model`."""
    return lambda actor: access.can_any(actor, model, action)


def _everyone(actor) -> bool:
    return True


def _members_url(actor) -> str:
    from .policy import organisations_managed

    orgs = organisations_managed(actor)
    if len(orgs) == 1:
        return reverse("core:members", args=[next(iter(orgs))])
    return reverse("core:organisation_list") + "?managed=1"


def _manages_people(actor) -> bool:
    from .policy import organisations_managed

    return bool(organisations_managed(actor))


def _register_core_entries() -> None:
    from .models import AuditEvent

    add_nav_entry(NavEntry(_("Dashboard"), lambda a: reverse("core:dashboard"), _everyone, order=0))
    add_nav_entry(NavEntry(_("Organisations"), lambda a: reverse("core:organisation_list"), _everyone, order=80))
    add_nav_entry(NavEntry(_("People"), _members_url, _manages_people, order=85))
    add_nav_entry(NavEntry(_("Audit trail"), lambda a: reverse("core:audit"), offered_to(AuditEvent), order=90))


_register_core_entries()
