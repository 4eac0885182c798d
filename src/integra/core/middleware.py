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
