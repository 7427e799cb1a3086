"""A library world: last year's county system with results, a peer county, a province library."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from jixiao.core.documents import Actual, Document, Indicator, Target
from jixiao.web.imports.save import save_document
from jixiao.web.library.models import EntryKind, LibraryIndicator
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World

LAST, NEXT = 2024, 2025
SPOT_CHECKS = "监督抽查食品经营企业户次"


def plan(target: str, actual: str | None = None, year: int = NEXT) -> Document:
    """A project-type target table with one 数量 indicator (targets and, optionally, actuals)."""
    value = Decimal(target)
    return Document(
        kind="self_evaluation" if actual else "indicator_system",
        title=f"{year}年度项目绩效目标",
        year=year,
        indicators=[
            Indicator(
                id="1",
                name=f"1.{SPOT_CHECKS}",
                path=["产出指标", "数量指标"],
                direction="≥",
                targets=[Target(raw=f"≥{target}户次", op=">=", value=value, unit="户次")],
                actual=Actual(
                    raw=f"{actual}户次",
                    targets=[
                        Target(raw=f"{actual}户次", op="=", value=Decimal(actual), unit="户次")
                    ],
                )
                if actual
                else None,
                weight=Decimal(100),
            )
        ],
    )


@dataclass
class Library:
    last_year: IndicatorSystem
    peer: IndicatorSystem
    entry: LibraryIndicator
    mandatory: LibraryIndicator


@pytest.fixture
def library(world: World) -> Library:
    """The county's 2024 system with its result, the other county's 2025 targets, two entries."""
    last_year = save_document(plan("300", actual="320", year=LAST), world.county)
    peer = save_document(plan("350"), world.other_county)
    save_document(plan("250"), world.city)
    entry = LibraryIndicator.objects.get_or_create(
        organization=world.province,
        key=last_year.indicators.get().library_link.key,
        defaults={
            "kind": EntryKind.COMMON,
            "name": SPOT_CHECKS,
            "path": ["产出指标", "数量指标"],
            "unit": "户次",
            "function_class": "市场监督管理事务",
            "fund_use": "食品安全抽检",
            "reference_value": "≥330户次",
            "reference_basis": "近三年全省县级平均完成值",
        },
    )[0]
    mandatory = LibraryIndicator.objects.create(
        organization=world.province,
        kind=EntryKind.COMMON,
        name="服务对象满意度",
        key="服务对象满意度|%|满意度",
        path=["满意度指标", "服务对象满意度指标"],
        unit="%",
        mandatory=True,
        reference_value="≥90%",
    )
    return Library(last_year, peer, entry, mandatory)
