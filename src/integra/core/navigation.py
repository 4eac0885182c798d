"""The main navigation: each app adds entries, each shown only to the people its predicate admits."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import is_platform_admin, organisations_where
from .roles import Role


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


def _members_url(actor) -> str:
    orgs = organisations_where(actor, Role.ORG_ADMIN)
    if len(orgs) == 1:
        return reverse("core:members", args=[next(iter(orgs))])
    return reverse("core:organisation_list") + "?managed=1"


def _audit_reader(actor) -> bool:
    from .policy import can_read_any_audit

    return can_read_any_audit(actor)


def _everyone(actor) -> bool:
    return True


add_nav_entry(NavEntry(_("Dashboard"), lambda a: reverse("core:dashboard"), _everyone, order=0))
add_nav_entry(NavEntry(_("Organisations"), lambda a: reverse("core:organisation_list"), _everyone, order=80))
add_nav_entry(NavEntry(_("People"), _members_url,
                       lambda a: bool(organisations_where(a, Role.ORG_ADMIN)) and not is_platform_admin(a), order=85))
add_nav_entry(NavEntry(_("Audit trail"), lambda a: reverse("core:audit"), _audit_reader, order=90))
