"""The public home page shows what is built: each app adds the feature it offers and, where it has them, the
public links it serves (published events, certificate verification). Registered from `AppConfig.ready`, as the
menu and the dashboard cards are, so a new app appears on the home page when it exists, not before."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeFeature:
    title: str
    text: str
    order: int = 50


@dataclass(frozen=True)
class PublicLink:
    label: str
    url: str


_features: list[HomeFeature] = []
_link_providers: list[tuple[int, Callable[[], list[PublicLink]]]] = []


def add_home_feature(feature: HomeFeature) -> None:
    _features.append(feature)
    _features.sort(key=lambda f: f.order)


def add_public_links(provider: Callable[[], list[PublicLink]], order: int = 50) -> None:
    """`provider()` returns the links anyone may follow; it reads only what is public."""
    _link_providers.append((order, provider))
    _link_providers.sort(key=lambda entry: entry[0])


def home_features() -> list[HomeFeature]:
    return list(_features)


def public_links() -> list[PublicLink]:
    return [link for _order, provider in _link_providers for link in provider()]
