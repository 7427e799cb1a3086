"""Evidence files, for results and for 整改 items: allowed types by extension AND content,
within the size limit, refused in Chinese naming the user's file (#16)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.cycle.models import Result
from jixiao.web.performance.models import IndicatorSystem
from tests.ingest.heavy import docx_bomb
from tests.ingest.tables import write_xlsx
from tests.web.test_api_cycle import bearer
from tests.web.test_results import final_period

from .conftest import World, login
from .outcomes.support import report_with_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def ofd() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    return buffer.getvalue()


def post_evidence(client: Client, system: IndicatorSystem, name: str, content: bytes) -> str:
    indicator = system.indicators.first()
    url = f"/indicators/{indicator.pk}/results/{final_period(system)}/"
    upload = SimpleUploadedFile(name, content)
    return client.post(url, {"value": "1", "evidence": upload}, follow=True).content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "不能作为佐证材料"),
        ("说明.html", b"<html>" + b" " * 1000, "不能作为佐证材料"),
        ("台账.pdf", b"MZ\x90\x00 renamed program", "内容与扩展名 .pdf 不符"),
        ("照片.png", b"\xff\xd8\xff\xe0 a jpeg", "内容与扩展名 .png 不符"),
        ("报告.docx", b"PK\x03\x04 not a zip", "不是有效的 Word 文件"),
    ],
)
def test_results_evidence_is_refused_unless_it_is_what_it_says(
    client: Client, world: World, county_system: IndicatorSystem, name: str, content: bytes, message: str
) -> None:
    login(client, "clerk")
    page = post_evidence(client, county_system, name, content)
    assert message in page and f"「{name}」" in page
    assert not Result.objects.exists(), "neither the file nor the value was saved"


def test_an_excel_renamed_docx_and_a_docx_zip_bomb_are_refused(
    client: Client, world: World, county_system: IndicatorSystem, settings: object, tmp_path: Path
) -> None:
    login(client, "clerk")
    sheet = write_xlsx(tmp_path / "表.xlsx", {"表": [["a"]]}).read_bytes()
    assert "不是有效的 Word 文件" in post_evidence(client, county_system, "报告.docx", sheet)
    settings.IMPORT_MAX_UNZIPPED_BYTES = 2 * 1024 * 1024
    bomb = docx_bomb(tmp_path / "报告.docx", megabytes=3).read_bytes()
    assert "解压后的大小为" in post_evidence(client, county_system, "报告.docx", bomb)
    assert not Result.objects.exists()


def test_evidence_over_the_size_limit_is_refused(
    client: Client, world: World, county_system: IndicatorSystem, settings: object
) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024
    login(client, "clerk")
    page = post_evidence(client, county_system, "扫描件.pdf", b"%PDF-1.4" + b" " * 4096)
    assert "「扫描件.pdf」的大小为 4 KB，超过佐证材料的上限 1 KB" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("台账.pdf", b"%PDF-1.4 ok"),
        ("现场.png", b"\x89PNG\r\n\x1a\n0000"),
        ("现场.jpg", b"\xff\xd8\xff\xe0 jpeg"),
        ("电子公文.ofd", ofd()),
    ],
)
def test_allowed_evidence_is_kept(
    client: Client, world: World, county_system: IndicatorSystem, name: str, content: bytes
) -> None:
    login(client, "clerk")
    post_evidence(client, county_system, name, content)
    assert Result.objects.get().evidence.name.endswith(Path(name).suffix)


def test_ledger_evidence_through_the_api_is_checked_the_same_way(
    client: Client, world: World
) -> None:
    system = report_with_problems(world.county)
    auth = bearer(world, "clerk")
    made = client.post(f"/api/outcomes/ledger/from-system/{system.pk}", **auth).json()
    url = f"/api/outcomes/ledger/{made[0]['id']}/evidence"
    page = SimpleUploadedFile("整改说明.html", b"<html></html>")
    refused = client.post(url, {"file": page}, **auth)
    assert refused.status_code == 400 and "「整改说明.html」不能作为佐证材料" in refused.json()["detail"]
    good = client.post(url, {"file": SimpleUploadedFile("整改报告.ofd", ofd())}, **auth)
    assert good.status_code == 200 and good.json()["has_evidence"]
