"""The figure a plan reports for the year before, attached to the target for the same measure.

A plan reviews last year (``2023年，全市新增市场主体12.5万户``) and then commits to this
year (``新增市场主体10万户以上``). A careful reader sets the two side by side: a target below
what was already done needs a reason. The measure is known by the words just before the
number (``新增市场主体``, without a leading year, 全年/今年 or a verb such as 达到) and by
the unit; a past figure that matches exactly one target's measure and unit becomes that
indicator's ``history[<year before>]``, which the checks compare (``baseline.below_last_year``).
A summary names the same measure in other words (``粮食总产达到557亿斤`` for ``粮食产量…500亿
斤以上``): failing an exact match, the one past figure in the same unit whose measure opens with
the same two characters stands for it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import Indicator
from jixiao.ingest.layouts.indicator_system.targets import find_targets

LEAD = re.compile(r"^(?:\d{4}年|全年|今年|去年|上年|当年|力争|确保|全市|全省|全县|全区|累计|共)+")
TAIL = re.compile(r"(?:达到|达|为|是|完成|实现|超过|突破|约|共|累计|保持在|保持|控制在|在)+$")
RUN = re.compile(r"([\u4e00-\u9fff]{2,16})[^\u4e00-\u9fff\d]{0,2}$")
KEY = 6


def measure(clause: str, raw: str) -> str | None:
    """The measure's words: the Chinese run just before ``raw`` in ``clause``, trimmed."""
    at = clause.find(raw.strip())
    if at <= 0:
        return None
    run = RUN.search(clause[:at])
    if not run:
        return None
    words = TAIL.sub("", LEAD.sub("", run.group(1)))
    return words[-KEY:] if len(words) >= 2 else None


def past_figures(clauses: list[str]) -> dict[tuple[str, str], Decimal]:
    """(measure, unit) → value for the numbers of past clauses; a measure said twice is dropped."""
    found: dict[tuple[str, str], Decimal] = {}
    twice: set[tuple[str, str]] = set()
    for clause in clauses:
        pairs, _ = find_targets(clause)
        for target, _c in pairs:
            name = measure(clause, target.raw)
            if target.value is None or not target.unit or name is None:
                continue
            key = (name, target.unit)
            if key in found and found[key] != target.value:
                twice.add(key)
            found[key] = target.value
    return {k: v for k, v in found.items() if k not in twice}


def attach(
    indicators: list[Indicator], past: dict[tuple[str, str], Decimal], year: int | None
) -> None:
    """Give each indicator whose measure and unit match one past figure that year's value."""
    if year is None or not past:
        return
    for ind in indicators:
        keys = {
            (name, t.unit)
            for t in ind.targets
            if t.unit and (name := measure(ind.name, t.raw)) is not None
        }
        values = [past[k] for k in keys if k in past] or _kindred(keys, past)
        if len(values) == 1 and not ind.history:
            ind.history[str(year - 1)] = values[0]


def _kindred(keys: set[tuple[str, str]], past: dict[tuple[str, str], Decimal]) -> list[Decimal]:
    """The past figure of the same subject (first two characters) when it is its unit's only one."""
    out = []
    for name, unit in keys:
        same_unit = [(n, v) for (n, u), v in past.items() if u == unit]
        if len(same_unit) == 1 and same_unit[0][0][:2] == name[:2]:
            out.append(same_unit[0][1])
    return out
