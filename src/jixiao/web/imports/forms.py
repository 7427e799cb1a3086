"""The upload form: which file, for which organisation and year; size and type checked.

The type is checked by extension AND content (a .docx/.xlsx is a zip, a .pdf starts with
%PDF, an old .doc/.xls/.wps/.et is an OLE2 compound file, or a zip or a web page saved under
that name; .txt/.csv/.html decode as text), so a renamed executable is refused before any
parser sees it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.core.documents import KINDS
from jixiao.ingest import SUFFIXES
from jixiao.web.orgs.models import Organization

KIND_LABELS = {
    "indicator_system": "业务工作考核指标体系",
    "self_evaluation": "部门整体支出绩效自评表",
    "evaluation_report": "项目支出绩效评价报告",
    "disclosure_report": "政府信息公开工作年度报告",
    "work_goals": "年度工作目标",
}
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES = {
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".pdf": (b"%PDF",),
    ".xls": (OLE2, ZIP),
    ".doc": (OLE2, ZIP, b"{\\rtf"),
    ".wps": (OLE2, ZIP),
    ".et": (OLE2, ZIP),
}
# Old Office names that systems' "导出 Excel/Word" also give to a web page; read as one.
HTML_ALLOWED = (".xls", ".doc")
TEXT_SUFFIXES = (".txt", ".csv", ".html", ".htm")
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "gb18030")


def check_upload(upload: UploadedFile) -> str:
    """Return the file's suffix, or raise ValidationError saying in Chinese what is wrong."""
    name = upload.name or ""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise forms.ValidationError(f"只能导入 {'、'.join(SUFFIXES)} 文件。")
    if upload.size == 0:
        raise forms.ValidationError("文件为空。")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // 1024 // 1024
        raise forms.ValidationError(f"文件超过 {limit} MB，不能导入。")
    head = upload.read(4096 if suffix not in TEXT_SUFFIXES else settings.UPLOAD_MAX_BYTES)
    upload.seek(0)
    if suffix in SIGNATURES and not _signed(head, suffix):
        raise forms.ValidationError(f"文件内容与扩展名 {suffix} 不符，请确认是原始文件。")
    if suffix in TEXT_SUFFIXES and not _decodes(head):
        raise forms.ValidationError("文本文件无法识别编码，请另存为 UTF-8 后再导入。")
    return suffix


def _signed(head: bytes, suffix: str) -> bool:
    """Whether the content starts as a file of ``suffix`` does (see the module docstring)."""
    if head.startswith(SIGNATURES[suffix]):
        return True
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return suffix in HTML_ALLOWED and start == b"<" and _decodes(head)


def _decodes(data: bytes) -> bool:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for encoding in TEXT_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


class UploadForm(forms.Form):
    file = forms.FileField(label="文件", help_text=f"支持 {' '.join(SUFFIXES)}")
    organization = forms.ModelChoiceField(Organization.objects.none(), label="单位")
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="留空则取文件中的年度",
    )
    kind = forms.ChoiceField(
        label="文件类型",
        required=False,
        choices=[("", "自动识别"), *((k, KIND_LABELS.get(k, k)) for k in KINDS)],
    )
    replace = forms.BooleanField(
        label="替换已有的同类指标体系（仅限草稿或已退回）", required=False
    )

    def __init__(self, *args: Any, orgs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            orgs if orgs is not None else Organization.objects.none()
        )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload
