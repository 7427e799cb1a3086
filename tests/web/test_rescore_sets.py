"""The set-based full rescore gives the core's points, indicator by indicator, and its totals.

Indicators of every rule kind are saved through the import path (which stores the typed
scoring inputs), then their weights and printed scores are changed around the app, as a
change of the scoring rules would leave them; ``rescore_all`` must then give exactly what the
core gives each row (``points_of``) and each system (``store_score``'s one definition). The
same file runs on PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from jixiao.core.documents import Actual, Budget, BudgetRow, Document, Figure, Indicator, Target
from jixiao.core.scoring.choose import BANDS, MET, PRINTED, RATIO, REVERSE
from jixiao.core.scoring.policy import DEFAULT_POLICY, policy_from_data
from jixiao.ingest import extract_file
from jixiao.web.adapter import SCORING_FIELDS, points_of, policy_of, score_row, sheet_of
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.cycle.models import EvaluationKind, EvaluationScore
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import Indicator as Row
from jixiao.web.performance.models import IndicatorSystem, RuleKind, Scoring
from jixiao.web.performance.rescore import rescore_all
from jixiao.web.rules.models import ScoreBasis, ScoringVariant
from tests.support import seed

from .conftest import World

pytestmark = pytest.mark.django_db

UNITS = ("户次", "%", "万元", "家")
LEVELS = (["产出指标", "数量指标"], ["产出指标", "质量指标"], ["效益指标", "社会效益指标"])

weights = st.one_of(
    st.decimals(min_value=0, max_value=20, places=2),
    st.decimals(min_value=0, max_value=20, places=4),
    st.sampled_from([Decimal(3), Decimal("0.15"), Decimal(150)]),  # ties, and beyond 100
)
numbers = st.one_of(
    st.decimals(min_value=0, max_value=500, places=2),
    st.integers(min_value=0, max_value=40).map(Decimal),  # ties: 5 of 24 at 3 points
    st.integers(min_value=0, max_value=40).map(Decimal),
    st.decimals(min_value=-20, max_value=20, places=1),  # 下降: signed values
    st.decimals(min_value=0, max_value=10, places=6),  # more decimals than the columns keep
    st.sampled_from([Decimal(0), Decimal(10) ** 9]),  # zero, and beyond the exact range
)


def target(op: str, value: Decimal, unit: str, upper: Decimal | None = None) -> Target:
    sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "between": ""}[op]
    shown = f"{value}-{upper}" if op == "between" else f"{sign}{value}"
    return Target(f"{shown}{unit}", op, value, upper, unit)


@st.composite
def numeric(draw: st.DrawFn) -> tuple[list[Target], Actual]:
    """One numeric target (any operator) and a number as the result."""
    unit = draw(st.sampled_from(UNITS))
    op = draw(st.sampled_from([">=", ">", "<=", "<", "=", "between"]))
    value = draw(numbers)
    upper = value + draw(numbers).copy_abs() if op == "between" else None
    got = draw(numbers)
    other = draw(st.sampled_from([unit, unit, unit, "%"]))  # sometimes 不可比
    return [target(op, value, unit, upper)], Actual(
        f"{got}{other}", [Target("", "=", got, unit=other)]
    )


@st.composite
def several(draw: st.DrawFn) -> tuple[list[Target], Actual]:
    """Several numbers in one cell, the result with as many numbers or not."""
    goals = [target(">=", draw(numbers), "个") for _ in range(draw(st.integers(2, 3)))]
    got = [draw(numbers) for _ in range(draw(st.integers(1, 3)))]
    text = "、".join(f"{g}个" for g in got)
    return goals, Actual(text, [Target("", "=", g, unit="个") for g in got])


@st.composite
def deadline(draw: st.DrawFn) -> tuple[list[Target], Actual]:
    due = Target("2024年12月31日前", "by_date", date="2024-12-31")
    done = draw(st.sampled_from(["2024-11-30", "2025-01-15", None]))
    words = draw(st.sampled_from(["已完成", "未完成", "正在推进"]))
    return [due], Actual(words if done is None else f"{done}完成", [Target("", "=", date=done)])


@st.composite
def qualitative(draw: st.DrawFn) -> tuple[list[Target], Actual]:
    words = draw(st.sampled_from(["达成年度指标", "部分达成", "未完成", "效果良好", "有所提升"]))
    return [Target("达成年度指标", "qualitative")], Actual(words)


@st.composite
def indicator(draw: st.DrawFn, n: int) -> Indicator:
    """An indicator of any kind; some are decided by their 评分标准 text (the core's rest)."""
    kinds = st.one_of(numeric(), numeric(), numeric(), several(), deadline(), qualitative())
    targets, actual = draw(kinds)
    actual = draw(st.sampled_from([*[actual] * 8, None, Actual("不适用")]))
    weight = draw(weights)
    score = draw(st.sampled_from([None, weight, weight / 2, Decimal(0)]))
    criteria, deviation = draw(
        st.sampled_from(
            [
                *[(None, None)] * 10,
                ("预算执行率100%计4分，每下降1%扣0.2分", None),
                ("是计1分，否计0分", None),
                ("是计1分，否计0分", "未建立台账，扣0.5分"),
            ]
        )
    )
    return Indicator(
        id=str(n),
        name=draw(st.sampled_from(["监督抽查户次", "办案成本", "投诉办结率", "群众满意度"])),
        path=draw(st.sampled_from(LEVELS)),
        nature="定性" if targets[0].op == "qualitative" else "定量",
        targets=targets,
        actual=actual,
        weight=weight,
        score=score,
        criteria=criteria,
        deviation=deviation,
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    count = draw(st.integers(min_value=1, max_value=8))
    spent = draw(st.decimals(min_value=0, max_value=120, places=2))
    return Document(
        kind="self_evaluation",
        title="生成的自评表",
        year=2024,
        indicators=[draw(indicator(n)) for n in range(1, count + 1)],
        budget=Budget([BudgetRow("合计", Decimal(100), Decimal(100), spent)], weight=Decimal(10)),
        figures=draw(st.sampled_from([[], [Figure("分值:产出指标", Decimal(50))]])),
        totals={"weight": 100},
    )


def change_around_the_app(
    system: IndicatorSystem, new: list[tuple[Decimal | None, Decimal | None]]
) -> None:
    """New weights and printed scores written straight to the rows (no rescore), stale points.

    The scoring rows get the new figures too (the adapter copies them on every write), and
    points no rule gives, as a change of the rules leaves them.
    """
    for row, (weight, score) in zip(system.indicators.order_by("position"), new, strict=False):
        Row.objects.filter(pk=row.pk).update(weight=weight, score=score)
        Scoring.objects.filter(pk=row.pk).update(weight=weight, score=score, points=Decimal(1))


def assert_the_cores(system: IndicatorSystem) -> None:
    """Every row's stored points are the core's; the stored total is the one definition's.

    The kept basis (what a what-if re-runs the policy on) is the one definition's too.
    """
    for row in system.indicators.select_related("system", "scoring").order_by("position"):
        assert row.recomputed == points_of(row), (row.scoring.rule_kind, row.weight, row.targets)
        derived = score_row(row)  # the narrow row holds what the adapter derives, no more
        assert all(getattr(row.scoring, f) == getattr(derived, f) for f in SCORING_FIELDS)
    system.refresh_from_db()
    sheet = sheet_of(system)
    assert (system.score_total, system.score_weight, system.score_grade) == (
        sheet.recomputed_total,
        sheet.weight,
        sheet.grade or "",
    )
    kept = ScoreBasis.objects.get(system=system).data
    assert kept == (sheet.basis.to_data() if sheet.basis is not None else {})


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    doc=documents(),
    new=st.lists(
        st.tuples(st.one_of(st.none(), weights), st.one_of(st.none(), weights)), max_size=12
    ),
)
def test_the_set_based_rescore_gives_the_cores_points(
    county: Organization, doc: Document, new: list[tuple[Decimal | None, Decimal | None]]
) -> None:
    point = transaction.savepoint()
    try:
        system = save_document(doc, county, year=2024)
        change_around_the_app(system, new)
        rescore_all(IndicatorSystem.objects.filter(pk=system.pk))
        assert_the_cores(system)
    finally:
        transaction.savepoint_rollback(point)


@pytest.fixture
def county(world: World) -> Organization:
    return world.county


@st.composite
def province_rules(draw: st.DrawFn) -> dict[str, object]:
    """A province's own variants: grade bands, partial-credit bands, caps, 指标偏离."""
    met = draw(st.integers(min_value=61, max_value=95))
    cap_low = draw(st.integers(min_value=0, max_value=80))
    return {
        "bands": [
            {"grade": "优", "minimum": draw(st.integers(min_value=70, max_value=95))},
            {"grade": "良", "minimum": draw(st.integers(min_value=40, max_value=69))},
            {"grade": "差", "minimum": 0},
        ],
        "qualitative": {"达成年度指标": met, "部分达成": draw(st.integers(10, met - 1))},
        "caps": [
            {"rate": "执行率", "at_least": cap_low, "below": cap_low + 20, "cap": 89},
            {"rate": "执行率", "below": draw(st.integers(1, 60)), "cap": 59},
        ],
        "deviation": draw(
            st.sampled_from(
                [None, {"threshold": 130, "points": 2}, {"threshold": 101, "points": 0.5}]
            )
        ),
    }


@settings(
    max_examples=15,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rules=province_rules(),
    docs=st.lists(documents(), min_size=2, max_size=3),
    new=st.lists(
        st.tuples(st.one_of(st.none(), weights), st.one_of(st.none(), weights)), max_size=8
    ),
)
def test_a_provinces_own_rules_give_the_same_totals_set_based_as_per_system(
    world: World,
    rules: dict[str, object],
    docs: list[Document],
    new: list[tuple[Decimal | None, Decimal | None]],
) -> None:
    """A province with its own caps and bands: ``rescore_all`` stores what ``store_score`` does.

    Its systems sit beside another province's (the ministry's rules) in one full rescore, so
    both the set-based path and the province's fall-back to the core are taken.
    """
    point = transaction.savepoint()
    try:
        ScoringVariant.objects.create(organization=world.province, year=2024, data=rules)
        owners = [world.county, world.other_province, world.city]  # bound, free, bound
        systems = [
            save_document(doc, org, year=2024) for doc, org in zip(docs, owners, strict=False)
        ]
        for system in systems:
            change_around_the_app(system, new)
        rescore_all(IndicatorSystem.objects.filter(pk__in=[s.pk for s in systems]))
        for n, system in enumerate(systems):
            want = DEFAULT_POLICY if n == 1 else policy_from_data(rules)
            assert policy_of_system(system) == want
            assert_the_cores(system)
    finally:
        transaction.savepoint_rollback(point)


def policy_of_system(system: IndicatorSystem) -> object:
    """The policy the adapter reads for ``system`` (what ``store_score`` applies)."""
    return policy_of(IndicatorSystem.objects.select_related("organization").get(pk=system.pk))


def test_every_kind_is_scored_by_its_statement_and_the_rest_by_the_core(world: World) -> None:
    """One indicator of each kind: each statement writes its row; ``core`` rows go to the core."""
    rows = [
        (">=", Decimal(24), Decimal(5), None, None),  # ratio: 5/24 × 3 = 0.625 → 0.63
        ("<=", Decimal(24), Decimal(40), None, None),  # reverse
        ("=", Decimal(7), Decimal(9), None, None),  # a count reached: met
        (">=", Decimal(24), Decimal(5), "是计1分，否计0分", "扣1分"),  # by its criteria: core
    ]
    indicators = [
        Indicator(
            id=str(n),
            name="监督抽查户次",
            path=["产出指标", "数量指标"],
            targets=[target(op, value, "户")],
            actual=Actual(f"{got}户", [Target("", "=", got, unit="户")]),
            weight=Decimal(3),
            criteria=criteria,
            deviation=deviation,
        )
        for n, (op, value, got, criteria, deviation) in enumerate(rows, 1)
    ]
    indicators += [
        Indicator(id="5", name="满意度", path=["满意度指标"], nature="定性",
                  targets=[Target("达成年度指标", "qualitative")], actual=Actual("部分达成"),
                  weight=Decimal(5), score=Decimal(4)),
        Indicator(id="6", name="制度建设", path=["满意度指标"], weight=Decimal(2), score=Decimal(2)),
        Indicator(id="7", name="不计分", path=["满意度指标"]),
    ]  # fmt: skip
    doc = Document(kind="self_evaluation", year=2024, indicators=indicators)
    system = save_document(doc, world.county)
    kinds = dict(system.indicators.values_list("code", "scoring__rule_kind"))
    assert kinds == {
        "1": RATIO, "2": REVERSE, "3": MET, "4": RuleKind.CORE, "5": BANDS, "6": PRINTED, "7": PRINTED,
    }  # fmt: skip
    assert set(RuleKind.values) == {RATIO, REVERSE, MET, BANDS, PRINTED, RuleKind.CORE}
    assert system.indicators.get(code="1").recomputed == Decimal("0.63")
    # a rule change: 分值 3 → 6, the stored points stale
    system.indicators.update(weight=Decimal(6))
    Scoring.objects.filter(system=system).update(weight=Decimal(6), points=Decimal(1))
    counts = rescore_all(IndicatorSystem.objects.filter(pk=system.pk))
    assert counts[RATIO] == counts[REVERSE] == counts[BANDS] == counts[MET] == 1
    assert counts[PRINTED] == 2 and counts[RuleKind.CORE] == 1
    assert system.indicators.get(code="1").recomputed == Decimal("1.25")
    assert_the_cores(system)
    assert rescore_all(IndicatorSystem.objects.filter(pk=system.pk))[RATIO] == 0  # nothing moved


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_seed_totals_with_an_adjustment_are_the_one_definitions(world: World, prefix: str) -> None:
    """The seeds' systems, an evaluator's adjustment counted: the set-based totals equal it."""
    system = save_document(extract_file(seed(prefix)), world.county, year=2024)
    evaluation = evaluate(system, EvaluationKind.SELF, world.users["clerk"])
    score = EvaluationScore.objects.filter(evaluation=evaluation).first()
    assert score is not None
    EvaluationScore.objects.filter(pk=score.pk).update(adjusted=Decimal(0), reason="证据不足")
    IndicatorSystem.objects.filter(pk=system.pk).update(score_total=None, score_grade="")
    one = IndicatorSystem.objects.filter(pk=system.pk)
    # written around the app, no point moved: only ``every_total`` adds the total up again
    assert rescore_all(one)["totals"] == 0
    assert IndicatorSystem.objects.get(pk=system.pk).score_total is None
    counts = rescore_all(one, every_total=True)
    assert counts["totals"] == 1
    assert_the_cores(system)
    assert sum(1 for row in sheet_of(system).rows if row.adjustment is not None) == 1
