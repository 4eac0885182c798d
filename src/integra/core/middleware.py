from .request_context import RequestInfo, client_ip, reset_request_info, set_request_info


class RequestContextMiddleware:
    """Makes the client's address and user agent available to the audit trail for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_info(
            RequestInfo(ip_address=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_info(token)


class ProductNotFoundPageMiddleware:
    """Development only (`settings/dev.py`): a page that is missing or forbidden shows the product's own 404 page,
    as in production, instead of Django's debug page listing every URL pattern — a newcomer trying `make run`
    sees what a user would. Real errors keep Django's debug page. Set INTEGRA_TECHNICAL_404=1 for the URL list.

    Two ways to a 404: a view raises Http404 (the policy's `access_*` for a missing or forbidden row), or no URL
    pattern matches (resolved here first, after LocaleMiddleware has chosen the language prefix)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.urls import Resolver404, get_resolver

        resolver = get_resolver(getattr(request, "urlconf", None))
        try:
            resolver.resolve(request.path_info)
        except Resolver404 as exc:
            return self._not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import Http404

        if isinstance(exception, Http404):
            return self._not_found(request, exception)
        return None

    @staticmethod
    def _not_found(request, exception):
        from django.core.handlers.exception import get_exception_response
        from django.urls import get_resolver

        return get_exception_response(request, get_resolver(getattr(request, "urlconf", None)), 404, exception)
