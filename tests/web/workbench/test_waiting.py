"""The workbench (工作台): each role's waiting work, counted and linked, scoped to the user."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.web.cycle.models import Result, periods_for
from jixiao.web.cycle.workflow import transition
from jixiao.web.imports.save import save_document
from jixiao.web.outcomes.models import RectificationItem
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.workbench.models import StepDeadline
from jixiao.web.workbench.waiting import counts, desks
from tests.web.conftest import World, county_document, login
from tests.web.outcomes.support import evaluated

pytestmark = pytest.mark.django_db

TODAY = date(2024, 7, 10)  # a Wednesday


def kinds(user: object, today: date = TODAY) -> dict[str, object]:
    """Every kind of the user's desks by code."""
    return {k.code: k for d in desks(user, today) for k in d.kinds}


def set_deadlines(world: World, submit_by: date, review_by: date | None) -> StepDeadline:
    period = periods_for(2024)[0]  # 1-6月
    return StepDeadline.objects.create(
        organization=world.province, period=period, submit_by=submit_by, review_by=review_by
    )


def test_a_clerk_sees_indicators_to_fill_for_the_current_step_with_its_countdown(
    world: World, county_system: IndicatorSystem
) -> None:
    set_deadlines(world, date(2024, 7, 15), date(2024, 7, 31))
    mid = periods_for(2024)[0]
    first = county_system.indicators.order_by("position").first()
    Result.objects.create(indicator=first, period=mid, value_text="150户次")
    to_fill = kinds(world.users["clerk"])["to_fill"]
    assert to_fill.count == 1  # two indicators, one filled for 1-6月
    (entry,) = to_fill.entries
    assert entry.url == f"/systems/{county_system.pk}/results/?period={mid.pk}"
    assert "剩余3个工作日" in entry.note and not entry.late
    late = kinds(world.users["clerk"], date(2024, 7, 16))["to_fill"]
    assert late.entries[0].late and "已逾期1个工作日" in late.entries[0].note
    # another county's clerk has nothing of this county's
    assert kinds(world.users["other_clerk"])["to_fill"].count == 0


def test_a_returned_system_shows_the_reviewers_comment_to_the_clerk(
    world: World, county_system: IndicatorSystem
) -> None:
    transition(county_system, "submit", world.users["clerk"])
    transition(county_system, "return", world.users["reviewer"], comment="请补充佐证材料")
    (entry,) = kinds(world.users["clerk"])["returned"].entries
    assert entry.url == f"/systems/{county_system.pk}/"
    assert "请补充佐证材料" in entry.note and "reviewer" in entry.note


def test_rectification_items_due_soon_and_overdue_are_counted_for_the_unit(
    world: World,
) -> None:
    common = {"organization": world.county, "year": 2023}
    RectificationItem.objects.create(problem="甲", deadline=date(2024, 7, 1), **common)
    RectificationItem.objects.create(problem="乙", deadline=date(2024, 7, 12), **common)
    RectificationItem.objects.create(problem="丙", deadline=date(2024, 12, 1), **common)
    RectificationItem.objects.create(
        problem="丁", deadline=date(2024, 7, 1), status="closed", **common
    )
    due = kinds(world.users["clerk"])["rectification_due"]
    assert (due.count, due.late) == (2, 1)
    assert due.entries[0].url == f"/outcomes/ledger/?org={world.county.pk}&year=2023"


def test_the_reviewer_sees_submissions_and_never_their_own(
    world: World, county_system: IndicatorSystem
) -> None:
    set_deadlines(world, date(2024, 7, 1), date(2024, 7, 9))
    transition(county_system, "submit", world.users["clerk"])
    to_review = kinds(world.users["reviewer"])["to_review"]
    assert to_review.count == 1 and to_review.late == 1  # 审核时限 passed yesterday
    assert to_review.entries[0].url == f"/systems/{county_system.pk}/"
    assert kinds(world.users["city_officer"])["to_review"].count == 1
    assert "to_review" not in kinds(world.users["clerk"])


def test_the_province_officer_sees_approvals_and_locks_due_at_the_province(
    world: World, county_system: IndicatorSystem
) -> None:
    u = world.users
    transition(county_system, "submit", u["clerk"])
    transition(county_system, "review", u["reviewer"])
    assert kinds(u["officer"])["to_approve"].count == 1
    assert kinds(u["city_officer"])["to_approve"].count == 0  # a city does not approve a county
    assert kinds(u["outsider"])["to_approve"].count == 0  # another province
    transition(county_system, "approve", u["officer"])
    found = kinds(u["officer"])
    assert (found["to_approve"].count, found["to_lock"].count) == (0, 1)


def test_units_overdue_below_an_officer_are_listed_red(
    world: World, county_system: IndicatorSystem
) -> None:
    set_deadlines(world, date(2024, 7, 5), date(2024, 7, 31))
    other = save_document(county_document(), world.other_county, user=world.users["other_clerk"])
    mid = periods_for(2024)[0]
    Result.objects.bulk_create(
        Result(indicator=i, period=mid, value_text="1") for i in other.indicators.all()
    )
    overdue = kinds(world.users["officer"])["overdue_units"]
    assert overdue.count == 1  # 乙县 has nothing for 1-6月; 丙县 filled everything
    (entry,) = overdue.entries
    assert entry.label.startswith(world.county.name) and entry.late
    assert "2个指标未填报1-6月" in entry.label
    assert kinds(world.users["officer"], date(2024, 7, 5))["overdue_units"].count == 0


def test_the_evaluator_sees_evaluations_in_progress_and_findings_without_an_item(
    world: World,
) -> None:
    system = evaluated(world, world.county, 2024, "5")  # by admin: a deduction, no item
    found = kinds(world.users["evaluator"])
    assert found["findings_open"].count == 1
    assert found["evaluations"].count == 0
    from jixiao.web.cycle.evaluations import evaluate

    mine = evaluate(system, "third_party", world.users["evaluator"])
    found = kinds(world.users["evaluator"])
    assert found["evaluations"].entries[0].url == f"/evaluations/{mine.pk}/"
    RectificationItem.objects.create(
        organization=world.county, year=2024, problem="扣分", evaluation=mine
    )
    assert kinds(world.users["evaluator"])["findings_open"].count == 0


def test_the_workbench_page_runs_a_fixed_number_of_queries_however_many_systems(
    world: World, client: Client
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    login(client, "officer")
    first = save_document(county_document(), world.county, user=world.users["clerk"])
    IndicatorSystem.objects.filter(pk=first.pk).update(status="reviewed")
    before = queries()
    for org in (world.other_county, world.city):
        system = save_document(county_document(), org, user=world.users["clerk"])
        IndicatorSystem.objects.filter(pk=system.pk).update(status="reviewed")
    assert queries() == before


def test_counts_sum_each_kind_over_the_desks(world: World, county_system: IndicatorSystem) -> None:
    total = counts(desks(world.users["clerk"], TODAY))
    assert total["to_fill"] == 2 and total["returned"] == 0
