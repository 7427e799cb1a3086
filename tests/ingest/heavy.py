"""Files that ask too much of a reader, built in code: zip bombs, long sheets, long PDFs.

Sizes are parameters, so tests build small ones against lowered limits and the benchmark
(bench/bench_import_limits.py) builds the full-size ones of issue #16.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.ingest.tables import write_docx, write_xlsx

MB = 1024 * 1024


def inflated(base: Path, path: Path, member: str, megabytes: int) -> Path:
    """Copy the Office file ``base`` with ``megabytes`` of blanks inside ``member``'s XML.

    The blanks compress about 1000:1, so a few MB of file unzip to gigabytes: a zip bomb
    that is still a valid workbook or document.
    """
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != member:
                out.writestr(info, data)
                continue
            cut = data.rindex(b"</")
            with out.open(member, "w", force_zip64=True) as stream:
                stream.write(data[:cut])
                blank = b" " * MB
                for _ in range(megabytes):
                    stream.write(blank)
                stream.write(data[cut:])
    return path


def xlsx_bomb(path: Path, megabytes: int) -> Path:
    base = write_xlsx(path.with_name("base.xlsx"), {"表": [["指标", "目标值"], ["户次", "100"]]})
    return inflated(base, path, "xl/worksheets/sheet1.xml", megabytes)


def docx_bomb(path: Path, megabytes: int) -> Path:
    base = write_docx(path.with_name("base.docx"), ["绩效自评报告"])
    return inflated(base, path, "word/document.xml", megabytes)


def wide_docx(path: Path, members: int) -> Path:
    """A real .docx with ``members`` extra tiny parts: a "wide" zip."""
    base = write_docx(path.with_name("base.docx"), ["绩效自评报告"])
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        for n in range(members):
            out.writestr(f"extra/part{n}.xml", b"<a/>")
    return path


def long_sheet(path: Path, rows: int) -> Path:
    """An indicator table of ``rows`` rows (openpyxl's streaming writer: fast at any size)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("指标")
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "分值"])
    for n in range(rows):
        sheet.append(["产出指标", "数量指标", f"检查户次{n}", f"≥{n}户次", 1])
    book.save(path)
    return path


def long_pdf(path: Path, pages: int, lines: int = 40) -> Path:
    """A text PDF of ``pages`` pages of Chinese lines (drawn directly: quick to write)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tests.ingest.tables import _register_font

    font = _register_font()
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(pages):
        canvas.setFont(font, 10)
        for line in range(lines):
            phrase = PHRASES[(page * lines + line) % len(PHRASES)]
            canvas.drawString(50, 800 - 18 * line, f"{phrase} 第{page + 1}页第{line + 1}行")
        canvas.showPage()
    canvas.save()
    return path


# Lines differ from page to page, so the PDF reader does not take them for running heads.
PHRASES = (
    "监督抽查食品经营企业户次不少于300户次",
    "投诉举报按时办结率不低于98%",
    "特种设备定期检验率达到100%",
    "计量器具强制检定完成率95%以上",
    "双随机抽查任务完成率100%",
    "产品质量监督抽查批次不少于500批次",
    "消费者满意度不低于90%",
)


def seed_pdf(path: Path, pages: int) -> Path:
    """Seed 002 (a real self-evaluation) laid out over ``pages`` pages: a long, genuine PDF."""
    from tests.ingest.tables import PAGE_BREAK, write_pdf
    from tests.support import seed

    lines = [line.replace("\t", " ") for line in seed("002").read_text("utf-8").splitlines()]
    lines = [line for line in lines if line.strip()]
    blocks: list[str] = []
    for page in range(pages):
        start = page * 30 % len(lines)
        blocks += lines[start : start + 30]
        blocks.append(PAGE_BREAK)
    return write_pdf(path, blocks)
