"""In a real browser: a clerk builds next year's targets from the library with the reference
values beside each target; the city reviews them with the automatic checks and a coded result;
a mid-year adjustment changes what monitoring and scoring use from its approval date.

Every date is fixed (the 2025 year); nothing depends on the day the tests run. Set
``JIXIAO_DOCS_IMG=1`` to also write the screenshots used by docs/library.md.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import transition
from jixiao.web.imports.save import save_document
from jixiao.web.library.building import copy_last_year, create_system
from jixiao.web.library.models import TargetAdjustment
from jixiao.web.monitoring.models import IndicatorCheck
from jixiao.web.monitoring.records import launch_round
from jixiao.web.performance.models import IndicatorSystem, Status
from jixiao.web.performance.rescore import rescore
from tests.web.browser import MARKS, log_in, shot
from tests.web.conftest import PASSWORD, World

from .conftest import NEXT, SPOT_CHECKS, Library, plan

pytestmark = MARKS


def row(page: object, name: str) -> object:
    return page.locator(f"#targets tr.target-row[data-name*='{name}']")


def test_a_clerk_builds_next_year_from_the_library_and_sees_reference_values(
    live_server: object, browser: object, world: World, library: Library
) -> None:
    base = live_server.url
    clerk = log_in(browser, base, "clerk", PASSWORD)
    clerk.click("text=指标库")
    clerk.select_option("#new-org", str(world.county.pk))
    clerk.fill("#new-year", str(NEXT))
    clerk.select_option("#new-kind", "overall")
    clerk.click("#create-system")
    clerk.wait_for_selector("#copy-last-year")
    clerk.click("#copy-last-year")
    clerk.wait_for_selector("text=已复制上年指标1项")
    spot = row(clerk, SPOT_CHECKS)
    assert "≥330户次" in spot.locator("td.reference").inner_text()
    assert "近三年全省县级平均完成值" in spot.locator("td.reference").inner_text()
    assert spot.locator("td.last-year").inner_text() == "320"
    peers = spot.locator("td.peers").inner_text()
    assert "中位数300，区间250～350" in peers and "3个单位中排第2" in peers

    clerk.fill("#rec-fund", "食品安全抽检")
    clerk.click("#recommend-button")
    clerk.wait_for_selector("#pick-entries")
    assert clerk.locator("#recommend input[name=entry]:checked").count() == 1  # the 固化指标
    clerk.click("#pick-entries")
    clerk.wait_for_selector("text=已从指标库挑选1项指标")
    satisfaction = row(clerk, "服务对象满意度")
    assert "≥90%" in satisfaction.locator("td.reference").inner_text()
    satisfaction.locator("input[name=target_text]").fill("≥92%")
    satisfaction.locator("input[name=target_text]").dispatch_event("change")
    satisfaction.locator(".saved >> text=已保存").wait_for()
    spot.locator("input[name=target_text]").fill("≥340户次")
    spot.locator("input[name=target_text]").dispatch_event("change")
    spot.locator(".saved >> text=已保存").wait_for()
    clerk.reload()
    assert "1个单位" not in row(clerk, SPOT_CHECKS).locator("td.peers").inner_text()
    assert "3个单位中排第2" in row(clerk, SPOT_CHECKS).locator("td.peers").inner_text()
    checks = clerk.locator("#auto-checks").inner_text()
    assert "固化指标齐全" in checks and "1项固化指标均已设置" in checks
    shot(clerk, "library-01-build")


def submitted(world: World) -> IndicatorSystem:
    clerk = world.users["clerk"]
    system = create_system(world.county, NEXT, "overall", clerk)
    copy_last_year(system, clerk)
    transition(system, Action.SUBMIT, clerk)
    return system


def test_the_city_reviews_with_the_automatic_checks_and_a_coded_result(
    live_server: object, browser: object, world: World, library: Library
) -> None:
    base = live_server.url
    system = submitted(world)
    reviewer = log_in(browser, base, "reviewer", PASSWORD)
    reviewer.goto(f"{base}/systems/{system.pk}/target-review/")
    mandatory = reviewer.locator("#auto-checks tr[data-code='review.mandatory']").inner_text()
    assert "未通过" in mandatory and "缺少1项固化指标：服务对象满意度" in mandatory
    lower = reviewer.locator("#auto-checks tr[data-code='review.below_last_year']").inner_text()
    assert "目标值300户次低于上年实际完成值320" in lower
    reviewer.check("input[name=result][value=amend]")
    reviewer.click("#submit-review")
    reviewer.wait_for_selector("text=请填写审核意见")
    reviewer.check("input[name=result][value=amend]")
    reviewer.fill("#opinion", "请补充固化指标“服务对象满意度”；抽查户次不应低于上年实际。")
    shot(reviewer, "library-02-review")
    reviewer.click("#submit-review")
    reviewer.wait_for_selector("text=审核结果「修改后通过」已记录")
    assert "修改后通过" in reviewer.locator("#reviews td.result").first.inner_text()
    system.refresh_from_db()
    assert system.status == Status.RETURNED

    clerk = log_in(browser, base, "clerk", PASSWORD)
    clerk.goto(f"{base}/systems/{system.pk}/target-review/")
    assert "请补充固化指标" in clerk.locator("#reviews").inner_text()
    assert clerk.locator("#review-form").count() == 0
    clerk.goto(f"{base}/systems/{system.pk}/build/")
    clerk.click("#pick-entries")
    clerk.wait_for_selector("text=已从指标库挑选1项指标")
    transition(system, Action.SUBMIT, world.users["clerk"])

    reviewer.reload()
    assert "1项固化指标均已设置" in reviewer.locator("#auto-checks").inner_text()
    reviewer.check("input[name=result][value=pass]")
    reviewer.fill("#opinion", "同意")
    reviewer.click("#submit-review")
    reviewer.wait_for_selector("text=审核结果「通过」已记录")
    system.refresh_from_db()
    assert system.status == Status.REVIEWED


def test_a_mid_year_adjustment_changes_monitoring_and_scoring_from_its_approval_date(
    live_server: object, browser: object, world: World
) -> None:
    base = live_server.url
    system = save_document(plan("300"), world.county)
    indicator = system.indicators.get()
    indicator.actual = {
        "raw": "270户次",
        "targets": [{"raw": "270户次", "op": "=", "value": 270, "unit": "户次"}],
    }
    indicator.save()
    rescore(indicator)
    for action, who in (
        (Action.SUBMIT, "clerk"),
        (Action.REVIEW, "reviewer"),
        (Action.APPROVE, "officer"),
    ):
        transition(system, action, world.users[who])
    june = launch_round(world.province, NEXT, date(2025, 6, 30), world.users["officer"])
    september = launch_round(world.province, NEXT, date(2025, 9, 30), world.users["officer"])

    clerk = log_in(browser, base, "clerk", PASSWORD)
    clerk.goto(f"{base}/indicators/{indicator.pk}/")
    clerk.click("#adjust-link")
    assert clerk.locator("#before").inner_text() == "≥300户次"
    clerk.fill("#after", "≥260户次")
    clerk.fill("#reason", "机构改革后辖区食品经营企业减少，抽查户次相应调整。")
    clerk.click("#request-adjustment")
    clerk.wait_for_selector("text=已提交目标调整申请")
    # the request was filed on 1 July 2025 (the test runs later; dates are the year's)
    asked = timezone.make_aware(datetime(2025, 7, 1, 9))
    TargetAdjustment.objects.update(requested_at=asked)

    officer = log_in(browser, base, "city_officer", PASSWORD)
    officer.goto(f"{base}/adjustments/")
    officer.fill("tr.adjustment input[name=approved_on]", "2025-07-15")
    officer.fill("tr.adjustment input[name=opinion]", "同意调整")
    shot(officer, "library-03-adjust")
    officer.click("tr.adjustment button.approve")
    officer.wait_for_selector("text=自2025年07月15日起按调整后目标监控和评分")
    assert officer.locator("tr.adjustment td.status").inner_text() == "已批准"

    for rnd, target, progress in ((june, "≥300户次", "43.33%"), (september, "≥260户次", "50.00%")):
        check = IndicatorCheck.objects.get(round=rnd, indicator=indicator)
        clerk.goto(f"{base}/monitoring/checks/{check.pk}/")
        clerk.fill("#id_value", "130户次")
        clerk.click("#value-form button[type=submit]")
        clerk.wait_for_selector("text=已保存")
        assert clerk.locator("#target-in-force").inner_text().startswith(target)
        assert progress in clerk.locator("#check-figures").inner_text()
    clerk.goto(f"{base}/indicators/{indicator.pk}/")
    page = clerk.locator("main").inner_text()
    assert "≥260户次" in page
    assert "100.00 / — / 100.00" in page  # 270 against the adjusted 260: full points
