"""What a careful reader records for each real document: the files in ``expected/`` and their rules.

One JSON object per document (schema in README.md, "What a careful reader records"). This
module loads them and checks them against the schema *and against the document*: every
name, printed target and printed number a reader records must be found in the document's
text, so an expectation cannot drift from the page it describes. The scoring harness
(``scoring.py``) and ``tests/ingest/test_realworld_corpus.py`` use it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
EXPECTED = HERE / "expected"
#: Documents kept apart from the corpus the reading is developed against (README, "Held out").
HELDOUT = HERE / "heldout" / "expected"
#: Every set of documents by name: the corpus and each batch kept apart (README, "Held out").
SETS = {
    "corpus": EXPECTED,
    "heldout": HELDOUT,
    "heldout2": HERE / "heldout2" / "expected",
}

KINDS = (
    "indicator_system",
    "self_evaluation",
    "evaluation_report",
    "disclosure_report",
    "work_goals",
)
# The contract's target operators, plus "about" (左右), which the contract has no word for.
OPS = (">=", ">", "<=", "<", "=", "about", "between", "by_date", "qualitative")
SEVERITIES = ("error", "warning", "info")
# Issue 15's classes of what a careful reader finds, plus "overshoot" (a result far above a
# target that looks set too low) and "layout" (a form printed in a way that misleads).
CLASSES = (
    "totals",
    "form_rules",
    "required_blank",
    "budget",
    "disclosure",
    "history",
    "rounding",
    "overshoot",
    "layout",
)
TABLES = ("二", "三", "四")
BUDGET_FIELDS = ("initial", "adjusted", "spent", "rate", "weight", "score")
TOP = {
    "file": str,
    "kind": str,
    "organisation": (str, type(None)),
    "year": (int, type(None)),
    "title": (str, type(None)),
    "complete": bool,
    "errors": list,
}
OPTIONAL = {
    "indicators": list,
    "budget": dict,
    "totals": dict,
    "disclosure": list,
    "commitments": list,
    "projects": list,
    "figures": list,
    "notes": str,
    "source": str,
    "html": str,
}
NUMBER = (int, float)


@dataclass(frozen=True)
class Expectation:
    """One document and what a careful reader records for it."""

    stem: str
    data: dict[str, Any]
    path: Path

    @property
    def folder(self) -> Path:
        """The documents' folder: the one above ``expected/``."""
        return self.path.parent.parent

    @property
    def document(self) -> Path:
        return self.folder / self.data["file"]

    def text(self) -> str:
        return self.document.read_text(encoding="utf-8")


def load_all(folder: Path = EXPECTED) -> list[Expectation]:
    """Every expectation file of ``folder`` (the corpus by default), sorted by name."""
    return [load(path) for path in sorted(folder.glob("*.json"))]


def load_heldout() -> list[Expectation]:
    """The held-out documents' expectations (``heldout/expected/``)."""
    return load_all(HELDOUT)


def load_set(name: str) -> list[Expectation]:
    """The expectations of one named set (``SETS``): ``corpus``, ``heldout``, ``heldout2``."""
    if name not in SETS:
        raise ValueError(f"no set {name!r}; the sets are {', '.join(SETS)}")
    return load_all(SETS[name])


def load(path: Path) -> Expectation:
    return Expectation(path.stem, json.loads(path.read_text(encoding="utf-8")), path)


