"""The Content-Security-Policy in a real browser (#16): the main pages of each role load, run
their scripts (charts, grid, sums, autosubmit) and report no violation; an injected inline
script is refused. One test, because each browser test loads the whole demo. The `browser` fixture fails the test on any CSP violation or script error
(tests/web/browser.py)."""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.web.orgs.permissions import visible_orgs
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.performance.views import score_summary
from tests.web.browser import MARKS, PAGE_ERRORS, log_in

pytestmark = MARKS

PROVINCE_PAGES = (
    "/",
    "/orgs/",
    "/systems/",
    "/monitoring/",
    "/monitoring/alerts/",
    "/audit/",
    "/disclosure/",
    "/rules/",
    "/outcomes/rankings/",
    "/outcomes/pools/",
    "/outcomes/targets/",
    "/outcomes/ledger/",
    "/outcomes/pipeline/",
)


def visit(page: object, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response.status == 200, path
    page.wait_for_load_state("load")


def refuses_an_injected_inline_script(page: object) -> None:
    """The policy is really enforced, and the watcher really reports it."""
    ran = page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true';
                   document.body.appendChild(s); return window.injected === true; }"""
    )
    page.wait_for_timeout(200)
    assert ran is False
    assert any("inline script" in e for e in PAGE_ERRORS), PAGE_ERRORS
    PAGE_ERRORS.clear()  # expected here; any other violation still fails the test


def test_the_main_pages_of_each_role_run_under_the_csp(
    demo: None, live_server: object, browser: object
) -> None:
    base = live_server.url
    officer = log_in(browser, base, "hn_officer")
    for path in PROVINCE_PAGES:
        visit(officer, base, path)
    visit(officer, base, "/dashboard/")
    officer.wait_for_selector("#ranking-chart[data-ready='1'] svg")
    own = IndicatorSystem.objects.filter(
        organization__in=visible_orgs(User.objects.get(username="hn_officer"))
    )
    scored = next(s for s in own if (score_summary(s) or {}).get("level_details"))
    visit(officer, base, f"/systems/{scored.pk}/")
    officer.wait_for_selector("#level-chart[data-ready='1'] svg")
    visit(officer, base, "/api/docs")
    officer.wait_for_selector("#swagger-ui .opblock")
    visit(officer, base, "/rules/")
    with officer.expect_navigation():  # a <select data-autosubmit> (no onchange= any more)
        officer.select_option("select[data-autosubmit]", index=1)
    assert "state=" in officer.url
    refuses_an_injected_inline_script(officer)

    clerk = log_in(browser, base, "cili_clerk")
    visit(clerk, base, "/imports/")
    system = IndicatorSystem.objects.filter(organization__name="慈利县市场监督管理局").first()
    visit(clerk, base, f"/systems/{system.pk}/tree/")
    clerk.wait_for_function("() => document.querySelector('.level .sum').textContent !== '—'")
    visit(clerk, base, f"/systems/{system.pk}/results/")
    clerk.wait_for_function("() => window.htmx !== undefined")

    admin = log_in(browser, base, "admin")
    for path in ("/admin/", "/admin/auth/user/", "/admin/auth/user/1/change/"):
        visit(admin, base, path)
