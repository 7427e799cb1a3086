"""How numbers are printed in the bureaus' tables (one place for every layout).

The readers turn printed text back into Decimals, so what matters is that a number is printed
exactly (no float rounding) and in the seed's manner: money with thousand separators and two
decimals in a fund block (``11,789.83``), rates with ``%`` (``95.54%``), points as stated
(``2.5``, ``9.55``).
"""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal | int | None) -> str:
    """A number as written: no exponent, no trailing zeros; None as empty."""
    if value is None:
        return ""
    number = Decimal(value)
    whole = number.to_integral_value()
    if number == whole:  # not quantize(): it fails past the context's 28 digits
        return f"{whole:f}"
    return f"{number.normalize():f}"


def money(value: Decimal | None) -> str:
    """Money as the fund blocks print it: thousand separators, two decimals."""
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}"


def percent(value: Decimal | None) -> str:
    """A rate given in % as printed: two decimals and the sign (``95.54%``)."""
    if value is None:
        return ""
    return f"{Decimal(value):.2f}%"


def points(value: Decimal | None) -> str:
    """A weight or score (分值/得分) as printed: exact, without trailing zeros."""
    return plain(value)
