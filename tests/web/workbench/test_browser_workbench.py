"""Every demo role's home (工作台) shows its waiting work, and every link on it leads to the act.

One test per demo role, in real Chromium: the county clerk, the city reviewer, the city and
the province officers, the third-party evaluator and the disclosure officer each log in, find
each kind of their work counted on the home page, and click every link there; each lands on
the page where that work is done, showing the item (the system, the request, the evaluation)
and the control to act on it (the fill-in grid, the 审核 button, the reply form …).

Loading the demo is the slow part, so the module loads it once and serves it from one live
server (``demo_site``); the tests only read, so they cannot disturb each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from jixiao.core.workdays import add_workdays
from jixiao.web.disclosure.models import InfoRequest
from jixiao.web.orgs.models import Organization

from ..browser import MARKS, log_in, shot

pytestmark = MARKS

FJ = "福建省市场监督管理局"
CILI = "慈利县市场监督管理局"


@pytest.fixture(scope="module")
def site(demo_site: str) -> str:
    """The demo, plus the disclosure officer's two unanswered requests of this year.

    One is past its 20 working days, one due in 3. The demo keeps its register to the year
    of its seed report (2020), whose requests were all answered.
    """
    today = timezone.localdate()
    fj = Organization.objects.get(name=FJ)
    soon = today
    while add_workdays(soon, 20) > add_workdays(today, 3):
        soon -= timedelta(days=1)
    for ref, received in (("演示-逾期", today - timedelta(days=60)), ("演示-将到期", soon)):
        InfoRequest.objects.create(
            organization=fj,
            ref=ref,
            received=received,
            channel="网络申请",
            applicant_type="自然人",
        )
    return demo_site


# --- what each kind's link must land on ------------------------------------------------------


def lands_on_system(action: str) -> Callable[[object, str], None]:
    """A system's page showing the system and the workflow button for ``action``."""

    def check(page: object, label: str) -> None:
        assert page.title().startswith(label), (page.title(), label)
        assert page.locator(f"#workflow button[data-action={action}]").is_visible(), action

    return check


def lands_on_grid(page: object, label: str) -> None:
    """The fill-in grid of the step named in the label, with as many empty cells as it says."""
    system, rest = label.split(" · ", 1)
    period, missing = re.fullmatch(r"(.+)：(\d+)个指标待填报", rest).groups()
    assert page.title().startswith(f"完成情况填报 · {system}")
    assert page.locator("select[name=period] option:checked").inner_text().endswith(period)
    assert "当前不能填报" not in page.locator("main").inner_text()
    cells = page.locator("#results input[name=value]:not([readonly])")
    empty = cells.evaluate_all("cells => cells.filter(c => !c.value.trim()).length")
    assert empty == int(missing), (label, empty)


def lands_on_alerts(page: object, label: str) -> None:
    """The red lights of the unit, each with its 填写原因 link, as many as the label says."""
    count = int(re.match(r"\d+", label).group())
    links = page.locator("#alert-indicators a, #alert-spending a", has_text="填写原因")
    assert links.count() == count
    assert CILI in page.locator("#alert-indicators, #alert-spending").first.inner_text()


def lands_on_returned(page: object, label: str) -> None:
    """The returned system, its 提交 button, and the reviewer's comment in its record."""
    lands_on_system("submit")(page, label)
    assert "第3项指标缺少佐证材料" in page.locator("#transitions").inner_text()


def lands_on_ledger(page: object, label: str) -> None:
    """The county's 整改台账 of the year, with the items due and a form to update each."""
    year, due = re.fullmatch(r"(\d{4})年整改事项(\d+)项到期", label).groups()
    assert page.locator("h1").inner_text() == f"{CILI} · {year}年度整改台账"
    ledger = page.locator("#ledger").inner_text()
    assert "抽查档案不全" in ledger and "资金拨付滞后" in ledger
    assert page.locator("#ledger tr.overdue").count() >= 1
    assert page.locator("#ledger form.stack").count() >= int(due)


def lands_on_unit(page: object, label: str) -> None:
    """An overdue unit's system: the unit named at the top of the page."""
    unit = label.split("：", 1)[0]
    assert page.locator("main p.muted a").first.inner_text() == unit
    if "指标未填报" in label:
        assert page.locator("#results").is_visible()
    else:
        assert page.locator("#workflow").is_visible()


def lands_on_evaluation(page: object, label: str) -> None:
    """The evaluation of the system named, where its scores can be adjusted."""
    system, kind = label.rsplit(" · ", 1)
    assert page.locator("h1").inner_text() == f"{kind}：{system}"
    assert page.locator("form:has(input[name=adjusted]) button").count() > 0


def lands_on_findings(page: object, label: str) -> None:
    """The evaluation, with the button that puts its findings on the 整改台账."""
    system, kind = label.rsplit(" · ", 1)
    assert page.locator("h1").inner_text() == f"{kind}：{system}"
    assert page.locator("#to-ledger button").is_visible()


def lands_on_request(page: object, label: str) -> None:
    """The request's form, with its legal reply deadline."""
    ref = label.split(" ", 1)[0]
    assert page.locator("#request-form input[name=ref]").input_value() == ref
    assert page.locator("#due").is_visible()


