"""In a real browser: an officer draws experts, each expert fills their own sheet, the combined
score shows; an evaluation is entrusted to an agency, and its work is rated.

Set ``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/experts.md.
"""

from __future__ import annotations

from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.experts.models import Expert
from jixiao.web.performance.models import IndicatorSystem
from tests.web.browser import MARKS, log_in, shot
from tests.web.conftest import PASSWORD, World

from .conftest import Pool

pytestmark = MARKS


def test_drawn_experts_fill_their_sheets_and_the_combined_score_shows(
    live_server: object, browser: object, world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "officer", PASSWORD)
    officer.goto(f"{base}/systems/{county_system.pk}/")
    officer.click("#panels-link")
    officer.fill("#draw-specialty", "财务")
    officer.fill("#draw-count", "3")
    officer.click("#draw-button")
    officer.wait_for_selector("text=已随机抽取专家")
    assert "重抽结果一致" in officer.locator(".draw .replay").inner_text()
    assert "县专家须回避「乙县市场监督管理局」" in officer.locator(".draw .excluded").inner_text()
    shot(officer, "experts-01-draw")
    draw = county_system.expert_draws.get()
    for expert_id, (first, second) in zip(
        draw.drawn, (("8", "10"), ("9", "4"), ("10", "9")), strict=True
    ):
        expert = Expert.objects.get(pk=expert_id)
        page = log_in(browser, base, expert.user.username, PASSWORD)
        page.click("text=专家与机构")
        assert page.locator("#my-sheets .my-sheet").count() == 1
        page.click("#my-sheets a")
        inputs = page.locator("#sheet input[type=text]")
        inputs.nth(0).fill(first)
        inputs.nth(1).fill(second)
        page.fill("textarea[name=opinion]", "资料完整，目标基本完成")
        if expert_id == draw.drawn[0]:
            shot(page, "experts-02-sheet")
        page.click("#submit-sheet")
        page.wait_for_selector("text=评分表已提交")
        assert page.locator("#sheet-status").inner_text() == "已提交"
        page.context.close()
    officer.reload()
    officer.click("button.combine")
    officer.wait_for_selector("text=已合成专家评分")
    assert officer.locator("#combined-total").inner_text() == "16.67"
    flagged = officer.locator(".combined-row.flagged").inner_text()
    assert "超过分值10分的20%（2分），意见分歧较大" in flagged
    shot(officer, "experts-03-combined")
    officer.goto(f"{base}/systems/{county_system.pk}/")
    assert officer.locator("#recomputed-total").inner_text().startswith("16.67")


def test_an_evaluation_is_entrusted_to_an_agency_and_its_work_rated(
    live_server: object, browser: object, world: World, county_system: IndicatorSystem, pool: Pool
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "officer", PASSWORD)
    officer.goto(f"{base}/systems/{county_system.pk}/experts/")
    officer.select_option("#entrust-agency", str(pool.agency.pk))
    officer.fill("input[name=task]", "2024年度部门整体支出绩效评价")
    officer.click("#entrust-button")
    officer.wait_for_selector("text=待受托机构完成第三方评价")
    evaluate(county_system, "third_party", world.users["evaluator"])
    officer.reload()
    form = officer.locator(".rate-form")
    form.locator("input[name=score]").fill("92")
    form.locator("input[name=opinion]").fill("报告结构完整、证据充分")
    form.locator("button").click()
    officer.wait_for_selector("text=执业质量评价92分（优秀）")
    shot(officer, "experts-04-entrusted")
    officer.click(".entrustment a")
    assert officer.locator("#agency-record td.credit").inner_text().startswith("A")
    assert officer.locator("#agency-record td.count").inner_text() == "1"
    assert "乙县市场监督管理局" in officer.locator("#recent").inner_text()
