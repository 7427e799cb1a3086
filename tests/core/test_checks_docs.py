"""Every finding code made by the checks, scoring and baseline modules has its heading in docs/checks.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "src" / "jixiao" / "core"
MODULES = [
    *(
        CORE / "checks" / n
        for n in (
            "__init__.py",
            "budget.py",
            "funds.py",
            "weights.py",
            "scores.py",
            "history.py",
            "required.py",
            "narrative.py",
            "units.py",
        )
    ),
    *(CORE / "scoring").glob("*.py"),
    CORE / "baseline.py",
]


def _codes() -> set[str]:
    codes: set[str] = set()
    for path in MODULES:
        codes |= set(
            re.findall(r'Finding\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
        )
    return codes


def test_the_checks_make_finding_codes():
    assert {"budget.execution_rate", "weights.level_sum", "baseline.below_average"} <= _codes()


def test_every_finding_code_is_documented_under_its_own_heading():
    headings = set(
        re.findall(r"^## (\S+)", (ROOT / "docs" / "checks.md").read_text(encoding="utf-8"), re.M)
    )
    assert _codes() - headings == set()
