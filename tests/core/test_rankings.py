from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.rankings import places, rank_units, rank_within_groups


def test_equal_scores_share_a_place_and_the_next_is_skipped():
    assert places({"a": D(95), "b": D(90), "c": D(90), "d": D(80), "e": None}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
        "e": None,
    }


def test_standings_compare_with_last_year():
    names = [("1", "甲市"), ("2", "乙市"), ("3", "丙市")]
    rows = rank_units(names, {"1": D(88), "2": D(92), "3": None}, {"1": D(90), "2": D(85)})
    assert [r.name for r in rows] == ["乙市", "甲市", "丙市"]
    second, first, unscored = rows[1], rows[0], rows[2]
    assert (first.place, first.last_place, first.moved, first.change) == (1, 2, 1, D(7))
    assert (second.moved, second.change) == (-1, D(-2))
    assert (unscored.place, unscored.change, unscored.moved) == (None, None, None)


def test_units_are_ranked_only_against_their_own_level() -> None:
    names = [
        ("p", "省局", "province"),
        ("a", "甲县", "county"),
        ("c", "甲市", "city"),
        ("b", "乙县", "county"),
    ]
    scores = {"p": D(95), "a": D(80), "b": D(90), "c": D(70)}
    rows = rank_within_groups(names, scores, {})
    assert [(r.group, r.key, r.place) for r in rows] == [
        ("province", "p", 1),
        ("county", "b", 1),
        ("county", "a", 2),
        ("city", "c", 1),
    ]
