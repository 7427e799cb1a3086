"""Expert panels (专家评审): a reproducible random draw that respects 回避, and combined sheets.

Why pure: a draw must be re-run by anyone who doubts it (the seed and the candidate list are
recorded, :func:`draw_experts` on them gives the same experts again), and the combined score
must be the same on every page, so the arithmetic lives here once and the web app only stores
what it returns.

- **回避** (:func:`conflict_of`): an expert may not score a unit that is their own unit or lies
  above it in the organisation tree, nor a unit they declared; each exclusion says why.
- **Draw** (:func:`draw_experts`): the eligible experts are sorted by id, then
  ``random.Random(seed).sample`` picks ``count`` of them. Same seed, same candidates, same draw.
- **Combining** (:func:`combine_scores`): the mean of the experts' points for an indicator, or
  the trimmed mean (去掉一个最高分和一个最低分, from three experts up); a spread (最高分 − 最低分)
  above the province's share of the indicator's 分值 is flagged as wide disagreement.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.money import round_half_up
from jixiao.core.scoring.rules import fmt

MEAN = "mean"
TRIMMED = "trimmed"
METHOD_LABELS = {MEAN: "算术平均", TRIMMED: "去掉一个最高分和一个最低分后平均"}
#: Default: a spread above 20% of the 分值 (2 of 10 points) is wide disagreement.
DEFAULT_SPREAD_PERCENT = Decimal(20)
#: The fewest sheets a trimmed mean needs (one high and one low dropped, one left).
TRIM_MINIMUM = 3


class PanelError(ValueError):
    """A draw or a combination that cannot be made; the message says why, in Chinese."""


@dataclass(frozen=True)
class Candidate:
    """An expert as the draw sees them: id, name, specialties and the units they must avoid.

    ``avoid`` holds the ids of their own unit and every unit above it, plus declared ones;
    ``avoid_names`` the same units' names, for the reason shown when they are excluded.
    """

    id: int
    name: str
    specialties: frozenset[str]
    avoid: frozenset[int] = frozenset()
    avoid_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A candidate left out of a draw, and why (in Chinese)."""

    id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Draw:
    """A draw's whole record: who could be drawn, who was excluded and why, who was drawn."""

    seed: int
    specialty: str
    count: int
    eligible: tuple[int, ...]
    excluded: tuple[Exclusion, ...]
    drawn: tuple[int, ...]


def conflict_of(candidate: Candidate, unit: int, unit_name: str) -> str | None:
    """Why ``candidate`` must avoid scoring ``unit`` (回避), or None when they need not."""
    if unit in candidate.avoid:
        return f"{candidate.name}须回避「{unit_name}」（其本人所在单位或该单位的上级单位）"
    return None


def draw_experts(
    candidates: Iterable[Candidate], specialty: str, count: int, unit: tuple[int, str], seed: int
) -> Draw:
    """Draw ``count`` experts of ``specialty`` who need not avoid ``unit`` (id, name).

    Raises:
        PanelError: when ``count`` is not positive or fewer experts are eligible.
    """
    if count < 1:
        raise PanelError("抽取人数须为正整数。")
    eligible: list[Candidate] = []
    excluded: list[Exclusion] = []
    for c in sorted(candidates, key=lambda c: c.id):
        if specialty not in c.specialties:
            continue
        reason = conflict_of(c, *unit)
        if reason:
            excluded.append(Exclusion(c.id, c.name, reason))
        else:
            eligible.append(c)
    if len(eligible) < count:
        raise PanelError(
            f"专业「{specialty}」回避后只有{len(eligible)}位专家可抽取，不足{count}位；"
            "请减少抽取人数或先补充专家库。"
        )
    ids = tuple(c.id for c in eligible)
    drawn = tuple(random.Random(seed).sample(ids, count))  # noqa: S311  (a draw, not a secret)
    return Draw(seed, specialty, count, ids, tuple(excluded), drawn)


def replay(draw: Draw) -> tuple[int, ...]:
    """The experts the recorded seed and candidates give again (the check of a draw)."""
    return tuple(random.Random(draw.seed).sample(draw.eligible, draw.count))  # noqa: S311


