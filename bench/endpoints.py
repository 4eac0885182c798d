"""How an endpoint to measure is declared; each app lists its own in ENDPOINTS (bench/seed/<app>.py)."""

from dataclasses import dataclass, replace

SESSION, TOKEN = "session", "token"


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str  # may name a value known only after seeding, e.g. "/en/cases/{showcase_record}/" (seed.PATH_VALUES)
    persona: str | None = None  # who asks: a key of bench.seed.PERSONAS; None means anonymous
    credential: str | None = None  # SESSION cookie (pages) or personal access TOKEN (API)

    @property
    def placeholders(self) -> bool:
        return "{" in self.path

    def resolved(self, values: dict[str, object]) -> "Endpoint":
        return replace(self, path=self.path.format_map(values)) if self.placeholders else self

    @property
    def who(self) -> str:
        return f"{self.persona} ({self.credential})" if self.persona else "anonymous"


def public(name: str, path: str) -> Endpoint:
    """Anonymous: no cookie, no token."""
    return Endpoint(name, path)


def page(name: str, path: str, persona: str) -> Endpoint:
    """A page, signed in through a session cookie."""
    return Endpoint(name, path, persona, SESSION)


def api(name: str, path: str, persona: str) -> Endpoint:
    """An API endpoint, called with a read-only personal access token."""
    return Endpoint(name, path, persona, TOKEN)
