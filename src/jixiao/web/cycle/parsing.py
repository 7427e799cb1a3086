"""Targets and actuals typed as text, parsed by the core and stored in the contract's shape."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from jixiao.core.bounds import digits_problem
from jixiao.core.documents import plain
from jixiao.core.targets import TargetError, parse_target


class ValueRefused(ValueError):
    """A typed value that cannot be kept (e.g. a number longer than any column holds)."""



OPS = {
    ">=": "≥",
    ">": "＞",
    "<=": "≤",
    "<": "＜",
    "=": "＝",
    "between": "介于",
    "by_date": "截止",
    "qualitative": "定性",
}


def parse_text(
    text: str, direction: str | None = None, unit: str | None = None, label: str = "数值"
) -> list[dict]:
    """The targets in ``text`` as contract dicts (empty when there is no target).

    Raises:
        TargetError: when the text cannot be a target (too long, not text).
        ValueRefused: when a number in it is longer than any column keeps.
    """
    text = text.strip()
    if not text:
        return []
    if problem := digits_problem(text, label):
        raise ValueRefused(problem)
    found = parse_target(text, direction=direction or None, unit=unit or None)
    return [{k: plain(v) for k, v in asdict(t).items()} for t in found]


def targets_of(text: str, direction: str | None = None, unit: str | None = None) -> list[dict]:
    """What to store for a typed value: its targets, or none when it cannot be a target.

    The typed text itself is always kept by the caller, so an unreadable value loses nothing.
    """
    try:
        return parse_text(text, direction, unit)
    except TargetError:
        return []


def refusal(text: str, unit: str | None = None, label: str = "完成值") -> str | None:
    """Why ``text`` cannot be stored as a value (too long, an absurd number), in Chinese; or None.

    The one gate for every typed target and actual (grid, forms, API): the core's reader
    refuses what is no value at all (``TargetError``); such text is not saved, so the grid and
    the pages never hold a value they cannot read or show.
    """
    try:
        parse_text(text, None, unit, label)
    except (TargetError, ValueRefused) as exc:
        return f"未保存：{exc}"
    return None


def describe_target(target: dict[str, Any]) -> str:
    """One parsed target in words, e.g. ``≥ 98.5 %`` or ``截止 2023-12-31``."""
    op = target.get("op")
    if op == "qualitative":
        return "定性"
    if op == "by_date":
        return f"截止 {target.get('date')}"
    unit = target.get("unit") or ""
    if op == "between":
        return f"{target.get('value')}～{target.get('upper')} {unit}".strip()
    relative = {"yoy": "（同比）", "points": "（百分点）"}.get(target.get("relative") or "", "")
    return f"{OPS.get(op or '', op)} {target.get('value')} {unit}{relative}".strip()
