"""The outline of work-goal prose — ``■`` › ``一、`` › ``（一）`` › ``1.`` › ``一是`` — as paths over the text.

Each level's markers are searched in order (``（一）`` then ``（二）`` after it, …) inside the
part of the level above, so a ``（浙江）`` or a stray ``一是`` inside a sentence does not cut the
text, and numbering that restarts under each heading is followed. A level the text does not use
is skipped. A heading runs to its first ``。；`` (items also to ``，``; a ``一、`` heading to its
line end) or to the first marker of a deeper level, 80 characters at most. Text before the first
heading is the title block and has no part, except a paragraph there that states the year's
targets (``今年经济社会发展主要预期目标是：…``, as an excerpt that starts at it prints it): that is
a part with no headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHINESE = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
ORDINALS = CHINESE + tuple(f"十{n}" for n in CHINESE[:9]) + ("二十",)
LINE_START = r"(?:^|(?<=\n))[ \t]*"


@dataclass(frozen=True)
class Level:
    """One level of the outline: the pattern of its n-th marker, and how its heading ends."""

    marker: str
    ends: str = "。；;"
    left_out: str | None = None

    def pattern(self, index: int) -> re.Pattern[str]:
        """The marker of the ``index``-th (0-based) heading of this level."""
        ordinal = ORDINALS[index] if "{n}" in self.marker else str(index + 1)
        return re.compile(self.marker.format(n=ordinal, d=ordinal))


LEVELS = (
    # a summary's block heading (■ 2025年经济社会发展的主要预期目标): a line of its own
    Level(LINE_START + "[■□▲△]", ends="\n"),
    Level(LINE_START + "{n}、", ends="。；;\n"),
    Level(r"[（(]{n}[)）]"),
    Level(LINE_START + r"{d}[.．、](?!\d)", ends="。；;，,"),
    Level("{n}是", ends="。；;，,", left_out=r"(?<=[。；;])是(?=[\u4e00-\u9fff])"),
)


@dataclass
class Part:
    """A stretch of text with its path (the headings above it) and its offset."""

    text: str
    start: int
    path: list[str] = field(default_factory=list)


# A paragraph that announces the targets it lists: 主要预期目标是：…, 主要目标为：…
TARGETS_LEAD = re.compile(r"(?:预期目标|主要目标|发展目标)(?:是|为)\s*[：:]")
MAX_HEADING = 80


def split_parts(text: str) -> list[Part]:
    """The innermost parts of the outline, each with the headings above it."""
    parts = _split(text, 0, 0, [])
    if not parts:
        first_line = text.find("\n") + 1
        parts = [Part(text=text[first_line:], start=first_line)] if first_line else []
    return _lead_targets(text, parts[0].start if parts else 0) + parts


def _lead_targets(text: str, end: int) -> list[Part]:
    """The title block's paragraphs that state the targets (longer than any heading)."""
    return [
        Part(text=line.group(0), start=line.start())
        for line in re.finditer(r"[^\n]+", text[:end])
        if len(line.group(0)) > MAX_HEADING and TARGETS_LEAD.search(line.group(0))
    ]


def _split(text: str, offset: int, level: int, path: list[str]) -> list[Part]:
    for depth in range(level, len(LEVELS)):
        markers = _markers(text, LEVELS[depth])
        if markers:
            break
    else:
        return [Part(text=text, start=offset, path=path)] if path else []
    parts = []
    if path and text[: markers[0].start()].strip():
        parts.append(Part(text=text[: markers[0].start()], start=offset, path=path))
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        body = text[marker.start() : end]
        title = heading(body, LEVELS[depth], depth)
        parts += _split(body, offset + marker.start(), depth + 1, [*path, title])
    return parts


def _markers(text: str, level: Level) -> list[re.Match[str]]:
    """The level's markers found in order; a left-out ordinal (``。是…``) stands in for one."""
    found: list[re.Match[str]] = []
    position = 0
    for index in range(len(ORDINALS)):
        match = level.pattern(index).search(text, position)
        if not match and level.left_out:
            match = _left_out(text, position, level, index)
        if not match:
            break
        found.append(match)
        position = match.end()
    return found


def _left_out(text: str, position: int, level: Level, index: int) -> re.Match[str] | None:
    """A marker printed without its ordinal, if it comes before the next numbered one."""
    match = re.compile(level.left_out or "").search(text, position)
    following = (
        level.pattern(index + 1).search(text, position) if index + 1 < len(ORDINALS) else None
    )
    if match and (following is None or match.start() < following.start()):
        return match
    return None


def heading(body: str, level: Level, depth: int) -> str:
    """The heading at the start of ``body``: up to the level's ends or a deeper marker."""
    stops = [m.start() for m in re.finditer(f"[{re.escape(level.ends)}]", body)]
    for deeper in LEVELS[depth + 1 :]:
        first = deeper.pattern(0).search(body, 1)
        if first:
            stops.append(first.start())
    end = min([*stops, len(body)])
    return body[:end].replace("\n", "").strip().rstrip("，,：:")[:80]
