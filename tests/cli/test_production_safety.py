"""`jixiao serve`, `--prod`, `demo --remove`, `createadmin`, `backup`/`restore` as an
administrator runs them (#16): real processes on a fresh data directory (SQLite)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.cli import UserError, _serve_environment, wants_demo

JIXIAO = Path(sys.executable).with_name("jixiao")
PASSWORD = "Zhiliang-2024-Anquan"


def environment(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.pop("DATABASE_URL", None)
    return {**env, "JIXIAO_DATA_DIR": str(data), **extra}


def jixiao(data: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JIXIAO), *args],
        env=environment(data, **extra),
        capture_output=True,
        text=True,
        check=False,
        cwd=data,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def serving(data: Path, *args: str, **extra: str) -> Iterator[str]:
    """Run `jixiao serve ARGS` until it answers; its base URL; stopped afterwards."""
    port = free_port()
    log = (data / f"serve-{port}.log").open("w")
    proc = subprocess.Popen(
        [str(JIXIAO), "serve", "--port", str(port), *args],
        env=environment(data, **extra),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=data,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (data / f"serve-{port}.log").read_text()
            assert time.monotonic() < deadline, "the server did not answer within 120 s"
            try:
                fetch(f"{base}/login/")
                break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with a real administrator and the demo's `admin` account."""
    folder = tmp_path_factory.mktemp("jixiao-data")
    made = jixiao(folder, "createadmin", "boss", "--name", "局长", JIXIAO_ADMIN_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {"username": "boss", "created": True, "superuser": True}
    code = "import django; django.setup(); from jixiao.demo.loader import create_demo_users; create_demo_users()"
    subprocess.run(
        [sys.executable, "-c", code],
        env=environment(folder, DJANGO_SETTINGS_MODULE="jixiao.web.settings"),
        check=True,
        cwd=folder,
    )
    return folder


def test_demo_data_loads_only_on_the_embedded_default_or_when_asked() -> None:
    def args(*flags: str) -> argparse.Namespace:
        return argparse.Namespace(
            prod="--prod" in flags,
            debug="--debug" in flags,
            demo="--demo" in flags,
            no_demo="--no-demo" in flags,
        )

    assert wants_demo(args(), {}) is True  # the README's first command on a fresh machine
    assert wants_demo(args(), {"DATABASE_URL": "postgres://db/jixiao"}) is False
    assert wants_demo(args("--demo"), {"DATABASE_URL": "postgres://db/jixiao"}) is True
    assert wants_demo(args("--no-demo"), {}) is False
    assert wants_demo(args("--prod"), {}) is False
    for unsafe in ("--demo", "--debug"):
        with pytest.raises(UserError, match=f"--prod 不能与 {unsafe}"):
            _serve_environment(args("--prod", unsafe))


def test_prod_refuses_to_start_while_the_demo_password_is_active(data: Path) -> None:
    refused = jixiao(data, "serve", "--prod", "--port", str(free_port()))
    assert refused.returncode == 2
    assert "拒绝以生产模式启动" in refused.stderr and "refusing to start" in refused.stderr
    assert "admin" in refused.stderr and "boss" not in refused.stderr
    assert "jixiao demo --remove" in refused.stderr and "jixiao createadmin" in refused.stderr


def test_after_demo_remove_prod_starts_safe(data: Path) -> None:
    removed = jixiao(data, "demo", "--remove")
    assert (
        removed.returncode == 0 and "已停用 1 个" in removed.stdout and "admin" in removed.stdout
    )
    for base in serving(data, "--prod", "--workers", "1", JIXIAO_BEHIND_PROXY="1"):
        status, headers, body = fetch(f"{base}/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and "登录" in body
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "Secure" in headers["Set-Cookie"]
        status, _, body = fetch(f"{base}/no-such-page/")
        assert status == 404 and "页面不存在" in body and "URLconf" not in body
        assert fetch(f"{base}/static/jixiao/app.js")[0] == 200


def test_plain_serve_has_no_debug_pages_but_serves_static_files(data: Path) -> None:
    for base in serving(data):
        status, headers, body = fetch(f"{base}/no-such-page/")
        assert status == 404 and "页面不存在" in body
        assert "URLconf" not in body and "<int:" not in body
        assert "Strict-Transport-Security" not in headers
        assert fetch(f"{base}/static/vendor/htmx.min.js")[0] == 200
    assert (data / "secret_key").is_file()


def test_backup_and_restore_from_the_command_line(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "jixiao.tar.gz"
    made = jixiao(data, "backup", "-o", str(target))
    assert made.returncode == 0, made.stderr
    summary = json.loads(made.stdout)
    assert summary["method"] == "sqlite-online-backup" and summary["rows"] > 0
    fresh = tmp_path / "new-machine"
    fresh.mkdir()
    restored = jixiao(fresh, "restore", str(target))
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["rows"] == summary["rows"]
    again = jixiao(fresh, "restore", str(target))
    assert again.returncode == 2 and "已有数据" in again.stderr and "--force" in again.stderr
    assert jixiao(fresh, "restore", str(target), "--force").returncode == 0
    login = jixiao(fresh, "createadmin", "boss", JIXIAO_ADMIN_PASSWORD=PASSWORD)
    assert login.returncode == 2 and "已存在" in login.stderr  # the restored account is there
