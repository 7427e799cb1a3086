"""Login throttling: too many wrong passwords for one account, or from one address, pause it.

The count lives in the database (:class:`LoginAttempt`), so every gunicorn worker sees the
same numbers; the default cache is per process and would let each worker allow its own
quota. An account's count starts again after a successful login; an address's does not (a
valid login must not reset guessing at other accounts). While paused, the password is not
even checked, so the pause also saves the deliberately slow hashing.

Every password login passes here, the site's and the admin's, because the throttle is the
authentication backend. API bearer tokens do not use passwords and are not affected.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.security.models import LoginAttempt
from jixiao.web.security.production import is_demo_password

REFUSAL_ATTRIBUTE = "_jixiao_login_refusal"


@dataclass(frozen=True)
class Limit:
    """How many failures within the window pause logins, for one kind of key."""

    field: str
    allowed: int
    message: str


def limits() -> tuple[Limit, Limit]:
    """The two limits, read from the settings each time (tests change them)."""
    return (
        Limit(
            "username",
            settings.LOGIN_THROTTLE_PER_USERNAME,
            "该账号连续 {n} 次密码错误，已暂停登录，请 {minutes} 分钟后再试；"
            "如忘记密码，请联系系统管理员。",
        ),
        Limit(
            "address",
            settings.LOGIN_THROTTLE_PER_ADDRESS,
            "此网络地址登录失败次数过多（{n} 次），已暂停登录，请 {minutes} 分钟后再试。",
        ),
    )


def client_address(request: HttpRequest) -> str | None:
    """The client's IP: the proxy's last X-Forwarded-For hop when behind one, else the peer."""
    raw = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        raw = forwarded.split(",")[-1].strip() or raw
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def refusal(username: str, address: str | None, now: datetime | None = None) -> str | None:
    """A Chinese message when logins for this account or address are paused, else None."""
    now = now or timezone.now()
    window = timedelta(minutes=settings.LOGIN_THROTTLE_WINDOW_MINUTES)
    for limit in limits():
        key = username if limit.field == "username" else address
        if key is None or limit.allowed <= 0:
            continue
        oldest = _oldest_counted_failure(limit, key, now - window)
        if oldest is not None:  # the pause ends when this failure leaves the window
            minutes = max(1, math.ceil((oldest + window - now).total_seconds() / 60))
            return limit.message.format(n=limit.allowed, minutes=minutes)
    return None


def _oldest_counted_failure(limit: Limit, key: str, start: datetime) -> datetime | None:
    """With ``allowed`` failures since ``start``, the oldest of the latest ``allowed``."""
    attempts = LoginAttempt.objects.filter(**{limit.field: key}, at__gt=start)
    if limit.field == "username":
        last_success = (
            attempts.filter(success=True).order_by("-at").values_list("at", flat=True).first()
        )
        if last_success is not None:
            attempts = attempts.filter(at__gt=last_success)
    recent = list(
        attempts.filter(success=False)
        .order_by("-at")
        .values_list("at", flat=True)[: limit.allowed]
    )
    return recent[-1] if len(recent) >= limit.allowed else None


def record(username: str, address: str | None, success: bool) -> None:
    """Log one password check."""
    LoginAttempt.objects.create(username=username[:150], address=address, success=success)


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing paused accounts and addresses before any hashing."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)
        address = client_address(request)
        message = refusal(username, address)
        if not message and settings.PRODUCTION and is_demo_password(password):
            record(username, address, success=False)
            message = "生产环境不能使用公开的演示密码登录，请联系系统管理员重设密码。"
        if message:
            setattr(request, REFUSAL_ATTRIBUTE, message)
            raise PermissionDenied(message)  # authenticate() stops here: no other backend
        user = super().authenticate(request, username, password, **kwargs)
        record(username, address, success=user is not None)
        return user


class LoginMessages:
    """Chinese messages for the login forms, and the throttle's refusal when it applies."""

    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入。",
        "inactive": "此账号已停用，请联系系统管理员。",
    }

    def get_invalid_login_error(self) -> ValidationError:
        message = getattr(getattr(self, "request", None), REFUSAL_ATTRIBUTE, None)
        if message:
            return ValidationError(message, code="throttled")
        return ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class LoginForm(LoginMessages, AuthenticationForm):
    """The site's login form."""

    error_messages = LoginMessages.error_messages


class AdminLoginForm(LoginMessages, AdminAuthenticationForm):
    """The admin's login form (staff only), with the same throttle messages."""

    error_messages = {
        **LoginMessages.error_messages,
        "invalid_login": "用户名或密码不正确，或该账号没有管理后台权限。",
    }
