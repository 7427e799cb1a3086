"""Every finding code made by the checks, scoring and baseline modules has its heading in docs/checks.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "src" / "jixiao" / "core"
MODULES = [
    *(CORE / "checks").glob("*.py"),
    *(CORE / "scoring").glob("*.py"),
    CORE / "baseline.py",
]
# A code is the first argument of a call: Finding("budget.column_sum", …) or a helper that
# builds the finding, printed_rate("funds.execution_rate", …), _sum_finding("report.rate", …).
CODE = re.compile(r'\w\(\s*"([a-z_]+\.[a-z_]+)"')


def _codes() -> set[str]:
    codes: set[str] = set()
    for path in MODULES:
        codes |= set(CODE.findall(path.read_text(encoding="utf-8")))
    return codes


def test_the_checks_make_finding_codes():
    assert {
        "budget.execution_rate",
        "weights.level_sum",
        "baseline.below_average",
        "rounding.slip",
        "report.rate",
        "disclosure.balance",
    } <= _codes()


def test_every_finding_code_is_documented_under_its_own_heading():
    headings = set(
        re.findall(r"^## (\S+)", (ROOT / "docs" / "checks.md").read_text(encoding="utf-8"), re.M)
    )
    assert _codes() - headings == set()
