"""One total everywhere: the system page, the dashboard, the rankings, the API and the CLI.

A system's total has one definition (``core.scoring.score_document`` on the system as the
adapter builds it, evaluators' adjustments included), stored on the system when an input
changes. Every reader must show that figure: these tests read it from each place, for the
seeds and for generated systems, before and after an evaluator adjusts a score.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.documents import Actual, Budget, BudgetRow, Document, Indicator, Target
from jixiao.core.scoring import score_document
from jixiao.ingest import extract_file
from jixiao.reports import export_document
from jixiao.web.api.models import ApiToken
from jixiao.web.cycle.evaluations import adjust, evaluate
from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.performance.models import IndicatorSystem
from tests.support import seed

from .conftest import World, login

pytestmark = pytest.mark.django_db
JIXIAO = Path(sys.executable).with_name("jixiao")
HUNDRED = Decimal(100)


def cli_total(path: Path) -> Decimal | None:
    """``jixiao score FILE``'s recomputed total, from the installed command."""
    args = [str(JIXIAO), "score", str(path)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    total = json.loads(done.stdout)["recomputed_total"]
    return None if total is None else Decimal(str(total))


def everywhere(client: Client, token: str, world: World, system: IndicatorSystem) -> dict:
    """The system's total as each reader shows it (the unit has this one system)."""
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    page = client.get(f"/systems/{system.pk}/").content.decode()
    shown = re.search(r'id="recomputed-total">([^<]+)<', page)
    api = client.get(f"/api/systems/{system.pk}/score", **auth).json()
    board = client.get(f"/api/dashboard/{world.city.pk}?year={system.year}", **auth).json()
    unit = next(c for c in board["children"] if c["org_id"] == world.county.pk)
    ranks = client.get(f"/api/outcomes/rankings?org={world.city.pk}&year={system.year}", **auth)
    ranked = next(r for r in ranks.json() if r["org_id"] == world.county.pk)
    html = client.get(f"/outcomes/rankings/?org={world.city.pk}&year={system.year}").content
    row = re.search(rf"<td>{world.county.name}</td>\s*<td class=\"num\">([\d.]+)<", html.decode())
    system.refresh_from_db()
    return {
        "stored": system.score_total,
        "page": Decimal(shown.group(1)) if shown else None,
        "api": Decimal(str(api["recomputed_total"])),
        "dashboard": Decimal(str(unit["score"])),
        "rankings": Decimal(str(ranked["score"])),
        "rankings page": Decimal(row.group(1)) if row else None,
    }


def assert_one_total(seen: dict, expected: Decimal) -> None:
    """Every reader shows ``expected`` (a 100-point sheet, so the roll-up is the same figure)."""
    assert None not in seen.values(), seen
    assert {k: v.quantize(Decimal("0.01")) for k, v in seen.items()} == dict.fromkeys(
        seen, expected.quantize(Decimal("0.01"))
    )


@pytest.fixture
def admin(client: Client, world: World) -> tuple[Client, str]:
    login(client, "admin")
    _, token = ApiToken.issue(world.users["admin"], "总分一致性测试")
    return client, token


@pytest.mark.parametrize(("prefix", "total"), [("002", "99.99"), ("003", "95.09")])
def test_a_seeds_total_is_the_same_on_every_page_the_api_and_the_cli(
    admin: tuple[Client, str], world: World, prefix: str, total: str
) -> None:
    client, token = admin
    system = save_document(extract_file(seed(prefix)), world.county, year=2024)
    assert cli_total(seed(prefix)) == Decimal(total)
    assert system.score_weight == HUNDRED
    assert_one_total(everywhere(client, token, world, system), Decimal(total))


def test_an_adjustment_moves_every_reader_at_once(admin: tuple[Client, str], world: World) -> None:
    client, token = admin
    system = save_document(extract_file(seed("002")), world.county, year=2024)
    evaluation = evaluate(system, "third_party", world.users["admin"])
    row = next(r for r in evaluation.scores.select_related("indicator") if r.computed)
    lower = row.computed - Decimal(1)
    adjust(row, str(lower), "佐证材料不全，扣1分", world.users["admin"])
    evaluation.refresh_from_db()
    assert evaluation.total == Decimal("98.99")
    assert_one_total(everywhere(client, token, world, system), Decimal("98.99"))


def generated(rng: random.Random, n: int) -> Document:
    """A self-evaluation of ``n`` indicators worth 90 and a fund block worth 10.

    Targets point both ways, results fall short or exceed, and some indicators do not apply
    (不适用), so the re-basing, the caps and the fund block all count.
    """
    weights = [Decimal(90) // n] * n
    weights[0] += Decimal(90) - sum(weights)
    indicators = []
    for i, weight in enumerate(weights, 1):
        goal = Decimal(rng.randint(50, 500))
        got = (goal * Decimal(rng.randint(60, 130)) / 100).quantize(Decimal(1))
        op, word = (">=", "不少于") if i % 3 else ("<=", "不超过")
        raw = "不适用" if rng.random() < 0.1 else f"{got}件"
        indicators.append(
            Indicator(
                id=str(i),
                name=f"监督检查事项{i}",
                path=["产出指标" if i % 2 else "效益指标", "数量指标"],
                direction="≥" if op == ">=" else "≤",
                targets=[Target(f"{word}{goal}件", op, goal, unit="件")],
                actual=Actual(raw, [] if raw == "不适用" else [Target(raw, "=", got, unit="件")]),
                weight=weight,
                score=weight,
            )
        )
    spent = Decimal(rng.randint(60, 100))
    budget = Budget(
        [BudgetRow("合计", Decimal(100), Decimal(100), spent, spent)],
        weight=Decimal(10),
        score=Decimal(10),
    )
    return Document(
        kind="self_evaluation",
        title="乙县市场监督管理局2024年度部门整体支出绩效自评表",
        year=2024,
        indicators=indicators,
        budget=budget,
        totals={"weight": 100},
    )


@pytest.mark.parametrize("n", [3, 9, 17])
def test_a_generated_systems_total_is_the_same_everywhere(
    admin: tuple[Client, str], world: World, n: int, tmp_path: Path
) -> None:
    client, token = admin
    doc = generated(random.Random(n), n)
    expected = score_document(doc).recomputed_total
    assert expected is not None
    system = save_document(doc, world.county, year=2024)
    assert system.score_weight == HUNDRED
    assert_one_total(everywhere(client, token, world, system), expected)
    out = tmp_path / "system.xlsx"
    export_document(doc, "xlsx", out)
    assert cli_total(out) == expected


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed_=st.integers(0, 10_000), n=st.integers(1, 25))
def test_for_any_generated_system_the_stored_total_is_the_cores_and_the_rollups(
    world: World, seed_: int, n: int
) -> None:
    doc = generated(random.Random(seed_), n)
    sheet = score_document(doc)
    with transaction.atomic():
        system = save_document(doc, world.county, year=2024, replace=True)
        unit = province_rollup(world.province, 2024).find(world.county.pk)
        assert (system.score_total, system.score_weight) == (sheet.recomputed_total, HUNDRED)
        assert system.score_grade == sheet.grade and unit.score == sheet.recomputed_total
        transaction.set_rollback(True)
