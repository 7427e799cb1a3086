"""Bar charts drawn as PNG images with Pillow and the system's CJK font (``reports.fonts``).

Charts are images in all three formats on purpose: an image adds no text to the file, so a
chart never disturbs reading the export back (``jixiao extract``), and one drawing serves
Word, Excel and PDF alike.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from jixiao.reports.blocks import Chart
from jixiao.reports.fonts import cjk_face

COLOURS = ("#3b6ea5", "#e0a030", "#6aa84f")
WIDTH, HEIGHT = 1400, 700


def chart_png(chart: Chart) -> bytes:
    """Draw ``chart`` as a grouped bar chart and return the PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(ImageFont, 22), _font(ImageFont, 18)
    draw.text((WIDTH // 2, 30), chart.title, fill="black", font=font, anchor="mm")
    top = max((v for vs in chart.series.values() for v in vs), default=Decimal(1)) or Decimal(1)
    area = (90, 80, WIDTH - 40, HEIGHT - 150)
    draw.line([(area[0], area[3]), (area[2], area[3])], fill="black", width=2)
    _bars(draw, chart, area, float(top), small)
    _legend(draw, chart, small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _font(image_font: Any, size: int) -> Any:
    """The system CJK face at ``size``; Pillow's own font where the system has none."""
    face = cjk_face()
    if face is None:
        return image_font.load_default(size)
    return image_font.truetype(str(face.path), size, index=face.index)


def _bars(
    draw: object, chart: Chart, area: tuple[int, int, int, int], top: float, font: object
) -> None:
    """Bars, values and wrapped labels under each group."""
    left, upper, right, bottom = area
    groups = max(len(chart.labels), 1)
    slot = (right - left) / groups
    bar = slot * 0.7 / max(len(chart.series), 1)
    for g, label in enumerate(chart.labels):
        x0 = left + g * slot + slot * 0.15
        for s, (_name, values) in enumerate(chart.series.items()):
            value = float(values[g]) if g < len(values) else 0.0
            height = (bottom - upper) * value / top
            box = (x0 + s * bar, bottom - height, x0 + (s + 1) * bar - 2, bottom)
            draw.rectangle(box, fill=COLOURS[s % len(COLOURS)])  # type: ignore[attr-defined]
            text = f"{values[g]:f}".rstrip("0").rstrip(".") if g < len(values) else ""
            draw.text((box[0], box[1] - 22), text, fill="black", font=font)  # type: ignore[attr-defined]
        short = label[:16]
        for i in range(0, len(short), 6):
            draw.text((x0, bottom + 8 + i // 6 * 22), short[i : i + 6], fill="black", font=font)  # type: ignore[attr-defined]


def _legend(draw: object, chart: Chart, font: object) -> None:
    x = 100
    for s, name in enumerate(chart.series):
        draw.rectangle((x, 55, x + 20, 70), fill=COLOURS[s % len(COLOURS)])  # type: ignore[attr-defined]
        label = f"{name}（{chart.unit}）" if chart.unit else name
        draw.text((x + 28, 50), label, fill="black", font=font)  # type: ignore[attr-defined]
        x += 40 + 22 * len(label)
