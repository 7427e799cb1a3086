"""What an uploaded file really is: its type by extension AND content, within its size.

Every upload (a document to import, evidence for a result or a 整改 item) is checked here
before it is stored: the extension must be allowed, the first bytes must be that type's
(a .pdf starts with %PDF, an image with its magic number), and zip-based formats must hold
their own parts (a .docx has word/document.xml, an .ofd OFD.xml) within the zip limits of
:mod:`jixiao.ingest.limits`, read from the zip directory without unpacking anything. A
renamed program, a web page, an empty file or one over the limit is refused with a Chinese
message that names the user's file, the limit and what was found.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings

from jixiao.ingest.limits import LimitError, check_zip, megabytes

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls (Office 97-2003)


class FileRefused(ValueError):
    """The upload is not an allowed file; the message says why in Chinese."""


@dataclass(frozen=True)
class FileType:
    label: str
    magic: tuple[bytes, ...] = ()
    parts: tuple[str, ...] = ()  # zip members that must be there (any one of them)
    # Old Office names that systems' "导出 Excel/Word" also give to a web page: read as one.
    html_ok: bool = False

    def matches(self, head: bytes) -> bool:
        if any(head.startswith(m) for m in self.magic):
            return True
        return self.html_ok and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


ZIP = (b"PK\x03\x04",)
DOCX = FileType("Word", ZIP, ("word/document.xml",))
XLSX = FileType("Excel", ZIP, ("xl/workbook.xml",))
PDF = FileType("PDF", (b"%PDF",))
# What may be imported as a document, beside the text formats (.txt .csv .html .htm), which
# must decode as text. An old Office name may hold the new format (a renamed .docx/.xlsx).
IMPORT_TYPES = {
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pdf": PDF,
    ".xls": FileType("Excel 97-2003", (OLE, *ZIP), html_ok=True),
    ".doc": FileType("Word 97-2003", (OLE, *ZIP, b"{\\rtf"), html_ok=True),
    ".wps": FileType("WPS 文字", (OLE, *ZIP)),
    ".et": FileType("WPS 表格", (OLE, *ZIP)),
}
TEXT_SUFFIXES = (".txt", ".csv", ".html", ".htm")
EVIDENCE_TYPES = {
    ".pdf": PDF,
    ".ofd": FileType("OFD", ZIP, ("OFD.xml",)),
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".doc": FileType("Word 97-2003", (OLE,)),
    ".xls": FileType("Excel 97-2003", (OLE,)),
    ".jpg": FileType("JPEG 图片", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("JPEG 图片", (b"\xff\xd8\xff",)),
    ".png": FileType("PNG 图片", (b"\x89PNG\r\n\x1a\n",)),
    ".gif": FileType("GIF 图片", (b"GIF87a", b"GIF89a")),
    ".tif": FileType("TIFF 图片", (b"II*\x00", b"MM\x00*")),
    ".tiff": FileType("TIFF 图片", (b"II*\x00", b"MM\x00*")),
}


def suffix_of(name: str | None) -> str:
    """The lower-case extension with its dot, or ``""``."""
    suffix = PurePath(name or "").suffix.lower()
    return suffix if len(suffix) > 1 else ""


def display_name(upload: Any) -> str:
    """The user's own file name, for messages (never a storage name)."""
    return PurePath(upload.name or "").name[:120] or "文件"


def check_size(upload: Any, limit: int, what: str = "文件") -> None:
    name = display_name(upload)
    if not upload.size:
        raise FileRefused(f"「{name}」是空文件。")
    if upload.size > limit:
        raise FileRefused(
            f"「{name}」的大小为 {megabytes(upload.size)}，超过{what}上限 {megabytes(limit)}。"
        )


def check_content(upload: Any, kind: FileType, suffix: str) -> None:
    """The file's bytes must be ``kind``'s, and a zip must hold ``kind``'s parts in limits."""
    name = display_name(upload)
    head = upload.read(64)
    upload.seek(0)
    if not kind.matches(head):
        raise FileRefused(f"「{name}」的内容与扩展名 {suffix} 不符，请上传原始文件。")
    if kind.parts or head.startswith(ZIP):
        _check_parts(upload, kind, name)


def _check_parts(upload: Any, kind: FileType, name: str) -> None:
    from jixiao.web.imports.jobs import limits

    try:
        check_zip(upload, limits(), name=name)
        with zipfile.ZipFile(upload) as archive:
            members = set(archive.namelist())
    except LimitError as exc:
        raise FileRefused(str(exc)) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(f"「{name}」不是有效的 {kind.label} 文件（文件已损坏）。") from exc
    finally:
        upload.seek(0)
    if kind.parts and not members & set(kind.parts):
        raise FileRefused(f"「{name}」不是有效的 {kind.label} 文件，请上传原始文件。")


def check_evidence(upload: Any) -> None:
    """Refuse evidence that is not an allowed document or image within the size limit."""
    suffix = suffix_of(upload.name)
    kind = EVIDENCE_TYPES.get(suffix)
    if kind is None:
        allowed = "、".join(EVIDENCE_TYPES)
        raise FileRefused(f"「{display_name(upload)}」不能作为佐证材料：只能上传 {allowed} 文件。")
    check_size(upload, settings.EVIDENCE_MAX_BYTES, "佐证材料的")
    check_content(upload, kind, suffix)

