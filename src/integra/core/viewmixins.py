"""How every page declares its protection. The URL-walking test refuses any view that does not.

- `PublicView` / `@public`: open to anyone (the allow-list in tests/core/test_url_policy.py names them).
- `SignedInView` / `@signed_in`: a signed-in, active person; objects are then fetched only through
  `access.access(...)` or `access.visible(...)`, which apply the models' policies.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views import View

PUBLIC, SIGNED_IN = "public", "signed_in"


class PublicView(View):
    integra_access = PUBLIC


class SignedInView(LoginRequiredMixin, View):
    """`page_for`: who a page that lists or starts something is for, as the policy says it — the same
    predicate its menu entry uses (`core.navigation.offered_to(Model, action)`); everyone else gets 403 rather
    than an empty page. Pages about one object need none: fetching it through the policy already says 404."""

    integra_access = SIGNED_IN
    page_for = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_active:
            raise PermissionDenied
        page_for = getattr(type(self), "page_for", None)  # through the class: a plain function, not a method
        if request.user.is_authenticated and page_for is not None and not page_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def public(view):
    view.integra_access = PUBLIC
    return view


def signed_in(view):
    wrapped = login_required(view)

    @wraps(wrapped)
    def inner(request, *args, **kwargs):
        return wrapped(request, *args, **kwargs)

    inner.integra_access = SIGNED_IN
    return inner
