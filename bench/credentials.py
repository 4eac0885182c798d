"""The session cookies and personal access tokens the benchmark sends, made directly in the benchmark
database for the personas the endpoints name: no sign-in form, and no second-factor step in the way."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from integra.accounts.services import token_create, token_revoke

from .endpoints import SESSION, TOKEN, Endpoint
from .seed import PERSONAS

# Set by RequireSecondFactorMiddleware once a person has passed their second factor this session; without
# it every page of a person whose roles require one redirects to the second-factor setup.
SECOND_FACTOR_PASSED = "integra_mfa_ok"


class Credentials:
    """One session and one read-only token per persona, created on first use, removed by close()."""

    def __init__(self):
        self.users = {}
        self._session_keys = {}
        self._tokens = {}

    def user(self, persona: str):
        if persona not in self.users:
            if persona not in PERSONAS:
                raise KeyError(f"Unknown persona {persona!r}: declare it in its app's PERSONAS (bench/seed/).")
            self.users[persona] = PERSONAS[persona]()
        return self.users[persona]

    def headers(self, endpoint: Endpoint) -> dict[str, str]:
        headers = {"User-Agent": "integra-bench",
                   "Accept": "application/json" if endpoint.credential == TOKEN else "text/html"}
        if endpoint.credential == SESSION:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self._session_key(endpoint.persona)}"
        elif endpoint.credential == TOKEN:
            headers["Authorization"] = f"Bearer {self._token_secret(endpoint.persona)}"
        return headers

    def _session_key(self, persona: str) -> str:
        if persona not in self._session_keys:
            user = self.user(persona)
            session = import_module(settings.SESSION_ENGINE).SessionStore()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session[SECOND_FACTOR_PASSED] = True
            session.save()
            self._session_keys[persona] = session.session_key
        return self._session_keys[persona]

    def _token_secret(self, persona: str) -> str:
        if persona not in self._tokens:
            self._tokens[persona] = token_create(actor=None, user=self.user(persona), name="bench", days=30,
                                                 read_only=True, via="bench")
        return self._tokens[persona][1]

    def close(self) -> None:
        """End the sessions and revoke the tokens, so no run leaves a way in behind it."""
        engine = import_module(settings.SESSION_ENGINE)
        for session_key in self._session_keys.values():
            engine.SessionStore(session_key=session_key).delete()
        for token, _secret in self._tokens.values():
            token_revoke(actor=None, token=token, via="bench")
        self._session_keys.clear()
        self._tokens.clear()
