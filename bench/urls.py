"""The platform's URLs plus a bare view: the floor (gunicorn, middleware, no database) every page is
compared with in the same run."""

from django.http import HttpResponse
from django.urls import path

from integra.cooperation.views import RecordView
from integra.urls import handler403, handler404, handler500
from integra.urls import urlpatterns as integra_urlpatterns


def bare(request):
    return HttpResponse("ok")


bare.integra_access = "public"


class UnauditedRecordView(RecordView):
    """The record page without its audit write, only in the benchmark: beside "record · audited view" it shows
    what auditing a read costs (the append is one plain insert, so the two should be level)."""

    def audit_read(self, user, record) -> None:
        pass


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/record-unaudited/<int:pk>/", UnauditedRecordView.as_view(), name="bench_record_unaudited"),
    *integra_urlpatterns,
]

__all__ = ["urlpatterns", "handler403", "handler404", "handler500"]
