"""In a real browser: a province officer edits a scoring cap, previews it, then applies it.

Set ``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/scoring.md.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.rules.models import ScoringVariant

from .browser import MARKS, log_in, shot
from .conftest import PASSWORD, World
from .test_whatif import self_evaluation

pytestmark = MARKS


def test_an_officer_previews_a_cap_then_applies_it(
    live_server: object, browser: object, world: World
) -> None:
    save_document(self_evaluation("乙县", "75", "140"), world.county)
    save_document(self_evaluation("丙县", "95", "100"), world.other_county)
    page = log_in(browser, live_server.url, "officer", PASSWORD)
    page.goto(f"{live_server.url}/rules/")
    page.click("#scoring-whatif")
    page.wait_for_selector("#policy-form")
    page.fill("#cap_0_at_least", "70")
    page.fill("#cap_0_below", "80")
    page.fill("#cap_0_cap", "89")
    page.check("#dev_on")
    page.click("#preview")
    page.wait_for_selector("#preview-result")
    units = page.locator("#unit-changes").inner_text()
    assert "乙县市场监督管理局" in units and "97.50 → 89.00" in units
    assert "培训人次" in page.locator("#movers").inner_text()
    shot(page, "scoring-01-whatif")
    assert not ScoringVariant.objects.exists()  # previewing saved nothing

    page.click("#apply")
    page.wait_for_selector("text=已应用")
    assert "总分最高89分" in page.locator("#current-policy").inner_text()
    county = IndicatorSystem.objects.get(organization=world.county)
    assert county.score_total == Decimal("89.00") and county.score_grade == "良"
