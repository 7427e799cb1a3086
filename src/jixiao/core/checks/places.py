"""How checks name places and compare printed figures, so every finding reads alike.

``where`` strings join the document's own labels with `` · `` (项目资金 · 财政拨款); a printed
figure is compared with its recomputation at the printed precision, so rounding (two
decimals, 0.27 for 20/74) is never reported as an error. Every printed rate or share is
judged by :func:`printed_rate`, the one place that tells an error from a rounding slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.documents import Indicator
from jixiao.core.findings import Finding
from jixiao.core.money import (
    CENT,
    places_of,
    rate,
    round_half_up,
    rounding_that_gives,
    tolerance,
)
from jixiao.core.scoring.rules import fmt

EMPTY_REASONS = {"", "无", "/", "—", "-", "--", "——", "无偏差", "不涉及"}


SHORT = 24


def where_indicator(ind: Indicator) -> str:
    """Where an indicator is: its level path and name, or its number and first words.

    Indicators numbered by the document (4.2) are named by their number and the start of
    their sentence: their level-1 "name" is a whole goal, too long to repeat in every finding.
    """
    if "." in ind.id:
        name = ind.name if len(ind.name) <= SHORT else ind.name[:SHORT] + "…"
        return f"{ind.id} {name}"
    return " · ".join([*ind.path, ind.name])


def differs(printed: Decimal, computed: Decimal, slack: Decimal = CENT) -> bool:
    """True when ``computed`` does not round to ``printed`` even allowing ``slack``."""
    return abs(printed - computed) > slack


def percent(value: Decimal) -> str:
    """A rate as the documents print it: 81.26%."""
    return f"{round_half_up(value):f}%"


def has_reason(text: str | None) -> bool:
    """True when a 偏差原因 cell says something (not just 无 or a dash)."""
    return (text or "").strip() not in EMPTY_REASONS


@dataclass(frozen=True)
class Ratio:
    """A rate's two figures and how the form names them (``全年执行90÷全年预算100``)."""

    part: Decimal | None
    whole: Decimal | None
    said: str
    #: Money printed rounded (万元): a rate computed from it may differ in its last digit
    #: (a cent, as the checks always allowed), and the expected rate is said to two
    #: decimals. Counts are exact: a share of them is held at its printed decimals.
    money: bool = False


def printed_rate(
    rule: str,
    severity: str,
    where: str,
    what: str,
    printed: Decimal,
    ratio: Ratio,
) -> Finding | None:
    """A printed percentage against ``part ÷ whole``: nothing, a ``rounding.slip`` or ``rule``.

    Nothing when 四舍五入 of the ratio to the printed decimals gives the printed figure, or
    when the parts' own printed rounding (万元 to two decimals) allows it; a ``rounding.slip``
    note naming the rounding (截尾, 进一) that gives it; else a finding of ``rule`` with the
    expected figure (see :attr:`Ratio.money`). ``what`` is the figure's name (执行率, 占比).
    """
    part, whole = ratio.part, ratio.whole
    exact = rate(part, whole)
    if exact is None or part is None or whole is None:
        return None
    shown = places_of(printed)
    expected = round_half_up(exact, shown)
    if expected == printed or _within_rounding(printed, part, whole):
        return None
    worked = f"{ratio.said}＝{fmt(round_half_up(exact, shown + 2))}%"
    rounding = rounding_that_gives(exact, printed)
    if rounding is not None:
        message = (
            f"{worked}，四舍五入应为{expected:f}%，{what}印为{printed:f}%，"
            f"是{rounding}所得，属舍入差异"
        )
        return Finding("rounding.slip", "note", where, message, expected, printed)
    if ratio.money and abs(printed - expected) <= CENT:
        return None
    wanted = round_half_up(exact, 2) if ratio.money else expected
    message = f"{what}印为{printed:f}%，按{ratio.said}应为{wanted:f}%"
    return Finding(rule, severity, where, message, wanted, printed)


def _within_rounding(printed: Decimal, part: Decimal, whole: Decimal) -> bool:
    """True when parts printed rounded (a decimal amount) could give the printed rate.

    ``74.52 ÷ 91.71`` may stand for any amounts within half a cent of each; a rate computed
    from the unrounded amounts is not an error. Whole numbers (counts) are taken as exact.
    """
    slack_part, slack_whole = _slack(part), _slack(whole)
    if not (slack_part or slack_whole) or whole - slack_whole <= 0:
        return False
    low = rate(part - slack_part, whole + slack_whole)
    high = rate(part + slack_part, whole - slack_whole)
    if low is None or high is None:
        return False
    shown = places_of(printed)
    return round_half_up(low, shown) <= printed <= round_half_up(high, shown)


def _slack(value: Decimal) -> Decimal:
    """Half a unit of a decimal amount's last printed place; nothing for a whole number."""
    places = places_of(value)
    return tolerance(value, places) if places else Decimal(0)