@dataclass(frozen=True)
class Combined:
    """One indicator's combined expert score, the spread and, when wide, the warning."""

    points: Decimal
    spread: Decimal
    disagreement: bool
    explanation: str
    warning: str = ""


@dataclass(frozen=True)
class PanelRule:
    """A province's way of combining sheets: the method and the spread it tolerates."""

    method: str = MEAN
    spread_percent: Decimal = DEFAULT_SPREAD_PERCENT

    def __post_init__(self) -> None:
        if self.method not in METHOD_LABELS:
            raise PanelError(f"未知的专家评分合成方法：{self.method}")
        if not Decimal(0) < self.spread_percent <= Decimal(100):
            raise PanelError("分歧阈值须在0～100之间（占分值的百分比）。")


def combine_scores(
    points: Sequence[Decimal], weight: Decimal, rule: PanelRule = PanelRule()
) -> Combined:
    """Combine the experts' points for one indicator of ``weight`` by ``rule``.

    The trimmed mean needs three sheets; with fewer the plain mean is used and the
    explanation says so. Disagreement is the spread above ``spread_percent`` of the 分值.

    Raises:
        PanelError: when there are no points or one lies outside 0 … ``weight``.
    """
    if not points:
        raise PanelError("没有专家评分，无法合成。")
    if any(p < 0 or p > weight for p in points):
        raise PanelError(f"专家评分须在0～{fmt(weight)}分之间。")
    kept, how = _kept(sorted(points), rule.method)
    mean = round_half_up(sum(kept, Decimal(0)) / len(kept))
    listed = "、".join(fmt(p) for p in points)
    explanation = f"{len(points)}位专家评分：{listed}；{how}，得{fmt(mean)}分"
    spread = max(points) - min(points)
    limit = round_half_up(weight * rule.spread_percent / 100)
    if spread <= limit:
        return Combined(mean, spread, disagreement=False, explanation=explanation)
    warning = (
        f"专家评分极差{fmt(spread)}分（最高{fmt(max(points))}分，最低{fmt(min(points))}分），"
        f"超过分值{fmt(weight)}分的{fmt(rule.spread_percent)}%（{fmt(limit)}分），"
        "意见分歧较大，建议组织专家复议"
    )
    return Combined(mean, spread, True, explanation, warning)


def _kept(ordered: list[Decimal], method: str) -> tuple[list[Decimal], str]:
    """The points that count and how they were chosen, in Chinese."""
    if method == TRIMMED and len(ordered) >= TRIM_MINIMUM:
        dropped = f"去掉一个最高分{fmt(ordered[-1])}和一个最低分{fmt(ordered[0])}后平均"
        return ordered[1:-1], dropped
    if method == TRIMMED:
        return ordered, f"不足{TRIM_MINIMUM}位专家，不去最高最低分，取平均"
    return ordered, "取平均"


@dataclass
class PanelResult:
    """Every indicator's combined score and the sheets' totals, for the panel's page."""

    rows: dict[str, Combined] = field(default_factory=dict)
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """The indicators with wide disagreement, each with its warning."""
        return [f"「{key}」{c.warning}" for key, c in self.rows.items() if c.disagreement]


def combine_sheets(
    sheets: dict[str, dict[str, Decimal]],
    weights: dict[str, Decimal],
    rule: PanelRule = PanelRule(),
) -> PanelResult:
    """Combine whole sheets (expert → indicator key → points) indicator by indicator.

    Every sheet must score every indicator in ``weights``: a gap would make one expert's
    silence count as agreement, so it is refused with the expert and indicator named.

    Raises:
        PanelError: on a missing or out-of-range score.
    """
    result = PanelResult()
    for expert, scores in sheets.items():
        missing = [key for key in weights if scores.get(key) is None]
        if missing:
            raise PanelError(f"{expert}的评分表未给「{missing[0]}」打分。")
        result.totals[expert] = sum((scores[k] for k in weights), Decimal(0))
    for key, weight in weights.items():
        try:
            result.rows[key] = combine_scores([s[key] for s in sheets.values()], weight, rule)
        except PanelError as exc:
            raise PanelError(f"「{key}」：{exc}") from exc
    return result
