"""The disclosure register in a real browser, on the demo data (福建省局, seed 001's year).

Chromium from Debian, driven by Playwright against pytest-django's live server. Set
``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/disclosure-register.md.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from jixiao.core.disclosure_register import same_tables
from jixiao.ingest import extract_file
from tests.support import seed
from tests.web.browser import MARKS, log_in, shot

pytestmark = MARKS


def _goto_register(page: object, base: str) -> None:
    page.click("header nav >> text=信息公开")
    page.wait_for_selector("#requests")


def test_province_officer_keeps_the_register_and_issues_the_report(
    demo: None, live_server: object, browser: object, tmp_path: Path
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "fj_officer")
    _goto_register(officer, base)
    assert re.search(r"/disclosure/\d+/2020/$", officer.url)  # the year the register holds
    assert officer.locator("#requests tr.deadline").count() == 29
    assert officer.locator("#requests .badge", has_text="结转下年度").count() == 2
    shot(officer, "disclosure-01-register")
    register_url = officer.url

    officer.select_option("select[name=applicant]", "商业企业")
    officer.click("#filters button[type=submit]")
    assert officer.locator("#requests tr.deadline").count() == 5

    officer.goto(register_url + "report/")
    assert officer.locator("#balanced").is_visible() and officer.locator("#same").is_visible()
    shot(officer, "disclosure-02-report")
    with officer.expect_download() as download:
        officer.click("button[data-fmt=docx]")
    out = tmp_path / "report.docx"
    download.value.save_as(out)
    issued = extract_file(out).disclosure
    assert same_tables(issued, extract_file(seed("001")).disclosure) == []

    _add_requests(officer, base, register_url)
    _break_and_refuse(officer, register_url)


def _add_requests(officer: object, base: str, register_url: str) -> None:
    """Register today's request and an old one still open: due date shown, overdue listed."""
    today = date.today()
    for ref, received in (("新-001", today), ("旧-001", today - timedelta(days=60))):
        officer.goto(register_url)
        officer.click("#add-request")
        officer.fill("#id_ref", ref)
        officer.fill("#id_received", received.isoformat())
        officer.select_option("#id_channel", "网络申请")
        officer.select_option("#id_applicant_type", "社会公益组织")
        officer.fill("#id_content", "2024年食品安全抽检结果")
        officer.click("#save-request")
        officer.wait_for_selector(".messages li.success")
        assert "法定答复期限" in officer.locator(".messages").inner_text()
    officer.goto(register_url.replace("/2020/", f"/{today.year}/"))
    assert officer.locator("#overdue tr.deadline.overdue", has_text="旧-001").count() == 1
    assert officer.locator("#requests tr", has_text="新-001").locator("td.state").inner_text() in (
        "办理中",
        "即将到期",
    )
    shot(officer, "disclosure-03-overdue")


def _break_and_refuse(officer: object, register_url: str) -> None:
    """Move a carried-over request into 2021: the 2021 report no longer balances, is refused."""
    officer.goto(register_url)
    officer.click("text=2020-依申请-028")
    officer.fill("#id_received", "2021-01-04")
    officer.click("#save-request")
    officer.wait_for_selector(".messages li.success")
    report_2021 = register_url.replace("/2020/", "/2021/") + "report/"
    officer.goto(report_2021)
    blockers = officer.locator("#blockers").inner_text()
    assert "自然人列" in blockers and "总计列" in blockers
    officer.click("button[data-fmt=pdf]")
    officer.wait_for_selector(".messages li.error")
    message = officer.locator(".messages li.error").inner_text()
    assert "不能出具年度报告" in message
    assert "三、收到和处理申请 · 自然人 · （七）总计＋四、结转下年度继续办理" in message
    shot(officer, "disclosure-04-refused")


def test_a_county_cannot_reach_the_provinces_register(
    demo: None, live_server: object, browser: object
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "fj_officer")
    _goto_register(officer, base)
    org_id = re.search(r"/disclosure/(\d+)/", officer.url).group(1)
    county = log_in(browser, base, "sangzhi_clerk")
    response = county.goto(f"{base}/disclosure/{org_id}/2020/")
    assert response.status == 404 and "无权查看" in county.content()
    api = county.request.get(f"{base}/api/disclosure/{org_id}/2020/requests")
    assert api.status == 404 and "无权查看" in api.json()["detail"]
    _goto_register(county, base)
    assert county.locator("#requests tr.deadline").count() == 0
