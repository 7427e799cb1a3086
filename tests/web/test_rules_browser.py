"""In a real browser: an officer writes a rule (validated as typed), tries it, switches it off;
then exports the province's self-evaluation tables in one workbook.

Set ``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/rules.md.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem

from .browser import MARKS, log_in, shot
from .conftest import PASSWORD, World, county_document

pytestmark = MARKS

OUTPUT = "[分值:产出指标/数量指标/监督抽查食品经营企业户次]"
EFFECT = "[分值:效果指标/社会效益指标/投诉举报按时办结率]"


def write_rule(page: object, base: str) -> None:
    """Type a rule with a wrong name, see it named live, fix it, see it accepted, save."""
    page.goto(f"{base}/rules/")
    page.click("#add-rule")
    page.fill("#id_name", "两项分值合计应为100")
    page.fill("#id_left", f"{OUTPUT} + [效果分值]")
    page.wait_for_selector("#problems")
    assert "未知的数字名称「效果分值」" in page.locator("#problems").inner_text()
    page.fill("#id_left", f"{OUTPUT} + {EFFECT}")
    page.select_option("#id_operator", "=")
    page.fill("#id_right", "100")
    page.wait_for_selector("#formula-ok")
    shot(page, "rules-01-add")
    page.click("#save-rule")
    page.wait_for_selector("#run-trial")
    assert "已添加校验规则" in page.content()


def test_an_officer_writes_tries_and_switches_off_a_rule(
    live_server: object, browser: object, world: World, county_system: IndicatorSystem
) -> None:
    base = live_server.url
    page = log_in(browser, base, "officer", PASSWORD)
    write_rule(page, base)
    page.select_option("#trial-system", str(county_system.pk))
    page.click("#run-trial")
    page.wait_for_selector("#trial-result")
    assert "未通过（错误）" in page.locator("#trial-result").inner_text()
    shot(page, "rules-02-trial")
    page.click("#toggle-rule")
    page.wait_for_selector("text=已停用校验规则")
    assert "重新启用" in page.locator("#toggle-rule").inner_text()

    clerk = log_in(browser, base, "clerk", PASSWORD)
    clerk.goto(f"{base}/rules/")
    assert "两项分值合计应为100" in clerk.locator("#rules").inner_text()
    assert clerk.locator("#add-rule").count() == 0


def test_the_province_officer_downloads_the_province_workbook(
    live_server: object, browser: object, world: World
) -> None:
    for org in (world.county, world.other_county):
        save_document(county_document(), org)
    page = log_in(browser, live_server.url, "officer", PASSWORD)
    page.goto(f"{live_server.url}/orgs/{world.province.pk}/")
    page.click("#province-export")
    page.wait_for_selector("#export-tables")
    shot(page, "rules-03-province-export")
    with page.expect_download() as info:
        page.click("#download-workbook")
    download = info.value
    assert download.suggested_filename.endswith("自评汇总表.xlsx")
    with open(download.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    assert book.sheetnames == ["汇总", "乙县市场监督管理局", "丙县市场监督管理局"]
