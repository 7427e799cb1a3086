"""The import through the pages: checked upload, a job read once, preview, save whole (#16).

Tasks run at once here (see conftest); test_import_worker.py runs a real worker process.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from jixiao.web.cycle.models import Change
from jixiao.web.imports.models import ImportJob
from jixiao.web.performance.models import Indicator, IndicatorSystem
from tests.ingest.heavy import docx_bomb, long_pdf, long_sheet, wide_docx
from tests.support import seed

from .conftest import World, login

pytestmark = pytest.mark.django_db
CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client: Client, world: World, name: str, content: bytes, **extra: object):
    data = {"file": SimpleUploadedFile(name, content), "organization": world.county.pk, **extra}
    return client.post("/imports/", data)


def stored(settings: object) -> list[Path]:
    """Every file left under MEDIA_ROOT."""
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def own_seed(name: str = "乙县市场监督管理局") -> bytes:
    """Seed 002 (韶关市's self-evaluation) as if the county had written it."""
    return seed("002").read_text(encoding="utf-8").replace("韶关市市场监督管理局", name).encode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "只能导入"),
        ("表.xlsx", b"MZ\x90\x00 renamed program", "不符"),
        ("报告.pdf", b"<html>not a pdf</html>", "不符"),
        ("目标.txt", b"\x00\x01\x02\x03\xff\xfe\x00binary", "编码"),
        ("空.txt", b"", "空文件"),  # Django's own words
    ],
)
def test_uploads_are_checked_by_extension_and_content(
    client: Client, world: World, name: str, content: bytes, message: str
) -> None:
    login(client, "clerk")
    page = upload(client, world, name, content).content.decode()
    assert message in page and (f"「{name}」" in page or not content)
    assert not IndicatorSystem.objects.exists() and not ImportJob.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(
    client: Client, world: World, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    login(client, "clerk")
    page = upload(client, world, "目标.txt", "指标".encode() * 100).content.decode()
    assert "「目标.txt」的大小为 600 字节，超过导入文件的上限 100 字节" in page


def test_zip_bombs_are_refused_at_the_upload_from_their_directory(
    client: Client, world: World, settings: object, tmp_path: Path
) -> None:
    login(client, "clerk")
    settings.IMPORT_MAX_UNZIPPED_BYTES = 5 * 1024 * 1024
    bomb = docx_bomb(tmp_path / "自评报告.docx", megabytes=6)
    page = upload(client, world, bomb.name, bomb.read_bytes()).content.decode()
    assert re.search(r"自评报告.docx: 解压后的大小为 6.\d MB，超过上限 5.0 MB，不能导入", page)
    settings.IMPORT_MAX_MEMBERS = 50
    wide = wide_docx(tmp_path / "宽.docx", members=100)
    page = upload(client, world, wide.name, wide.read_bytes()).content.decode()
    assert "压缩包内的文件数为 1" in page and "超过上限 50" in page
    assert not ImportJob.objects.exists() and not stored(settings)


def test_only_importers_reach_the_upload_page(client: Client, world: World) -> None:
    login(client, "reviewer")
    response = client.get("/imports/")
    assert response.status_code == 403 and "没有导入数据的权限" in response.content.decode()


def test_a_clerk_cannot_import_into_another_county(client: Client, world: World) -> None:
    login(client, "clerk")
    data = {
        "file": SimpleUploadedFile("a.txt", "文字".encode()),
        "organization": world.other_county.pk,
    }
    page = client.post("/imports/", data).content.decode()
    assert "选择一个有效的选项" in page or "有效" in page
    assert not IndicatorSystem.objects.exists()


def test_a_file_is_read_once_then_previewed_and_saved_without_it(
    client: Client, world: World, settings: object
) -> None:
    login(client, "clerk")
    response = upload(client, world, "乙县自评表.txt", own_seed(), year=2024)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get()
    assert job.status == "ready" and job.document["kind"] == "self_evaluation"
    assert not stored(settings), "the upload is deleted once read: nothing reads it again"
    preview = client.get(response["Location"]).content.decode()
    assert "确认导入" in preview and "单位不符" not in preview
    assert not IndicatorSystem.objects.exists(), "nothing is saved before confirmation"
    saved = client.post(response["Location"] + "save/")
    system = IndicatorSystem.objects.get()
    assert saved["Location"] == f"/systems/{system.pk}/"
    assert system.organization == world.county and system.year == 2024
    assert system.indicators.count() == len(job.document["indicators"]) == 44
    assert Change.objects.filter(system=system, field="导入", new="乙县自评表.txt").exists()
    job.refresh_from_db()
    assert job.status == "saved" and job.system == system and job.document is None
    again = client.post(response["Location"] + "save/", follow=True).content.decode()
    assert "已导入" in again and IndicatorSystem.objects.count() == 1


def test_another_bureaus_document_needs_an_explicit_acknowledgement(
    client: Client, world: World
) -> None:
    login(client, "clerk")
    path = seed("002")  # 韶关市市场监督管理局's, filed under 乙县
    response = upload(client, world, path.name, path.read_bytes(), year=2024)
    preview = client.get(response["Location"]).content.decode()
    assert "单位不符" in preview and "韶关市市场监督管理局" in preview
    assert 'name="acknowledge"' in preview
    refused = client.post(response["Location"] + "save/", follow=True).content.decode()
    assert "请核对后勾选确认" in refused and not IndicatorSystem.objects.exists()
    client.post(response["Location"] + "save/", {"acknowledge": "1"})
    assert IndicatorSystem.objects.get().organization == world.county


def test_a_document_that_names_no_bureau_is_not_questioned(client: Client, world: World) -> None:
    login(client, "clerk")
    text = own_seed("").decode().replace("单位名称", "").encode()
    response = upload(client, world, "自评表.txt", text, year=2024)
    job = ImportJob.objects.get()
    assert job.status == "ready" and job.other_bureau == ""
    client.post(response["Location"] + "save/")
    assert IndicatorSystem.objects.exists()


LIMITS = {
    "rows": ("IMPORT_MAX_ROWS", 500, lambda p: long_sheet(p / "指标.xlsx", 800), "第 1 个工作表的行数为 801，超过上限 500"),
    "pages": ("IMPORT_MAX_PAGES", 2, lambda p: long_pdf(p / "报告.pdf", 3, 3), "页数为 3，超过上限 2"),
    "indicators": ("IMPORT_MAX_INDICATORS", 10, lambda p: _write(p / "自评.txt", own_seed()), "识别出的指标数为 44，超过上限 10"),
    "time": ("IMPORT_MAX_SECONDS", 1, lambda p: long_pdf(p / "长报告.pdf", 200), "读取时间超过上限 1 秒"),
}


@pytest.mark.parametrize("case", LIMITS)
def test_a_file_over_a_limit_is_stopped_and_reported_and_nothing_is_kept(
    client: Client, world: World, settings: object, tmp_path: Path, case: str
) -> None:
    limit, value, build, message = LIMITS[case]
    setattr(settings, limit, value)
    login(client, "clerk")
    path = build(tmp_path)
    response = upload(client, world, path.name, path.read_bytes(), year=2024)
    job = ImportJob.objects.get()
    assert job.status == "failed" and message in job.message and path.name in job.message
    page = client.get(response["Location"]).content.decode()
    assert message in page and "重新上传" in page
    assert not Indicator.objects.exists() and not stored(settings)
    assert client.post(response["Location"] + "save/").status_code == 302
    assert not IndicatorSystem.objects.exists()


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_an_unreadable_file_is_named_as_the_user_named_it(
    client: Client, world: World, settings: object
) -> None:
    login(client, "clerk")
    upload(client, world, "我的自评表.pdf", b"%PDF-1.4\n no objects at all", year=2024)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.message.startswith("我的自评表.pdf: ")
    assert job.token not in job.message and not CLASS_NAME.search(job.message)


def test_the_status_is_json_for_the_progress_page_and_the_users_own(
    client: Client, world: World
) -> None:
    login(client, "clerk")
    response = upload(client, world, "自评.txt", own_seed(), year=2024)
    state = client.get(response["Location"] + "status.json").json()
    assert state["status"] == "ready" and state["finished"] and state["percent"] == 100
    assert state["preview"] == response["Location"]
    for other in ("other_clerk", "admin"):
        login(client, other)
        assert client.get(response["Location"]).status_code == 404
        assert client.get(response["Location"] + "status.json").status_code == 404
        assert client.post(response["Location"] + "save/").status_code == 404


def test_a_queued_job_shows_its_progress_page(client: Client, world: World) -> None:
    login(client, "clerk")
    job = ImportJob.objects.create(
        user=world.users["clerk"],
        organization=world.county,
        file_name="长报告.pdf",
        status="running",
        stage="reading",
        done=120,
        total=500,
        unit="pages",
        heartbeat_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    page = client.get(f"/imports/{job.token}/").content.decode()
    assert 'id="import-progress"' in page and "已读 120 / 500 页" in page
    assert "jixiao/imports.js" in page and "读取文件" in page
    assert client.get(f"/imports/{job.token}/status.json").json()["percent"] == 19


def test_a_user_has_only_so_many_files_reading_at_once(
    client: Client, world: World, settings: object
) -> None:
    settings.IMPORT_MAX_ACTIVE = 1
    ImportJob.objects.create(
        user=world.users["clerk"],
        organization=world.county,
        file_name="a.txt",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    login(client, "clerk")
    page = upload(client, world, "b.txt", own_seed()).content.decode()
    assert "您已有 1 个文件正在读取" in page and ImportJob.objects.count() == 1


def test_cancel_removes_the_preview(client: Client, world: World) -> None:
    login(client, "clerk")
    response = upload(client, world, "自评.txt", own_seed(), year=2024)
    assert client.post(response["Location"] + "cancel/")["Location"] == "/imports/"
    assert ImportJob.objects.get().status == "cancelled"
    assert "已取消" in client.get(response["Location"]).content.decode()
    client.post(response["Location"] + "save/")
    assert not IndicatorSystem.objects.exists()


def test_expired_previews_dead_jobs_and_stray_files_are_swept(
    client: Client, world: World, settings: object
) -> None:
    login(client, "clerk")
    upload(client, world, "自评.txt", own_seed(), year=2024)
    ready = ImportJob.objects.get()
    ImportJob.objects.filter(pk=ready.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    dead = ImportJob.objects.create(
        user=world.users["clerk"],
        organization=world.county,
        file_name="长报告.pdf",
        status="running",
        heartbeat_at=timezone.now() - timedelta(minutes=5),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    dead.folder.mkdir(parents=True)
    dead.path.write_bytes(b"%PDF-1.4")
    stray = Path(settings.MEDIA_ROOT) / "imports" / "0123abcd.pdf"  # the old session-era files
    stray.write_bytes(b"%PDF-1.4")
    settings.IMPORT_STALE_SECONDS = 0
    call_command("expire_imports")
    assert not ImportJob.objects.filter(pk=ready.pk).exists()
    dead.refresh_from_db()
    assert dead.status == "interrupted" and "中断" in dead.message
    assert not stored(settings)


def test_a_running_job_whose_worker_died_is_shown_as_interrupted(
    client: Client, world: World, settings: object
) -> None:
    job = ImportJob.objects.create(
        user=world.users["clerk"],
        organization=world.county,
        file_name="长报告.pdf",
        status="running",
        heartbeat_at=timezone.now() - timedelta(seconds=settings.IMPORT_STALE_SECONDS + 1),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    login(client, "clerk")
    state = client.get(f"/imports/{job.token}/status.json").json()
    assert state["status"] == "interrupted" and state["finished"]
    assert "已中断" in client.get(f"/imports/{job.token}/").content.decode()


def test_the_periodic_sweep_keeps_exactly_one_next_run_queued(
    world: World, settings: object
) -> None:
    from django_tasks_db.models import DBTaskResult

    from jixiao.web.imports.tasks import sweep_imports

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert sweep_imports.call() == {"interrupted": 0, "expired": 0, "orphans": 0}
    sweep_imports.call()  # a second worker's run, or the first one's next
    waiting = DBTaskResult.objects.filter(task_path=sweep_imports.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now() + timedelta(minutes=14)
