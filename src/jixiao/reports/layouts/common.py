"""Pieces several layouts print the same way: targets, level names with weights, figures."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.bureaus import title_without_repeated_name
from jixiao.core.documents import Document, Figure, Indicator
from jixiao.reports.blocks import Paragraph
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


def plain_title(doc: Document, default: str) -> str:
    """The document's title, the unit's name not printed twice (``core.bureaus``)."""
    return title_without_repeated_name(doc.title or default, doc.organization.name)


def issuer_line(doc: Document, title: str) -> list[Paragraph]:
    """The issuing unit's line above the title, unless the title names the unit already.

    "湖南省市场监督管理局" over "2023年度湖南省市场监督管理局专项资金部门评价报告" reads as the
    name twice (#18); a title that does not name its unit still gets the line.
    """
    name = doc.organization.name
    if not name or name in "".join(title.split()):
        return []
    return [Paragraph(name, align="center")]
