"""Score one extracted document against what a careful reader recorded (pure: no files, no IO).

``score(expected, doc, findings)`` takes an expectation (the JSON object of
``expected/<stem>.json``), the :class:`~jixiao.core.documents.Document` the extractor made
(None when it refused the file) and the findings of ``run_checks`` on it, and returns a
:class:`DocScore` of counts. Counts, not ratios, so a corpus total is a plain sum
(:func:`total`). The measures are described in README.md ("Scoring").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from tests.ingest.realworld.expectations import BUDGET_FIELDS, dec


@dataclass
class Tally:
    """``right`` of ``total`` cells or items."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)

    @property
    def ratio(self) -> float | None:
        return self.right / self.total if self.total else None

    def __iadd__(self, other: Tally) -> Tally:
        self.right += other.right
        self.total += other.total
        return self


@dataclass
class Matches:
    """Matched (tp), extracted but not recorded (fp) and recorded but not extracted (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float | None:
        if not (self.tp or self.fp or self.fn):
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def __iadd__(self, other: Matches) -> Matches:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class DocScore:
    """Every measure for one document."""

    stem: str
    kind: str
    found_kind: str | None = None
    refused: str | None = None
    kind_right: Tally = field(default_factory=Tally)
    indicators: Matches = field(default_factory=Matches)
    targets: Tally = field(default_factory=Tally)
    weights_scores: Tally = field(default_factory=Tally)
    totals: Tally = field(default_factory=Tally)
    budget: Tally = field(default_factory=Tally)
    disclosure: Tally = field(default_factory=Tally)
    disclosure_blank: Tally = field(default_factory=Tally)
    projects: Tally = field(default_factory=Tally)
    errors_found: Tally = field(default_factory=Tally)
    errors_warned: Tally = field(default_factory=Tally)
    infos_found: Tally = field(default_factory=Tally)
    false_alarms: int = 0
    other_warnings: int = 0


COUNTED = (
    "kind_right",
    "indicators",
    "targets",
    "weights_scores",
    "totals",
    "budget",
    "disclosure",
    "disclosure_blank",
    "projects",
    "errors_found",
    "errors_warned",
    "infos_found",
)


def total(scores: Iterable[DocScore]) -> DocScore:
    """The corpus: every count summed."""
    out = DocScore("all", "")
    for one in scores:
        for name in COUNTED:
            part = getattr(out, name)
            part += getattr(one, name)
        out.false_alarms += one.false_alarms
        out.other_warnings += one.other_warnings
    return out


# ----------------------------------------------------------------------------- names


def norm(text: str | None) -> str:
    """A name as compared: NFKC, no whitespace, no leading numbering, no trailing (unit)."""
    s = "".join(unicodedata.normalize("NFKC", text or "").split())
    s = re.sub(r"^(?:指标)?\(?\d{1,2}[.:、)]", "", s)
    return re.sub(r"\([^()]{1,8}\)$", "", s) or s


def label(text: str) -> str:
    """A table row or column label as compared: NFKC, no whitespace, no long explanations."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"\([^()]{6,}\)", "", s)


