"""The site's URLs plus one view that fails, to see the 500 page a user would get."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import urlpatterns as site


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom: postgres://jixiao:secret-password@db/jixiao")


urlpatterns = [*site, path("crash/", crash)]
