"""`jixiao serve` is still one command: it starts the background worker beside the web server,
starts it again when it dies, and stops it on exit (#16)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status and cmdline[-2:] == [b"worker", b""]:
                found.append(int(entry.name))
    return found


def eventually(check: object, seconds: float = 90) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if result := check():
                return result
        except OSError:  # the server is not listening yet
            pass
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_serve_runs_a_worker_restarts_it_and_stops_it(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "JIXIAO_DATA_DIR": str(tmp_path),
        "JIXIAO_SECRET_KEY": "serve-under-test",
    }
    env.pop("DATABASE_URL", None)  # the embedded default: SQLite under the data directory
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--no-demo", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        eventually(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/login/").status == 200)
        (first,) = eventually(lambda: workers_of(serve.pid))
        os.kill(first, signal.SIGKILL)
        (second,) = eventually(lambda: [p for p in workers_of(serve.pid) if p != first])
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(60) == 0
        assert not Path(f"/proc/{second}").exists() or b"zombie" in Path(f"/proc/{second}/status").read_bytes()
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
        log.close()
    assert "后台任务进程已退出" in (tmp_path / "serve.log").read_text()
