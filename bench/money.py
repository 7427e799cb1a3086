"""Money of the synthetic province: budgets, spending, economic categories, allocations.

Amounts are 万元 with two decimals as in seeds 002 and 003; the fund block is scored as the
official forms do (执行率 × 10 points), so the generated totals agree with the core's rules.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bench import vocabulary as v

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    """One system's budget: initial, adjusted and spent (万元), rate and the fund block's score."""

    initial: Decimal
    adjusted: Decimal
    spent: Decimal

    @property
    def rate(self) -> Decimal:
        """执行率 in percent, two decimals."""
        return (self.spent / self.adjusted * 100).quantize(CENT) if self.adjusted else Decimal(0)

    @property
    def score(self) -> Decimal:
        """The fund block's 10 points, proportional to the rate."""
        return (min(self.rate, Decimal(100)) / 10).quantize(CENT)


def _amount(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def unit_budget(rng: random.Random, scale: float, overall: bool) -> Money:
    """A unit's overall budget (hundreds to thousands of 万元) or one project's."""
    base = rng.uniform(800, 1600) * scale if overall else rng.uniform(10, 120) * scale
    adjusted = _amount(base * rng.uniform(1.0, 1.3))
    spent = _amount(float(adjusted) * min(1.0, rng.uniform(0.78, 1.02)))
    return Money(_amount(base), adjusted, spent)


def budget_lines(money: Money, overall: bool) -> list[Any]:
    """The fund block's rows: 002's (财政拨款, 其他资金, 合计) or 003's (年度资金总额 …)."""
    from jixiao.web.performance.models import BudgetLine

    if overall:
        other = (money.adjusted * Decimal("0.01")).quantize(CENT)
        return [
            BudgetLine(
                source_name="财政拨款",
                initial=money.initial,
                adjusted=money.adjusted - other,
                spent=money.spent - other,
            ),
            BudgetLine(source_name="其他资金", initial=Decimal(0), adjusted=other, spent=other),
            _total_line("合计", money),
        ]
    return [
        _total_line("年度资金总额", money),
        BudgetLine(
            source_name="当年财政拨款",
            initial=money.initial,
            adjusted=money.adjusted,
            spent=money.spent,
        ),
        BudgetLine(source_name="上年结转资金"),
        BudgetLine(source_name="其他资金"),
    ]


def _total_line(name: str, money: Money) -> Any:
    from jixiao.web.performance.models import BudgetLine

    return BudgetLine(
        source_name=name,
        initial=money.initial,
        adjusted=money.adjusted,
        spent=money.spent,
        rate=money.rate,
        weight=Decimal(10),
        score=money.score,
    )


def project_row(rng: random.Random, name: str, unit_name: str, money: Money) -> Any:
    """The project's money (到位, 支出, 使用率) and its spending by economic category."""
    from jixiao.web.performance.models import Project

    spent = float(money.spent)
    shares = [rng.random() for _ in v.ECONOMIC]
    total = sum(shares)
    expenses = {k: round(spent * s / total, 2) for k, s in zip(v.ECONOMIC, shares, strict=True)}
    expenses[v.ECONOMIC[-1]] = round(spent - sum(list(expenses.values())[:-1]), 2)
    available = float(money.adjusted)
    rate = float(money.rate)
    return Project(
        name=name,
        unit_name=unit_name,
        available_total=money.adjusted,
        spent_total=money.spent,
        available={"special": available, "business": 0, "total": available},
        spent={"special": spent, "business": 0, "total": spent},
        rates={"special": rate, "business": None, "total": rate},
        expenses=expenses,
    )


def allocation_row(rng: random.Random, child: Any, parent: Any, projects: int) -> Any:
    """What ``parent`` passed down to ``child``, on a handful of its projects (seed 003's table)."""
    from jixiao.web.performance.models import Allocation

    chosen = rng.sample(v.PROJECTS[:projects], k=min(projects, rng.randint(4, 10)))
    by_project = {p: round(rng.uniform(5, 80) * child.scale, 2) for p in chosen}
    return Allocation(
        unit_name=child.name,
        parent_name=parent.name,
        code=child.org.code,
        organization=child.org,
        total=_amount(sum(by_project.values())),
        by_project=by_project,
        is_subtotal=False,
    )
