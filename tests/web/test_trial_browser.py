"""What the bureau trial tripped on (#18), each in a real browser with the personas.

The evaluator registers an evaluation's deductions on the 整改台账 and adds one by hand; a
read-only user is told who registers items instead of meeting a page without a form. A county
clerk finds the province's 6月30日 monitoring round and opens the county's own records.
"""

from __future__ import annotations

import pytest

from jixiao.web.cycle.models import Evaluation
from jixiao.web.imports.save import save_document
from jixiao.web.outcomes.models import RectificationItem

from .browser import MARKS, log_in
from .conftest import PASSWORD, World, county_document
from .monitoring.conftest import monitored  # noqa: F401  (fixture)
from .outcomes.support import evaluated

pytestmark = MARKS


def test_the_evaluator_puts_an_evaluations_deductions_on_the_ledger(
    live_server: object, browser: object, world: World
) -> None:
    base = live_server.url
    system = evaluated(world, world.county, 2024, "5")
    evaluation = Evaluation.objects.get(system=system)
    page = log_in(browser, base, "evaluator", PASSWORD)
    page.goto(f"{base}/evaluations/{evaluation.pk}/")
    assert "5.00" in page.locator("table.grid").inner_text()  # two decimals (#18)
    page.click("#to-ledger button")
    page.wait_for_selector("#ledger")
    assert "监督抽查食品经营企业户次：扣" in page.locator("#ledger").inner_text()
    from_evaluation = RectificationItem.objects.filter(created_by=world.users["evaluator"]).count()
    page.click("#ledger-sources summary")
    page.fill("#ledger-sources textarea[name=problem]", "佐证档案不全")
    page.click("#ledger-sources form.stack button[type=submit]")
    page.wait_for_selector("#ledger >> text=佐证档案不全")
    # one item per deduction and finding of the evaluation, and the one registered by hand
    assert RectificationItem.objects.filter(created_by=world.users["evaluator"]).count() == (
        from_evaluation + 1
    )

    viewer = log_in(browser, base, "readonly", PASSWORD)
    viewer.goto(f"{base}/outcomes/ledger/?org={world.county.pk}&year=2024")
    assert "评价人登记" in viewer.locator("#ledger-readonly").inner_text()
    assert viewer.locator("#ledger-sources").count() == 0


@pytest.mark.usefixtures("monitored")
def test_a_county_clerk_finds_the_provinces_round_and_fills_in_the_countys_records(
    live_server: object, browser: object, world: World
) -> None:
    base = live_server.url
    page = log_in(browser, base, "clerk", PASSWORD)
    page.click("header nav >> text=运行监控")
    page.wait_for_selector("#rounds")
    assert "还没有监控轮次" not in page.locator("#rounds").inner_text()
    assert "2024-06-30" in page.locator("#rounds").inner_text()
    page.click(f"#rounds >> text={world.county.name}的监控数据")
    page.wait_for_load_state()
    assert "监督抽查食品经营企业户次" in page.content()


def test_the_admin_switches_the_dashboard_to_another_province_and_is_told_what_to_do_next(
    live_server: object, browser: object, world: World
) -> None:
    plan = county_document()
    for indicator in plan.indicators:
        indicator.score = None  # targets set, nothing filled in or scored yet
    save_document(plan, world.county, user=world.users["clerk"])
    base = live_server.url
    page = log_in(browser, base, "admin", PASSWORD)
    page.goto(f"{base}/dashboard/")
    assert world.province.name in page.locator("h1").inner_text()
    names = page.locator("#dashboard-root option").all_inner_texts()
    assert names == [world.province.name, world.other_province.name]
    assert "未评分" in page.locator("#figures").inner_text()
    assert "开展自评" in page.locator("#unscored-hint").inner_text()
    assert "运行监控" in page.locator("#no-round-hint").inner_text()
    page.select_option("#id_root", str(world.other_province.pk))
    page.click("#dashboard-root button")
    page.wait_for_selector(f"h1:has-text('{world.other_province.name}')")
    assert "还没有指标体系" in page.locator("#dashboard-empty").inner_text()
    assert page.locator("#dashboard-empty a[href='/imports/']").count() == 1
    assert page.locator("#id_root").input_value() == str(world.other_province.pk)


def test_the_grid_warns_as_the_clerk_types_text_or_a_foreign_unit(
    live_server: object, browser: object, world: World
) -> None:
    system = save_document(county_document(), world.county, user=world.users["clerk"])
    indicator = system.indicators.get(code="1")  # 不少于300户次
    page = log_in(browser, live_server.url, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/systems/{system.pk}/results/")
    cell = page.locator(f"#parsed-{indicator.pk}")
    value = page.locator("#results input[name=value]").first
    value.fill("已完成")
    value.press("Tab")
    page.wait_for_selector(f"#parsed-{indicator.pk} .saved")
    assert "「已完成」不是数字" in cell.inner_text()
    value.fill("95%")
    value.press("Tab")
    page.wait_for_selector(f"#parsed-{indicator.pk} :text('单位「%」')")
    value.fill("320户次")
    value.press("Tab")
    cell.locator(".result-warning").wait_for(state="detached")
    assert "320" in cell.inner_text()
