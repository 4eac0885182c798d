"""The platform's URLs plus a bare view: the floor (gunicorn, middleware, no database) every page is
compared with in the same run."""

from django.http import HttpResponse
from django.urls import path

from integra.urls import handler403, handler404, handler500
from integra.urls import urlpatterns as integra_urlpatterns


def bare(request):
    return HttpResponse("ok")


bare.integra_access = "public"

urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *integra_urlpatterns]

__all__ = ["urlpatterns", "handler403", "handler404", "handler500"]
