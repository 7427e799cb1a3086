"""The full path in a real browser on the demo data: county clerk, city reviewer, province officer.

Chromium from Debian, driven by Playwright against pytest-django's live server. Set
``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/cycle.md.
"""

from __future__ import annotations

import re

from tests.support import seed
from tests.web.browser import MARKS, log_in, shot

pytestmark = MARKS


def step(page: object, action: str, text: str = "") -> None:
    form = page.locator(f"form:has(button[data-action={action}])")
    if text:
        form.locator("textarea").fill(text)
    form.locator("button").click()
    page.wait_for_load_state()


COUNTY = "慈利县市场监督管理局"


def import_seed(clerk: object, base: str) -> str:
    """As the county clerk: upload seed 002, check the preview, confirm; the system's URL.

    The reading runs at once here (tests/web/conftest.py); test_import_worker.py drives the
    progress page with a real worker.
    """
    clerk.goto(f"{base}/imports/")
    clerk.set_input_files("#id_file", seed("002"))
    clerk.select_option("#id_organization", label=COUNTY)
    clerk.fill("#id_year", "2024")
    clerk.click("text=上传并预览")
    clerk.wait_for_selector("#confirm-import")
    # seed 002 is 韶关市's self-evaluation: the preview says so, and saving needs a tick
    assert "韶关市市场监督管理局" in clerk.locator("#other-bureau").inner_text()
    shot(clerk, "02-import-preview")
    clerk.click("#confirm-import")
    assert clerk.locator("#acknowledge-bureau:invalid").count() == 1, "the browser asks first"
    clerk.check("#acknowledge-bureau")
    clerk.click("#confirm-import")
    clerk.wait_for_selector("#workflow")
    assert "已导入" in clerk.content()
    return clerk.url


def enter_result(clerk: object) -> None:
    """Type a result in the grid: it is parsed as typed and saved on Enter."""
    clerk.click("text=完成情况填报")
    clerk.wait_for_function("() => window.htmx && document.readyState === 'complete'")
    first = clerk.locator("input.cell[name=value]").first
    with clerk.expect_response(re.compile(r"/parse-target/")):
        first.fill("不少于320户次")
    clerk.wait_for_selector("td[id^=parsed-] .chip")
    assert "≥ 320 户次" in clerk.locator("td[id^=parsed-]").first.inner_text()
    first.press("Enter")
    clerk.wait_for_selector("text=✓ 已保存")
    shot(clerk, "03-results-grid")


def refuse_other_county(browser: object, base: str, system_url: str) -> None:
    other = log_in(browser, base, "sangzhi_clerk")
    response = other.goto(system_url)
    assert response.status == 404 and "无权查看" in other.content()
    api = other.request.get(re.sub(r"/systems/(\d+)/$", r"/api/systems/\1", system_url))
    assert api.status == 404 and "无权查看" in api.json()["detail"]


def test_county_city_and_province_run_the_full_path_in_a_browser(
    demo: None, live_server: object, browser: object
) -> None:
    base = live_server.url
    clerk = log_in(browser, base, "cili_clerk")
    shot(clerk, "01-home")
    system_url = import_seed(clerk, base)
    enter_result(clerk)
    clerk.goto(system_url.rstrip("/") + "/tree/")
    assert clerk.locator(".level .sum").count() > 0
    shot(clerk, "07-tree-editor")
    clerk.goto(f"{base}/audit/")
    assert "完成值（全年）" in clerk.content()
    shot(clerk, "08-audit-log")
    clerk.goto(system_url)
    step(clerk, "submit", "请市局审核")
    assert "已提交" in clerk.locator("#workflow").inner_text()

    reviewer = log_in(browser, base, "zjj_reviewer")
    reviewer.goto(system_url)
    shot(reviewer, "04-review")
    step(reviewer, "return", "请补充第1项的佐证材料")
    assert "已退回" in reviewer.locator("#workflow").inner_text()
    clerk.goto(system_url)
    assert "请补充第1项的佐证材料" in clerk.content()
    step(clerk, "submit", "已补充")
    reviewer.goto(system_url)
    step(reviewer, "review", "同意")

    officer = log_in(browser, base, "hn_officer")
    officer.goto(system_url)
    needs_reason = officer.locator("form:has(button[data-action=approve]) textarea[name=reason]")
    step(officer, "approve", "经复核同意" if needs_reason.count() else "")
    step(officer, "lock")
    assert "已锁定" in officer.locator("#workflow").inner_text()
    shot(officer, "05-locked")

    clerk.goto(system_url)
    assert "已锁定" in clerk.content() and 'data-action="submit"' not in clerk.content()
    clerk.goto(system_url.rstrip("/") + "/results/")
    assert clerk.locator("input.cell[readonly]").count() > 0
    refuse_other_county(browser, base, system_url)
    forbidden = reviewer.goto(f"{base}/imports/")
    assert forbidden.status == 403 and "没有导入数据的权限" in reviewer.content()
    shot(reviewer, "06-refused")


def test_every_demo_role_logs_in_and_sees_its_own_organisation(
    demo: None, live_server: object, browser: object
) -> None:
    from jixiao.demo.loader import DEMO_USERS

    for user in DEMO_USERS:
        page = log_in(browser, live_server.url, user.username)
        header = page.locator("header .who").inner_text()
        assert user.full_name in header and user.org_name in header
        assert page.locator("text=我的单位").count() == 1
        page.context.close()
