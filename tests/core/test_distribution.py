"""Peers' median, range and the unit's place, both ways round."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.distribution import distribute


def test_median_range_and_place_when_higher_is_better() -> None:
    dist = distribute([D(280), D(300), D(350), D(400)], own=D(290))
    assert dist is not None
    assert (dist.count, dist.median, dist.low, dist.high) == (5, D(300), D(280), D(400))
    assert dist.rank == 4
    assert dist.explanation == "5个单位中排第4，低于中位数（中位数300）"


def test_a_cost_ranks_the_other_way_round() -> None:
    dist = distribute([D(10), D(12), D(20)], own=D(9), higher_is_better=False)
    assert dist is not None
    assert dist.rank == 1
    assert "优于中位数" in dist.explanation


def test_even_counts_take_the_middle_two_and_nothing_gives_none() -> None:
    dist = distribute([D(1), D(2), D(3), D(4)])
    assert dist is not None
    assert dist.median == D("2.5")
    assert dist.rank is None
    assert distribute([]) is None
