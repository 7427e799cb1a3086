"""Rectification (整改): evaluators' problems as ledger items, overdue and closing rules.

An evaluation report lists its problems by area ("（一）专项资金政策方面") and, inside an
area, one by one ("一是…二是…三是…"), each usually with its cause ("主要原因是…"). A ledger
item is one of those: the problem, the cause, then the measure, owner and deadline the bureau
adds. Splitting on the enumerators and the cause phrase is what any report of this kind
does, not a property of one seed. An item is overdue when its deadline has passed and it
is not closed; it may be closed only with evidence, because a closed item with nothing to
show is what the next evaluation deducts for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.core.money import round_half_up

OPEN = "open"
IN_PROGRESS = "in_progress"
CLOSED = "closed"
STATUSES = {OPEN: "未整改", IN_PROGRESS: "整改中", CLOSED: "已整改"}

ORDINAL = re.compile(r"(?:^|(?<=[。；;\s]))[一二三四五六七八九十]+是[，,、]?")
CAUSE = re.compile(r"(?:主要)?原因(?:是|为|在于|[:：])[，,]?")


class RectificationError(ValueError):
    """A ledger change the rules do not allow (closing without evidence, a bad status)."""


@dataclass(frozen=True)
class Problem:
    """One problem read from a report: its area, what is wrong, and the stated cause."""

    area: str
    problem: str
    cause: str


def split_problems(area: str, text: str) -> list[Problem]:
    """The problems of one area, split on 一是/二是/…, each with its 主要原因 when stated."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    starts = [m.start() for m in ORDINAL.finditer(text)]
    if not starts or starts[0] > 0:
        starts = [0, *starts]
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [_problem(area, ORDINAL.sub("", p, count=1).strip()) for p in pieces if p.strip()]


def _problem(area: str, piece: str) -> Problem:
    found = CAUSE.search(piece)
    if not found:
        return Problem(area, piece, "")
    return Problem(area, piece[: found.start()].strip(), piece[found.end() :].strip())


def problems_from_figures(figures: list[dict[str, object]]) -> list[Problem]:
    """Every problem of a report kept as ``问题:<area>`` text figures (schema jixiao/v1)."""
    found: list[Problem] = []
    for figure in figures:
        name = str(figure.get("name") or "")
        if name.startswith("问题:"):
            found += split_problems(name.removeprefix("问题:"), str(figure.get("text") or ""))
    return found


def problem_from_finding(finding: dict[str, object]) -> Problem:
    """A check's finding (rule, where, message) as a ledger problem."""
    where = str(finding.get("where") or "")
    message = str(finding.get("message") or finding.get("rule") or "")
    return Problem("评价发现", f"{where}：{message}" if where else message, "")


def problem_from_deduction(
    name: str, weight: Decimal | None, points: Decimal | None, explanation: str
) -> Problem | None:
    """An indicator that lost points in an evaluation, as a ledger problem; None if it did not.

    A score under the weight is what an evaluation finds first (it needs a reason and a fix,
    per the scoring rules), so it is a problem to rectify even when every check passed.
    """
    if weight is None or points is None or points >= weight:
        return None
    lost, got, full = (round_half_up(v) for v in (weight - points, points, weight))
    return Problem("指标扣分", f"{name}：扣{lost}分（得{got}分，分值{full}分）", explanation)


def is_overdue(deadline: date | None, status: str, today: date) -> bool:
    """True when the deadline has passed and the item is not closed."""
    return deadline is not None and status != CLOSED and deadline < today


def check_status_change(status: str, has_evidence: bool) -> None:
    """Refuse an unknown status, or closing an item without evidence.

    Raises:
        RectificationError: with the Chinese message the page shows.
    """
    if status not in STATUSES:
        raise RectificationError(f"未知的整改状态：{status}")
    if status == CLOSED and not has_evidence:
        raise RectificationError("销号须先上传整改佐证材料。")
