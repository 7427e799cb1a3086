"""Each results page in a real browser on the demo data (seed 003's 湖南省 2023 evaluation).

The province officer ranks the units on the simulated 2023 自评 (against 2022), opens the demo
真抓实干 pool (100万 per city, 50万 per county graded 优), saves, approves and exports it; works the 整改台账 (overdue filter, closing
with evidence); proposes, assesses and funds a 项目库 proposal; and sets next year's target
where the reason rule bites. ``JIXIAO_DOCS_IMG=1`` writes the screenshots of docs/outcomes.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.demo.outcomes import POOL_NAME
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.orgs.models import Organization
from jixiao.web.outcomes.models import IncentivePool, RectificationItem
from jixiao.web.performance.models import IndicatorSystem
from tests.web.browser import MARKS, log_in, shot

pytestmark = MARKS
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_rankings_and_the_incentive_pool(
    demo: None,
    live_server: object,
    browser: object,
    tmp_path: Path,
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "hn_officer")
    officer.click("header nav >> text=结果应用")
    officer.wait_for_selector("#rankings")
    assert "2023年度绩效得分排名" in officer.content()
    province = Organization.objects.get(name="湖南省市场监督管理局")
    units = [r for r in province_rollup(province, 2023).walk() if r.unit.level != "unit"]
    cities = [r for r in units if r.unit.level == "city"]
    best = min(cities, key=lambda r: (-r.score, r.name))  # 全部 ranks each level on its own
    assert "市州（本层级内排名）" in officer.locator("#rankings tr.level-head").first.inner_text()
    first = officer.locator("#rankings tr:not(.level-head)").nth(1).locator("td")
    assert first.nth(0).inner_text() == "1" and first.nth(1).inner_text() == best.name
    assert first.nth(4).inner_text() != "—" and first.nth(5).inner_text().isdigit()  # 2022
    unscored = officer.locator("#rankings tr:has-text('未评价')").all_inner_texts()
    assert unscored and all("市场监督管理局" not in row for row in unscored)  # 直属单位 only
    shot(officer, "outcomes-01-rankings")
    officer.click("#outcome-tabs >> text=激励资金分配")
    officer.click(f"text={POOL_NAME}")
    officer.wait_for_selector("#allocation")
    table = officer.locator("#allocation").inner_text()
    assert "张家界市市场监督管理局" in table and "1,000,000" in table and "500,000" in table
    assert "低于90分" in table  # the counties that fell short of 优 get nothing
    due = sum(
        {"city": 1_000_000, "county": 500_000}[r.unit.level]
        for r in units
        if r.unit.level in ("city", "county") and r.score >= 90
    )
    assert officer.locator("#allocated").inner_text() == f"{due:,}"
    shot(officer, "outcomes-02-pool")
    with officer.expect_download() as download:
        officer.click("#export-xlsx")
    saved = tmp_path / "pool.xlsx"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"PK")
    officer.click("#save-allocation")
    officer.wait_for_selector("text=已保存分配结果")
    officer.click("#approve-allocation")
    officer.wait_for_selector("text=分配结果已审定")
    assert officer.locator("#pool-status").inner_text() == "已审定"
    assert IncentivePool.objects.get().status == "approved"


def test_the_rectification_ledger(
    demo: None,
    live_server: object,
    browser: object,
    tmp_path: Path,
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "hn_officer")
    officer.goto(f"{base}/outcomes/ledger/?year=2023")
    officer.wait_for_selector("#ledger")
    overdue = int(re.search(r"\d+", officer.locator("#overdue-count").inner_text()).group())
    assert overdue > 0 and officer.locator("#ledger tr.overdue").count() == overdue
    shot(officer, "outcomes-03-ledger")
    officer.check("input[name=overdue]")
    officer.click("#scope button")
    officer.wait_for_selector("#ledger")
    assert officer.locator("#ledger tr.overdue").count() == overdue
    row = officer.locator("#ledger tr.overdue").first
    item_id = int(row.get_attribute("id").removeprefix("item-"))
    row.locator("select[name=status]").select_option("closed")
    row.locator("button[type=submit]").click()
    officer.wait_for_selector("text=销号须先上传整改佐证材料")
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(PDF)
    row = officer.locator(f"#item-{item_id}")
    row.locator("select[name=status]").select_option("closed")
    row.locator("input[name=evidence]").set_input_files(str(evidence))
    row.locator("button[type=submit]").click()
    officer.wait_for_selector(f"text=已更新整改事项 #{item_id}")
    assert RectificationItem.objects.get(pk=item_id).status == "closed"


def test_the_project_pipeline_and_next_years_targets(
    demo: None,
    live_server: object,
    browser: object,
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "hn_officer")
    officer.goto(f"{base}/outcomes/pipeline/?year=2024")
    officer.wait_for_selector("#pipeline")
    text = officer.locator("#pipeline").inner_text()
    assert "未完成立项审批或前期准备不充分，不安排预算" in text
    shot(officer, "outcomes-04-pipeline")
    form = officer.locator("#propose-form")
    form.locator("input[name=name]").fill("食品安全快检能力提升")
    form.locator("input[name=amount]").fill("120")
    form.locator("select[name=readiness]").select_option("ready")
    form.locator("button").click()
    officer.wait_for_selector("#assess-form")
    for name, value in (
        ("necessity", "22"),
        ("economy", "18"),
        ("targets", "17"),
        ("feasibility", "18"),
        ("compliance", "14"),
    ):
        officer.fill(f"#assess-form input[name={name}]", value)
    officer.click("#assess-form button")
    officer.wait_for_selector("#assessment-conclusion")
    assert (
        officer.locator("#assessment-score").inner_text() == "89.00"
    )  # scores print with two decimals (#18)
    shot(officer, "outcomes-05-assessment")
    officer.click("button[data-action=fund]")
    officer.wait_for_selector("text=已安排预算")
    assert officer.locator("#proposal-status").inner_text() == "已安排预算"

    set_a_low_target_with_a_reason(log_in(browser, base, "fj_officer"), base)


def set_a_low_target_with_a_reason(officer: object, base: str) -> None:
    """On seed 000 (2019-2021 history): a target below the average is refused, then kept."""
    system = IndicatorSystem.objects.get(kind="business", organization__name__startswith="福建")
    officer.goto(f"{base}/outcomes/systems/{system.pk}/targets/")
    officer.wait_for_selector("#suggestions")
    row = officer.locator("#suggestions tr:has-text('近三年')").first
    row_id = row.get_attribute("id")
    average = re.search(r"平均值([\d.]+)", row.inner_text()).group(1)
    low = str(max(float(average) / 2, 0))
    row.locator("input[name=value]").fill(low)
    row.locator("input[name=reason]").fill("")
    row.locator("button").click()
    officer.wait_for_selector("text=请填写理由后再保存")
    row = officer.locator(f"#{row_id}")
    row.locator("input[name=value]").fill(low)
    row.locator("input[name=reason]").fill("职能划转，工作量下降")
    row.locator("button").click()
    officer.wait_for_selector("text=的下年目标")
    assert "已确定" in officer.locator(f"#{row_id}").inner_text()
    shot(officer, "outcomes-06-targets")
