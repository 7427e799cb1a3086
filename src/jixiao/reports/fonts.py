"""The CJK font embedded in PDFs and used for charts: WenQuanYi Micro Hei, from PyPI.

It ships in the ``paperang-p2-fonts-cjk`` package, so nothing is downloaded at run time and an
offline intranet box renders Chinese the same way. Word and Excel files name the bureaus'
usual fonts instead (宋体, 仿宋), which WPS and Office have.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

PDF_FONT = "WQY"


@cache
def cjk_font_path() -> Path:
    """The path of the .ttc holding the CJK font."""
    return Path(str(resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))


@cache
def register_pdf_font() -> str:
    """Register the font with reportlab once and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(PDF_FONT, str(cjk_font_path()), subfontIndex=0))
    return PDF_FONT
