"""The CJK font for PDFs and charts: one the system provides, else reportlab's STSong-Light.

The system's fonts are found with fontconfig (``fc-match``/``fc-list``), a serif face first
because a 公文 body is set in a 宋/仿宋 style (AR PL UMing, Noto Serif CJK, …), then any face
covering simplified Chinese (WenQuanYi). The first that reportlab can embed is used: reportlab
reads TrueType outlines only, so an OpenType/CFF face (some Noto CJK builds) is skipped.

Where none is found — a bare server, or ``JIXIAO_SYSTEM_FONTS=0`` — PDFs use the CID font
``STSong-Light``, built into reportlab and every PDF reader: nothing is embedded, the text
stays real text (searchable, extractable), and no font file is needed. Charts are raster images
and need a font file; without one they are drawn with Pillow's built-in font, so bars and
numbers stay right but Chinese labels cannot be drawn.

Word and Excel files name the bureaus' usual fonts instead (宋体, 仿宋), which WPS and Office
have.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PDF_FONT = "JiXiaoCJK"
FALLBACK_FONT = "STSong-Light"
SWITCH = "JIXIAO_SYSTEM_FONTS"  # "0" forces the built-in fallback (tests, reproducible output)
FONTCONFIG_SECONDS = 10
LANGUAGE = "zh-cn"


@dataclass(frozen=True)
class FontFace:
    """One face in a font file (a .ttc holds several; ``index`` says which)."""

    path: Path
    index: int = 0


def system_fonts_allowed() -> bool:
    """False when ``JIXIAO_SYSTEM_FONTS`` is 0/false/no/off: read on every call (tests set it)."""
    return os.environ.get(SWITCH, "1").strip().lower() not in {"0", "false", "no", "off"}


def _fontconfig(*argv: str) -> list[str]:
    """Lines printed by a fontconfig tool, or none when it is missing, fails or hangs."""
    try:
        done = subprocess.run(  # noqa: S603 - fixed tool names and arguments, no shell
            argv, capture_output=True, text=True, timeout=FONTCONFIG_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return done.stdout.splitlines() if done.returncode == 0 else []


def _face(line: str) -> FontFace | None:
    path, _, index = line.partition("\t")
    return FontFace(Path(path), int(index)) if path and index.isdigit() else None


@cache
def system_cjk_faces() -> tuple[FontFace, ...]:
    """Faces covering simplified Chinese, the serif ones first, as fontconfig ranks them.

    ``fc-match -s`` ranks every face by closeness to "serif in Chinese" but also lists faces
    without Chinese (DejaVu), so its order is kept and its list cut to what ``fc-list`` says
    covers zh-cn.
    """
    form = "%{file}\t%{index}\n"
    covering = {_face(x) for x in _fontconfig("fc-list", f":lang={LANGUAGE}", "-f", form)}
    ranked = [_face(x) for x in _fontconfig("fc-match", "-s", "-f", form, f"serif:lang={LANGUAGE}")]
    ordered = [f for f in ranked if f in covering]
    rest = sorted((f for f in covering if f is not None and f not in ordered), key=str)
    return tuple(f for f in (*ordered, *rest) if f is not None)


@cache
def embeddable(face: FontFace) -> bool:
    """True when reportlab can embed the face (TrueType outlines, readable file)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        TTFont(PDF_FONT, str(face.path), subfontIndex=face.index)
    except (TTFError, OSError, ValueError, IndexError):
        return False
    return True


def cjk_face() -> FontFace | None:
    """The system face PDFs embed and charts draw with; None means use the fallback."""
    if not system_fonts_allowed():
        return None
    return next((f for f in system_cjk_faces() if embeddable(f)), None)


def register_pdf_font() -> str:
    """Register the CJK font with reportlab (once per face) and return its name for styles."""
    face = cjk_face()
    return _register_fallback() if face is None else _register_face(face)


@cache
def _register_face(face: FontFace) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"{PDF_FONT}-{face.path.stem}-{face.index}"
    pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
    return name


@cache
def _register_fallback() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT
