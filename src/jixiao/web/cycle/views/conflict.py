"""A stale save, shown to the person: HTTP 409 with the stored value beside theirs.

Every page that edits an object posts the version it showed (``_version.html``'s hidden
field); :func:`jixiao.web.cycle.audit.update_fields` refuses a save over a newer version with
:class:`~jixiao.web.cycle.audit.Stale`. This middleware turns that refusal into one page (or,
for an in-place htmx save, one fragment) for every view, so no view handles it on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from jixiao.web.cycle.audit import Stale, etag, expected_version


def posted_version(request: HttpRequest) -> int | None:
    """The version the form showed (its hidden ``version`` field); None when not sent."""
    return expected_version(request.POST.get("version"))


def _back(request: HttpRequest) -> str:
    """Where the person came from, when it is this site; else the home page."""
    target = request.headers.get("Referer", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def conflict_response(request: HttpRequest, exc: Stale) -> HttpResponse:
    """The 409 page (or htmx fragment): what changed, the stored value and the person's."""
    inline = bool(request.headers.get("HX-Request"))
    template = "_conflict.html" if inline else "conflict.html"
    context = {"stale": exc, "back": _back(request), "nav": "", "inline": inline}
    response = render(request, template, context, status=409)
    response["ETag"] = etag(exc.obj)
    return response


class StaleMiddleware:
    """Answer any page's :class:`Stale` refusal with :func:`conflict_response`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        return conflict_response(request, exc) if isinstance(exc, Stale) else None
