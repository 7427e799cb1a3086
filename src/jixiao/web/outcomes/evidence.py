"""Evidence files for the 整改台账: size and type checked by extension AND content.

A closed ledger item stands on its evidence, so the file must be what it says: a .pdf starts
with %PDF, Office files and .zip are zips, images carry their magic numbers. Anything else
(an executable renamed .pdf, an empty file, one over the size limit) is refused with a
Chinese message before it is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.web.outcomes.access import InputError

ZIP = b"PK\x03\x04"
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".zip": (ZIP,),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def check_evidence(upload: UploadedFile) -> None:
    """Raise InputError unless the file is a non-empty, allowed document within the limit."""
    name = upload.name or ""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SIGNATURES:
        allowed = "、".join(SIGNATURES)
        raise InputError(f"佐证材料只能是 {allowed} 文件。")
    if not upload.size:
        raise InputError("佐证材料文件为空。")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // 1024 // 1024
        raise InputError(f"佐证材料超过 {limit} MB。")
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise InputError(f"文件内容与扩展名 {suffix} 不符，请上传原始文件。")
