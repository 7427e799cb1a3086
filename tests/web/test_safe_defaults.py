"""Safe defaults (#16): no debug pages unless asked, Chinese error pages that give nothing
away, a CSP on every response, HSTS over HTTPS, local redirects only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.security.redirects import safe_next

from .conftest import World, login

pytestmark = pytest.mark.django_db


def settings_in_fresh_process(tmp_path: Path, **env: str) -> dict:
    """Import the settings module in a new process with a clean environment."""
    code = (
        "import json; from jixiao.web import settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'key': s.SECRET_KEY, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'secure_cookies': s.SESSION_COOKIE_SECURE, 'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None)}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    clean.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "JIXIAO_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_debug_is_off_and_the_key_is_generated_once_unless_configured(tmp_path: Path) -> None:
    first = settings_in_fresh_process(tmp_path)
    assert first["debug"] is False and first["hsts"] == 0 and first["secure_cookies"] is False
    assert len(first["key"]) >= 50 and "insecure" not in first["key"]
    key_file = tmp_path / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert settings_in_fresh_process(tmp_path)["key"] == first["key"]  # kept across restarts
    assert settings_in_fresh_process(tmp_path / "other")["key"] != first["key"]
    assert settings_in_fresh_process(tmp_path, JIXIAO_DEBUG="1")["debug"] is True
    assert settings_in_fresh_process(tmp_path, JIXIAO_SECRET_KEY="k" * 60)["key"] == "k" * 60


def test_https_turns_on_hsts_and_secure_cookies_and_the_proxy_header_is_opt_in(
    tmp_path: Path,
) -> None:
    https = settings_in_fresh_process(tmp_path, JIXIAO_HTTPS="1")
    assert https["hsts"] == 365 * 24 * 3600 and https["secure_cookies"] is True
    assert https["proxy"] is None
    proxied = settings_in_fresh_process(tmp_path, JIXIAO_HTTPS="1", JIXIAO_BEHIND_PROXY="1")
    assert proxied["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_is_sent_on_https_requests(client: Client, settings: object) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    page = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/login/").headers


def test_every_response_carries_a_csp_without_inline_scripts(client: Client, world: World) -> None:
    login(client, "officer")
    for url in ("/login/", "/", "/api/orgs", "/api/docs", "/no-such-page/"):
        policy = client.get(url).headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'" and directives["style-src-elem"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_templates_hold_no_inline_script_style_element_or_handler() -> None:
    """The CSP would block them: every script and style sheet must be a static file."""
    import re

    root = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web"
    inline = re.compile(
        r"<script(?![^>]*\b(src|type=\"application/json\")\b)[^>]*>|<style\b|\son[a-z]+="
    )
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if inline.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_404_page_is_chinese_and_lists_no_routes(client: Client, world: World) -> None:
    login(client, "clerk")
    page = client.get("/no-such-page/")
    body = page.content.decode()
    assert page.status_code == 404 and "页面不存在" in body
    for leak in ("URLconf", "urlpatterns", "<int:", "admin/login", "Django"):
        assert leak not in body


@pytest.mark.urls("tests.web.crash_urls")
def test_the_500_page_is_chinese_and_shows_no_settings_or_traceback(world: World) -> None:
    client = Client(raise_request_exception=False)
    login(client, "clerk")
    page = client.get("/crash/")
    body = page.content.decode()
    assert page.status_code == 500 and "系统出错了" in body
    for leak in ("Traceback", "DATABASE", "SECRET", "secret-password", "boom", "settings"):
        assert leak not in body


def test_a_wrong_host_gets_a_chinese_400() -> None:
    page = Client(raise_request_exception=False).get("/login/", HTTP_HOST="evil.example")
    assert page.status_code == 400 and "请求无效" in page.content.decode()


def test_a_stale_form_gets_a_chinese_csrf_page(world: World) -> None:
    page = Client(enforce_csrf_checks=True).post("/login/", {"username": "a", "password": "b"})
    assert page.status_code == 403 and "页面已过期" in page.content.decode()


@pytest.mark.parametrize(
    ("target", "allowed"),
    [
        ("/systems/", True),
        ("/monitoring/?year=2024", True),
        ("https://evil.example/", False),
        ("//evil.example/", False),
        ("/\\evil.example/", False),
        ("javascript:alert(1)", False),
        ("http://testserver.evil.example/", False),
        ("\x08//evil.example", False),
    ],
)
def test_only_local_next_urls_are_followed(target: str, allowed: bool) -> None:
    request = RequestFactory().post("/", {"next": target})
    assert (safe_next(request, "/fallback/") == target) is allowed


def test_editing_an_indicator_does_not_redirect_off_site(
    client: Client, world: World, county_system: IndicatorSystem
) -> None:
    login(client, "clerk")
    indicator = county_system.indicators.first()
    url = f"/indicators/{indicator.pk}/edit/"
    away = client.post(url, {"weight": "10", "next": "https://evil.example/phish"})
    assert away.status_code == 302 and away.url == f"/indicators/{indicator.pk}/"
    home = client.post(url, {"weight": "10", "next": f"/systems/{county_system.pk}/"})
    assert home.url == f"/systems/{county_system.pk}/"


def test_login_follows_only_a_local_next(client: Client, world: World) -> None:
    from .conftest import PASSWORD

    away = client.post(
        "/login/?next=https://evil.example/", {"username": "clerk", "password": PASSWORD}
    )
    assert away.status_code == 302 and away.url == "/"
