"""Who is asking, from where: set once per request by the middleware, read by the audit trail."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None = None
    user_agent: str = ""


_NO_REQUEST = RequestInfo()
_current: ContextVar[RequestInfo] = ContextVar("integra_request_info", default=_NO_REQUEST)  # noqa: B039 (frozen)


def set_request_info(info: RequestInfo):
    return _current.set(info)


def reset_request_info(token) -> None:
    _current.reset(token)


def current_request_info() -> RequestInfo:
    return _current.get()


def client_ip(request) -> str | None:
    # Behind the reverse proxy REMOTE_ADDR is the proxy; the proxy must set X-Real-IP (see README).
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None
