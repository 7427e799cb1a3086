"""Where to go after a form: the page's own ``next`` only when it stays on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    r"""The posted (or queried) ``next`` URL when it is local, else ``fallback``.

    Django's own check: it refuses other hosts, ``//host``, ``/\host``, ``javascript:`` and
    control characters, which a ``startswith("/")`` test lets through.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
