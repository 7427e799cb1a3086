"""一级 and 二级 indicator names: recognising them in text and keeping their weights apart.

Self-evaluation tables use the national indicator vocabulary (产出指标 › 数量/质量/时效/成本指标,
效益指标 › 经济/社会/生态效益, 可持续影响, 满意度指标 › 服务对象满意度). In PDF text nothing
else separates a row's level cells from the start of its 三级 name, so the vocabulary is
what recognises them. A few words serve at both levels (成本指标, 满意度指标): the level
then follows from the current 一级 (成本指标 under 产出指标 is a 二级).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.ingest import cells

LEVEL1 = re.compile(
    r"^(产出|效益|效果|成本|满意度|社会公众或服务对象满意度|服务对象满意度|决策|过程|履职效能|"
    r"管理效率|运行成本|社会效应|能力建设)(指标)?$"
)
LEVEL2 = re.compile(
    r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|社会公众满意度|"
    r"满意度|经济成本|社会成本|生态环境成本)(指标)?$"
)
GENERIC = re.compile(r"^[\u4e00-\u9fff]{2,8}指标$")
NOT_LEVELS = ("绩效指标", "一级指标", "二级指标", "三级指标")


@dataclass
class Level:
    """A level name as written, without its ``(50分)`` suffix, and that weight if printed."""

    name: str
    weight: Decimal | None = None


def split_weight(text: str) -> Level:
    """``产出指标（50分）`` → Level("产出指标", 50)."""
    name, weight = cells.split_weight(text)
    return Level(name, weight)


def level_of(word: str, current_l1: str | None) -> int | None:
    """Return 1 or 2 when ``word`` names a level, else None (it is part of a 三级 name)."""
    name = split_weight(word).name
    if not name or name in NOT_LEVELS:
        return None
    one, two = bool(LEVEL1.match(name)), bool(LEVEL2.match(name))
    if one and two:
        return _ambiguous(name, current_l1)
    if one:
        return 1
    if two:
        return 2
    if GENERIC.match(name):
        return 2 if current_l1 else 1
    return None


def _ambiguous(name: str, current_l1: str | None) -> int:
    """成本/满意度: a 二级 under a 一级 of its family or under 产出, else a new 一级."""
    if current_l1 is None or name == current_l1:
        return 1
    if name.startswith("成本") and current_l1.startswith("产出"):
        return 2
    if "满意度" in name and "满意度" in current_l1:
        return 2
    return 1
