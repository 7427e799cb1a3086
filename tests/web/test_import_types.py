"""The upload check accepts the formats the readers read, each by its content."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError

from jixiao.web.imports.forms import check_upload

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
PAGE = '<!DOCTYPE html><html><meta charset="gb2312"><body><table><tr><td>指标</td></tr></table>'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("表.xls", OLE2),
        ("报告.doc", OLE2),
        ("报告.wps", OLE2),
        ("表.et", OLE2),
        ("报告.doc", b"{\\rtf1\\ansi"),
        ("页.html", PAGE.encode("gb18030")),
        ("页.htm", PAGE.encode()),
        ("导出.xls", PAGE.encode("gb18030")),  # what many systems' "导出 Excel" writes
        ("表.csv", "指标,分值\n满意度,10\n".encode("gb18030")),
    ],
)
def test_new_types_are_accepted_by_their_content(name: str, content: bytes) -> None:
    assert check_upload(SimpleUploadedFile(name, content)) == "." + name.rsplit(".", 1)[-1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("表.xls", b"MZ\x90\x00 renamed program", "不符"),
        ("表.et", PAGE.encode(), "不符"),
        ("报告.dps", OLE2, "只能导入"),
        ("页.html", b"\x00\x01\x02binary", "编码"),
    ],
)
def test_other_content_under_the_new_names_is_refused(name: str, content: bytes, message: str):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content))
