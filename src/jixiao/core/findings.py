"""Findings: problems in a document's figures, returned as data (never raised).

A finding says where, what was printed, what it should be and why, in the bureaus' words,
so one run of the checks reports every problem at once (beancount's ``(entries, errors)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.documents import plain

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Finding:
    """One problem found by a check; ``rule`` is a stable dotted code documented in docs/."""

    rule: str
    severity: str
    where: str
    message: str
    expected: Decimal | str | None = None
    found: Decimal | str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object for this finding."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "where": self.where,
            "message": self.message,
            "expected": plain(self.expected),
            "found": plain(self.found),
        }
