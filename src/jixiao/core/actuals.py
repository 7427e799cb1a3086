"""Whether a typed result (实际完成值) fits its indicator's target, said before it is scored.

A clerk who types ``已完成`` or ``abc`` on an indicator whose target is a number gets a
qualitative result that scores nothing, and ``95%`` on an indicator counted in 次 cannot be
compared with its target at all; both used to be stored without a word (#18). These checks
return the warnings the results grid shows beside the cell; the value is still saved, since a
clerk may be half-way through typing and a reviewer sees the same warning.
"""

from __future__ import annotations

from jixiao.core.documents import Target
from jixiao.core.quantities import convert

#: Targets that compare a number (not a date, not a grade).
NUMERIC_OPS = frozenset({">=", ">", "<=", "<", "=", "between"})


def is_numeric(target: Target) -> bool:
    """True for a target stated as a number (≥ 300 户次, ≤ 5%)."""
    return target.op in NUMERIC_OPS and target.value is not None


def check_actual(targets: list[Target], text: str, results: list[Target]) -> list[str]:
    """Warnings (Chinese) about ``results``, read from ``text``, against the ``targets``.

    Empty when the indicator has no numeric target, when nothing was typed, or when the
    result is a number in a unit the target's can be converted to.
    """
    numeric = [t for t in targets if is_numeric(t)]
    if not numeric or not text.strip():
        return []
    numbers = [r for r in results if is_numeric(r)]
    wanted = numeric[0]
    if not numbers:
        example = f"{_plain(wanted)}{wanted.unit or ''}"
        return [
            f"「{text.strip()}」不是数字：此指标的目标值是数量，完成值请填写数字，如“{example}”。"
        ]
    return [w for r in numbers if (w := _unit_warning(numeric, r))]


def _unit_warning(targets: list[Target], result: Target) -> str:
    """A warning when no target's unit matches the result's (万/亿 conversions allowed)."""
    units = [t.unit for t in targets if t.unit]
    if not result.unit or not units or result.value is None:
        return ""
    if any(convert(result.value, result.unit, unit) is not None for unit in units):
        return ""
    listed = "、".join(dict.fromkeys(units))
    return f"完成值的单位「{result.unit}」与目标值的单位「{listed}」不一致，无法比较，请核对。"


def _plain(target: Target) -> str:
    value = target.value
    if value is None:
        return ""
    return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"