def dec(value: Any) -> Decimal | None:
    """A recorded number as a Decimal (None stays None, text is not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def squeeze(text: str) -> str:
    """The text without any whitespace, to find a recorded phrase across line breaks."""
    return "".join(text.split())


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def printed_numbers(text: str) -> set[Decimal]:
    """Every number printed in ``text`` (thousands separators removed), normalised."""
    return {Decimal(m).normalize() for m in _NUMBER.findall(text.replace(",", ""))}


# ----------------------------------------------------------------------------- validation


def validate(exp: Expectation) -> list[str]:
    """What is wrong with one expectation: schema problems and records not in the document."""
    data = exp.data
    problems = _types(data, TOP, required=True) + _types(data, OPTIONAL, required=False)
    if problems:
        return problems
    if exp.stem != Path(data["file"]).stem:
        problems.append(f"file {data['file']} does not share the expectation's name {exp.stem}")
    if not exp.document.exists():
        return [*problems, f"no document {data['file']}"]
    if "html" in data and not (exp.folder / data["html"]).exists():
        problems.append(f"no page {data['html']}")
    if data["kind"] not in KINDS:
        problems.append(f"kind {data['kind']!r} is not one of {KINDS}")
    text = exp.text()
    found = _Finder(text)
    problems += found.phrase("organisation", data["organisation"])
    problems += found.phrase("title", data["title"])
    if data["year"] is not None:
        problems += found.phrase("year", str(data["year"]))
    for check in (_indicators, _budget, _totals, _disclosure, _commitments, _rest, _errors):
        problems.extend(check(data, found))
    return problems


class _Finder:
    """Answers whether a phrase or a number is printed in the document."""

    def __init__(self, text: str) -> None:
        self.flat = squeeze(text)
        self.numbers = printed_numbers(text)

    def phrase(self, where: str, text: str | None) -> list[str]:
        if text is None or squeeze(text) in self.flat:
            return []
        return [f"{where}: {text!r} is not in the document"]

    def number(self, where: str, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, NUMBER) or isinstance(value, bool):
            return [f"{where}: {value!r} is not a number"]
        if abs(Decimal(str(value))).normalize() in self.numbers:
            return []
        return [f"{where}: {value} is not printed in the document"]


def _types(data: dict, spec: dict, required: bool) -> list[str]:
    problems = []
    for key, kind in spec.items():
        if key not in data:
            if required:
                problems.append(f"missing {key}")
            continue
        if not isinstance(data[key], kind):
            problems.append(f"{key} has the wrong type ({type(data[key]).__name__})")
    unknown = set(data) - set(TOP) - set(OPTIONAL)
    if required and unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    return problems


def _indicators(data: dict, found: _Finder) -> list[str]:
    problems: list[str] = []
    for n, ind in enumerate(data.get("indicators", [])):
        where = f"indicator {n} ({ind.get('name')})"
        if not isinstance(ind.get("name"), str) or not isinstance(ind.get("path"), list):
            problems.append(f"{where}: needs a name and a path")
            continue
        if "target" not in ind or ind.get("op") not in (*OPS, None):
            problems.append(f"{where}: needs a target (or null) and an op from {OPS} or null")
        problems += found.phrase(where, ind["name"])
        problems += found.phrase(where, ind.get("target"))
        problems += found.phrase(where, ind.get("actual"))
        for key in ("value", "weight", "score"):
            problems += found.number(f"{where} {key}", ind.get(key))
    return problems


def _budget(data: dict, found: _Finder) -> list[str]:
    budget = data.get("budget")
    if budget is None:
        return []
    problems = found.number("budget weight", budget.get("weight"))
    problems += found.number("budget score", budget.get("score"))
    for row in budget.get("rows", []):
        if not isinstance(row.get("source"), str):
            problems.append("budget row without a source")
            continue
        problems += found.phrase("budget row", row["source"])
        unknown = set(row) - {"source", *BUDGET_FIELDS}
        if unknown:
            problems.append(f"budget row {row['source']}: unknown fields {sorted(unknown)}")
        for key in BUDGET_FIELDS:
            problems += found.number(f"budget {row['source']} {key}", row.get(key))
    return problems


def _totals(data: dict, found: _Finder) -> list[str]:
    totals = data.get("totals", {})
    problems = [
        f"totals: unknown key {k}" for k in totals if k not in ("weight", "score", "grade")
    ]
    problems += found.number("totals weight", totals.get("weight"))
    problems += found.number("totals score", totals.get("score"))
    return problems + found.phrase("totals grade", totals.get("grade"))


def _disclosure(data: dict, found: _Finder) -> list[str]:
    problems = []
    for cell in data.get("disclosure", []):
        if cell.get("table") not in TABLES or not all(
            isinstance(cell.get(k), str) for k in ("row", "column")
        ):
            problems.append(f"disclosure cell {cell}: needs table, row and column")
            continue
        problems += found.number(f"disclosure {cell['row']}/{cell['column']}", cell.get("value"))
    return problems


def _commitments(data: dict, found: _Finder) -> list[str]:
    problems = []
    for item in data.get("commitments", []):
        where = f"commitment {item.get('text')!r}"
        if item.get("op") not in (*OPS, None) or dec(item.get("value")) is None:
            problems.append(f"{where}: needs an op and a numeric value")
        problems += found.phrase(where, item.get("text"))
        problems += found.phrase(where, item.get("printed"))
    return problems


def _rest(data: dict, found: _Finder) -> list[str]:
    problems = []
    for project in data.get("projects", []):
        problems += found.phrase("project", project.get("name"))
        for key in ("amount", "available", "spent"):
            problems += found.number(f"project {project.get('name')} {key}", project.get(key))
    for figure in data.get("figures", []):
        problems += found.phrase("figure", figure.get("text"))
        problems += found.number(f"figure {figure.get('name')}", figure.get("value"))
    return problems


def _errors(data: dict, found: _Finder) -> list[str]:
    problems = []
    for n, error in enumerate(data["errors"]):
        where = f"error {n}"
        if error.get("class") not in CLASSES or error.get("severity") not in SEVERITIES:
            problems.append(f"{where}: class must be one of {CLASSES}, severity of {SEVERITIES}")
        if not error.get("cells") or not isinstance(error.get("note"), str):
            problems.append(f"{where}: needs the cells involved and a note")
        if "expected" not in error or "found" not in error:
            problems.append(f"{where}: needs expected and found (null if none)")
        if isinstance(error.get("found"), NUMBER):
            problems += found.number(f"{where} found", error["found"])
    return problems
