"""The set-based rescore: one ``UPDATE … CASE`` per rule kind, the same text on SQLite and PostgreSQL.

Each statement is the arithmetic of :func:`jixiao.core.scoring.choose.score_choice` for one
kind, over the narrow rows the adapter stored (``Scoring.rule_kind``, ``met``, ``level``,
``target_value``, ``actual_value``, with the row's 分值 and printed score). The core's
numbers come from the core (the qualitative bands' shares are read from
:class:`~jixiao.core.scoring.rules.Bands`); nothing here decides which rule applies.

Exactness: the core rounds half-up (四舍五入) in Decimal. SQLite has no decimal type, and
floats lose a half-cent tie (2.675 is 2.67499… as a float), so the ratios are computed in
integers: values scaled by 10⁴ (the columns keep four decimals) and the cents rounded half-up
as ``(2·a·w + d) ÷ 2d`` in integer division. With values below 10⁸ (the adapter's
``SQL_LIMIT``) and 分值 at most :data:`MAX_WEIGHT` every product fits 64 bits; rows beyond
that are scored by the core. ``tests/web/test_rescore_sets.py`` proves the statements give
the core's points, indicator by indicator, on generated indicators of every kind.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.scoring.rules import Bands
from jixiao.web.performance.models import RuleKind

#: Kinds whose statement multiplies scaled integers: their 分值 is bounded (see the module).
INTEGER_KINDS = (RuleKind.RATIO, RuleKind.REVERSE, RuleKind.BANDS)
MAX_WEIGHT = Decimal(100)
SCALE = 10_000  # the typed columns' four decimals

#: The systems a rescore covers: ``%s`` takes a subquery of their ids.
IN_SQL = "system_id IN (%s)"


def scaled(column: str) -> str:
    """A decimal column as an exact integer count of 0.0001s (it holds four decimals)."""
    return f"CAST(ROUND({column} * {SCALE}) AS BIGINT)"


A, T, W = scaled("actual_value"), scaled("target_value"), scaled("weight")


def half_up(numerator: str, denominator: str) -> str:
    """``numerator ÷ denominator`` in cents, rounded half-up, as a number of 分 (both ≥ 0).

    ``numerator ÷ denominator`` is in units of 0.0001 分 ÷ 100 = cents, so the rounded cents are
    ``(2n + 100d) div 200d``; dividing by 100.0 gives the points.
    """
    return f"((2 * {numerator} + 100 * {denominator}) / (200 * {denominator})) / 100.0"


#: 分值 rounded to cents, as ``Proportional`` caps at it (``round_half_up(weight)``).
CAPPED = f"(({W} + 50) / 100) / 100.0"

MET_SQL = "CASE WHEN met THEN weight WHEN NOT met THEN 0 END"
PRINTED_SQL = "CASE WHEN score = weight THEN weight END"
RATIO_SQL = (
    f"CASE WHEN {T} = 0 THEN weight WHEN {A} >= {T} THEN {CAPPED} "
    f"ELSE {half_up(f'{A} * {W}', T)} END"
)
REVERSE_SQL = (
    f"CASE WHEN {A} <= {T} AND ({A} = 0 OR {T} = 0) THEN weight "
    f"WHEN {A} = 0 OR {T} = 0 THEN 0 "
    f"WHEN {A} <= {T} THEN {CAPPED} "
    f"ELSE {half_up(f'{T} * {W}', A)} END"
)


def bands_sql() -> tuple[str, list[str]]:
    """``Bands.score``: the level's band in cents, the printed score pulled into it."""
    whens, params = [], []
    score = scaled("score")
    for band in Bands().bands:
        low, high = (_share_cents(share) for share in (band.low, band.high))
        # score and the ends compared in 0.0001s: the printed score keeps its four decimals
        whens.append(
            f"WHEN level = %s THEN CASE WHEN score IS NULL THEN {high} / 100.0 "
            f"WHEN {score} < {low} * 100 THEN {low} / 100.0 "
            f"WHEN {score} > {high} * 100 THEN {high} / 100.0 ELSE score END"
        )
        params.append(band.label)
    return f"CASE {' '.join(whens)} END", params


def _share_cents(share: Decimal) -> str:
    """``round_half_up(weight × share)`` in cents, for a share with at most four decimals."""
    parts = share * SCALE
    assert parts == parts.to_integral_value(), "a band's share has at most four decimals"
    return f"((2 * {W} * {int(parts)} + 1000000) / 2000000)"


def kind_sql() -> list[tuple[str, str, list[str]]]:
    """Each kind's points expression and its parameters."""
    bands, labels = bands_sql()
    return [
        (RuleKind.MET, MET_SQL, []),
        (RuleKind.PRINTED, PRINTED_SQL, []),
        (RuleKind.RATIO, RATIO_SQL, []),
        (RuleKind.REVERSE, REVERSE_SQL, []),
        (RuleKind.BANDS, bands, labels),
    ]


def statements(table: str, scope: str) -> list[tuple[str, str, list[object]]]:
    """``(kind, sql, params)`` for each statement; the scope's own parameters go last.

    A row is written only when its points change (``IS DISTINCT FROM``), so a rescore that
    moves few scores writes few rows; each statement returns the system of every row it wrote
    (``RETURNING``: SQLite ≥ 3.35 and PostgreSQL), so only those systems need a new total.
    """
    found: list[tuple[str, str, list[object]]] = []
    for kind, expr, params in kind_sql():
        bound = " AND weight <= %s" if kind in INTEGER_KINDS else ""
        extra: list[object] = [MAX_WEIGHT] if bound else []
        sql = (
            f"UPDATE {table} SET points = {expr} "  # noqa: S608 - our own text, quoted name
            f"WHERE rule_kind = %s AND weight IS NOT NULL{bound} "
            f"AND points IS DISTINCT FROM ({expr}) AND {scope} RETURNING system_id"
        )
        found.append((kind, sql, [*params, str(kind), *extra, *params]))
    found.append(
        (
            "unweighted",
            f"UPDATE {table} SET points = NULL "  # noqa: S608 - our own text, quoted name
            f"WHERE weight IS NULL AND points IS NOT NULL AND {scope} RETURNING system_id",
            [],
        )
    )
    return found
