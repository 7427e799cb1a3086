"""The upload form: which file, for which organisation and year; size and type checked.

The type is checked by extension AND content (:mod:`.files`: a .docx/.xlsx is a zip holding
its own parts within the zip limits, a .pdf starts with %PDF, an old .doc/.xls/.wps/.et is an
OLE2 compound file, or a zip or a web page saved under that name; .txt/.csv/.html decode as
text), so a renamed executable or a zip bomb is refused before any parser sees it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.core.documents import KINDS
from jixiao.ingest import SUFFIXES
from jixiao.web.imports.files import (
    IMPORT_TYPES,
    TEXT_SUFFIXES,
    FileRefused,
    check_content,
    check_size,
    display_name,
    suffix_of,
)
from jixiao.web.orgs.models import Organization

KIND_LABELS = {
    "indicator_system": "业务工作考核指标体系",
    "self_evaluation": "部门整体支出绩效自评表",
    "evaluation_report": "项目支出绩效评价报告",
    "disclosure_report": "政府信息公开工作年度报告",
    "work_goals": "年度工作目标",
}
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "gb18030")


def check_upload(upload: UploadedFile) -> str:
    """Return the file's suffix, or raise ValidationError saying in Chinese what is wrong."""
    try:
        return _checked(upload)
    except FileRefused as exc:
        raise forms.ValidationError(str(exc)) from exc


def _checked(upload: UploadedFile) -> str:
    suffix = suffix_of(upload.name)
    if suffix not in SUFFIXES:
        raise FileRefused(f"「{display_name(upload)}」：只能导入 {'、'.join(SUFFIXES)} 文件。")
    check_size(upload, settings.UPLOAD_MAX_BYTES, "导入文件的")
    if suffix in IMPORT_TYPES:
        check_content(upload, IMPORT_TYPES[suffix], suffix)
    elif suffix in TEXT_SUFFIXES and not _decodes(upload.read(settings.UPLOAD_MAX_BYTES)):
        raise FileRefused(f"「{display_name(upload)}」：文本文件无法识别编码，请另存为 UTF-8 后再导入。")
    upload.seek(0)
    return suffix


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
