"""Login throttling (#16): wrong passwords pause an account or an address, in Chinese, for
every password login (site and admin), shared by all workers through the database; API
tokens are not affected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from jixiao.web.api.models import ApiToken
from jixiao.web.security.models import LoginAttempt

from .conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, url: str = "/login/", **extra: str):
    return client.post(url, {"username": username, "password": password}, **extra)


def paused(response) -> bool:
    return response.status_code == 200 and "已暂停登录" in response.content.decode()


def test_five_wrong_passwords_pause_the_account_even_for_the_right_one(
    client: Client, world: World
) -> None:
    for _ in range(5):
        wrong = attempt(client, "clerk", "wrong")
        assert "用户名或密码不正确" in wrong.content.decode()
    refused = attempt(client, "clerk", PASSWORD)
    assert paused(refused) and "连续 5 次密码错误" in refused.content.decode()
    assert "15 分钟后再试" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(username="clerk", success=False).count() == 5
    assert attempt(Client(), "reviewer", PASSWORD).status_code == 302  # others still log in


def test_the_pause_ends_when_the_failures_leave_the_window(client: Client, world: World) -> None:
    for _ in range(5):
        attempt(client, "clerk", "wrong")
    assert paused(attempt(client, "clerk", PASSWORD))
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "clerk", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_accounts_count_again(client: Client, world: World) -> None:
    for _ in range(4):
        attempt(client, "clerk", "wrong")
    assert attempt(Client(), "clerk", PASSWORD).status_code == 302
    for _ in range(4):
        attempt(client, "clerk", "wrong")
    assert attempt(Client(), "clerk", PASSWORD).status_code == 302


def test_many_accounts_guessed_from_one_address_pause_that_address(
    client: Client, world: World, settings: object
) -> None:
    settings.LOGIN_THROTTLE_PER_ADDRESS = 3
    for name in ("clerk", "reviewer", "officer"):
        attempt(client, name, "wrong")
    refused = attempt(client, "evaluator", PASSWORD)
    assert paused(refused) and "此网络地址" in refused.content.decode()
    elsewhere = attempt(Client(), "evaluator", PASSWORD, REMOTE_ADDR="10.0.0.8")
    assert elsewhere.status_code == 302


def test_behind_a_proxy_the_address_is_the_proxys_last_forwarded_hop(
    world: World, settings: object
) -> None:
    settings.LOGIN_THROTTLE_PER_ADDRESS = 2
    settings.BEHIND_PROXY = True
    client = Client(REMOTE_ADDR="127.0.0.1")
    # The client cannot choose its address by sending its own X-Forwarded-For first hop.
    for spoofed in ("1.1.1.1", "2.2.2.2"):
        attempt(client, "clerk", "wrong", HTTP_X_FORWARDED_FOR=f"{spoofed}, 192.0.2.7")
    assert paused(attempt(client, "reviewer", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.7"))
    other = attempt(client, "reviewer", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert other.status_code == 302
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {
        "192.0.2.7",
        "192.0.2.9",
    }


def test_the_admin_login_is_throttled_too(client: Client, world: World) -> None:
    for _ in range(5):
        attempt(client, "admin", "wrong", url="/admin/login/")
    refused = attempt(client, "admin", PASSWORD, url="/admin/login/")
    assert refused.status_code == 200 and "已暂停登录" in refused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_api_tokens_keep_working_while_the_password_is_paused(
    client: Client, world: World
) -> None:
    _, raw = ApiToken.issue(world.users["clerk"], "接口测试")
    for _ in range(6):
        attempt(client, "clerk", "wrong")
    assert paused(attempt(client, "clerk", PASSWORD))
    response = Client().get("/api/orgs", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_the_attempts_are_a_read_only_log_in_the_admin(client: Client, world: World) -> None:
    attempt(Client(), "clerk", "wrong")
    assert client.login(username="admin", password=PASSWORD)
    listing = client.get("/admin/security/loginattempt/")
    assert listing.status_code == 200 and "clerk" in listing.content.decode()
    row = LoginAttempt.objects.get()
    assert client.get(f"/admin/security/loginattempt/{row.pk}/delete/").status_code == 403
