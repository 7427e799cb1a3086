from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.cycle.models import Change
from jixiao.web.performance.models import IndicatorSystem
from tests.support import seed

from .conftest import World, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def upload(client: Client, world: World, name: str, content: bytes, **extra: object):
    data = {"file": SimpleUploadedFile(name, content), "organization": world.county.pk, **extra}
    return client.post("/imports/", data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "只能导入"),
        ("表.xlsx", b"MZ\x90\x00 renamed program", "不符"),
        ("报告.pdf", b"<html>not a pdf</html>", "不符"),
        ("目标.txt", b"\x00\x01\x02\x03\xff\xfe\x00binary", "编码"),
        ("空.txt", b"", "空"),
    ],
)
def test_uploads_are_checked_by_extension_and_content(
    client: Client, world: World, name: str, content: bytes, message: str
) -> None:
    login(client, "clerk")
    page = upload(client, world, name, content).content.decode()
    assert message in page
    assert not IndicatorSystem.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(
    client: Client, world: World, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    login(client, "clerk")
    page = upload(client, world, "目标.txt", "指标".encode() * 100).content.decode()
    assert "超过" in page


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


def test_a_seed_upload_is_previewed_then_saved_whole(client: Client, world: World) -> None:
    login(client, "clerk")
    path = Path(seed("002"))
    response = upload(client, world, path.name, path.read_bytes(), year=2024)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"]).content.decode()
    assert "确认导入" in preview and "乙县市场监督管理局" in preview
    assert not IndicatorSystem.objects.exists(), "nothing is saved before confirmation"
    saved = client.post(response["Location"] + "save/")
    system = IndicatorSystem.objects.get()
    assert saved["Location"] == f"/systems/{system.pk}/"
    assert system.organization == world.county and system.year == 2024
    assert system.indicators.count() > 0
    assert Change.objects.filter(system=system, field="导入", new=path.name).exists()