def same_label(a: str, b: str) -> bool:
    a, b = label(a), label(b)
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _near(a: str, b: str) -> bool:
    """One name holds the other (an extra prefix or suffix printed in the same cell)."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and short in long_ and len(short) >= len(long_) / 2


def pair(expected: list[str], found: list[str]) -> list[tuple[int, int]]:
    """Match two lists of normalised names: equal names first, then one inside the other."""
    pairs: list[tuple[int, int]] = []
    free = set(range(len(found)))
    for test in (str.__eq__, _near):
        for i, name in enumerate(expected):
            if any(p[0] == i for p in pairs):
                continue
            j = next((j for j in sorted(free) if test(name, found[j])), None)
            if j is not None:
                pairs.append((i, j))
                free.discard(j)
    return pairs


# ----------------------------------------------------------------------------- numbers

SCALE = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def base(value: Any, unit: str | None) -> Decimal | None:
    """A quantity in base units: 1.96 with unit 万户 is 19600."""
    number = dec(value)
    if number is None:
        return None
    for prefix, factor in SCALE:
        if unit and unit.startswith(prefix):
            return number * factor
    return number


def same(a: Any, b: Any) -> bool:
    """Two printed numbers are equal (None only equals None)."""
    x, y = dec(a), dec(b)
    if x is None or y is None:
        return x is None and y is None
    return x == y


OP_FAMILY = {"about": "=", ">": ">=", "<": "<="}


def same_op(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return True
    return OP_FAMILY.get(expected, expected) == OP_FAMILY.get(found or "", found)


# ----------------------------------------------------------------------------- the score


def score(expected: dict, doc: Any, findings: list, stem: str = "", refused: str = "") -> DocScore:
    """All measures for one document; ``doc`` None means the extractor refused the file."""
    out = DocScore(stem or expected["file"], expected["kind"], refused=refused or None)
    out.found_kind = getattr(doc, "kind", None)
    out.kind_right.add(out.found_kind == expected["kind"])
    if expected["kind"] == "work_goals":
        _commitments(out, expected.get("commitments", []), doc)
    else:
        _indicators(out, expected.get("indicators", []), doc)
    _totals(out, expected.get("totals", {}), doc)
    _budget(out, expected.get("budget"), doc)
    _disclosure(out, expected.get("disclosure", []), doc)
    _projects(out, expected.get("projects", []), doc)
    _checks(out, expected["errors"], findings, list(getattr(doc, "warnings", []) or []))
    return out


def _indicators(out: DocScore, recorded: list[dict], doc: Any) -> None:
    found = list(getattr(doc, "indicators", []) or [])
    pairs = pair([norm(i["name"]) for i in recorded], [norm(i.name) for i in found])
    out.indicators += Matches(len(pairs), len(found) - len(pairs), len(recorded) - len(pairs))
    matched = dict(pairs)
    for i, want in enumerate(recorded):
        got = found[matched[i]] if i in matched else None
        if want.get("target") is not None or "op" in want:
            out.targets.add(got is not None and _target_right(want, got))
        for key in ("weight", "score"):
            if key in want:
                out.weights_scores.add(got is not None and same(want[key], getattr(got, key)))


def _target_right(want: dict, got: Any) -> bool:
    first = got.targets[0] if got.targets else None
    if want.get("target") is None:
        return first is None
    if first is None:
        return False
    op = want.get("op")
    if op in ("qualitative", "by_date", "between") and want.get("value") is None:
        return first.op == op
    if want.get("value") is None:
        return True
    return _same_quantity(first.value, first.unit, want["value"], want.get("unit")) and same_op(
        op, first.op
    )


def _same_quantity(value: Any, unit: str | None, want: Any, want_unit: str | None) -> bool:
    """Equal as printed (10 万元 and 10), or equal in base units (19600 户 and 1.96 万户)."""
    raw = dec(value)
    return (raw is not None and raw == dec(want)) or (
        raw is not None and base(value, unit) == base(want, want_unit)
    )


def _commitments(out: DocScore, recorded: list[dict], doc: Any) -> None:
    found = [i for i in (getattr(doc, "indicators", []) or []) if i.targets]
    free = set(range(len(found)))
    for want in recorded:
        candidates = [
            j
            for j in sorted(free)
            if _same_quantity(
                found[j].targets[0].value,
                found[j].targets[0].unit,
                want["value"],
                want.get("unit"),
            )
        ]
        if not candidates:
            out.indicators.fn += 1
            out.targets.add(False)
            continue
        text = norm(want["text"])
        j = max(candidates, key=lambda k: _overlap(text, norm(found[k].name)))
        free.discard(j)
        out.indicators.tp += 1
        out.targets.add(same_op(want.get("op"), found[j].targets[0].op))
    out.indicators.fp += len(free) + sum(
        1 for i in (getattr(doc, "indicators", []) or []) if not i.targets
    )


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


def _totals(out: DocScore, recorded: dict, doc: Any) -> None:
    totals = getattr(doc, "totals", {}) or {}
    for key, theirs in (("weight", "weight"), ("score", "reported_score"), ("grade", "grade")):
        if key in recorded:
            got = totals.get(theirs)
            ok = got == recorded[key] if key == "grade" else same(recorded[key], got)
            out.totals.add(ok)


def _budget(out: DocScore, recorded: dict | None, doc: Any) -> None:
    if not recorded:
        return
    budget = getattr(doc, "budget", None)
    for key in ("weight", "score"):
        if key in recorded:
            out.budget.add(budget is not None and same(recorded[key], getattr(budget, key)))
    rows = list(getattr(budget, "rows", []) or [])
    pairs = dict(
        pair([norm(r["source"]) for r in recorded["rows"]], [norm(r.source) for r in rows])
    )
    for i, want in enumerate(recorded["rows"]):
        got = rows[pairs[i]] if i in pairs else None
        for key in BUDGET_FIELDS:
            if key in want:
                out.budget.add(got is not None and same(want[key], getattr(got, key)))


def _disclosure(out: DocScore, recorded: list[dict], doc: Any) -> None:
    disclosure = getattr(doc, "disclosure", None)
    for cell in recorded:
        value = _cell(disclosure, cell)
        if cell["value"] is None:
            out.disclosure_blank.add(value is None or dec(value) == 0)
        else:
            out.disclosure.add(same(cell["value"], value))


def _cell(disclosure: Any, cell: dict) -> Any:
    if disclosure is None:
        return None
    if cell["table"] == "二":
        rows = [r for r in disclosure.proactive if same_label(str(r.get("item", "")), cell["row"])]
        table = {str(k): v for row in rows[:1] for k, v in row.items()}
    else:
        source = disclosure.requests if cell["table"] == "三" else disclosure.reviews
        key = next((k for k in source if same_label(k, cell["row"])), None)
        table = source.get(key, {}) if key is not None else {}
    column = next((k for k in table if label(k) == label(cell["column"])), None)
    return table.get(column) if column is not None else None


def _projects(out: DocScore, recorded: list[dict], doc: Any) -> None:
    projects = list(getattr(doc, "projects", []) or [])
    pairs = dict(pair([norm(p["name"]) for p in recorded], [norm(p.name) for p in projects]))
    for i, want in enumerate(recorded):
        got = projects[pairs[i]] if i in pairs else None
        money = {
            "available": list((getattr(got, "available", None) or {}).values()),
            "spent": list((getattr(got, "spent", None) or {}).values()),
        }
        money["amount"] = money["available"] + money["spent"]
        for key in ("amount", "available", "spent"):
            if key in want:
                out.projects.add(any(same(want[key], v) for v in money[key]))


# ----------------------------------------------------------------------------- the checks


def _named(error: dict, finding: Any) -> bool:
    """The finding names one of the cells the reader wrote down."""
    said = unicodedata.normalize("NFKC", f"{finding.where} {finding.message}")
    for cell in error["cells"]:
        parts = re.split(r"[/:]", unicodedata.normalize("NFKC", cell))
        longest = max(parts, key=len)
        if len(longest) >= 2 and longest in said:
            return True
    return False


def matches(error: dict, finding: Any) -> bool:
    """A finding reports what the reader found: the same printed value, and the same expected
    value or one of the cells named."""
    found, expected = error["found"], error["expected"]
    if found is None:
        return finding.found in (None, "") and _named(error, finding)
    if dec(found) is not None:
        if not same(found, finding.found):
            return False
    elif str(found) not in f"{finding.found} {finding.message}":
        return False
    return (expected is not None and same(expected, finding.expected)) or _named(error, finding)


@dataclass(frozen=True)
class _Said:
    """An extraction warning seen as a finding with no values (to test whether it names a cell)."""

    where: str
    message: str = ""
    found: None = None


def _warned(error: dict, warning: str) -> bool:
    """An extraction warning names one of the cells and says the printed and expected values."""
    said = all(
        _said(value, warning) for value in (error["found"], error["expected"]) if value is not None
    )
    return said and _named(error, _Said(warning))


def _said(value: Any, text: str) -> bool:
    number = dec(value)
    return (f"{number.normalize():f}" if number is not None else str(value)) in text


def _checks(out: DocScore, recorded: list[dict], findings: list, warnings: list[str]) -> None:
    """Which of the reader's errors the checks report; the rest: said as a warning, or missed.

    ``errors_warned`` counts the reader's errors and warnings that no finding reports but an
    extraction warning names, with the printed and expected values (``doc.warnings``, which
    ``jixiao check`` does not print).
    """
    used: set[int] = set()
    for error in recorded:
        hit = next(
            (n for n, f in enumerate(findings) if n not in used and matches(error, f)), None
        )
        if hit is not None:
            used.add(hit)
        if error["severity"] == "info":
            out.infos_found.add(hit is not None)
            continue
        out.errors_found.add(hit is not None)
        if hit is None:
            out.errors_warned.add(any(_warned(error, w) for w in warnings))
    for n, finding in enumerate(findings):
        if n in used:
            continue
        if finding.severity == "error":
            out.false_alarms += 1
        elif finding.severity == "warning":
            out.other_warnings += 1


MEASURES = tuple(f.name for f in fields(DocScore) if f.name in COUNTED)
