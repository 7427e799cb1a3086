"""Targets of a goal sentence, through ``jixiao.core.targets`` (the one target reader).

The layouts only find *where* targets are written; what a target means (operator, value,
unit, 万 folded) is decided in one place, ``core.targets``. This adapter accepts the shapes
``find_targets`` may return (targets, or (target, clause) pairs, or objects with ``target`` and
``clause``) and says so in a warning if the core reader is not available.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.core.documents import Target

MISSING = "目标值解析模块（core.targets）尚未就绪，未解析目标值"


def find_targets(text: str) -> tuple[list[tuple[Target, str]], str | None]:
    """The targets written in ``text``, each with its clause; a warning if none can be read."""
    try:
        from jixiao.core import targets as core_targets
    except ImportError:
        return [], MISSING
    finder = getattr(core_targets, "find_targets", None)
    if finder is None:
        return _parse_whole(core_targets, text)
    try:
        found = finder(text)
    except ValueError:  # the core reader refuses text it cannot read: no targets, no crash
        return [], None
    return [_pair(item, text) for item in found], None


def _parse_whole(core_targets: Any, text: str) -> tuple[list[tuple[Target, str]], str | None]:
    parser = getattr(core_targets, "parse_target", None)
    if parser is None:
        return [], MISSING
    try:
        return [(target, text) for target in parser(text)], None
    except ValueError:
        return [], None


def _pair(item: Any, text: str) -> tuple[Target, str]:
    if isinstance(item, tuple):
        return item[0], str(item[1])
    if isinstance(item, Target):
        return item, text
    target = getattr(item, "target", item)
    clause = getattr(item, "clause", None) or getattr(item, "text", None) or text
    return target, str(clause)


def find_goal_targets(text: str) -> tuple[list[tuple[Target, str]], str | None]:
    """Targets of an indicator's goal sentence, where every figure with a unit is a target.

    ``find_targets`` reads prose conservatively (a number needs an operator word or must close
    its clause). A goal sentence in an indicator system states its target even without one
    (``省级全年质量技术帮扶25家相关企业``), so when no quantity is found that way, each clause
    holding a number is read as a target cell by ``parse_target``.
    """
    pairs, missing = find_targets(text)
    if missing or any(target.op not in ("qualitative",) for target, _clause in pairs):
        return pairs, missing
    from jixiao.core import targets as core_targets

    quantities = []
    for clause in re.split(r"[，,。；;]", text):
        if re.search(r"\d", clause):
            quantities += [
                (target, clause)
                for target, _ in _parse_whole(core_targets, clause)[0]
                if target.op != "qualitative"
            ]
    return quantities or pairs, None
