"""The guide in a real browser: the header's 帮助 opens the page's own section, screenshots load.

The CSP is watched on every page (tests/web/browser.py), so the guide's images and styles are
proven to load under it.
"""

from __future__ import annotations

from urllib.parse import unquote

from jixiao.web.help.topics import TOPICS, split
from tests.web.browser import MARKS, log_in, shot
from tests.web.conftest import PASSWORD, World

pytestmark = MARKS


def test_help_link_opens_the_section_and_the_screenshots_show(
    transactional_db: None, world: World, live_server: object, browser: object
) -> None:
    base = live_server.url
    page = log_in(browser, base, "clerk", PASSWORD)
    page.goto(f"{base}/monitoring/alerts/")
    page.click("#nav-help")
    guide, anchor = split(TOPICS["monitoring_alerts"])
    page.wait_for_url(f"**/help/{guide}/*")
    assert unquote(page.url).endswith(f"/help/{guide}/#{anchor}")
    heading = page.locator(f'[id="{anchor}"]')
    assert heading.is_visible() and heading.evaluate("e => e.getBoundingClientRect().top") < 300
    assert page.locator(".help-contents li.on").count() == 1

    page.click(".help-contents >> text=绩效年度工作流程（网页端）")
    page.wait_for_url("**/help/cycle/")
    images = page.locator(".help-page img")
    assert images.count() >= 5
    for i in range(images.count()):  # lazy images load as they come into view
        images.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.help-page img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=20_000,
    )
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "help-01-guide")
