"""In a real browser: two people type into the same results-grid cell.

The grid saves each change with the version its row shows and keeps the version of each
save, so one person's successive saves go through; the other person's page, opened before,
is told in the cell that the value changed meanwhile (both values shown), and nothing of
theirs is saved.
"""

from __future__ import annotations

import re

import pytest

from jixiao.web.cycle.models import Result
from jixiao.web.performance.models import IndicatorSystem
from tests.web.browser import MARKS, log_in
from tests.web.conftest import PASSWORD, World

pytestmark = [*MARKS, pytest.mark.django_db(transaction=True)]


def grid(browser: object, base: str, persona: str, system: IndicatorSystem) -> object:
    page = log_in(browser, base, persona, PASSWORD)
    page.goto(f"{base}/systems/{system.pk}/results/")
    page.wait_for_function("() => window.htmx && document.readyState === 'complete'")
    return page


def save(page: object, text: str) -> object:
    cell = page.locator("input.cell[name=value]").first
    with page.expect_response(re.compile(r"/indicators/\d+/results/\d+/")) as answer:
        cell.fill(text)
        cell.press("Tab")  # leaving the cell saves it
    return answer.value


def test_two_people_in_the_grid(
    world: World, county_system: IndicatorSystem, live_server: object, browser: object
) -> None:
    alice = grid(browser, live_server.url, "clerk", county_system)
    bob = grid(browser, live_server.url, "officer", county_system)
    assert save(alice, "300户次").status == 200
    assert save(alice, "310户次").status == 200  # her second save carries the new version
    refused = save(bob, "200户次")
    assert refused.status == 409
    cell = bob.locator("td[id^=parsed-]").first
    cell.locator(".conflict").wait_for()
    bob.wait_for_timeout(600)  # the as-you-type parse of "200户次" has answered by now
    assert "310户次" in cell.inner_text() and "200户次" in cell.inner_text()
    assert bob.locator("input.cell[name=value]").first.get_attribute("readonly") is not None
    indicator = county_system.indicators.order_by("position").first()
    assert Result.objects.get(indicator=indicator, period__is_final=True).value_text == "310户次"


def test_two_people_weighting_in_the_tree_editor(
    world: World, county_system: IndicatorSystem, live_server: object, browser: object
) -> None:
    """Each weight typed in the tree is saved with its row's version; a stale one is shown."""
    base, url = live_server.url, f"/systems/{county_system.pk}/tree/"
    pages = [log_in(browser, base, persona, PASSWORD) for persona in ("clerk", "officer")]
    for page in pages:
        page.goto(base + url)
        page.wait_for_function("() => window.htmx && document.readyState === 'complete'")

    def weigh(page: object, text: str) -> object:
        box = page.locator("input.w").first
        with page.expect_response(re.compile(r"/indicators/\d+/edit/")) as answer:
            box.fill(text)
            box.press("Tab")
        return answer.value

    alice, bob = pages
    assert weigh(alice, "12").status == 200
    assert weigh(alice, "11").status == 200  # her second save carries the new version
    assert weigh(bob, "8").status == 409
    bob.locator(".conflict").wait_for()
    assert "11" in bob.locator(".conflict").inner_text()
    indicator = county_system.indicators.order_by("position").first()
    indicator.refresh_from_db()
    assert indicator.weight == 11
