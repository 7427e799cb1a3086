"""A monitored year on the persona tree: two counties with targets, projects and a 6/30 round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from jixiao.core.documents import Document, Indicator, Project, Target
from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.models import IndicatorCheck, Round, SpendingCheck
from jixiao.web.monitoring.records import launch_round
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World

JUNE = date(2024, 6, 30)


def county_plan(name: str) -> Document:
    """A county's 2024 project system: two count targets, one rate target, one project."""
    return Document(
        kind="evaluation_report",
        title=f"{name}2024年项目支出绩效目标",
        year=2024,
        indicators=[
            Indicator(
                id="1",
                name="监督抽查食品经营企业户次",
                path=["产出指标", "数量指标"],
                targets=[Target(raw="不少于300户次", op=">=", value=Decimal(300), unit="户次")],
                weight=Decimal(50),
                score=Decimal(40),
                departments=["食品经营安全监督管理股"],
            ),
            Indicator(
                id="2",
                name="特种设备检验批次",
                path=["产出指标", "数量指标"],
                targets=[Target(raw="≥100批次", op=">=", value=Decimal(100), unit="批次")],
                weight=Decimal(30),
                score=Decimal(30),
            ),
            Indicator(
                id="3",
                name="投诉举报按时办结率",
                path=["效益指标", "社会效益指标"],
                targets=[Target(raw="≥98%", op=">=", value=Decimal(98), unit="%")],
            ),
        ],
        projects=[Project(name="食品抽检项目", unit=name, available={"total": Decimal(80)})],
    )


@dataclass
class Monitored:
    """The round and the systems the tests look at."""

    round: Round
    county_system: IndicatorSystem
    other_system: IndicatorSystem

    def check(self, system: IndicatorSystem, position: int) -> IndicatorCheck:
        return IndicatorCheck.objects.get(
            round=self.round, indicator__system=system, indicator__position=position
        )

    def spending(self, system: IndicatorSystem) -> SpendingCheck:
        return SpendingCheck.objects.get(round=self.round, project__system=system)


@pytest.fixture
def monitored(world: World) -> Monitored:
    county = save_document(county_plan(world.county.name), world.county, user=world.users["clerk"])
    other = save_document(county_plan(world.other_county.name), world.other_county)
    rnd = launch_round(world.province, 2024, JUNE, world.users["officer"])
    return Monitored(rnd, county, other)
