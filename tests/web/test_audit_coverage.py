"""Every model a person can change is audited: who, old and new, through its real path.

The list of models comes from Django's app registry, so a new model fails this test until it
is given an exercise here (a change made through its page or API, then looked up in the
change log by object type and id) or a reason in ``NOT_EDITED_BY_USERS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.audit import as_text
from jixiao.web.cycle.models import Change, EvaluationScore, periods_for
from jixiao.web.monitoring.models import IndicatorCheck, Schedule, SpendingCheck
from jixiao.web.outcomes.models import IncentivePool
from jixiao.web.performance.models import Project
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored, monitored  # noqa: F401  (fixture)
from tests.web.outcomes.support import evaluated, indicator_with_history

pytestmark = pytest.mark.django_db

#: Models no person edits through a page or the API, and why their writes need no rows here.
NOT_EDITED_BY_USERS = {
    "orgs.organization": "单位树由系统管理员在 Django 管理后台维护（后台自带操作日志）",
    "orgs.department": "处室随导入自动建立，或由系统管理员在管理后台维护",
    "orgs.membership": "用户与角色由系统管理员在管理后台维护（后台自带操作日志）",
    "performance.budgetline": "只随导入整体写入（指标体系上记“导入”），无页面或接口修改",
    "performance.allocation": "只随导入整体写入（指标体系上记“导入”），无页面或接口修改",
    "cycle.reportingperiod": "填报期由系统自动建立默认值，或由管理员在后台配置",
    "cycle.change": "修改记录本身（只能追加）",
    "cycle.transition": "流转记录本身（只能追加）",
    "outcomes.incentiveshare": "由评价得分计算的分配表，整体记在资金池的“分配结果”上",
    "imports.importjob": "后台导入任务的进度；导入本身记在指标体系上",
    "api.apitoken": "用户本人的接口凭据（只存摘要），不是业务数据",
    "security.loginattempt": "登录尝试记录本身是日志",
    "rules.scorebasis": "评分的中间结果，随指标体系总分一同由评分自动重写，无页面或接口修改",
}


@dataclass
class Ctx:
    """The personas, a logged-in page client per persona and API headers per persona."""

    world: World
    client: Client

    def page(self, persona: str) -> Client:
        return login(Client(), persona)

    def api(self, persona: str, method: str, url: str, body: Any = None) -> Any:
        _, raw = ApiToken.issue(self.world.users[persona], "审计覆盖测试")
        call = getattr(self.client, method)
        data = json.dumps(body) if body is not None else None
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        response = call(url, data=data, content_type="application/json", **headers)
        assert response.status_code in (200, 201), (url, response.content.decode()[:300])
        return response.json()


#: An exercise changes one object through its page or API and returns it with the persona
#: who did it and the (old, new) the log must hold; old None means "created" (any old).
Exercise = Callable[[Ctx, Any], tuple[models.Model, str, str | None, str]]


def ex_system(ctx: Ctx, m: Monitored) -> Any:
    system = m.county_system
    ctx.api("clerk", "post", f"/api/systems/{system.pk}/transitions", {"action": "submit"})
    return system, "clerk", "草稿", "已提交"


def ex_indicator(ctx: Ctx, m: Monitored) -> Any:
    indicator = m.county_system.indicators.get(position=2)
    ctx.api("clerk", "patch", f"/api/indicators/{indicator.pk}", {"name": "特种设备检验（改）"})
    return indicator, "clerk", "特种设备检验批次", "特种设备检验（改）"


def ex_result(ctx: Ctx, m: Monitored) -> Any:
    indicator = m.county_system.indicators.get(position=2)
    period = periods_for(2024)[0]
    url = f"/api/indicators/{indicator.pk}/results/{period.pk}"
    ctx.api("clerk", "put", url, {"value": "50批次"})
    body = ctx.api("clerk", "put", url, {"value": "60批次"})
    return indicator.results.get(period=period), "clerk", "50批次", body["value_text"]


def ex_evaluation(ctx: Ctx, m: Monitored) -> Any:
    ctx.page("evaluator").post(
        f"/systems/{m.county_system.pk}/evaluations/", {"kind": "third_party"}
    )
    return m.county_system.evaluations.get(), "evaluator", None, ""


def ex_evaluation_score(ctx: Ctx, m: Monitored) -> Any:
    evaluation = evaluated(ctx.world, ctx.world.county, 2023, "10").evaluations.get()
    row = EvaluationScore.objects.filter(evaluation=evaluation).order_by("pk").first()
    ctx.page("admin").post(
        f"/evaluations/{evaluation.pk}/rows/{row.pk}/", {"adjusted": "7", "reason": "复核扣分"}
    )
    return row, "admin", as_text(row.adjusted), "7"


def ex_thresholds(ctx: Ctx, m: Monitored) -> Any:
    url = f"/api/monitoring/thresholds/{ctx.world.province.pk}"
    limits = {"progress_amber_below": 90, "spending_red_below": 50, "spending_amber_below": 80}
    ctx.api("officer", "put", url, {"progress_red_below": 60, **limits})
    ctx.api("officer", "put", url, {"progress_red_below": 55, **limits})
    return ctx.world.province.monitoring_thresholds, "officer", "60", "55"


def ex_schedule(ctx: Ctx, m: Monitored) -> Any:
    url = f"/api/monitoring/schedules/{ctx.world.province.pk}/2024"
    ctx.api("officer", "put", url, {"frequency": "quarterly", "fill_workdays": 10})
    ctx.api("officer", "put", url, {"frequency": "monthly", "fill_workdays": 10})
    plan = Schedule.objects.get(organization=ctx.world.province, year=2024)
    return plan, "officer", "按季", "按月"


def ex_round(ctx: Ctx, m: Monitored) -> Any:
    body = {"organization": ctx.world.province.pk, "as_of": "2024-09-30"}
    made = ctx.api("officer", "post", "/api/monitoring/rounds", body)
    return type(m.round).objects.get(pk=made["id"]), "officer", None, ""


def ex_check(ctx: Ctx, m: Monitored) -> Any:
    check = m.check(m.county_system, 2)
    ctx.api("clerk", "put", f"/api/monitoring/checks/{check.pk}", {"value": "40批次"})
    ctx.api("clerk", "put", f"/api/monitoring/checks/{check.pk}", {"value": "70批次"})
    return IndicatorCheck.objects.get(pk=check.pk), "clerk", "40批次", "70批次"


def ex_spending(ctx: Ctx, m: Monitored) -> Any:
    check = m.spending(m.county_system)
    ctx.api("clerk", "put", f"/api/monitoring/spending/{check.pk}", {"spent": "30"})
    ctx.api("clerk", "put", f"/api/monitoring/spending/{check.pk}", {"spent": "45"})
    return SpendingCheck.objects.get(pk=check.pk), "clerk", "30", "45"


def ex_pool(ctx: Ctx, m: Monitored) -> Any:
    evaluated(ctx.world, ctx.world.county, 2023, "10")
    body = {"org": ctx.world.province.pk, "name": "激励", "year": 2023, "amount": "100"}
    body |= {"city_amount": "50", "county_amount": "50"}
    pool = ctx.api("officer", "post", "/api/outcomes/pools", body)
    ctx.api("officer", "post", f"/api/outcomes/pools/{pool['id']}/save")
    ctx.api("officer", "post", f"/api/outcomes/pools/{pool['id']}/approve")
    return IncentivePool.objects.get(pk=pool["id"]), "officer", "草稿", "已审定"


def ex_target(ctx: Ctx, m: Monitored) -> Any:
    indicator = indicator_with_history(ctx.world.county).indicators.get()
    url = f"/api/outcomes/indicators/{indicator.pk}/target"
    ctx.api("clerk", "put", url, {"value": "30"})
    ctx.api("clerk", "put", url, {"value": "35"})
    from jixiao.web.outcomes.models import TargetSuggestion

    return TargetSuggestion.objects.get(indicator=indicator), "clerk", "30", "35"


def ex_ledger(ctx: Ctx, m: Monitored) -> Any:
    body = {"org": ctx.world.county.pk, "year": 2024, "problem": "抽检不足", "measure": "补抽"}
    item = ctx.api("clerk", "post", "/api/outcomes/ledger", body)
    ctx.api("clerk", "patch", f"/api/outcomes/ledger/{item['id']}", {"measure": "增加抽检"})
    from jixiao.web.outcomes.models import RectificationItem

    return RectificationItem.objects.get(pk=item["id"]), "clerk", "补抽", "增加抽检"


def ex_proposal(ctx: Ctx, m: Monitored) -> Any:
    body = {"org": ctx.world.city.pk, "year": 2025, "name": "监测系统", "amount": "300"}
    made = ctx.api(
        "city_officer", "post", "/api/outcomes/proposals", body | {"readiness": "ready"}
    )
    ctx.api(
        "city_officer", "post", f"/api/outcomes/proposals/{made['id']}/retire", {"reason": "缓建"}
    )
    from jixiao.web.outcomes.models import ProjectProposal

    return ProjectProposal.objects.get(pk=made["id"]), "city_officer", "入库待审", "已退出项目库"


def ex_project(ctx: Ctx, m: Monitored) -> Any:
    body = {"org": ctx.world.city.pk, "year": 2025, "name": "执法装备", "amount": "50"}
    made = ctx.api(
        "city_officer", "post", "/api/outcomes/proposals", body | {"readiness": "ready"}
    )
    points = {"necessity": "25", "economy": "20", "targets": "20", "feasibility": "20"}
    url = f"/api/outcomes/proposals/{made['id']}"
    ctx.api("city_officer", "post", f"{url}/assessment", points | {"compliance": "15"})
    ctx.api("city_officer", "post", f"{url}/fund", {})
    return Project.objects.get(name="执法装备"), "city_officer", None, "执法装备"


def ex_request(ctx: Ctx, m: Monitored) -> Any:
    url = f"/api/disclosure/{ctx.world.county.pk}/requests"
    body = {"received": "2024-09-24", "channel": "信函受理", "applicant_type": "自然人"}
    made = ctx.api("clerk", "post", url, body | {"ref": "甲-1"})
    ctx.api("clerk", "patch", f"/api/disclosure/requests/{made['id']}", {"ref": "甲-2"})
    from jixiao.web.disclosure.models import InfoRequest

    return InfoRequest.objects.get(pk=made["id"]), "clerk", "甲-1", "甲-2"


def ex_proactive(ctx: Ctx, m: Monitored) -> Any:
    url = f"/disclosure/{ctx.world.county.pk}/2022/proactive/"
    clerk = ctx.page("clerk")
    clerk.post(url, {"v|行政许可|本年处理决定数量": "4804"})
    clerk.post(url, {"v|行政许可|本年处理决定数量": "5000"})
    from jixiao.web.disclosure.models import ProactiveCount

    return ProactiveCount.objects.get(item="行政许可"), "clerk", "4804", "5000"


def ex_review(ctx: Ctx, m: Monitored) -> Any:
    clerk, org = ctx.page("clerk"), ctx.world.county.pk
    body = {"group": "行政复议", "ref": "复议〔2022〕1号", "result": "结果维持"}
    clerk.post(f"/disclosure/{org}/2022/reviews/", body)
    from jixiao.web.disclosure.models import ReviewCase

    case = ReviewCase.objects.get()
    clerk.post(f"/disclosure/{org}/reviews/{case.pk}/delete/")
    assert not ReviewCase.objects.exists() and ReviewCase.all_objects.filter(pk=case.pk).exists()
    return case, "clerk", "复议〔2022〕1号", ""


def ex_report(ctx: Ctx, m: Monitored) -> Any:
    clerk = ctx.page("clerk")
    response = clerk.post(f"/disclosure/{ctx.world.county.pk}/2023/report/issue/xlsx/")
    assert response.status_code == 200, response.content[:300]
    from jixiao.web.disclosure.models import AnnualReport

    return AnnualReport.objects.get(year=2023), "clerk", "", "xlsx"


def ex_draft(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.cycle.models import ReportDraft

    clerk, url = ctx.page("clerk"), f"/systems/{m.county_system.pk}/report/"
    first, second = "标题\n一、甲\n第一稿。\n", "标题\n一、甲\n第二稿。\n"
    assert clerk.post(url, {"text": first, "version": "0"}).status_code == 302
    assert clerk.post(url, {"text": second, "version": "1"}).status_code == 302
    return ReportDraft.objects.get(system=m.county_system), "clerk", first, "第二稿"


def ex_rule(ctx: Ctx, m: Monitored) -> Any:
    body = {"organization": ctx.world.province.pk, "name": "分值", "operator": ">="}
    rule = ctx.api("officer", "post", "/api/rules", body | {"left": "1", "right": "0"})
    ctx.api("officer", "post", f"/api/rules/{rule['id']}/active?active=false")
    from jixiao.web.rules.models import UserRule

    return UserRule.objects.get(pk=rule["id"]), "officer", "是", "否"


def ex_scoring_variant(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.core.scoring.policy import policy_from_data
    from jixiao.web.rules.models import ScoringVariant

    url = f"/api/scoring-policies/{ctx.world.province.pk}/2024"
    first = {"caps": [{"rate": "执行率", "below": 50, "cap": 59}]}
    ctx.api("officer", "put", url, {"policy": first})
    ctx.api("officer", "put", url, {"policy": {"caps": [{"below": 60, "cap": 69}]}})
    old = policy_from_data(first).describe()
    return ScoringVariant.objects.get(), "officer", old, "低于60%的，总分最高69分"


def ex_library_entry(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.library.models import EntryKind, LibraryIndicator

    entry = LibraryIndicator.objects.create(
        organization=ctx.world.province, kind=EntryKind.COMMON, name="抽检批次", key="抽检批次||"
    )
    form = {"name": "抽检批次", "kind": "common", "unit": "批次", "valid_from": "2024"}
    ctx.page("officer").post(f"/library/{entry.pk}/", form)
    return entry, "officer", "", "2024"


def ex_library_offer(ctx: Ctx, m: Monitored) -> Any:
    link = m.county_system.indicators.order_by("position").first().library_link
    ctx.page("officer").post(f"/library/offers/{link.pk}/", {"action": "reject"})
    return link, "officer", "待归并", "不入库"


def ex_adjustment_window(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.library.models import AdjustmentWindow

    form = {"org": ctx.world.province.pk, "closes_on": "2025-09-30", "remind_days": "7"}
    ctx.page("officer").post("/adjustments/window/", form)
    return AdjustmentWindow.objects.get(year=2025), "officer", "", "2025-09-30"


def ex_target_review(ctx: Ctx, m: Monitored) -> Any:
    from tests.web.library.test_reviews import submitted

    system = submitted(ctx.world)
    form = {"result": "pass", "opinion": "同意"}
    ctx.page("reviewer").post(f"/systems/{system.pk}/target-review/", form)
    return system.target_reviews.get(), "reviewer", None, "通过"


def ex_target_adjustment(ctx: Ctx, m: Monitored) -> Any:
    from tests.web.library.test_adjustments import approved_system, asked

    adjustment = asked(ctx.world, approved_system(ctx.world))
    form = {"decision": "approve", "approved_on": "2025-07-15"}
    ctx.page("city_officer").post(f"/adjustments/{adjustment.pk}/decide/", form)
    return adjustment, "city_officer", "待审批", "批准"


def _pool(ctx: Ctx) -> Any:
    from tests.web.experts.conftest import make_pool

    return make_pool(ctx.world)


def ex_expert(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.experts.models import Expert

    form = {"org": ctx.world.province.pk, "name": "张专家", "specialties": "财务"}
    ctx.page("officer").post("/experts/", form)
    expert = Expert.objects.get(name="张专家")
    form = {"name": "张专家", "specialties": "财务、法律", "version": expert.version}
    ctx.page("officer").post(f"/experts/{expert.pk}/", form)
    return expert, "officer", "财务", "财务、法律"


def ex_panel_settings(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.experts.models import PanelSettings

    form = {"org": ctx.world.province.pk, "method": "trimmed", "spread_percent": "25"}
    ctx.page("officer").post("/experts/rule/", form)
    return PanelSettings.objects.get(), "officer", "20", "25"


def ex_expert_draw(ctx: Ctx, m: Monitored) -> Any:
    _pool(ctx)
    system = m.county_system
    ctx.page("officer").post(f"/systems/{system.pk}/experts/", {"specialty": "财务", "count": 2})
    return system.expert_draws.get(), "officer", None, ""


def ex_expert_sheet(ctx: Ctx, m: Monitored) -> Any:
    from tests.web.experts.test_panels import as_expert

    ex_expert_draw(ctx, m)
    sheet = m.county_system.expert_draws.get().sheets.first()
    ind = m.county_system.indicators.filter(weight__isnull=False).first()
    form = {f"score-{ind.pk}": "8", "action": "save", "version": sheet.version}
    as_expert(sheet).post(f"/expert-sheets/{sheet.pk}/", form)
    ctx.world.users["expert"] = sheet.expert.user
    return sheet, "expert", "", "8"


def ex_agency(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.experts.models import Agency

    form = {"org": ctx.world.province.pk, "name": "甲事务所", "nature": "accounting"}
    ctx.page("officer").post("/agencies/", form)
    agency = Agency.objects.get(name="甲事务所")
    form = {"name": "甲事务所", "nature": "consulting", "version": agency.version}
    ctx.page("officer").post(f"/agencies/{agency.pk}/", form)
    return agency, "officer", "会计师事务所", "咨询公司"


def ex_entrustment(ctx: Ctx, m: Monitored) -> Any:
    agency = _pool(ctx).agency
    system = m.county_system
    ctx.page("officer").post(f"/systems/{system.pk}/entrust/", {"agency": agency.pk})
    return system.entrustments.get(), "officer", None, ""
def ex_step_deadline(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.workbench.models import StepDeadline

    period = periods_for(2024)[0]
    url = f"/workbench/deadlines/?org={ctx.world.province.pk}&year=2024"
    officer = ctx.page("officer")
    officer.post(url, {f"submit_by_{period.pk}": "2024-07-10", f"version_{period.pk}": "0"})
    officer.post(url, {f"submit_by_{period.pk}": "2024-07-15", f"version_{period.pk}": "1"})
    return StepDeadline.objects.get(period=period), "officer", "2024-07-10", "2024-07-15"


def ex_notice(ctx: Ctx, m: Monitored) -> Any:
    from jixiao.web.workbench.models import Notice

    ctx.api("clerk", "post", f"/api/systems/{m.county_system.pk}/transitions", {"action": "submit"})
    notice = Notice.objects.get(user=ctx.world.users["reviewer"])
    ctx.page("reviewer").post(f"/notices/{notice.pk}/open/")
    return notice, "reviewer", "", "20"


EXERCISES: dict[str, Exercise] = {
    "performance.indicatorsystem": ex_system,
    "performance.indicator": ex_indicator,
    "performance.project": ex_project,
    "cycle.result": ex_result,
    "cycle.evaluation": ex_evaluation,
    "cycle.evaluationscore": ex_evaluation_score,
    "cycle.reportdraft": ex_draft,
    "monitoring.thresholds": ex_thresholds,
    "monitoring.round": ex_round,
    "monitoring.schedule": ex_schedule,
    "monitoring.indicatorcheck": ex_check,
    "monitoring.spendingcheck": ex_spending,
    "outcomes.incentivepool": ex_pool,
    "outcomes.targetsuggestion": ex_target,
    "outcomes.rectificationitem": ex_ledger,
    "outcomes.projectproposal": ex_proposal,
    "disclosure.inforequest": ex_request,
    "disclosure.proactivecount": ex_proactive,
    "disclosure.reviewcase": ex_review,
    "disclosure.annualreport": ex_report,
    "rules.userrule": ex_rule,
    "rules.scoringvariant": ex_scoring_variant,
    "library.libraryindicator": ex_library_entry,
    "library.indicatorlink": ex_library_offer,
    "library.adjustmentwindow": ex_adjustment_window,
    "library.targetreview": ex_target_review,
    "library.targetadjustment": ex_target_adjustment,
    "experts.expert": ex_expert,
    "experts.panelsettings": ex_panel_settings,
    "experts.expertdraw": ex_expert_draw,
    "experts.expertsheet": ex_expert_sheet,
    "experts.agency": ex_agency,
    "experts.entrustment": ex_entrustment,
    "workbench.stepdeadline": ex_step_deadline,
    "workbench.notice": ex_notice,
}


def our_models() -> set[str]:
    """Every concrete model of JiXiao's own apps."""
    return {
        m._meta.label_lower
        for m in apps.get_models()
        if m.__module__.startswith("jixiao.web.") and not m._meta.abstract
    }


