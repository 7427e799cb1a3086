"""Signed and over-long values typed in the results grid of a real browser (issue 16)."""

from __future__ import annotations

import re

from jixiao.core.quantities import MAX_VALUE_CHARS
from tests.web.browser import MARKS, log_in
from tests.web.test_browser import import_seed

pytestmark = MARKS


def test_the_grid_shows_a_fall_as_negative_and_refuses_a_value_past_the_cap(
    demo: None, live_server: object, browser: object
) -> None:
    clerk = log_in(browser, live_server.url, "cili_clerk")
    import_seed(clerk, live_server.url)
    clerk.click("text=完成情况填报")
    clerk.wait_for_function("() => window.htmx && document.readyState === 'complete'")
    first = clerk.locator("input.cell[name=value]").first
    parsed = clerk.locator("td[id^=parsed-]").first
    with clerk.expect_response(re.compile(r"/parse-target/")):
        first.fill("负增长3%")
    clerk.wait_for_selector("td[id^=parsed-] .chip")
    assert "-3 %" in parsed.inner_text()
    first.press("Enter")
    clerk.wait_for_selector("text=✓ 已保存")
    first.fill("9" * (MAX_VALUE_CHARS + 1))
    first.press("Enter")
    clerk.wait_for_selector("td[id^=parsed-] >> text=/未保存/")
    assert "过长" in parsed.inner_text() and "已保存" not in parsed.inner_text()
    clerk.reload()
    assert clerk.locator("input.cell[name=value]").first.input_value() == "负增长3%"