LANDS: dict[str, Callable[[object, str], None]] = {
    "to_fill": lands_on_grid,
    "red_lights": lands_on_alerts,
    "returned": lands_on_returned,
    "rectification_due": lands_on_ledger,
    "to_review": lands_on_system("review"),
    "to_approve": lands_on_system("approve"),
    "to_lock": lands_on_system("lock"),
    "overdue_units": lands_on_unit,
    "evaluations": lands_on_evaluation,
    "findings_open": lands_on_findings,
    "requests_overdue": lands_on_request,
    "requests_soon": lands_on_request,
}


# --- one role's desk ---------------------------------------------------------------------------


def open_desk(browser: object, base: str, username: str) -> object:
    """Log in as ``username``: the home page is the 工作台."""
    page = log_in(browser, base, username)
    assert page.locator("h1").inner_text() == "工作台"
    shot(page, f"workbench-{username}")
    return page


def entries(page: object, code: str) -> list[tuple[str, str]]:
    """The (label, link) of each entry listed for one kind of work."""
    links = page.locator(f"tr.kind[data-kind={code}] ul.entries a")
    return [
        (links.nth(i).inner_text(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]


def count_of(page: object, code: str) -> int:
    return int(page.locator(f"tr.kind[data-kind={code}] .count").inner_text())


def work_through(page: object, base: str, code: str) -> list[tuple[str, str]]:
    """Click every link of one kind; each must land on the page to act, showing the item."""
    listed = entries(page, code)
    assert count_of(page, code) > 0 and listed, code
    for label, href in listed:
        page.locator(f"tr.kind[data-kind={code}] ul.entries a[href='{href}']").first.click()
        page.wait_for_load_state()
        assert page.url == f"{base}{href}", (code, label)
        assert "无权访问" not in page.locator("main").inner_text(), (code, label)
        LANDS[code](page, label)
        page.goto(f"{base}/")
    return listed


def check_desk(page: object, base: str, kinds: dict[str, int | None]) -> None:
    """Each kind shows its count (the number of entries, unless None) and every link works."""
    for code, expected in kinds.items():
        listed = work_through(page, base, code)
        if expected is not None:
            assert count_of(page, code) == expected == len(listed), code


# --- the roles ---------------------------------------------------------------------------------


def test_the_county_clerk_fills_explains_resubmits_and_rectifies(
    site: str, browser: object
) -> None:
    page = open_desk(browser, site, "cili_clerk")
    check_desk(page, site, {"returned": 1, "rectification_due": None, "red_lights": 1})
    to_fill = work_through(page, site, "to_fill")
    missing = sum(int(re.search(r"(\d+)个指标待填报", label).group(1)) for label, _ in to_fill)
    assert count_of(page, "to_fill") == missing  # the count is of indicators, not systems
    assert count_of(page, "rectification_due") == 2
    assert "其中已逾期1项" in page.locator("tr.kind[data-kind=rectification_due]").inner_text()
    # the return's notice opens the system, and then it is read
    assert page.locator("#nav-notices .badge").inner_text() == "1"
    page.click("#nav-notices")
    page.click("#notices button.link")
    assert "/systems/" in page.url
    assert page.locator("#nav-notices .badge").count() == 0


def test_the_city_reviewer_reviews_a_countys_submission(site: str, browser: object) -> None:
    page = open_desk(browser, site, "zjj_reviewer")
    check_desk(page, site, {"to_review": 1})
    assert "桑植县" in entries(page, "to_review")[0][0]


def test_the_city_officer_reviews_and_sees_its_late_counties(site: str, browser: object) -> None:
    page = open_desk(browser, site, "zjj_officer")
    check_desk(page, site, {"to_review": 1, "overdue_units": None})
    units = {label.split("：", 1)[0] for label, _ in entries(page, "overdue_units")}
    assert count_of(page, "overdue_units") == len(units)
    assert all(o.parent.name == "张家界市市场监督管理局" for o in _orgs(units))


def test_the_province_officer_approves_locks_and_sees_late_units(
    site: str, browser: object
) -> None:
    page = open_desk(browser, site, "hn_officer")
    check_desk(page, site, {"to_approve": 1, "to_lock": 1, "overdue_units": None})
    overdue = page.locator("tr.kind[data-kind=overdue_units]")
    assert overdue.locator(".count.err").count() == 1
    assert overdue.locator("li .err").first.inner_text().startswith("已逾期")
    assert "已逾期" in page.locator(".deadline").first.inner_text()


def test_the_evaluator_adjusts_scores_and_registers_findings(site: str, browser: object) -> None:
    page = open_desk(browser, site, "hn_evaluator")
    check_desk(page, site, {"evaluations": 1, "findings_open": None})
    assert "第三方评价" in entries(page, "evaluations")[0][0]


def test_the_disclosure_officer_answers_requests_due_and_overdue(
    site: str, browser: object
) -> None:
    page = open_desk(browser, site, "fj_officer")
    check_desk(page, site, {"requests_overdue": 1, "requests_soon": 1})
    overdue = page.locator("tr.kind[data-kind=requests_overdue]")
    assert "演示-逾期" in overdue.inner_text() and overdue.locator(".count.err").count() == 1
    assert "演示-将到期" in page.locator("tr.kind[data-kind=requests_soon]").inner_text()


def _orgs(names: set[str]) -> list[Organization]:
    found = list(Organization.objects.filter(name__in=names).select_related("parent"))
    assert len(found) == len(names)
    return found
