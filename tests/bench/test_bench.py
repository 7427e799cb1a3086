"""Smoke test of the benchmarks: a tiny province is generated and every piece of ``bench/run``
runs on it (the load test's statistics and goals are read from a locust CSV of the same shape).

The figures themselves are not judged here (the machine is shared); what is checked is that
the generated data is what the app would store (targets parsed by the core, a result per
period), that generation is deterministic, and that the ways of rolling up agree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import Generator, Spec, disclosure_requests, plan_units  # noqa: E402

from bench import bench_export, bench_extract, bench_pages, bench_rescore, rollup, summary  # noqa: E402
from jixiao.web.adapter import SCORING_FIELDS, points_of, score_row  # noqa: E402
from jixiao.web.cycle.models import ReportingPeriod, Result  # noqa: E402
from jixiao.web.cycle.parsing import parse_text  # noqa: E402
from jixiao.web.orgs.models import Organization  # noqa: E402
from jixiao.web.performance.models import Indicator, IndicatorSystem  # noqa: E402

TINY = Spec(units=10, years=2, projects=1, indicators=6)


@pytest.fixture
def tiny(db: None, settings: Any) -> Organization:
    """A 10-unit province, two years, an overall and one project system per unit."""
    settings.PASSWORD_HASHERS = ["tests.web.hashers.FastPBKDF2PasswordHasher"]
    stats = Generator(TINY, log=lambda *_: None).run()
    assert stats.rows["Organization"] == 10
    assert disclosure_requests(TINY) >= 10 * 5
    return Organization.objects.get(code=TINY.code)


def test_generated_rows_are_what_the_app_stores(tiny: Organization) -> None:
    systems = IndicatorSystem.objects.filter(organization__path__startswith=tiny.path)
    assert systems.count() == 10 * 2 * 2
    assert set(systems.values_list("year", flat=True)) == {2022, 2023}
    assert Organization.objects.filter(path__startswith=tiny.path, level="county").count() == 8
    indicators = Indicator.objects.filter(system__in=systems)
    assert indicators.count() >= 10 * 2 * 2 * 6
    for ind in indicators.order_by("pk")[:: max(1, indicators.count() // 60)]:
        assert parse_text(ind.target_text, ind.direction or None) == ind.targets, ind.target_text
        assert parse_text(ind.actual_text) == ind.actual["targets"]  # a result: no direction
        assert ind.recomputed == points_of(ind), ind.actual_text  # as the app rescores it
        derived = score_row(ind)  # the scoring row is the one the adapter writes
        assert all(getattr(ind.scoring, f) == getattr(derived, f) for f in SCORING_FIELDS)
    assert indicators.filter(scoring__points__isnull=False).count() > indicators.count() // 2
    current = indicators.filter(system__year=2023).count()
    periods = ReportingPeriod.objects.filter(year=2023)
    assert periods.count() == 12 and periods.filter(is_final=True).count() == 1
    assert Result.objects.filter(indicator__system__year=2023).count() == current * 12
    final = Result.objects.filter(period__is_final=True, indicator__system__year=2023)
    assert all(
        r.value_text == r.indicator.actual_text for r in final.select_related("indicator")[:50]
    )
    for result in Result.objects.filter(indicator__system__year=2023).order_by("pk")[::997]:
        plain = [{k: v for k, v in t.items() if k != "words"} for t in result.parsed]
        assert parse_text(result.value_text) == plain, result.value_text


def test_generation_is_deterministic() -> None:
    def texts() -> list[tuple[str, str, str]]:
        gen = Generator(TINY, log=lambda *_: None)
        gen.units = plan_units(TINY, gen.rng)
        for unit in gen.units:
            unit.org = Organization(name=unit.name, code=f"X{unit.index}")
        batch = gen.unit_year(gen.units[3], 2023)
        return [(p.name, r.target, r.actual) for _, _, p, r in batch.indicators]

    first = texts()
    assert first == texts()
    assert len(first) >= 2 * 6


def test_rollup_ways_agree(tiny: Organization) -> None:
    naive = rollup.naive(tiny, 2023)[tiny.pk]
    values = rollup.values(tiny, 2023)[tiny.pk]
    sql = rollup.sql(tiny, 2023)[tiny.pk]
    assert naive.summary() == values.summary()
    # The statement sums the points kept at write time; naive rescores every row now.
    assert (sql.systems, sql.indicators, sql.weight, sql.points, sql.met) == (
        naive.systems,
        naive.indicators,
        naive.weight,
        naive.points,
        naive.met,
    )
    assert sql.budget == naive.budget and sql.spent == naive.spent
    city = Organization.objects.get(path__startswith=tiny.path, level="city")
    below = rollup.values(tiny, 2023)
    assert (
        below[city.pk].systems
        == 2 * Organization.objects.filter(path__startswith=city.path).count()
    )
    fast = rollup.fast_function()
    if fast is not None:
        assert rollup.describe_fast(fast(tiny, 2023))["type"]


def test_export_and_extract_benchmarks_run(tiny: Organization) -> None:
    data = bench_export.measure(10, 2023, "docx")
    assert data["sheets"] == 10 and data["report_projects"] == 1
    assert data["workbook_bytes"] > 0 and data["report_bytes"] > 0
    extract = bench_extract.measure(count=100, repeat=1)
    assert len(extract["seeds"]["first_pass"]) == 5
    assert extract["targets"]["targets_found"] >= 100


def test_rescore_benchmark_runs_and_its_ways_agree(tiny: Organization) -> None:
    data = bench_rescore.measure(10, 2023, repeat=1, per_row_systems=3)
    assert data["indicators"] > 0 and data["seconds"]["per_row_indicators"] > 0
    assert sum(v for k, v in data["written"].items() if k != "totals") == data["indicators"]
    assert data["unchanged_run_wrote"] == 0
    assert data["agreement"] == {"rows_written": 0, "totals_changed": 0}
    text = summary.markdown({**MACHINE_RUN, "runs": [data]})
    assert "### 5. Full rescore of the province-year" in text


def test_every_page_of_the_load_test_answers_the_officer(tiny: Organization) -> None:
    env = bench_pages.targets(10, 2023)
    alone = bench_pages.solo(env, repeat=1)
    assert len(alone) == len(bench_pages.pages(10, 2023)) >= 68
    refused = {
        name: row["status"] for name, row in alone.items() if row["status"] not in (200, 302)
    }
    assert refused == {}
    assert all(row["queries"] > 0 and row["cpu_ms"] > 0 for row in alone.values())


MACHINE_RUN = {
    "mode": "quick", "started": "2026-01-01T00:00:00Z", "seconds": 1.0,
    "machine": {"cpu": "x", "cores": 2, "memory": "1 GiB", "os": "linux", "python": "3.11",
                "sqlite": "3", "postgresql": None, "load_average": [1.0, 1.0, 1.0]},
}  # fmt: skip


def test_pages_statistics_and_summary(tmp_path: Path) -> None:
    header = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
    rows = [
        "GET,dashboard,40,0,90,95,50,300,1000,2.0,0.0,90,100,110,120,150,180,250,290,300,300,300",
        "GET,results grid,80,0,120,130,60,500,1000,4.0,0.0,120,130,140,150,200,240,300,450,500,500,500",
        "GET,api systems,40,1,30,35,20,90,1000,2.0,0.05,30,32,34,36,40,50,60,80,90,90,90",
    ]
    (tmp_path / "locust_stats.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    stats = bench_pages.read_stats(tmp_path / "locust")
    assert stats["results grid"]["p95_ms"] == 240
    goals = bench_pages.goals(stats)
    assert goals["p95_dashboard"] and not goals["p95_results_grid"] and not goals["zero_errors"]
    data = {
        "mode": "quick", "started": "2026-01-01T00:00:00Z", "seconds": 1.0,
        "machine": {"cpu": "x", "cores": 2, "memory": "1 GiB", "os": "linux", "python": "3.11",
                    "sqlite": "3", "postgresql": None, "load_average": [1.0, 1.0, 1.0]},
        "runs": [{"benchmark": "pages", "database": "sqlite", "units": 10, "users": 3,
                  "seconds": 5, "gunicorn_workers": 2, "dashboard": "/", "stats": stats,
                  "goals": goals}],
    }  # fmt: skip
    text = summary.markdown(data)
    assert "| results grid | 80 | 0 | 120.0 | 240.0 |" in text
    stats["baseline (login form)"] = dict(stats["api systems"], p95_ms=60.0)
    assert bench_pages.ratios(stats) == {"dashboard": 3.0, "results grid": 4.0, "api systems": 0.8}
    doc = tmp_path / "doc.md"
    doc.write_text(f"head\n{summary.BEGIN}\nold\n{summary.END}\ntail\n", encoding="utf-8")
    summary.update_docs(text, doc)
    assert "old" not in doc.read_text() and doc.read_text().endswith("tail\n")
