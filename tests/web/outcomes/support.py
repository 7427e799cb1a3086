"""Builders for the results-app tests: evaluated systems, a report with problems, a pool."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Actual, Document, Figure, Indicator, Target
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World, county_document


def evaluated(world: World, org: Organization, year: int, score: str) -> IndicatorSystem:
    """A self-evaluation of ``org`` for ``year``: the first indicator done to ``score``/10."""
    doc = county_document(score)
    doc.year = year
    doc.title = f"{org.name}{year}年度部门整体支出绩效自评表"
    system = save_document(doc, org, year=year)
    first = system.indicators.order_by("position").first()
    done = 30 * int(score)
    first.actual_text = f"{done}户次"
    first.actual = {
        "raw": first.actual_text,
        "targets": [{"raw": first.actual_text, "op": "=", "value": done, "unit": "户次"}],
    }
    first.save()
    evaluate(system, "third_party", world.users["admin"])
    return system


def report_with_problems(org: Organization, year: int = 2023) -> IndicatorSystem:
    """An evaluation report whose 存在的问题 has two areas, saved through the import path."""
    doc = Document(
        kind="evaluation_report",
        title=f"{org.name}{year}年度专项资金绩效评价报告",
        year=year,
        figures=[
            Figure(
                "问题:资金使用管理方面",
                None,
                text="一是培训费列支欠规范。主要原因是对资金使用范围认识模糊。"
                "二是执行率偏低，科技项目执行率40.95%。主要原因是项目执行期为2~3年。",
            ),
            Figure("问题:项目管理方面", None, text="个别单位项目实施进度滞后。"),
            Figure("建议:加强管理", None, text="一是加强项目库建设。"),
        ],
    )
    return save_document(doc, org, year=year)


def indicator_with_history(org: Organization, year: int = 2023) -> IndicatorSystem:
    """An indicator system whose one indicator has 2020–2022 history and a 2023 actual."""
    doc = Document(
        kind="indicator_system",
        title=f"{org.name}{year}年绩效指标",
        year=year,
        indicators=[
            Indicator(
                id="1",
                name="缺陷产品召回批次",
                direction="≥",
                targets=[Target(raw="不少于25批次", op=">=", value=Decimal(25), unit="批次")],
                actual=Actual(
                    raw="26批次", targets=[Target("26批次", "=", Decimal(26), unit="批次")]
                ),
                history={"2021": Decimal(30), "2022": Decimal(25)},
                departments=["质量发展处"],
            )
        ],
    )
    return save_document(doc, org, year=year)
