"""The issue's done-when in a real browser, on the demo data: 6/30 monitoring and dashboards.

The province officer sees which counties are behind at 6/30 on which targets and on spending,
and each city's and county's 得分 and 等级 from the simulated year-end 自评, drills from the
province to the indicator and reads the county's reason; the county clerk sees
the alert badge, answers the red light, and the badge goes. ``JIXIAO_DOCS_IMG=1`` writes the
screenshots used by docs/monitoring.md.
"""

from __future__ import annotations

from tests.web.browser import MARKS, log_in, shot

pytestmark = MARKS


def scored_rows(officer: object) -> list[tuple[str, str, str]]:
    """(单位, 得分, 等级) of the dashboard's ranking rows of bureaus (not 直属单位)."""
    rows = []
    for row in officer.locator("#ranking tr[data-org]").all():
        cells = row.locator("td")
        name = cells.nth(1).inner_text()
        if name.endswith("市场监督管理局"):
            rows.append((name, cells.nth(2).inner_text(), cells.nth(6).inner_text()))
    return rows


def officer_drills_down(officer: object, base: str) -> None:
    """Province → city (sorted by red lights) → county → system → a red indicator's reason."""
    cities = scored_rows(officer)  # the simulated year-end 自评 rolled up to the cities
    assert len(cities) == 2 and all(
        s != "—" and g in ("优", "良", "中", "差") for _, s, g in cities
    )
    officer.click("#ranking >> text=张家界市市场监督管理局")
    officer.wait_for_selector("#ranking")
    assert officer.locator("#ranking tr[data-org]").count() >= 4
    counties = scored_rows(officer)
    assert len(counties) >= 4 and all(s != "—" and g != "—" for _, s, g in counties)
    officer.click("#ranking th >> text=红灯数")
    officer.wait_for_selector("#ranking th a.on[data-sort=red]")
    shot(officer, "21-dashboard-city")
    officer.click("#ranking >> text=永定区市场监督管理局")
    officer.wait_for_selector("#own-systems")
    officer.click("#own-systems >> text=指标监控")
    officer.wait_for_selector("#checks")
    red_rows = officer.locator("#checks tr[data-status=red]")
    assert red_rows.count() >= 1
    shot(officer, "22-checks-county")
    red_rows.first.locator("td:nth-child(3) a").click()
    officer.wait_for_selector("#answer")
    assert "红灯" in officer.locator("h1").inner_text()
    assert len(officer.locator("#reason").inner_text()) > 10
    assert officer.locator("#answer-form").count() == 0  # the province reads, never writes
    shot(officer, "23-check-reason")


def clerk_answers_the_alert(clerk: object) -> None:
    """The county clerk sees one red light waiting, answers it, and the badge goes."""
    assert clerk.locator("#nav-alerts .badge.alert").inner_text() == "1"
    clerk.click("#nav-alerts")
    clerk.click("#alert-indicators >> text=填写原因")
    clerk.fill("#id_reason", "检验检测机构统计分析工作由省局统一部署，5月才启动。")
    clerk.fill("#id_measure", "7月起每周调度，9月底前完成全年任务。")
    clerk.select_option("#id_likelihood", "certain")
    shot(clerk, "24-answer-form")
    clerk.click("#answer-form button[type=submit]")
    clerk.wait_for_selector("text=已保存")
    assert clerk.locator("#nav-alerts .badge.alert").count() == 0
    assert "5月才启动" in clerk.locator("#reason").inner_text()


def test_province_officer_drills_to_a_county_reason_and_clerk_answers_an_alert(
    demo: None,
    live_server: object,
    browser: object,
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "hn_officer")
    officer.click("header nav >> text=绩效看板")
    officer.wait_for_selector("#ranking-chart[data-ready='1']")
    assert "截至 2023年6月30日" in officer.content()
    shot(officer, "20-dashboard-province")
    officer_drills_down(officer, base)
    officer.goto(f"{base}/dashboard/")
    officer.click("#spending-link")
    officer.wait_for_selector("#checks")
    assert "资金监控" in officer.locator("h1").inner_text()
    assert officer.locator("#checks tr[data-status=red]").count() >= 1
    clerk_answers_the_alert(log_in(browser, base, "cili_clerk"))
