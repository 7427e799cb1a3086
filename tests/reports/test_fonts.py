"""PDF fonts: the system's CJK face found by fontconfig, else reportlab's built-in STSong-Light.

Both paths export the same seed for real and read the PDF back with two independent readers
(pdfplumber and poppler's pdftotext); the fallback is forced with the documented switch
``JIXIAO_SYSTEM_FONTS=0``, which stops the fontconfig lookup itself.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from jixiao.reports import export_document
from jixiao.reports.fonts import (
    FALLBACK_FONT,
    SWITCH,
    FontFace,
    cjk_face,
    embeddable,
    register_pdf_font,
    system_cjk_faces,
)
from tests.support import seed

TITLE = "部门整体支出绩效自评表"
needs_fontconfig = pytest.mark.skipif(
    not system_cjk_faces(), reason="系统没有中文字体（apt-get install fontconfig fonts-wqy-microhei）"
)


@pytest.fixture(scope="module")
def self_evaluation() -> Document:
    return extract_file(seed("002"))  # has a score chart too


def _texts(pdf: Path) -> tuple[str, str]:
    """The first page's text as pdfplumber and as pdftotext read it."""
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        plumbed = opened.pages[0].extract_text()
    if shutil.which("pdftotext") is None:
        return plumbed, plumbed
    popped = subprocess.run(
        ["pdftotext", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    return plumbed, popped


@needs_fontconfig
def test_fontconfig_lists_only_faces_that_cover_chinese() -> None:
    faces = system_cjk_faces()
    assert all(f.path.is_file() for f in faces)
    assert not any("DejaVu" in f.path.name for f in faces)  # fc-match ranks it; fc-list drops it
    assert cjk_face() in faces


def test_a_face_reportlab_cannot_read_is_passed_over(tmp_path: Path) -> None:
    fake = tmp_path / "not-a-font.ttf"
    fake.write_bytes(b"OTTO" + bytes(200))  # an OpenType/CFF header: reportlab has no outlines
    assert not embeddable(FontFace(fake))
    assert not embeddable(FontFace(tmp_path / "missing.ttc", 1))


@needs_fontconfig
def test_pdf_with_the_system_font_embeds_it_and_reads_back_in_chinese(
    self_evaluation: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SWITCH, raising=False)
    out = tmp_path / "system.pdf"
    export_document(self_evaluation, "pdf", out)
    assert register_pdf_font() != FALLBACK_FONT
    assert b"FontFile2" in out.read_bytes()  # the TrueType face is embedded
    for text in _texts(out):
        assert TITLE in text.replace(" ", "") and "—1—" in text.replace(" ", "")


def test_pdf_with_the_fallback_needs_no_font_file_and_reads_back_in_chinese(
    self_evaluation: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SWITCH, "0")
    assert cjk_face() is None and register_pdf_font() == FALLBACK_FONT
    out = tmp_path / "fallback.pdf"
    export_document(self_evaluation, "pdf", out)  # the score chart is drawn without a file too
    data = out.read_bytes()
    assert b"FontFile" not in data and b"/STSong-Light" in data
    import pdfplumber

    with pdfplumber.open(out) as opened:
        assert any(p.images for p in opened.pages)  # the chart, drawn with Pillow's own font
    for text in _texts(out):
        assert TITLE in text.replace(" ", "") and "—1—" in text.replace(" ", "")
