from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.monitoring import GREEN, NONE, RED
from jixiao.core.rollup import Unit, UnitFigures, derive, rank, roll_up
from jixiao.core.scoring.grades import GradeBand


def tree() -> list[Unit]:
    """A province (1) with two cities (2, 3); city 2 has counties 4 and 5."""
    return [
        Unit(
            1,
            None,
            "省局",
            "province",
            UnitFigures(indicators=2, weight=Decimal(100), points=Decimal(92)),
        ),
        Unit(2, 1, "甲市", "city"),
        Unit(
            3,
            1,
            "乙市",
            "city",
            UnitFigures(indicators=1, judged=1, completion_sum=Decimal(50), red=1),
        ),
        Unit(
            4,
            2,
            "丙县",
            "county",
            UnitFigures(
                indicators=3,
                judged=2,
                completion_sum=Decimal(180),
                budget=Decimal(100),
                spent=Decimal(40),
                weight=Decimal(100),
                points=Decimal(70),
                amber=1,
                green=1,
            ),
        ),
        Unit(
            5,
            2,
            "丁县",
            "county",
            UnitFigures(
                indicators=2,
                judged=2,
                completion_sum=Decimal(100),
                budget=Decimal(100),
                spent=Decimal(10),
                red=1,
                green=1,
            ),
        ),
    ]


def test_sums_roll_up_and_rates_are_computed_from_the_sums() -> None:
    top = roll_up(tree(), 1, expected=Decimal(50))
    city = top.find(2)
    assert city is not None
    assert city.total.indicators == 5 and city.total.judged == 4
    assert city.completion == Decimal("70.00")  # (180 + 100) / 4, not the mean of 90 and 50
    assert city.rate == Decimal("25.00")  # 50 of 200
    assert city.spending_status == RED  # 25 % spent against an expected 50 % is 50 %
    assert top.total.indicators == 8 and top.total.red == 2 and top.total.amber == 1


def test_spending_light_reads_rate_against_the_calendar() -> None:
    top = roll_up(tree(), 1, expected=Decimal(50))
    assert top.find(4).spending_status == GREEN  # 40 % of 50 % = 80 %
    assert top.find(5).spending_status == RED  # 10 % of 50 % = 20 %
    assert roll_up(tree(), 1).find(4).spending_status == NONE  # no date, no light


def test_score_is_points_over_weight_and_graded_by_the_bands() -> None:
    top = roll_up(tree(), 1)
    assert top.find(4).score == Decimal("70.00") and top.find(4).grade == "中"
    assert top.score == Decimal("81.00") and top.grade == "良"
    assert top.find(5).score is None and top.find(5).grade is None


def test_children_are_nested_and_walk_visits_every_unit_once() -> None:
    top = roll_up(tree(), 1)
    assert [c.name for c in top.children] == sorted(["甲市", "乙市"])
    assert sorted(r.org_id for r in top.walk()) == [1, 2, 3, 4, 5]


def test_a_subtree_root_ignores_units_outside_it() -> None:
    city = roll_up(tree(), 2)
    assert city.total.indicators == 5 and city.find(3) is None


def test_a_unit_with_bands_of_its_own_is_graded_by_them() -> None:
    """City 2 (its county 丙县 at 70) under bands of its own (良 ≥ 70); the others the ministry's."""
    own = (GradeBand("优", Decimal(85)), GradeBand("良", Decimal(70)), GradeBand("差", Decimal(0)))
    top = roll_up(tree(), 1, unit_bands={2: own, 4: own})
    assert (top.find(2).score, top.find(2).grade) == (Decimal("70.00"), "良")
    assert top.find(4).grade == "良"
    assert (top.score, top.grade) == (Decimal("81.00"), "良")  # 162 of 200, ministry bands
    assert roll_up(tree(), 1).find(2).grade == "中"


def test_unknown_root_is_an_error() -> None:
    with pytest.raises(KeyError):
        roll_up(tree(), 99)


def test_rank_puts_best_first_shares_ties_and_blank_last() -> None:
    units = [
        derive(Unit(i, None, name, "county"), UnitFigures(weight=Decimal(100), points=Decimal(p)))
        for i, (name, p) in enumerate([("甲", 90), ("乙", 95), ("丙", 90), ("丁", 70)], 1)
    ]
    units.append(derive(Unit(9, None, "戊", "county"), UnitFigures()))
    ranked = [(n, r.name) for n, r in rank(units, "score")]
    assert ranked == [(1, "乙"), (2, "丙"), (2, "甲"), (4, "丁"), (None, "戊")]


def test_rank_by_red_lights_puts_fewest_first() -> None:
    units = [
        derive(Unit(1, None, "甲", "county"), UnitFigures(red=3)),
        derive(Unit(2, None, "乙", "county"), UnitFigures(red=0)),
    ]
    assert [r.name for _, r in rank(units, "red")] == ["乙", "甲"]
