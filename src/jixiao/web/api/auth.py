"""API authentication: a bearer token (system to system) or the browser session (with CSRF)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
    """The logged-in browser user; ninja checks the CSRF token for unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


AUTH = [TokenAuth(), SessionAuth(csrf=True)]
