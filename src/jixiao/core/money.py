"""Money and rates: 到位率, 执行率 and the ONE rounding rule used everywhere in JiXiao.

The bureaus print rates and scores rounded half-up (四舍五入) to two decimals; Python's
default banker's rounding would disagree with them on every ``x.xx5``. Every part of the
code that rounds (checks, scoring, exports) calls :func:`round_half_up`, so a figure is
never rounded two different ways.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round ``value`` half-up (四舍五入) to ``places`` decimals, as the documents do."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def quantize(value: Decimal, places: int = 2) -> Decimal:
    """Alias of :func:`round_half_up`, for code that reads better with the Decimal verb."""
    return round_half_up(value, places)


def rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """Return ``part / whole`` in percent (unrounded), or None when it cannot be computed.

    A missing figure or a zero base gives None rather than an error: a fund line with no
    budget has no rate, and the checks report the missing base instead of dividing by zero.
    """
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED


def arrival_rate(arrived: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """到位率 = 到位资金 ÷ 预算资金 × 100 (unrounded percent)."""
    return rate(arrived, budget)


def execution_rate(spent: Decimal | None, available: Decimal | None) -> Decimal | None:
    """执行率 = 全年执行 (支出) ÷ 全年预算 (或到位资金) × 100 (unrounded percent)."""
    return rate(spent, available)


def tolerance(printed: Decimal, places: int | None = None) -> Decimal:
    """Return the rounding slack of a printed number: half a unit of its last decimal.

    ``0.27`` was rounded to two decimals, so any true value within ±0.005 prints the same;
    a check that ignored this would report every rounded weight as an error.
    """
    if places is None:
        exponent = printed.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(-(places + 1))


def same_when_rounded(printed: Decimal, computed: Decimal, slack: Decimal = CENT) -> bool:
    """True when ``computed`` rounds to ``printed`` at the printed precision, give or take ``slack``.

    ``slack`` absorbs the documents' own habit of computing from already rounded parts
    (a rate from rounded 万元 amounts), which moves the last digit by one.
    """
    return abs(printed - computed) <= tolerance(printed) + slack


def places_of(printed: Decimal) -> int:
    """How many decimals a number was printed with (``4.34`` → 2, ``32.0`` → 1, ``5`` → 0)."""
    exponent = printed.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


ROUNDINGS = (
    (ROUND_HALF_UP, "四舍五入"),
    (ROUND_DOWN, "截尾（舍去末位以后的数字）"),
    (ROUND_CEILING, "进一（末位以后有数即进）"),
    (ROUND_FLOOR, "截尾（舍去末位以后的数字）"),
)


def rounding_that_gives(exact: Decimal, printed: Decimal) -> str | None:
    """Which rounding of ``exact`` to the printed decimals gives ``printed``, if any.

    A printed 4.34% for 35 ÷ 805 = 4.348% is a rounding slip (截尾), not an error in the
    count: the checks say so as information, naming the rounding that explains the figure.
    四舍五入 is tried first, as the rule the documents are meant to follow.
    """
    unit = Decimal(1).scaleb(-places_of(printed))
    for mode, name in ROUNDINGS:
        if exact.quantize(unit, rounding=mode) == printed:
            return name
    return None
