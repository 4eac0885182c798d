"""Where a page may send a person after an action: only back into this site.

A `next` parameter names a page of ours (`/en/cases/2/`) or it is ignored. Django's own check refuses
protocol-relative (`//evil.example/`), other schemes (`javascript:`), backslash tricks (`/\\evil.example`) and
other hosts; a hand-written `startswith("/")` does not.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, fallback: str, *, field: str = "next") -> str:
    """The `next` of the POST (or GET) when it points into this site, otherwise `fallback`."""
    candidate = request.POST.get(field) or request.GET.get(field) or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return fallback
