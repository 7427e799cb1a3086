"""Deterministic province-scale dataset for the benchmarks.

One province, its cities and counties (137 units: 1 + 14 + 122, like Hunan; or 40 or 10), each
with a 部门整体支出 system and ~30 project systems of ~40 indicators for every year of history
(five by default), targets and results written the way the seeds write them and parsed with
``jixiao.core.targets``, monthly results (``cycle.ReportingPeriod`` + ``cycle.Result``) for the
current year, money by project and economic category, budget lines, the province's and
cities' allocations to the units below, and a year of 依申请公开 requests per unit when the
disclosure register app is installed. Everything comes from seeded ``random.Random``
generators, so two runs give the same rows. Small tables go in with ``bulk_create`` in
batches, the two big ones (indicators, results) with ``executemany`` (bench/rows.py), one
transaction per unit, into whichever database ``--db`` names (SQLite file or PostgreSQL URL);
``ANALYZE`` afterwards so the planner knows the tables' new sizes (``VACUUM ANALYZE`` on
PostgreSQL, as autovacuum would do in time).

Run: ``.venv/bin/python bench/generate.py --units 137 --db postgres://postgres@127.0.0.1/jixiao_bench``
(``--fresh`` empties the database first; without it a province already there is kept).
Several sizes can live in one database: each is its own province (``基准省137`` …).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: bench/ is a package of the checkout
    sys.path.insert(0, str(ROOT))

from bench import vocabulary as v  # noqa: E402
from bench.money import allocation_row, budget_lines, project_row, unit_budget  # noqa: E402
from bench.monthly import monthly_results  # noqa: E402
from bench.rows import Inserter, reset_sequences  # noqa: E402
from bench.textparse import parsed, parsed_form, with_words  # noqa: E402

DEFAULT_DB = f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"
PASSWORD = "jixiao-bench"  # synthetic benchmark accounts, loopback only
SIZES = (137, 40, 10)
CITIES_PER_137 = 14


@dataclass(frozen=True)
class Spec:
    """What to generate; the defaults are the issue's province."""

    units: int = 137
    year: int = 2023
    years: int = 5
    projects: int = 30
    indicators: int = 40
    monthly: bool = True
    seed: int = 2023
    batch: int = 4000

    @property
    def code(self) -> str:
        """The province's organisation code, which marks a generated province in the database."""
        return f"BENCH{self.units}"


