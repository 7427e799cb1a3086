"""How checks name places and compare printed figures, so every finding reads alike.

``where`` strings join the document's own labels with `` · `` (项目资金 · 财政拨款); a printed
figure is compared with its recomputation at the printed precision, so rounding (two
decimals, 0.27 for 20/74) is never reported.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Indicator
from jixiao.core.money import CENT, round_half_up

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
