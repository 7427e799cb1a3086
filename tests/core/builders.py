"""Small builders for hand-made documents: the shapes the layout parsers produce."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.documents import Actual, Budget, BudgetRow, Document, Figure, Indicator, Target


def target(
    op: str, value: str | None = None, unit: str | None = None, raw: str = "", **kw
) -> Target:
    """A Target with a Decimal value."""
    return Target(
        raw or f"{op}{value}{unit or ''}",
        op,
        D(value) if value is not None else None,
        unit=unit,
        **kw,
    )


def indicator(
    name: str,
    weight: str | None,
    score: str | None,
    *,
    path: tuple[str, ...] = ("产出指标", "数量指标"),
    targets: tuple[Target, ...] = (),
    actual: Actual | None = None,
    deviation: str | None = None,
    **kw,
) -> Indicator:
    """An Indicator with Decimal weight and score."""
    return Indicator(
        id=kw.pop("id", "1"),
        name=name,
        path=list(path),
        targets=list(targets),
        actual=actual,
        weight=D(weight) if weight is not None else None,
        score=D(score) if score is not None else None,
        deviation=deviation,
        **kw,
    )


def actual(raw: str, *targets: Target) -> Actual:
    """An Actual with its parsed quantities."""
    return Actual(raw, list(targets))


def fund_block(
    *rows: tuple[str, str | None, str | None, str | None, str | None], weight="10", score="10"
) -> Budget:
    """A self-evaluation fund block from (source, initial, adjusted, spent, rate) rows."""
    built = [
        BudgetRow(s, *(D(v) if v is not None else None for v in values)) for s, *values in rows
    ]
    return Budget(
        rows=built, weight=D(weight) if weight else None, score=D(score) if score else None
    )


def document(kind: str = "self_evaluation", **kw) -> Document:
    """A Document; ``figures`` may be given as a {name: value} dict."""
    figures = kw.pop("figures", {})
    doc = Document(kind=kind, **kw)
    doc.figures = [Figure(n, D(v) if v is not None else None) for n, v in figures.items()]
    return doc
