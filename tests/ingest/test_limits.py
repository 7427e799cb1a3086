"""Every limit of an extraction, met by a real file built to exceed it (issue #16).

The files are small and the limits lowered to meet them, so the tests stay fast; the
full-size files of the issue are measured in bench/bench_import_limits.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.core.documents import document_to_dict
from jixiao.ingest import IngestError, extract_file, read_lines
from jixiao.ingest.isolated import Confinement, extract_isolated
from jixiao.ingest.limits import LimitError, Limits, Watch, watching
from tests.ingest.heavy import docx_bomb, long_pdf, long_sheet, wide_docx, xlsx_bomb
from tests.ingest.tables import write_docx, write_xlsx
from tests.support import seed

MB_ONE = 1024 * 1024
CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


def refused(path: Path, **limits: int) -> str:
    with pytest.raises(LimitError) as error, watching(Watch(limits=Limits(**limits))):
        extract_file(path)
    message = str(error.value)
    assert path.name in message and "上限" in message and "\n" not in message
    return message


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    bomb = xlsx_bomb(tmp_path / "预算表.xlsx", megabytes=40)
    assert bomb.stat().st_size < MB_ONE
    message = refused(bomb, max_unzipped_bytes=10 * 1024 * 1024)
    assert "解压后的大小为 40 MB，超过上限 10 MB" in message


def test_a_compression_ratio_beyond_any_real_office_file_is_refused(tmp_path: Path) -> None:
    bomb = docx_bomb(tmp_path / "自评报告.docx", megabytes=8)
    message = refused(bomb)  # 8 MB is within the default size limit, not within the ratio
    assert "压缩比" in message and "超过上限 200:1" in message


def test_a_wide_zip_is_refused_by_its_member_count(tmp_path: Path) -> None:
    wide = wide_docx(tmp_path / "自评报告.docx", members=300)
    assert "压缩包内的文件数为 3" in refused(wide, max_members=100)


def test_a_long_sheet_is_refused_before_openpyxl_loads_it(tmp_path: Path) -> None:
    sheet = long_sheet(tmp_path / "指标.xlsx", rows=3000)
    assert "第 1 个工作表的行数为 3001，超过上限 1000" in refused(sheet, max_rows=1000)
    assert "单元格数" in refused(sheet, max_cells=5000)


def test_a_long_pdf_is_refused_by_its_page_count(tmp_path: Path) -> None:
    pdf = long_pdf(tmp_path / "评价报告.pdf", pages=4, lines=3)
    assert "页数为 4，超过上限 3" in refused(pdf, max_pages=3)


def test_lines_and_indicators_have_their_limits(tmp_path: Path) -> None:
    assert "文字行数" in refused(seed("002"), max_lines=50)
    assert "识别出的指标数为 44，超过上限 10" in refused(seed("002"), max_indicators=10)


def test_time_is_checked_between_pages(tmp_path: Path) -> None:
    pdf = long_pdf(tmp_path / "评价报告.pdf", pages=30)
    watch = Watch(limits=Limits(max_seconds=0))
    with pytest.raises(LimitError, match="读取时间超过上限 0 秒"), watching(watch):
        read_lines(pdf)


def test_progress_is_reported_page_by_page(tmp_path: Path) -> None:
    pdf = long_pdf(tmp_path / "评价报告.pdf", pages=3, lines=3)
    seen: list[tuple[str, int, int, str]] = []
    with watching(Watch(report=lambda *event: seen.append(event))):
        read_lines(pdf)
    assert [e for e in seen if e[3] == "pages"] == [
        ("reading", 1, 3, "pages"),
        ("reading", 2, 3, "pages"),
        ("reading", 3, 3, "pages"),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("坏的.docx", b"PK\x03\x04 not really a zip"),
        ("坏的.xlsx", b"PK\x03\x04 not really a zip"),
        ("坏的.pdf", b"%PDF-1.4\n garbage without objects"),
    ],
)
def test_unreadable_files_are_named_in_chinese_without_python_class_names(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as error:
        extract_file(path)
    message = str(error.value)
    assert message.startswith(f"{name}: ") and not CLASS_NAME.search(message), message


def test_a_docx_whose_xml_is_broken_names_no_python_class(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", ["自评"])
    broken = tmp_path / "自评.docx"
    import zipfile

    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, b"<w:document><broken" if info.filename == "word/document.xml" else data)
    with pytest.raises(IngestError) as error:
        extract_file(broken)
    assert "自评.docx" in str(error.value) and not CLASS_NAME.search(str(error.value))


def test_the_isolated_extraction_gives_the_same_document(tmp_path: Path) -> None:
    sheet = write_xlsx(
        tmp_path / "表.xlsx", {"表": [["指标", "目标值"], ["户次", "100"]]}
    )
    for path in (seed("002"), seed("003"), sheet):
        try:
            direct = document_to_dict(extract_file(path))
        except IngestError as exc:
            with pytest.raises(IngestError, match=re.escape(str(exc))):
                extract_isolated(path, None, Watch(), Confinement(seconds=60))
            continue
        isolated = extract_isolated(path, None, Watch(), Confinement(seconds=60))
        assert document_to_dict(isolated) == direct


def test_the_isolated_extraction_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    pdf = long_pdf(tmp_path / "评价报告.pdf", pages=400)
    seen: list[tuple[str, int, int, str]] = []
    with pytest.raises(LimitError) as error:
        extract_isolated(pdf, None, Watch(report=lambda *e: seen.append(e)), Confinement(seconds=10))
    assert re.search(r"评价报告\.pdf: 读取时间超过上限 10 秒，已停止（已读 \d+/400 页）", str(error.value))
    assert any(e[3] == "pages" and e[2] == 400 for e in seen), "progress came through"


def test_the_isolated_extraction_cannot_allocate_past_its_memory_cap(tmp_path: Path) -> None:
    sheet = long_sheet(tmp_path / "指标.xlsx", rows=3000)  # openpyxl needs some 80 MB for it
    with pytest.raises(LimitError, match=r"指标\.xlsx: 读取所需内存超过上限 48 MB"):
        extract_isolated(sheet, None, Watch(), Confinement(memory_bytes=48 * MB_ONE))
