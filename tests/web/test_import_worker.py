"""A real ``jixiao worker`` process against the test database: the import job end to end, and a
``kill -9`` of the worker in the middle of reading a long PDF (#16's "done when").

The worker is the command `jixiao serve` starts; it reads the jobs from django-tasks'
database queue in the same database the test's client writes to.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from jixiao.web.imports.models import ImportJob
from jixiao.web.performance.models import Indicator, IndicatorSystem
from tests.ingest.heavy import long_pdf
from tests.support import seed

from .conftest import World, login

pytestmark = pytest.mark.django_db(transaction=True)
PATIENCE = 90  # seconds: a worker on a busy two-core machine


def database_url() -> str:
    """The URL of the test database, for the worker process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if ":memory:" in name or "mode=memory" in name:
            pytest.skip("the SQLite test database is in memory (set JIXIAO_TEST_SQLITE)")
        return f"sqlite:///{name}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def worker(settings: Any, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "JIXIAO_DATA_DIR": str(tmp_path),
        "JIXIAO_SECRET_KEY": "worker-under-test",
        "JIXIAO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    yield process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()


def wait_for(what: Callable[[], Any], message: str) -> Any:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if result := what():
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting: {message}")


def upload(client: Client, world: World, path: Path, name: str | None = None) -> str:
    data = {
        "file": SimpleUploadedFile(name or path.name, path.read_bytes()),
        "organization": world.county.pk,
        "year": 2024,
    }
    response = client.post("/imports/", data)
    assert response.status_code == 302, response.content.decode()[:1000]
    return response["Location"]


def children_of(pid: int) -> list[int]:
    """The isolated extraction processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status and b"jixiao.ingest.isolated" in cmdline:
            found.append(int(entry.name))
    return found


def test_a_worker_reads_the_upload_and_the_preview_is_saved(
    client: Client, world: World, worker: subprocess.Popen[bytes], settings: Any
) -> None:
    login(client, "clerk")
    url = upload(client, world, seed("002"))
    assert ImportJob.objects.get().status == "queued", "the request only queues the reading"
    assert "import-progress" in client.get(url).content.decode()
    state = wait_for(
        lambda: (s := client.get(url + "status.json").json())["finished"] and s, "the reading"
    )
    assert state["status"] == "ready", state
    assert "确认导入" in client.get(url).content.decode()
    client.post(url + "save/", {"acknowledge": "1"})
    assert IndicatorSystem.objects.get().indicators.count() == 44
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_kill_9_of_the_worker_leaves_nothing_half_done_and_says_so(
    client: Client, world: World, worker: subprocess.Popen[bytes], settings: Any, tmp_path: Path
) -> None:
    login(client, "clerk")
    url = upload(client, world, long_pdf(tmp_path / "长报告.pdf", pages=150))
    reading = wait_for(
        lambda: (s := client.get(url + "status.json").json())["stage"] == "reading"
        and s["done"] >= 2
        and s,
        "pages being read",
    )
    assert reading["status"] == "running" and reading["total"] == 150 and reading["unit"] == "页"
    assert 0 < reading["percent"] < 80
    job = ImportJob.objects.get()
    assert job.path.is_file(), "the upload is there while it is read"
    (child,) = children_of(worker.pid)

    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    wait_for(lambda: not Path(f"/proc/{child}").exists(), "the parser to die with its worker")

    settings.IMPORT_STALE_SECONDS = 2
    time.sleep(2.5)
    state = client.get(url + "status.json").json()
    assert state["status"] == "interrupted" and state["finished"], state
    assert "中断" in state["message"] and "未保存任何数据" in state["message"]
    assert "已中断" in client.get(url).content.decode()
    assert not IndicatorSystem.objects.exists() and not Indicator.objects.exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert client.post(url + "save/").status_code == 302 and not IndicatorSystem.objects.exists()


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium")
def test_the_progress_page_follows_the_worker_in_a_browser(
    live_server: Any,
    browser: Any,
    world: World,
    worker: subprocess.Popen[bytes],
    tmp_path: Path,
) -> None:
    from tests.web.browser import log_in, shot

    from .conftest import PASSWORD

    pdf = long_pdf(tmp_path / "2023年度项目支出绩效评价报告.pdf", pages=60)
    page = log_in(browser, live_server.url, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(pdf))
    page.select_option("#id_organization", label=world.county.name)
    page.fill("#id_year", "2023")
    page.click("text=上传并预览")
    page.wait_for_selector("#import-progress")
    page.wait_for_function(
        # any page of the 60 read, not yet all; the element is gone once the page moves on
        "() => /已读 (?:[1-5]\\d|[1-9]) \\/ 60 页/.test("
        "(document.getElementById('import-detail') || {}).textContent || '')",
        timeout=PATIENCE * 1000,
    )
    assert 0 < int(page.eval_on_selector("#import-progress", "e => e.value")) < 80
    shot(page, "02a-import-progress")
    page.wait_for_selector("#import-error", timeout=PATIENCE * 1000)  # the page reloads itself
    assert "无法识别为绩效文件" in page.locator("#import-error").inner_text()
    assert page.url.endswith(ImportJob.objects.get().token + "/")
