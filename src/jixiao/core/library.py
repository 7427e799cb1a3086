"""The indicator library's reasoning: which indicators of different units are the same one.

Units write the same indicator in many ways (``1.监督抽查食品经营企业户次``, ``监督抽查食品经营
企业（户次）``), with the money in 元 or 万元, and sometimes the same words under a different
dimension (a 数量 count and a 成本 amount). Two indicators are the same when their names agree
once numbering, brackets, spaces and punctuation are folded away, their units agree once 万/亿 are
folded away, and their meaning (the dimension: 数量, 质量, 时效, 成本, 效益, 满意度) agrees. The
exact :class:`MatchKey` is what the database indexes (peers are looked up by it); near names are
only *suggested* to the curator (:func:`suggest_matches`), never merged silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from jixiao.core.quantities import normalize, split_multiplier

#: Longer names are cut before matching: the key must stay short and matching linear.
MAX_NAME = 200

#: The dimensions of a 绩效目标表, as (dimension, words that mark it), tried in order: a
#: 满意度 row sits under 效益 in some forms, so it is recognised first.
DIMENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("满意度", ("满意",)),
    ("数量", ("数量",)),
    ("质量", ("质量",)),
    ("时效", ("时效", "进度")),
    ("成本", ("成本",)),
    ("效益", ("效益", "效果", "影响")),
)

_NUMBERING = re.compile(
    r"^(?:[(\[]?[0-9一二三四五六七八九十]{1,3}[)\]]|[0-9]{1,3}(?:\.[0-9]{1,3})*[.、]?|"
    r"[一二三四五六七八九十]{1,3}[、.])"
)
_BRACKETED_UNIT = re.compile(r"[(\[][^()\[\]]{1,8}[)\]]$")
_PUNCTUATION = re.compile(r"[\"'“”‘’「」『』《》〈〉<>·•,，。.;；:：!！?？、/\\|_\-*]+")
#: Near names at or above this similarity are offered to the curator as the same indicator.
SUGGEST_AT = 0.8


@dataclass(frozen=True)
class MatchKey:
    """What makes two indicators the same: folded name, base unit and dimension."""

    name: str
    unit: str
    dimension: str

    def text(self) -> str:
        """The key as one indexable string (``name|unit|dimension``)."""
        return f"{self.name}|{self.unit}|{self.dimension}"[:255]


def normalise_name(name: str) -> str:
    """The name with numbering, a trailing bracketed unit, spaces and punctuation folded away."""
    text = normalize(name[: MAX_NAME * 2])
    text = _NUMBERING.sub("", text, count=1)
    text = _BRACKETED_UNIT.sub("", text)
    return _PUNCTUATION.sub("", text).lower()[:MAX_NAME]


def base_unit(unit: str | None) -> str:
    """The unit without 万/亿 and full-width forms: ``万元`` and ``元`` are one unit."""
    if not unit:
        return ""
    _factor, base = split_multiplier(normalize(unit))
    return base or ""


def dimension_of(path: Sequence[str], name: str = "") -> str:
    """The dimension (数量 … 满意度) the path or the name places the row in; '' when none."""
    for text in (*reversed(path), name):
        for dimension, words in DIMENSIONS:
            if any(word in text for word in words):
                return dimension
    return ""


def match_key(name: str, unit: str | None, path: Sequence[str] = ()) -> MatchKey:
    """The key under which this indicator meets the same indicator of other units."""
    return MatchKey(normalise_name(name), base_unit(unit), dimension_of(path, name))


def similarity(a: MatchKey, b: MatchKey) -> float:
    """0–1: how alike two keys are; 0 when unit or dimension disagree (different meaning)."""
    if a.unit and b.unit and a.unit != b.unit:
        return 0.0
    if a.dimension and b.dimension and a.dimension != b.dimension:
        return 0.0
    if a.name == b.name:
        return 1.0
    return SequenceMatcher(None, a.name, b.name, autojunk=False).ratio()


def _may_reach(a: MatchKey, b: MatchKey, at: float) -> bool:
    """Cheap upper bounds first: most pairs of a large library are ruled out by length alone."""
    matcher = SequenceMatcher(None, a.name, b.name, autojunk=False)
    return matcher.real_quick_ratio() >= at and matcher.quick_ratio() >= at


@dataclass(frozen=True)
class Suggestion:
    """A library entry that may be the same indicator as an offered one, and why."""

    index: int
    score: float
    reason: str


def suggest_matches(
    offered: MatchKey, entries: Iterable[MatchKey], limit: int = 3
) -> list[Suggestion]:
    """The library entries most like ``offered``, best first, each with its reason in Chinese."""
    found = []
    for index, entry in enumerate(entries):
        if offered.name != entry.name and not _may_reach(offered, entry, SUGGEST_AT):
            continue
        score = similarity(offered, entry)
        if score >= SUGGEST_AT:
            found.append(Suggestion(index, score, _reason(offered, entry, score)))
    found.sort(key=lambda s: (-s.score, s.index))
    return found[:limit]


def _reason(offered: MatchKey, entry: MatchKey, score: float) -> str:
    if score == 1.0:
        return "名称、计量单位和指标类别均相同"
    unit = f"计量单位同为「{entry.unit}」，" if entry.unit and offered.unit else ""
    return f"名称相似度{round(score * 100)}%，{unit}可能是同一指标"
