"""The project pipeline (项目库): ex-ante assessment (事前绩效评估) and the funding order.

``003_…`` (六、有关建议) asks for a 部门预算项目库 from 2024: each proposal assessed for
"项目设立必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性", the stock
ranked "按照轻重缓急和项目成熟度", and "未完成立项审批手续的项目，或前期准备不充分…一律不列入
项目库，不安排预算". So an assessment is five criteria scored against their weights (the
weights and the conclusion bands are data: provinces differ, none is in DOMAIN.md), and the
ranking puts fundable proposals first, then by priority (轻重缓急), readiness (成熟度) and
the assessment score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import round_half_up
from jixiao.core.scoring.rules import fmt

# (key, label, default weight). Weights sum to 100; an administrator may pass others.
CRITERIA: tuple[tuple[str, str, Decimal], ...] = (
    ("necessity", "项目设立必要性", Decimal(25)),
    ("economy", "投入经济性", Decimal(20)),
    ("targets", "绩效目标合理性", Decimal(20)),
    ("feasibility", "实施方案可行性", Decimal(20)),
    ("compliance", "筹资合规性", Decimal(15)),
)
# Conclusion bands of the total, highest first: (floor, conclusion).
CONCLUSIONS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(80), "予以支持"),
    (Decimal(60), "调整完善后予以支持"),
    (Decimal(0), "不予支持"),
)
PRIORITIES = {1: "急需", 2: "重要", 3: "一般"}
READINESS = {
    "ready": "已完成立项审批，前期准备充分",
    "partial": "前期准备基本完成",
    "not_ready": "未完成立项审批或前期准备不充分",
}
READINESS_ORDER = {"ready": 0, "partial": 1, "not_ready": 2}


class AssessmentError(ValueError):
    """A criterion's points are missing, negative or over its weight."""


@dataclass(frozen=True)
class Assessment:
    """The scored ex-ante assessment: points per criterion, the total and the conclusion."""

    points: tuple[tuple[str, Decimal], ...]
    total: Decimal
    conclusion: str

    @property
    def supported(self) -> bool:
        """True unless the conclusion is 不予支持 (the lowest band)."""
        return self.conclusion != CONCLUSIONS[-1][1]


def assess(
    points: Mapping[str, Decimal],
    criteria: Sequence[tuple[str, str, Decimal]] = CRITERIA,
    bands: Sequence[tuple[Decimal, str]] = CONCLUSIONS,
) -> Assessment:
    """Score an assessment: every criterion needs points between 0 and its weight.

    The total is re-based to 100 when the weights do not sum to 100, so bands keep meaning.

    Raises:
        AssessmentError: a criterion is missing or outside 0…weight (the message names it).
    """
    kept: list[tuple[str, Decimal]] = []
    for key, label, weight in criteria:
        value = points.get(key)
        if value is None:
            raise AssessmentError(f"请为「{label}」打分。")
        if value < 0 or value > weight:
            raise AssessmentError(f"「{label}」得分应在0至{fmt(weight)}分之间。")
        kept.append((key, value))
    weights = sum((w for _, _, w in criteria), Decimal(0))
    raw = sum((v for _, v in kept), Decimal(0))
    total = round_half_up(raw * 100 / weights) if weights else Decimal(0)
    conclusion = next((c for floor, c in bands if total >= floor), bands[-1][1])
    return Assessment(tuple(kept), total, conclusion)


@dataclass(frozen=True)
class Proposal:
    """What the ranking needs of a proposal: its assessment, priority, readiness and money."""

    key: str
    name: str
    priority: int
    readiness: str
    score: Decimal | None
    amount: Decimal = Decimal(0)
    supported: bool = True


@dataclass(frozen=True)
class Ranked:
    """A proposal's place in the funding order; ``eligible`` False says why it is out."""

    position: int
    proposal: Proposal
    eligible: bool
    note: str
    cumulative: Decimal


def eligibility(p: Proposal) -> tuple[bool, str]:
    """Whether a proposal may be funded at all, and why not (the 003 rules)."""
    if p.score is None:
        return False, "未开展事前绩效评估"
    if not p.supported:
        return False, "事前绩效评估结论为不予支持"
    if p.readiness == "not_ready":
        return False, "未完成立项审批或前期准备不充分，不安排预算"
    return True, "可安排预算"


def rank_proposals(proposals: Sequence[Proposal]) -> list[Ranked]:
    """The funding order: eligible first, then 轻重缓急, 成熟度, score (high first), name.

    ``cumulative`` runs over eligible proposals only, so a budget line drawn at some amount
    shows which proposals fit under it.
    """
    verdicts = {p.key: eligibility(p) for p in proposals}

    def order(p: Proposal) -> tuple[object, ...]:
        return (
            not verdicts[p.key][0],
            p.priority,
            READINESS_ORDER.get(p.readiness, 9),
            -(p.score or Decimal(0)),
            p.name,
            p.key,
        )

    running = Decimal(0)
    ranked: list[Ranked] = []
    for i, p in enumerate(sorted(proposals, key=order), start=1):
        ok, note = verdicts[p.key]
        running += p.amount if ok else Decimal(0)
        ranked.append(Ranked(i, p, ok, note, running))
    return ranked