@dataclass
class Stats:
    """Rows written, by model, and the time taken."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, count: int) -> None:
        """Count ``count`` more rows of ``name``."""
        self.rows[name] = self.rows.get(name, 0) + count


# --------------------------------------------------------------------------- database set-up


def setup_django(db_url: str, migrate: bool = True) -> None:
    """Point Django at ``db_url`` (creating the SQLite folder or PG database) and migrate."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    os.environ.setdefault("JIXIAO_DB_CONN_MAX_AGE", "0")
    if db_url.startswith("sqlite:///"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        ensure_pg_database(db_url)
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def _pg_admin(db_url: str) -> tuple[Any, str]:
    """A connection to the server's ``postgres`` database, and the name of ``db_url``'s."""
    import psycopg
    from dj_database_url import parse

    cfg = parse(db_url)
    conn = psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    return conn, cfg["NAME"]


def ensure_pg_database(db_url: str) -> None:
    """Create the PostgreSQL database named in ``db_url`` when it is not there."""
    conn, name = _pg_admin(db_url)
    with conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(db_url: str) -> None:
    """Remove the database ``db_url`` names (a SQLite file, or a PG database) for a fresh start."""
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    conn, name = _pg_admin(db_url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fast_writes() -> None:
    """SQLite: write-ahead log and no fsync per commit while loading (the data is synthetic)."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cur:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=OFF")


# --------------------------------------------------------------------------- organisations


@dataclass
class Unit:
    """One organisation of the synthetic province and what is fixed about it across years."""

    index: int
    level: str
    name: str
    parent: int | None
    scale: float
    org: Any = None
    departments: list[Any] = field(default_factory=list)


def _place_names(rng: random.Random, count: int) -> list[str]:

    pairs = [a + b for a in v.PLACE_CHARS for b in v.PLACE_CHARS if a != b]
    return rng.sample(sorted(set(pairs)), count)


def plan_units(spec: Spec, rng: random.Random) -> list[Unit]:
    """Province, cities and counties: 137 → 1 + 14 + 122, scaled down for smaller sizes."""

    cities = max(1, round(spec.units * CITIES_PER_137 / 137))
    counties = spec.units - 1 - cities
    names = _place_names(rng, cities + counties)
    units = [Unit(0, "province", f"基准省{spec.units}{v.BUREAU}", None, 20.0)]
    for c in range(cities):
        units.append(Unit(len(units), "city", f"{names[c]}市{v.BUREAU}", 0, 5.0))
    for k in range(counties):
        parent = 1 + k % cities
        name = f"{names[cities + k]}县{v.BUREAU}"
        units.append(Unit(len(units), "county", name, parent, rng.uniform(0.6, 1.4)))
    return units


def create_orgs(spec: Spec, units: list[Unit]) -> None:
    """Organisations (paths set as ``Organization.save`` does) and their departments."""
    from jixiao.web.orgs.models import Department, Organization

    for unit in units:
        parent = units[unit.parent].org if unit.parent is not None else None
        code = spec.code if unit.level == "province" else f"{spec.code}-{unit.index:03d}"
        unit.org = Organization(name=unit.name, code=code, level=unit.level, parent=parent)
        unit.org.save()
    rows = [Department(organization=u.org, name=d) for u in units for d in v.DEPARTMENTS]
    Department.objects.bulk_create(rows, batch_size=spec.batch)
    by_org: dict[int, list[Any]] = {}
    for d in Department.objects.filter(organization__code__startswith=spec.code):
        by_org.setdefault(d.organization_id, []).append(d)
    for unit in units:
        unit.departments = sorted(by_org[unit.org.pk], key=lambda d: d.name)


def create_users(spec: Spec, units: list[Unit]) -> None:
    """Benchmark accounts: a province officer and a county clerk (password ``jixiao-bench``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from jixiao.web.orgs.models import Membership, Role

    users = get_user_model()
    password = make_password(PASSWORD)
    county = next(u for u in units if u.level == "county")
    for name, unit, role in (
        (f"bench{spec.units}_officer", units[0], Role.OFFICER),
        (f"bench{spec.units}_clerk", county, Role.CLERK),
    ):
        user, _ = users.objects.get_or_create(username=name, defaults={"password": password})
        Membership.objects.get_or_create(user=user, organization=unit.org, role=role)


# --------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class Plan:
    """One indicator as it stays from year to year: its kind, words and base figure."""

    kind: str
    level1: str
    level2: str
    name: str
    unit: str
    form: str
    base: float
    department: int


def plan_indicators(rng: random.Random, count: int, scale: float) -> list[Plan]:
    """~``count`` indicators in the seeds' proportions of level-2 kinds."""

    total = max(4, count + rng.randint(-count // 8, count // 8))
    plans = []
    for level1, level2, kind, share in v.LEVELS:
        for _ in range(max(1, round(total * share))):
            plans.append(_plan_one(rng, kind, level1, level2, scale))
    return plans


def _plan_one(rng: random.Random, kind: str, level1: str, level2: str, scale: float) -> Plan:

    obj = rng.choice(v.OBJECTS)
    dept = rng.randrange(len(v.DEPARTMENTS))
    if kind == "count":
        verb, unit = rng.choice(v.COUNT_MEASURES)
        base = max(2.0, rng.lognormvariate(4, 1) * scale)
        return Plan(
            kind, level1, level2, f"{verb}{obj}{unit}", unit, rng.choice(v.COUNT_FORMS), base, dept
        )
    if kind == "rate":
        return Plan(
            kind, level1, level2, f"{obj}{rng.choice(v.RATE_NAMES)}", "%", "100%", 100.0, dept
        )
    if kind == "deadline":
        return Plan(kind, level1, level2, f"{obj}专项工作完成时间", "", "deadline", 0.0, dept)
    if kind == "cost":
        base = round(rng.uniform(5, 200) * scale, 2)
        return Plan(
            kind, level1, level2, f"{obj}{rng.choice(v.COST_NAMES)}", "万元", "≤{n}{u}", base, dept
        )
    if kind == "yoy":
        return Plan(
            kind,
            level1,
            level2,
            f"{obj}{rng.choice(v.BENEFIT_NAMES)}",
            "%",
            "较上年度增加 {n}%",
            float(rng.randint(2, 15)),
            dept,
        )
    if kind == "qualitative":
        return Plan(
            kind,
            level1,
            level2,
            f"{obj}{rng.choice(v.BENEFIT_NAMES)}",
            "",
            rng.choice(v.QUAL_TARGETS),
            0.0,
            dept,
        )
    return Plan(
        kind,
        level1,
        level2,
        rng.choice(v.SATISFACTION_NAMES),
        "%",
        "≥{n}%",
        float(rng.choice((85, 90, 95))),
        dept,
    )


def _grow(plan: Plan, year_offset: int) -> Decimal:
    """The plan's figure in a year: counts grow 5% a year, costs 3%; rates stay."""
    growth = {"count": 1.05, "cost": 1.03}.get(plan.kind, 1.0)
    value = plan.base * growth**year_offset
    places = 2 if plan.kind == "cost" else 0
    return Decimal(str(round(value, places))) if places else Decimal(round(value))


def target_text(plan: Plan, value: Decimal, year: int) -> str:
    """The 年度指标值 as the seeds write it."""
    if plan.kind == "deadline":
        return f"{year} 年 12 月 31 日前"
    if plan.kind == "qualitative":
        return plan.form
    return plan.form.format(n=value, u=plan.unit)


@dataclass
class Outcome:
    """An indicator's year: target, actual, the score printed and why it fell short."""

    target: str
    actual: str
    ratio: float
    score: Decimal
    met: bool
    done_month: int = 12
    value: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)
    goal: Decimal = Decimal(0)


def outcome(rng: random.Random, plan: Plan, value: Decimal, year: int, weight: Decimal) -> Outcome:
    """Draw the year's result (85% met) and the score the unit printed for it."""
    met = rng.random() < 0.85
    ratio = rng.uniform(1.0, 1.15) if met else rng.uniform(0.7, 0.99)
    text = target_text(plan, value, year)
    if plan.kind in ("deadline", "qualitative"):
        return _outcome_words(rng, plan, text, met, year, weight)
    if plan.kind == "cost":
        actual = (value / Decimal(str(ratio))).quantize(Decimal("0.01"))
        return Outcome(text, f"{actual}万元", ratio, _points(ratio, weight), met, value=actual)
    if plan.kind == "rate":
        pct = Decimal(100) if met else Decimal(str(round(100 * ratio, 1)))
        return Outcome(text, f"{pct}%", ratio, _points(ratio, weight), met, value=pct)
    places = 0 if plan.kind == "count" else 1
    actual = Decimal(str(round(float(value) * ratio, places)))
    return Outcome(text, f"{actual}{plan.unit}", ratio, _points(ratio, weight), met, value=actual)


def _outcome_words(
    rng: random.Random, plan: Plan, text: str, met: bool, year: int, weight: Decimal
) -> Outcome:

    if plan.kind == "deadline":
        month = rng.randint(6, 12) if met else 12
        day = 28 if met else 31
        actual = f"{year} 年 {month} 月 {day} 日完成" if met else f"{year + 1} 年 1 月 15 日完成"
        return Outcome(
            text, actual, 1.0 if met else 0.0, weight if met else Decimal(0), met, month
        )
    actual = rng.choice(v.QUAL_RESULTS) if met else "部分达成"
    score = weight if met else (weight * Decimal("0.7")).quantize(Decimal("0.01"))
    return Outcome(text, actual, 1.0 if met else 0.7, score, met)


def _points(ratio: float, weight: Decimal) -> Decimal:
    return (weight * Decimal(str(min(ratio, 1.0)))).quantize(Decimal("0.01"))


def weights(count: int, total: int = 90) -> list[Decimal]:
    """``total`` points over ``count`` indicators, two decimals, summing exactly."""
    each = (Decimal(total) / count).quantize(Decimal("0.01"))
    out = [each] * count
    out[-1] = Decimal(total) - each * (count - 1)
    return out


# --------------------------------------------------------------------------- one unit's year


@dataclass
class Batch:
    """Rows of one unit's year, waiting for bulk_create."""

    systems: list[Any] = field(default_factory=list)
    indicators: list[tuple[int, Any, Plan, Outcome]] = field(default_factory=list)
    projects: list[tuple[int, Any]] = field(default_factory=list)
    budget: list[tuple[int, Any]] = field(default_factory=list)
    allocations: list[tuple[int, Any]] = field(default_factory=list)


class Generator:
    """Writes the province: organisations, then every unit's years, one transaction per unit."""

    def __init__(self, spec: Spec, log: Any = print) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed * 1000 + spec.units)
        self.stats = Stats()
        self.log = log
        self.units: list[Unit] = []
        self.plans: dict[tuple[int, int], list[Plan]] = {}
        self.periods: list[Any] = []

    def exists(self) -> bool:
        """True when this size's province is already in the database."""
        from jixiao.web.orgs.models import Organization

        return Organization.objects.filter(code=self.spec.code).exists()

    def run(self) -> Stats:
        """Generate everything; returns the row counts and the time taken."""
        from django.db import transaction

        from jixiao.web.cycle.models import Result
        from jixiao.web.performance.models import Indicator

        start = time.perf_counter()
        fast_writes()
        with transaction.atomic():
            self.units = plan_units(self.spec, self.rng)
            create_orgs(self.spec, self.units)
            create_users(self.spec, self.units)
            self.periods = create_periods(self.spec.year)
        self.stats.add("Organization", len(self.units))
        self.open_inserters()
        for unit in self.units:
            with transaction.atomic():
                for year in self.years():
                    self.write(self.unit_year(unit, year), year)
            if unit.index % 20 == 0:
                self.log(
                    f"  {unit.index + 1}/{len(self.units)} units, {self.elapsed(start):.0f} s"
                )
        reset_sequences([Indicator, Result])
        self.stats.seconds = self.elapsed(start)
        return self.stats

    def open_inserters(self) -> None:
        """Fast inserters for indicators and results (see bench/rows.py)."""
        from django.utils import timezone

        from jixiao.web.cycle.models import Result
        from jixiao.web.performance.models import Indicator, Scoring

        self.indicator_ins = Inserter(Indicator, INDICATOR_COLUMNS, self.spec.batch)
        self.scoring_ins = Inserter(Scoring, SCORING_COLUMNS, self.spec.batch)
        self.result_ins = Inserter(Result, RESULT_COLUMNS, self.spec.batch)
        self.now = timezone.now()

    @staticmethod
    def elapsed(start: float) -> float:
        """Seconds since ``start``."""
        return time.perf_counter() - start

    def years(self) -> range:
        """The history years, oldest first, ending with the current year."""
        return range(self.spec.year - self.spec.years + 1, self.spec.year + 1)

    def plans_for(self, unit: Unit, project: int) -> list[Plan]:
        """The unit's indicators of one system (project 0 is the overall system), kept per year."""
        key = (unit.index, project)
        if key not in self.plans:
            rng = random.Random(self.spec.seed * 7919 + unit.index * 101 + project)
            self.plans[key] = plan_indicators(rng, self.spec.indicators, unit.scale)
        return self.plans[key]

    def unit_year(self, unit: Unit, year: int) -> Batch:
        """Every system of ``unit`` in ``year`` with its indicators, money and allocations."""

        batch = Batch()
        self.add_system(batch, unit, year, None)
        for p in range(min(self.spec.projects, len(v.PROJECTS))):
            self.add_system(batch, unit, year, v.PROJECTS[p])
        return batch

    def status(self, year: int) -> str:
        """Past years are locked; the current year is spread over the workflow."""
        if year < self.spec.year:
            return "locked"
        return self.rng.choices(
            ("draft", "submitted", "reviewed", "approved"), weights=(2, 3, 2, 3)
        )[0]

    def add_system(self, batch: Batch, unit: Unit, year: int, project: str | None) -> None:
        """One system: the overall one (project None) or one project's."""
        from jixiao.web.performance.models import IndicatorSystem

        n = len(batch.systems)
        kind = "overall" if project is None else "project"
        title = (
            f"{unit.name}{year}年度部门整体支出绩效自评表"
            if project is None
            else f"{unit.name}{year}年度{project}项目支出绩效自评"
        )
        money = unit_budget(self.rng, unit.scale, project is None)
        batch.budget += [(n, row) for row in budget_lines(money, project is None)]
        if project is not None:
            batch.projects.append((n, project_row(self.rng, project, unit.name, money)))
        elif unit.level != "county":
            batch.allocations += [(n, a) for a in self.allocations(unit, year)]
        scored = self.add_indicators(batch, n, unit, year, PROJECT_INDEX.get(project, 0))
        reported = scored + money.score
        batch.systems.append(
            IndicatorSystem(
                organization=unit.org,
                year=year,
                kind=kind,
                doc_kind="self_evaluation" if project is None else "evaluation_report",
                title=title,
                status=self.status(year),
                source_file="bench/generate.py",
                totals={
                    "weight": 100,
                    "reported_score": float(reported),
                    "grade": _grade(reported),
                },
                tasks=_tasks(project),
                budget_weight=Decimal(10),
                budget_score=money.score,
            )
        )

    def add_indicators(self, batch: Batch, n: int, unit: Unit, year: int, project: int) -> Decimal:
        """The system's indicators; returns the sum of the printed scores."""
        plans = self.plans_for(unit, project)
        offset = year - self.years()[0]
        total = Decimal(0)
        for plan, weight in zip(plans, weights(len(plans)), strict=True):
            result = outcome(self.rng, plan, _grow(plan, offset), year, weight)
            result.weight = weight
            result.goal = _grow(plan, offset)
            if self.rng.random() < 0.03:  # a misprinted score, for rescoring to find
                result.score = max(Decimal(0), result.score - Decimal("0.5"))
            batch.indicators.append((n, unit, plan, result))
            total += result.score
        return total

    def allocations(self, unit: Unit, year: int) -> list[Any]:
        """The province's (or a city's) money passed down to each unit below, by project."""

        below = [u for u in self.units if u.parent == unit.index]
        rows = []
        for child in below:
            rows.append(allocation_row(self.rng, child, unit, self.spec.projects))
        return rows

    def write(self, batch: Batch, year: int) -> None:
        """bulk_create the batch's rows, systems first (their ids are needed below)."""
        from jixiao.web.adapter import store_scores
        from jixiao.web.performance.models import IndicatorSystem

        size = self.spec.batch
        systems = IndicatorSystem.objects.bulk_create(batch.systems, batch_size=size)
        self.stats.add("IndicatorSystem", len(systems))
        self._children(batch, systems)
        indicators = self._indicators(batch, systems, year)
        if year == self.spec.year and self.spec.monthly:
            self._results(indicators, year)
        elif indicators:
            self._final_results(indicators, year)
        store_scores(systems)  # each system's total, as an import stores it

    def _children(self, batch: Batch, systems: list[Any]) -> None:
        from jixiao.web.performance.models import Allocation, BudgetLine, Project

        for model, rows in (
            (Project, batch.projects),
            (BudgetLine, batch.budget),
            (Allocation, batch.allocations),
        ):
            objs = []
            for position, (n, row) in enumerate(rows, 1):
                row.system = systems[n]
                row.position = position
                objs.append(row)
            model.objects.bulk_create(objs, batch_size=self.spec.batch)
            self.stats.add(model.__name__, len(objs))

    def _indicators(
        self, batch: Batch, systems: list[Any], year: int
    ) -> list[tuple[int, Plan, Outcome]]:
        rows, scorings = [], []
        out = []
        positions: dict[int, int] = {}
        for n, unit, plan, result in batch.indicators:
            positions[n] = positions.get(n, 0) + 1
            pk = self.indicator_ins.next_id()
            row, scoring = indicator_row(pk, systems[n].pk, positions[n], unit, plan, result, year)
            rows.append(row)
            scorings.append(scoring)
            out.append((pk, plan, result))
        self.stats.add("Indicator", self.indicator_ins.insert(rows))
        self.scoring_ins.insert(scorings)
        return out

    def _results(self, indicators: list[tuple[int, Plan, Outcome]], year: int) -> None:
        periods = [p for p in self.periods if p.year == year]
        now = self.now
        ins = self.result_ins
        rows = (
            (ins.next_id(), pk, period.pk, text, found, "", "", now)
            for pk, plan, res in indicators
            for period, (text, found) in zip(
                periods, monthly_results(self.rng, plan, res), strict=True
            )
        )
        self.stats.add("Result", ins.insert(rows))

    def _final_results(self, indicators: list[tuple[int, Plan, Outcome]], year: int) -> None:
        """Past years: only the year's final result (运行监控 months are not kept for them)."""
        from jixiao.web.cycle.models import ReportingPeriod

        final, _ = ReportingPeriod.objects.get_or_create(
            year=year, name="全年", defaults={"position": 12, "is_final": True}
        )
        ins = self.result_ins
        rows = (
            (
                ins.next_id(),
                pk,
                final.pk,
                res.actual,
                with_words(parsed(res.actual)),
                "",
                "",
                self.now,
            )
            for pk, _plan, res in indicators
        )
        self.stats.add("Result", ins.insert(rows))


def _tasks(project: str | None) -> list[dict[str, Any]]:

    if project is not None:
        return []
    return [{"name": t, "content": t, "budget": None} for t in v.TASKS]


def _grade(score: Decimal) -> str:
    from jixiao.core.scoring import grade_for

    return grade_for(score) or ""


PROJECT_INDEX = {name: n + 1 for n, name in enumerate(v.PROJECTS)}


#: The typed scoring inputs (``jixiao.web.adapter.typed_inputs``).
TYPED_COLUMNS = [
    "rule_kind", "comparison", "target_value", "target_upper", "actual_value", "level", "met",
    "applicable",
]  # fmt: skip
INDICATOR_COLUMNS = [
    "id", "system_id", "position", "code", "path", "name", "nature", "direction",
    "target_text", "targets", "unit", "actual_text", "actual", "weight", "score",
    "deviation", "basis", "criteria", "history", "departments", "owners", "department_id",
]  # fmt: skip
#: The indicator's narrow scoring row (``jixiao.web.adapter.scoring_of``).
SCORING_COLUMNS = [
    "indicator_id", "system_id", "position", "ref", "level1", "weight", "score", "reported",
    "points", *TYPED_COLUMNS,
]  # fmt: skip
RESULT_COLUMNS = [
    "id", "indicator_id", "period_id", "value_text", "parsed", "comment", "evidence",
    "updated_at",
]  # fmt: skip
ACTUAL_UNIT = {"cost": "万元", "rate": "%", "yoy": "%", "satisfaction": "%"}


def indicator_row(
    pk: int, system_id: int, position: int, unit: Unit, plan: Plan, res: Outcome, year: int
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """An indicator as ``imports.save`` would store it (INDICATOR_COLUMNS), with history, and
    its scoring row (SCORING_COLUMNS)."""
    direction = v.DIRECTIONS[plan.kind]
    if plan.kind in ("deadline", "qualitative"):
        targets = list(parsed(res.target, direction))
        actual_targets = list(parsed(res.actual))  # a result is read without the direction
    else:
        _, targets = parsed_form(plan.form, res.goal, plan.unit, direction)
        _, actual_targets = parsed_form(
            "{n}{u}", res.value, ACTUAL_UNIT.get(plan.kind, plan.unit), ""
        )
    dept = unit.departments[plan.department % len(unit.departments)]
    name = v.DEPARTMENTS[plan.department]
    nature = "定性" if plan.kind == "qualitative" else "定量"
    actual = {"raw": res.actual, "targets": actual_targets}
    deviation = "" if res.met else v.DEVIATIONS[position % len(v.DEVIATIONS)]
    scoring = scoring_of(plan, nature, direction, targets, actual, res, deviation)
    row = (
        pk, system_id, position, str(position), [plan.level1, plan.level2], plan.name,
        nature, direction,
        res.target, targets, next((t["unit"] for t in targets if t.get("unit")), "")[:32],
        res.actual, actual, res.weight, res.score, deviation,
        f"{year - 1}年完成情况及本年度工作计划", "", _history(plan, year), [name],
        [f"{name[:2]}负责人"], dept.pk,
    )  # fmt: skip
    narrow = (
        pk, system_id, position, str(position), plan.level1, res.weight, res.score,
        res.actual is not None, scoring["points"], *(scoring[c] for c in TYPED_COLUMNS),
    )  # fmt: skip
    return row, narrow


def scoring_of(
    plan: Plan,
    nature: str,
    direction: str,
    targets: list[dict[str, Any]],
    actual: dict[str, Any],
    res: Outcome,
    deviation: str,
) -> dict[str, Any]:
    """The indicator's points and typed inputs, as the import stores them."""
    from jixiao.core.documents import indicator_from_dict
    from jixiao.web.adapter import scoring_columns

    data = {
        "id": "", "name": plan.name, "path": [plan.level1, plan.level2], "nature": nature,
        "direction": direction, "targets": targets, "actual": actual, "weight": res.weight,
        "score": res.score, "deviation": deviation or None, "criteria": None,
    }  # fmt: skip
    return scoring_columns(indicator_from_dict(data))


def _history(plan: Plan, year: int) -> dict[str, Any]:
    """Three years before, as seed 000's 目标制定依据 gives them."""
    if plan.kind in ("deadline", "qualitative"):
        return {}
    return {str(year - k): float(_grow(plan, -k)) for k in (3, 2, 1)}


def create_periods(year: int) -> list[Any]:
    """The monitoring months of ``year``: 1月 … 5月, 1-6月 (the half-year round), 7月 … 11月, 全年."""
    from jixiao.web.cycle.models import ReportingPeriod

    names = (
        [f"{m}月" for m in range(1, 6)] + ["1-6月"] + [f"{m}月" for m in range(7, 12)] + ["全年"]
    )
    periods = []
    for position, name in enumerate(names, 1):
        period, _ = ReportingPeriod.objects.get_or_create(
            year=year, name=name, defaults={"position": position, "is_final": name == "全年"}
        )
        periods.append(period)
    return periods


# --------------------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=137, choices=SIZES)
    parser.add_argument("--db", default=os.environ.get("JIXIAO_BENCH_DB", DEFAULT_DB))
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument(
        "--years", type=int, default=5, help="years of history incl. the current one"
    )
    parser.add_argument("--projects", type=int, default=30, help="project systems per unit")
    parser.add_argument("--indicators", type=int, default=40, help="indicators per system (about)")
    parser.add_argument("--no-monthly", action="store_true", help="final results only")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--fresh", action="store_true", help="drop the database first")
    return parser.parse_args(argv)


def spec_from(args: argparse.Namespace) -> Spec:
    """The Spec the command line asks for."""
    return Spec(
        units=args.units,
        year=args.year,
        years=args.years,
        projects=args.projects,
        indicators=args.indicators,
        monthly=not args.no_monthly,
        seed=args.seed,
    )


def generate(spec: Spec, db_url: str, fresh: bool = False, log: Any = print) -> Stats | None:
    """Load ``spec``'s province into ``db_url``; None when it was already there."""
    if fresh:
        drop_database(db_url)
    setup_django(db_url)
    gen = Generator(spec, log)
    if gen.exists():
        log(f"{spec.code} already in {db_url}; use --fresh to rebuild")
        requests = disclosure_requests(spec)
        if requests:
            log(f"{spec.code}: added {requests:,} disclosure requests")
            analyze()
        return None
    stats = gen.run()
    stats.add("InfoRequest", disclosure_requests(spec))
    analyze()
    rows = ", ".join(f"{k} {v:,}" for k, v in stats.rows.items())
    log(f"{spec.code}: {rows} in {stats.seconds:.1f} s")
    return stats


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load.

    Without it PostgreSQL still believes the tables are small or skewed (autovacuum lags
    behind a load of millions of rows) and picks parallel scans for one-system lookups: the
    results grid's query went from 0.3 ms of work to 170 ms of launching workers.

    On PostgreSQL also ``VACUUM``, as autovacuum does to a live database in time: it marks the
    freshly loaded pages all-visible, so counts can be answered from an index alone (an
    indicator count per system: 25 ms reading the rows, 2 ms from the index).
    """
    from django.db import connection

    with connection.cursor() as cur:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cur.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")  # no VACUUM in a transaction


def disclosure_requests(spec: Spec) -> int:
    """A year of 依申请公开 requests per unit, when the disclosure register app is installed."""
    from django.db import transaction

    from bench import disclosure

    if not disclosure.installed():
        return 0
    with transaction.atomic():
        return disclosure.add_requests(spec.code, spec.year, spec.seed)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    generate(spec_from(args), args.db, args.fresh)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
