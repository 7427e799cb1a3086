"""Incentive pools (真抓实干激励, 绩效管理激励): who qualifies and how much each unit gets.

``003_…`` describes two ways results steer money: a fixed amount per qualifying unit by its
level ("按照每个市州 100 万元、每个县市区 50 万元的标准给予奖励") and a pool shared by
performance. Both are one :class:`IncentiveRule`: ``method`` says fixed amounts per level
or shares in proportion to the score, ``min_score`` and ``listed_only`` say who qualifies
(a score threshold, a government 通报 naming the unit, or both).

Money is whole 元: a share is never printed with fen the finance office cannot pay. Rounding
down each unit's exact share leaves a few 元; they go one each to the largest fractions,
ties broken by the higher score and then the unit's key, so the same input always gives
the same table (a re-run must not move one 元 between counties). When fixed amounts add up
to more than the pool, they are cut pro rata (``scale``) or refused (``refuse``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from jixiao.core.scoring.rules import fmt

FIXED = "fixed"
SCORE_SHARE = "score_share"
METHODS = {FIXED: "按层级定额", SCORE_SHARE: "按得分比例分配"}
LEVEL_LABELS = {"province": "省级", "city": "市州", "county": "县市区", "unit": "直属单位"}
TEN_THOUSAND = Decimal(10000)


class IncentiveError(ValueError):
    """The rule or the pool cannot give an allocation (bad amounts, too small a pool)."""


@dataclass(frozen=True)
class Candidate:
    """A unit that may receive money: its level, its score and whether a 通报 names it."""

    key: str
    name: str
    level: str
    score: Decimal | None = None
    listed: bool = False


@dataclass(frozen=True)
class IncentiveRule:
    """How a pool is shared. Amounts are in 元, keyed by organisation level."""

    method: str = FIXED
    amounts: tuple[tuple[str, Decimal], ...] = ()
    min_score: Decimal | None = None
    listed_only: bool = False
    over_pool: str = "scale"

    def amount_for(self, level: str) -> Decimal | None:
        """The fixed amount for a level, or None when the rule gives that level nothing."""
        return dict(self.amounts).get(level)

    def describe(self) -> str:
        """The rule in one Chinese sentence, for the page and the export."""
        parts = [METHODS.get(self.method, self.method)]
        if self.method == FIXED:
            parts += [
                f"每个{LEVEL_LABELS.get(lv, lv)}{fmt(a / TEN_THOUSAND)}万元"
                for lv, a in self.amounts
            ]
        if self.min_score is not None:
            parts.append(f"得分不低于{fmt(self.min_score)}分")
        if self.listed_only:
            parts.append("须列入表扬激励名单")
        return "，".join(parts)


@dataclass(frozen=True)
class Share:
    """One unit's line in the allocation table."""

    key: str
    name: str
    level: str
    score: Decimal | None
    qualifies: bool
    reason: str
    amount: Decimal = Decimal(0)


