"""Demo data for the results pages, built on 湖南省's 2023 evaluation report (seed 003).

- an incentive pool by the report's own rule ("按照每个市州 100 万元、每个县市区 50 万元的标准
  给予奖励"); the 表扬激励名单 is not in the seed, so a unit qualifies by its score instead:
  grade 优 (≥ 90) on the simulated 2023 自评 (``jixiao.demo.monitoring.load_yearend_demo``), cities
  by their counties' rolled-up score;
- the report's problems (五、存在的问题及原因分析) as ledger items, through the same splitter
  the page uses, with owners and deadlines (some already past, so the overdue view has rows);
- a few 2024 proposals for the 项目库 the report's suggestions ask for, assessed and ranked.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.web.orgs.models import Organization
from jixiao.web.outcomes import ledger, pools, proposals
from jixiao.web.outcomes.models import IncentivePool, RectificationItem
from jixiao.web.performance.models import IndicatorSystem, SystemKind

PROVINCE = "湖南省市场监督管理局"
POOL_NAME = "真抓实干激励【模拟数据】"
QUALIFYING_SCORE = "90"  # grade 优 (MOF bands): the score rule standing in for the 表扬名单
# area → (owner, deadline, status): who answers for each kind of problem in the demo.
OWNERS = {
    "专项资金政策方面": ("科技财务处 王处长", date(2024, 3, 31), "in_progress"),
    "预算资金分配方面": ("科技财务处 王处长", date(2024, 6, 30), "open"),
    "资金使用管理方面": ("各资金使用单位负责人", date(2027, 6, 30), "in_progress"),
    "项目管理方面": ("省网络商品交易监测中心 李主任", date(2024, 12, 31), "open"),
    "绩效管理方面": ("执法稽查局 张局长", date(2027, 3, 31), "open"),
}
MEASURES = {
    "专项资金政策方面": "建立部门预算项目库，改变用专项资金弥补业务工作经费的模式。",
    "预算资金分配方面": "专项资金不再按内设机构切块分配，按因素法和项目法分配。",
    "资金使用管理方面": "明确专项资金使用范围，加快预算执行，规范支出列支。",
    "项目管理方面": "加快项目立项和前期准备，进度滞后的项目及时调整或退出。",
    "绩效管理方面": "加强绩效运行监控，对偏差较大的指标及时预警、纠偏。",
}
PROPOSALS = (
    # name, department, 万元, priority, readiness, points (必要性, 经济性, 目标, 可行性, 合规性)
    (
        "湖南省网络交易监测系统一期建设",
        "省网络商品交易监测中心",
        "300",
        1,
        "not_ready",
        (22, 15, 16, 12, 13),
    ),
    ("打击侵权假冒动态舆情监测分析", "执法稽查局", "40", 1, "ready", (23, 18, 18, 18, 14)),
    ("产业计量测试中心能力建设", "计量处", "260", 2, "ready", (20, 16, 15, 17, 14)),
    ("基层监管所修缮及设备购置", "科技财务处", "520", 2, "partial", (21, 14, 12, 13, 12)),
    ("市场监管宣传品印制", "新闻宣传中心", "80", 3, "ready", (8, 10, 9, 12, 10)),
)


def load_outcomes_demo() -> None:
    """Create the demo pool, ledger and pipeline (once; a second run changes nothing)."""
    province = Organization.objects.filter(name=PROVINCE, parent__isnull=True).first()
    if province is None or IncentivePool.objects.filter(organization=province).exists():
        return
    _pool(province)
    _ledger(province)
    _pipeline(province)


def _pool(province: Organization) -> None:
    pool = pools.define_pool(
        province,
        {
            "name": POOL_NAME,
            "year": 2023,
            "amount": "800",
            "method": "fixed",
            "city_amount": "100",
            "county_amount": "50",
            "min_score": QUALIFYING_SCORE,
        },
        [],
        None,
    )
    pools.save_allocation(pool)


def _ledger(province: Organization) -> None:
    system = (
        IndicatorSystem.objects.filter(organization=province, year=2023, kind=SystemKind.PROJECT)
        .order_by("-pk")
        .first()
    )
    if system is None:
        return
    for item in ledger.items_from_system(system, None):
        owner, deadline, status = OWNERS.get(item.area, ("科技财务处", date(2024, 6, 30), "open"))
        item.owner, item.deadline, item.status = owner, deadline, status
        item.measure = MEASURES.get(item.area, "")
        item.save()
    RectificationItem.objects.filter(organization=province, year=2023, owner="").update(
        owner="科技财务处"
    )


def _pipeline(province: Organization) -> None:
    keys = ("necessity", "economy", "targets", "feasibility", "compliance")
    for name, department, amount, priority, readiness, points in PROPOSALS:
        proposal = proposals.propose(
            province,
            {
                "name": name,
                "year": 2024,
                "department": department,
                "amount": amount,
                "priority": priority,
                "readiness": readiness,
                "summary": "演示数据：按《2023年度省级市场监督管理专项资金绩效自评报告》建议建立项目库。",
            },
            None,
        )
        proposals.score_assessment(
            proposal, {k: Decimal(v) for k, v in zip(keys, points, strict=True)}
        )
