from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path, reverse

from integra.accounts.views import set_language
from integra.core.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/v1/", include("integra.api_urls", namespace="api")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("integra.accounts.urls")),
    path("", include("integra.cooperation.urls")),
    path("", include("integra.learning.urls")),
    path("", include("integra.events.urls")),
    path("", include("integra.assessment.urls")),
    path("", include("integra.mentoring.urls")),
    path("", include("integra.practices.urls")),
    path("", include("integra.core.urls")),
    prefix_default_language=True,
)

handler403 = "integra.core.views.error_403"
handler404 = "integra.core.views.error_404"
handler500 = "integra.core.views.error_500"

if settings.DEBUG:
    # Course media in development; in production the proxy or the object storage serves MEDIA_URL.
    from django.conf.urls.static import static

    admin.site.site_header = "INTEGRA (development)"
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The admin signs in through the same login as everyone (rate limits, second factor), never its own form.
def _admin_login(request, extra_context=None):
    return redirect_to_login(request.get_full_path(), reverse("account_login"))


admin.site.login = _admin_login
