"""Demo: something on every demo role's workbench (工作台), made through the real paths.

The province sets its 2023 deadlines; 桑植县 submits (the city reviewer's desk); 武陵源区 is
submitted and reviewed (the province officer's approvals); 经济技术开发区 is approved (the
province officer's locks); 慈利县 is returned with a comment
(the county clerk's desk); the third-party evaluator starts an evaluation of 永定区 and puts
two 整改 items on 慈利县's ledger, one overdue and one due within days of the load (the clerk's
整改到期). The steps go through ``cycle.workflow.transition`` and ``outcomes.ledger``, so they
leave the same transitions, audit rows and notices as the pages do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from jixiao.core.workdays import add_workdays
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.cycle.models import periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.orgs.models import Organization
from jixiao.web.outcomes.ledger import add_item
from jixiao.web.outcomes.models import RectificationItem
from jixiao.web.performance.models import IndicatorSystem, Status
from jixiao.web.workbench.deadlines import save_deadline

YEAR = 2023
#: (period position, 填报截止, 审核时限) as a province would set them for 2023.
DEADLINES = (
    (1, date(2023, 7, 14), date(2023, 7, 31)),
    (2, date(2024, 1, 31), date(2024, 2, 29)),
)
#: (county, [(action, username, comment)]) taken in order on the county's 2023 system.
STEPS = (
    ("桑植县", [("submit", "sangzhi_clerk", "请市局审核")]),
    ("武陵源区", [("submit", "zjj_officer", "代县局提交"), ("review", "zjj_reviewer", "同意")]),
    (
        "经济技术开发区",
        [
            ("submit", "zjj_officer", "代区局提交"),
            ("review", "zjj_reviewer", "同意"),
            ("approve", "hn_officer", "同意"),
        ],
    ),
    (
        "慈利县",
        [
            ("submit", "cili_clerk", "请市局审核"),
            ("return", "zjj_reviewer", "第3项指标缺少佐证材料，请补充后重新提交。"),
        ],
    ),
)


def load_workbench_demo(log: Callable[[str], object] = print) -> None:
    """Deadlines, submissions at each step and an evaluation in progress (idempotent)."""
    users = {u.username: u for u in get_user_model().objects.all()}
    province = Organization.objects.filter(name="湖南省市场监督管理局").first()
    if province is None or "hn_officer" not in users:
        return
    periods = {p.position: p for p in periods_for(YEAR)}
    for position, submit_by, review_by in DEADLINES:
        save_deadline(
            province, periods[position], (submit_by, review_by), users["hn_officer"], None
        )
    for county, steps in STEPS:
        system = _system(county)
        if system is None or system.status != Status.DRAFT:
            continue
        for action, username, comment in steps:
            transition(system, action, users[username], comment=comment)
    evaluated = _system("永定区")
    if evaluated is not None and not evaluated.evaluations.filter(kind="third_party").exists():
        evaluate(evaluated, "third_party", users["hn_evaluator"])
    _rectification_due(users["hn_evaluator"])
    log(
        "工作台：湖南省2023年填报截止和审核时限，张家界市各县提交、审核、审批、退回各1件，"
        "第三方评价1件，慈利县整改事项2项到期"
    )


#: (problem, days from the load: negative is overdue, positive working days to go)
DUE = (
    ("【模拟数据】抽查档案不全，部分抽检批次缺少检验报告", -5),
    ("【模拟数据】资金拨付滞后，二季度末支出进度低于时序进度", 2),
)


def _rectification_due(evaluator: object) -> None:
    """Two 整改 items of 慈利县, dated from today so that the clerk's desk always shows them."""
    county = Organization.objects.filter(name="慈利县市场监督管理局").first()
    if county is None:
        return
    today = timezone.localdate()
    for problem, days in DUE:
        if RectificationItem.objects.filter(organization=county, problem=problem).exists():
            continue
        due = today + timedelta(days=days) if days < 0 else add_workdays(today, days)
        fields = {"area": "项目管理", "problem": problem, "owner": "办公室", "deadline": due}
        add_item(county, YEAR, fields, evaluator)


def _system(county: str) -> IndicatorSystem | None:
    return IndicatorSystem.objects.filter(
        organization__name=f"{county}市场监督管理局", year=YEAR
    ).first()
