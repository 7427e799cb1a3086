"""Every demo role's home (工作台) shows its waiting work, and every link on it works.

One demo load for all roles (loading the demo is the slow part): the county clerk, the city
reviewer, the province officer, the third-party evaluator and the disclosure officer each
log in, find their kinds of work counted on the home page, and every link there opens the
page to act on (200, no refusal); the first link of each kind is followed by a real click.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from jixiao.core.workdays import add_workdays
from jixiao.web.disclosure.models import InfoRequest
from jixiao.web.orgs.models import Organization

from ..browser import MARKS, log_in, shot

pytestmark = MARKS

#: (demo user, the kinds of work the demo leaves on their desk)
ROLES = (
    ("cili_clerk", {"to_fill", "red_lights", "returned"}),
    ("zjj_reviewer", {"to_review"}),
    ("hn_officer", {"to_approve", "overdue_units"}),
    ("hn_evaluator", {"evaluations", "findings_open"}),
    ("fj_officer", {"requests_overdue", "requests_soon"}),
)


def open_requests_for_the_disclosure_officer() -> None:
    """Two unanswered requests of 福建省局: one past its 20 working days, one due in 3."""
    org = Organization.objects.get(name="福建省市场监督管理局")
    today = timezone.localdate()
    soon = today
    while add_workdays(soon, 20) > add_workdays(today, 3):
        soon -= timedelta(days=1)
    for ref, received in (("演示-逾期", today - timedelta(days=60)), ("演示-将到期", soon)):
        InfoRequest.objects.create(
            organization=org,
            ref=ref,
            received=received,
            channel="网络申请",
            applicant_type="自然人",
        )


def check_desk(page: object, base: str, kinds: set[str]) -> None:
    for code in kinds:
        row = page.locator(f"tr.kind[data-kind={code}]").first
        assert int(row.locator(".count").inner_text()) > 0, code
        links = row.locator("ul.entries a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert hrefs, code
        for href in dict.fromkeys(hrefs):
            response = page.request.get(f"{base}{href}")
            assert response.status == 200, (code, href, response.status)
            assert "无权访问" not in response.text(), (code, href)
        with page.expect_navigation():
            links.first.click()
        assert page.url.endswith(hrefs[0])
        page.goto(f"{base}/")


def test_every_demo_role_finds_its_waiting_work_and_each_link_opens(
    demo: None, live_server: object, browser: object
) -> None:
    open_requests_for_the_disclosure_officer()
    base = live_server.url
    for username, kinds in ROLES:
        page = log_in(browser, base, username)
        assert page.locator("h1").inner_text() == "工作台"
        shot(page, f"workbench-{username}")
        check_desk(page, base, kinds)
        if username in DETAILS:
            DETAILS[username](page)
        page.context.close()


def clerk_details(clerk: object) -> None:
    """The reviewer's comment on the desk; the return's notice opens the system."""
    returned = clerk.locator("tr.kind[data-kind=returned]").inner_text()
    assert "第3项指标缺少佐证材料" in returned
    assert clerk.locator("#nav-notices .badge").inner_text() == "1"  # the return
    clerk.click("#nav-notices")
    clerk.click("#notices button.link")
    assert "/systems/" in clerk.url
    assert clerk.locator("#nav-notices .badge").count() == 0


def officer_details(officer: object) -> None:
    """Overdue units below the province in red, and the step's countdown overdue."""
    overdue = officer.locator("tr.kind[data-kind=overdue_units]")
    assert overdue.locator(".count.err").count() == 1
    assert overdue.locator("li .err").first.inner_text().startswith("已逾期")
    assert "已逾期" in officer.locator(".deadline").first.inner_text()


DETAILS = {"cili_clerk": clerk_details, "hn_officer": officer_details}
