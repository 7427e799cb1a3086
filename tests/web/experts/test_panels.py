"""Drawing a panel, each expert's own sheet, and the combined score in the evaluation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.cycle.models import Change, EvaluationKind
from jixiao.web.experts.models import ExpertDraw, ExpertSheet
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import PASSWORD, World, login

from .conftest import Pool

pytestmark = pytest.mark.django_db


def as_expert(sheet: ExpertSheet) -> Client:
    client = Client()
    assert client.login(username=sheet.expert.user.username, password=PASSWORD)
    return client


def drawn(world: World, system: IndicatorSystem, count: int = 3) -> ExpertDraw:
    officer = login(Client(), "officer")
    url = f"/systems/{system.pk}/experts/"
    response = officer.post(url, {"specialty": "财务", "count": str(count)})
    assert response.status_code == 302, response.content.decode()[:400]
    return system.expert_draws.get()


def fill(sheet: ExpertSheet, scores: list[str], action: str = "submit") -> object:
    system = sheet.draw.system
    form = {"version": str(sheet.version), "action": action, "opinion": "资料齐全"}
    for ind, value in zip(system.indicators.order_by("position"), scores, strict=True):
        form[f"score-{ind.pk}"] = value
    return as_expert(sheet).post(f"/expert-sheets/{sheet.pk}/", form)


def test_the_draw_excludes_the_expert_of_the_unit_scored_and_is_recorded(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    draw = drawn(world, county_system, count=4)
    names = {pool.experts[n].pk: n for n in pool.experts}
    # the city's expert avoids the city and the province (their unit and above), not the county
    assert sorted(names[i] for i in draw.drawn) == ["市专家", "邻县专家", "高校乙", "高校甲"]
    assert [names[x["id"]] for x in draw.excluded] == ["县专家"]
    assert "须回避「乙县市场监督管理局」" in draw.excluded[0]["reason"]
    assert draw.drawn_by == world.users["officer"] and draw.seed
    assert draw.sheets.count() == 4
    log = Change.objects.get(object_type="experts.expertdraw", object_id=str(draw.pk))
    assert str(draw.seed) in log.new and log.user_name == "officer"
    page = login(Client(), "officer").get(f"/systems/{county_system.pk}/experts/")
    assert "按记录的种子和候选名单重抽结果一致" in page.content.decode()


def test_too_few_experts_is_refused_in_chinese_and_nothing_is_saved(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    officer = login(Client(), "officer")
    url = f"/systems/{county_system.pk}/experts/"
    response = officer.post(url, {"specialty": "财务", "count": "5"}, follow=True)
    assert "回避后只有4位专家可抽取，不足5位" in response.content.decode()
    assert not ExpertDraw.objects.exists() and not ExpertSheet.objects.exists()


def test_only_the_level_above_draws_and_an_expert_sees_only_their_own_sheet(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    url = f"/systems/{county_system.pk}/experts/"
    assert (
        login(Client(), "clerk").post(url, {"specialty": "财务", "count": "1"}).status_code == 403
    )
    assert login(Client(), "outsider").get(url).status_code == 404
    draw = drawn(world, county_system)
    mine, other = list(draw.sheets.all())[:2]
    assert as_expert(mine).get(f"/expert-sheets/{other.pk}/").status_code == 403
    assert as_expert(mine).get(url).status_code in (403, 404)
    assert login(Client(), "clerk").get(f"/expert-sheets/{mine.pk}/").status_code == 403
    listing = as_expert(mine).get("/experts/").content.decode()
    assert f"/expert-sheets/{mine.pk}/" in listing and f"/expert-sheets/{other.pk}/" not in listing


def test_a_score_above_the_weight_is_refused_and_the_sheet_stays_a_draft(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    sheet = drawn(world, county_system).sheets.first()
    response = fill(sheet, ["11", "9"])
    assert "超出范围：应在0至10分之间" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == "draft" and sheet.scores == {}


def test_the_sheets_combine_into_a_department_evaluation_and_the_systems_total(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    draw = drawn(world, county_system)
    sheets = list(draw.sheets.order_by("pk"))
    for sheet, scores in zip(sheets, (["8", "10"], ["9", "4"], ["10", "9"]), strict=True):
        assert fill(sheet, scores).status_code == 302
    officer = login(Client(), "officer")
    draw.refresh_from_db()
    response = officer.post(f"/expert-draws/{draw.pk}/combine/", {"version": draw.version})
    assert response.status_code == 302
    draw.refresh_from_db()
    county_system.refresh_from_db()
    assert draw.status == "combined" and draw.evaluation.kind == EvaluationKind.DEPARTMENT
    points = [Decimal(r["points"]) for r in draw.result["rows"]]
    assert points == [Decimal("9.00"), Decimal("7.67")]
    assert county_system.score_total == Decimal("16.67") == draw.evaluation.total
    flagged = [r for r in draw.result["rows"] if r["warning"]]
    assert len(flagged) == 1 and "超过分值10分的20%（2分）" in flagged[0]["warning"]
    reasons = set(draw.evaluation.scores.values_list("reason", flat=True))
    assert all(r.startswith("专家评审合议：3位专家评分") for r in reasons)
    page = officer.get(f"/systems/{county_system.pk}/experts/").content.decode()
    assert "16.67" in page and "意见分歧较大" in page


def test_combining_waits_for_every_sheet(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    draw = drawn(world, county_system, count=2)
    fill(draw.sheets.first(), ["8", "8"])
    officer = login(Client(), "officer")
    response = officer.post(f"/expert-draws/{draw.pk}/combine/", follow=True)
    assert "还有1位专家未提交评分表" in response.content.decode()
    assert not county_system.evaluations.exists()


def test_the_officer_reads_a_sheet_without_a_form_and_a_stale_expert_edit_is_refused(
    world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    sheet = drawn(world, county_system, count=2).sheets.first()
    officer = login(Client(), "officer")
    page = officer.get(f"/expert-sheets/{sheet.pk}/").content.decode()
    assert "监督抽查食品经营企业户次" in page and 'name="score-' not in page
    expert = pool.experts["高校甲"]
    form = {"name": "高校甲", "specialties": "财务", "title": "教授", "version": "1"}
    assert officer.post(f"/experts/{expert.pk}/", form).status_code == 302
    stale = officer.post(f"/experts/{expert.pk}/", form | {"title": "研究员"})
    assert stale.status_code == 409 and "您的修改没有保存" in stale.content.decode()
    expert.refresh_from_db()
    assert expert.title == "教授"