@dataclass(frozen=True)
class Allocation:
    """The whole table: every candidate's share, what was paid out and what is left."""

    pool: Decimal
    rule: IncentiveRule
    shares: tuple[Share, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def allocated(self) -> Decimal:
        """The sum paid out (元)."""
        return sum((s.amount for s in self.shares), Decimal(0))

    @property
    def unallocated(self) -> Decimal:
        """What stays in the pool (结余, 元)."""
        return self.pool - self.allocated


def qualification(candidate: Candidate, rule: IncentiveRule) -> tuple[bool, str]:
    """Whether the unit qualifies under the rule, and why (or why not) in Chinese."""
    if rule.listed_only and not candidate.listed:
        return False, "未列入表扬激励名单"
    if rule.method == FIXED and rule.amount_for(candidate.level) is None:
        return False, f"规则未对{LEVEL_LABELS.get(candidate.level, candidate.level)}安排定额"
    if rule.min_score is not None:
        if candidate.score is None:
            return False, "无评价得分"
        if candidate.score < rule.min_score:
            return False, f"得分{fmt(candidate.score)}低于{fmt(rule.min_score)}分"
    if rule.method == SCORE_SHARE and not candidate.score:
        return False, "无评价得分，无法按得分分配"
    return True, "列入名单" if rule.listed_only else "符合条件"


def allocate_pool(
    pool: Decimal, candidates: Sequence[Candidate], rule: IncentiveRule
) -> Allocation:
    """Share ``pool`` (元) among ``candidates`` by ``rule``; amounts are whole 元.

    Raises:
        IncentiveError: a negative pool, an unknown method, or fixed amounts over the pool
            when the rule says ``refuse``.
    """
    if pool < 0:
        raise IncentiveError("资金池金额不能为负数。")
    if rule.method not in METHODS:
        raise IncentiveError(f"未知的分配方式：{rule.method}")
    verdicts = [(c, *qualification(c, rule)) for c in candidates]
    qualifying = [c for c, ok, _ in verdicts if ok]
    exact, notes = _exact_amounts(pool, qualifying, rule)
    paid = _round_to_yuan(exact, {c.key: c for c in qualifying}, pool, rule)
    shares = tuple(
        Share(c.key, c.name, c.level, c.score, ok, why, paid.get(c.key, Decimal(0)))
        for c, ok, why in verdicts
    )
    return Allocation(pool, rule, shares, tuple(notes))


def _exact_amounts(
    pool: Decimal, qualifying: list[Candidate], rule: IncentiveRule
) -> tuple[dict[str, Decimal], list[str]]:
    """Each qualifying unit's unrounded amount, scaled down when the pool is too small."""
    if rule.method == SCORE_SHARE:
        total = sum((c.score or Decimal(0) for c in qualifying), Decimal(0))
        if not total:
            return {}, ["没有符合条件的单位，资金池全部结余。"]
        return {c.key: pool * (c.score or Decimal(0)) / total for c in qualifying}, []
    wanted = {c.key: rule.amount_for(c.level) or Decimal(0) for c in qualifying}
    need = sum(wanted.values(), Decimal(0))
    if need <= pool:
        return wanted, []
    if rule.over_pool == "refuse":
        raise IncentiveError(
            f"按定额需{fmt(need / TEN_THOUSAND)}万元，超过资金池{fmt(pool / TEN_THOUSAND)}万元。"
        )
    note = f"按定额需{fmt(need / TEN_THOUSAND)}万元，超过资金池，已按比例核减。"
    return {k: pool * v / need for k, v in wanted.items()}, [note]


def _round_to_yuan(
    exact: dict[str, Decimal], by_key: dict[str, Candidate], pool: Decimal, rule: IncentiveRule
) -> dict[str, Decimal]:
    """Floor to whole 元, then give the leftover 元 to the largest fractions, deterministically."""
    floors = {k: v.to_integral_value(rounding=ROUND_FLOOR) for k, v in exact.items()}
    target = min(pool, sum(exact.values(), Decimal(0))).to_integral_value(rounding=ROUND_FLOOR)
    if rule.method == SCORE_SHARE:
        target = pool.to_integral_value(rounding=ROUND_FLOOR)
    left = int(target - sum(floors.values(), Decimal(0)))
    order = sorted(
        exact,
        key=lambda k: (-(exact[k] - floors[k]), -(by_key[k].score or Decimal(0)), k),
    )
    for key in order[: max(left, 0)]:
        floors[key] += 1
    return floors


def yuan_from_wan(text: str) -> Decimal:
    """An amount typed in 万元 (as the bureaus write it) → 元.

    Raises:
        IncentiveError: the text is not a number.
    """
    cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("万元")
    try:
        value = Decimal(cleaned)
    except ArithmeticError as exc:
        raise IncentiveError(f"金额「{text}」不是数字。") from exc
    if not value.is_finite():
        raise IncentiveError(f"金额「{text}」不是数字。")
    return value * TEN_THOUSAND
