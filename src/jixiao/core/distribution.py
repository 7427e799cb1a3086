"""Where one unit's target or result stands among the same indicator's values at other units.

No incumbent shows this: the median and range of the same indicator across units, and the
unit's place, with a sentence a clerk can act on ("目标值低于同类单位中位数"). The caller says
whether higher is better, so a cost or a duration ranks the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from jixiao.core.money import quantize


@dataclass(frozen=True)
class Distribution:
    """The peers' values of one indicator and the unit's place among them."""

    count: int
    median: Decimal
    low: Decimal
    high: Decimal
    own: Decimal | None
    rank: int | None  # 1 = best; None when the unit has no value
    explanation: str

    def contains(self, value: Decimal) -> bool:
        """True when ``value`` lies within the peers' range."""
        return self.low <= value <= self.high


def distribute(
    values: Sequence[Decimal], own: Decimal | None = None, higher_is_better: bool = True
) -> Distribution | None:
    """The distribution of ``values`` (the unit's own included if given); None when empty."""
    pool = [*values, *([own] if own is not None else [])]
    if not pool:
        return None
    middle = Decimal(median(pool))
    rank = _rank(pool, own, higher_is_better)
    return Distribution(
        count=len(pool),
        median=plain(middle),
        low=min(pool),
        high=max(pool),
        own=own,
        rank=rank,
        explanation=_explain(len(pool), middle, own, rank, higher_is_better),
    )


def plain(value: Decimal) -> Decimal:
    """Four decimals at most, without trailing zeros or an exponent (300, not 3E+2)."""
    value = quantize(value, 4)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _rank(pool: list[Decimal], own: Decimal | None, higher_is_better: bool) -> int | None:
    if own is None:
        return None
    better = [v for v in pool if (v > own if higher_is_better else v < own)]
    return len(better) + 1


def _explain(
    count: int, middle: Decimal, own: Decimal | None, rank: int | None, higher_is_better: bool
) -> str:
    shown = format(plain(middle), "f")
    if own is None or rank is None:
        return f"{count}个单位的中位数为{shown}"
    if own == middle:
        side = "等于中位数"
    elif (own > middle) == higher_is_better:
        side = "优于中位数"
    else:
        side = "低于中位数" if higher_is_better else "高于中位数（本指标越低越好）"
    return f"{count}个单位中排第{rank}，{side}（中位数{shown}）"
