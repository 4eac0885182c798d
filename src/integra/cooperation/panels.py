"""Panels other apps add to a section of the record page (as the dashboard takes cards): cooperation never imports
them. A provider is registered for a section from the other app's `AppConfig.ready`; it is asked with the person and
the record, reads through its own policy and selectors, and returns its panels (none when it has nothing to show)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PanelItem:
    label: str
    detail: str = ""
    url: str = ""


@dataclass
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    order: int = 50


_providers: dict[str, list[Callable]] = {}


def add_record_panel(section: str, provider: Callable) -> None:
    """`provider(actor, record) -> list[Panel]`, shown on the record's `section` page."""
    _providers.setdefault(section, []).append(provider)


def panels_for(actor, record, section: str) -> list[Panel]:
    panels = [panel for provider in _providers.get(section, []) for panel in (provider(actor, record) or [])]
    return sorted(panels, key=lambda panel: panel.order)