def test_every_model_is_exercised_or_excluded_with_a_reason() -> None:
    listed = set(EXERCISES) | set(NOT_EDITED_BY_USERS)
    assert our_models() - listed == set(), "new model: add an exercise or a reason"
    assert listed - our_models() == set(), "stale entry"
    assert not set(EXERCISES) & set(NOT_EDITED_BY_USERS)


@pytest.mark.parametrize("label", sorted(EXERCISES))
def test_a_change_through_the_real_path_is_audited(
    label: str,
    client: Client,
    world: World,
    monitored: Monitored,  # noqa: F811
) -> None:
    obj, persona, old, new = EXERCISES[label](Ctx(world, client), monitored)
    assert obj._meta.label_lower == label
    rows = Change.objects.filter(object_type=label, object_id=str(obj.pk))
    assert rows.exists(), f"{label}: no change record"
    who = world.users[persona]
    mine = [c for c in rows if c.user_id == who.pk and c.user_name]
    assert mine, f"{label}: no record names {persona}"
    if old is None:  # a creation: logged as 新增…, with the object's label
        assert any(c.field.startswith("新增") and c.new for c in mine), [
            (c.field, c.old, c.new) for c in rows
        ]
    else:
        assert any(c.old == old and new in c.new for c in mine), [
            (c.field, c.old, c.new) for c in rows
        ]


def test_admin_edits_are_audited_and_admin_deletes_refused(world: World) -> None:
    from jixiao.web.disclosure.models import ReviewCase

    case = ReviewCase.objects.create(
        organization=world.county, year=2022, group="行政复议", ref="复议1号", result="结果维持"
    )
    admin = login(Client(), "admin")
    url = f"/admin/disclosure/reviewcase/{case.pk}/change/"
    form = {"organization": world.county.pk, "year": 2022, "group": "行政复议"}
    form |= {"ref": "复议2号", "result": "结果维持", "summary": "", "filed": "", "removed_at": ""}
    response = admin.post(url, form)
    assert response.status_code == 302, response.content.decode()[:500]
    row = Change.objects.get(object_type="disclosure.reviewcase", object_id=str(case.pk))
    assert (row.old, row.new, row.user_name, row.reason) == (
        "复议1号",
        "复议2号",
        "admin",
        "管理后台修改",
    )
    assert admin.get(f"/admin/disclosure/reviewcase/{case.pk}/delete/").status_code == 403
