"""Pieces several layouts print the same way: targets, level names with weights, figures."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Document, Figure, Indicator
from jixiao.reports.numbers import points


def figure(doc: Document, name: str) -> Figure | None:
    """The document's figure called ``name``, if it has one."""
    return next((f for f in doc.figures if f.name == name), None)


def with_weight(doc: Document, path: list[str]) -> str:
    """A level's name as printed, with its stated weight: ``产出指标（50分）``."""
    stated = figure(doc, "分值:" + "/".join(path))
    if stated is None or stated.value is None:
        return path[-1]
    return f"{path[-1]}（{points(stated.value)}分）"


def target_text(ind: Indicator) -> str:
    """The 目标值 cell: the targets' printed texts, each once, in order."""
    raws: list[str] = []
    for target in ind.targets:
        if target.raw and target.raw not in raws:
            raws.append(target.raw)
    return "，".join(raws)


def sum_of(values: list[Decimal | None]) -> Decimal:
    """The sum of the stated values (None counts as nothing)."""
    return sum((v for v in values if v is not None), Decimal(0))


def notes(doc: Document) -> list[str]:
    """Texts of the ``表注`` figures (notes and signatures under a table), as printed."""
    return [f.text for f in doc.figures if f.name == "表注" and f.text]
