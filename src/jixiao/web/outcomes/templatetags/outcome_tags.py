"""Template filters of the results app."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.core.scoring.rules import fmt

register = template.Library()


@register.filter
def plain(value: object) -> str:
    """A Decimal without trailing zeros or exponent (1500, not 1.5E+3); '' for None."""
    if value is None or value == "":
        return ""
    return fmt(value) if isinstance(value, Decimal) else str(value)


OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


@register.filter
def op_sign(op: str) -> str:
    """A target's operator as the documents print it (≥, ≤)."""
    return OPS.get(op, op)


@register.filter
def yuan(value: object) -> str:
    """Whole 元 with thousands separators (1,000,000), whatever the locale's grouping."""
    if value is None or value == "":
        return ""
    return f"{int(Decimal(str(value))):,}"
