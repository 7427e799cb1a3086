"""API authentication: a bearer token (system to system) or the browser session (with CSRF)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from jixiao.web.api.models import ApiToken, hash_token

#: How fresh "last used" is kept. Not on every call: a write per request would make every
#: read a writer, queueing API reads behind writes (on SQLite, one writer at a time).
LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer jx_…`` → the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser user; ninja checks the CSRF token for unsafe methods.

    A request that carries a bearer token, or no session cookie, is not a browser session: it
    is not CSRF-checked here, so a wrong token gets 401 (unauthenticated), not a CSRF 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if "Authorization" in request.headers or self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


AUTH = [TokenAuth(), SessionAuth(csrf=True)]
