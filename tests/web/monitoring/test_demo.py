"""The demo's simulated 2023 mid-year round and year end: the issue's done-when on the demo data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.test import Client
from django.urls import reverse

from jixiao.core.scoring import score_document
from jixiao.demo.loader import DEMO_PASSWORD, load_demo
from jixiao.demo.monitoring import LABEL, load_midyear_demo, load_yearend_demo
from jixiao.demo.workbench import load_workbench_demo
from jixiao.web.adapter import document_of
from jixiao.web.cycle.models import Evaluation, EvaluationKind, Result
from jixiao.web.monitoring.models import IndicatorCheck, Light, Round, SpendingCheck
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.performance.models import Indicator, IndicatorSystem


def test_demo_round_shows_counties_behind_with_reasons(db: None, client: Client) -> None:
    load_demo(log=lambda *_: None)
    province = Organization.objects.get(name="湖南省市场监督管理局")
    rnd = Round.objects.get(organization=province, as_of=date(2023, 6, 30))
    assert LABEL in rnd.note
    counties = Organization.objects.filter(level=Level.COUNTY, path__startswith=province.path)
    simulated = IndicatorSystem.objects.filter(organization__in=counties, year=2023)
    assert simulated.count() == counties.count() >= 10
    assert all(s.title.startswith(LABEL) for s in simulated)
    reds = IndicatorCheck.objects.filter(round=rnd, status=Light.RED)
    assert reds.count() >= 10 and reds.values("organization").distinct().count() >= 5
    assert reds.exclude(reason="").count() == reds.count() - 1  # one left for 慈利县's clerk
    open_red = reds.get(reason="")
    assert open_red.organization.name == "慈利县市场监督管理局"
    assert SpendingCheck.objects.filter(round=rnd, status=Light.RED).exists()
    top = province_rollup(province, 2023)
    behind = [r for r in top.walk() if r.unit.level == "county" and r.total.red]
    assert len(behind) >= 5 and top.completion is not None
    assert client.login(username="hn_officer", password=DEMO_PASSWORD)
    answered = reds.exclude(reason="").first()
    page = client.get(reverse("monitoring_check", args=[answered.pk])).content.decode()
    assert answered.reason in page and answered.measure in page


def _simulated_state() -> tuple[list, list, list]:
    checks = IndicatorCheck.objects.values_list("indicator__name", "value_text", "status")
    results = Indicator.objects.filter(system__title__startswith=LABEL).values_list(
        "system__organization__name", "system__year", "name", "actual_text", "deviation"
    )
    totals = Evaluation.objects.values_list(
        "system__organization__name", "system__year", "kind", "total", "grade"
    )
    return sorted(checks), sorted(results), sorted(totals)


def test_demo_round_is_deterministic(db: None) -> None:
    """Replaying the mid-year and year-end simulation gives the same state again (its speed
    is measured in bench/, not here: CPU time on a loaded two-core box is not a test)."""
    load_demo(log=lambda *_: None)
    before = _simulated_state()
    province = Organization.objects.get(name="湖南省市场监督管理局")
    Round.objects.filter(organization=province).delete()
    IndicatorSystem.objects.filter(title__startswith=LABEL).delete()
    load_midyear_demo(log=lambda *_: None)
    load_yearend_demo(log=lambda *_: None)
    load_workbench_demo(log=lambda *_: None)  # the steps and evaluation left on the desks
    assert _simulated_state() == before


def test_after_the_year_every_county_has_a_score_a_grade_and_a_place(
    db: None, client: Client
) -> None:
    load_demo(log=lambda *_: None)
    province = Organization.objects.get(name="湖南省市场监督管理局")
    counties = Organization.objects.filter(level=Level.COUNTY, path__startswith=province.path)
    assert counties.count() == 14
    top = province_rollup(province, 2023)
    last = province_rollup(province, 2022)
    for county in counties:
        for year, rollup in ((2023, top), (2022, last)):
            evaluation = Evaluation.objects.get(
                system__organization=county, system__year=year, kind=EvaluationKind.SELF
            )
            sheet = score_document(document_of(evaluation.system))  # the core, recomputed
            assert evaluation.total == sheet.recomputed_total and evaluation.grade == sheet.grade
            assert evaluation.scores.count() == evaluation.system.indicators.count() > 0
            found = rollup.find(county.pk)
            assert found.score == evaluation.total and found.grade == evaluation.grade
    cities = [r for r in top.walk() if r.unit.level == Level.CITY]
    assert len(cities) == 2 and all(c.score is not None and c.grade for c in cities)
    grades = {r.grade for r in top.walk() if r.unit.level == Level.COUNTY}
    assert "优" in grades and grades - {"优"}  # some counties fall short of 优

    # Targets missed at year end carry their 偏差原因; the counties furthest behind miss several.
    final = Result.objects.filter(period__is_final=True, indicator__system__year=2023)
    assert final.filter(indicator__system__organization__in=counties).count() == sum(
        IndicatorSystem.objects.get(organization=c, year=2023).indicators.count() for c in counties
    )
    assert all(LABEL in r.comment for r in final)
    missed = Indicator.objects.filter(system__year=2023, system__organization__in=counties)
    missed = missed.exclude(deviation="")
    assert missed.exists() and all("未达到目标" in i.deviation for i in missed)
    assert (
        max(missed.values_list("system").annotate(n=Count("id")).values_list("n", flat=True)) >= 4
    )

    assert client.login(username="hn_officer", password=DEMO_PASSWORD)
    page = client.get(reverse("outcomes_rankings"), {"level": "county", "year": 2023})
    rows = ranking_rows(page.content.decode())
    assert [name for name, *_ in rows] == sorted(
        (c.name for c in counties), key=lambda n: (-top.find(by_name(n)).score, n)
    )
    places = [int(place) for _, place, *_ in rows]
    assert places == sorted(places) and places[0] == 1
    for name, _place, score, grade, last_score, last_place in rows:
        assert Decimal(score) == top.find(by_name(name)).score and grade in "优良中差"
        assert Decimal(last_score) == last.find(by_name(name)).score and last_place.isdigit()


def by_name(name: str) -> int:
    return Organization.objects.get(name=name).pk


def ranking_rows(html: str) -> list[tuple[str, ...]]:
    """(单位, 名次, 得分, 等级, 上年得分, 上年名次) of each row of the ranking table."""
    table = re.search(r'<table class="grid" id="rankings">(.*?)</table>', html, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        rows.append((cells[1], cells[0], cells[2], cells[3], cells[4], cells[5]))
    return rows
