"""Content-Security-Policy on every response: scripts and style sheets only from this site.

Every script is a static file (no inline ``<script>`` and no ``on…=`` handlers in the
templates; data reaches scripts through ``json_script`` blocks and ``data-`` attributes), so
``script-src 'self'`` holds without nonces. Style sheets are static files too. Only ``style``
*attributes* are allowed inline: ECharts writes its tooltips as HTML with style attributes,
and an attribute cannot select or fetch anything, unlike an injected ``<style>`` element.
Nothing is loaded from other sites, which also suits the bureaus' offline intranets.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-elem": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADER = "; ".join(f"{name} {value}" for name, value in POLICY.items())


class ContentSecurityPolicyMiddleware:
    """Add the policy unless a view set its own (none does today)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = HEADER
        return response
