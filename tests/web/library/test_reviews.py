"""绩效目标审核 by the level above: coded results through the workflow, checks stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import WorkflowError, transition
from jixiao.web.library.adapter import run_review
from jixiao.web.library.building import copy_last_year, create_system
from jixiao.web.library.models import ReviewResult
from jixiao.web.library.reviews import record_review
from jixiao.web.performance.models import IndicatorSystem, Status
from tests.web.conftest import World, login

from .conftest import NEXT, Library


def submitted(world: World) -> IndicatorSystem:
    clerk = world.users["clerk"]
    system = create_system(world.county, NEXT, "overall", clerk)
    copy_last_year(system, clerk)
    transition(system, Action.SUBMIT, clerk)
    system.refresh_from_db()
    return system


def test_the_checks_name_the_missing_mandatory_indicator_and_dimensions(
    world: World, library: Library
) -> None:
    results = {r.code: r for r in run_review(submitted(world))}
    assert "缺少1项固化指标：服务对象满意度" in results["review.mandatory"].message
    assert results["review.dimensions"].message.startswith("缺少质量指标、时效指标")
    assert results["review.weights"].passed


def test_a_target_below_last_years_actual_is_caught(world: World, library: Library) -> None:
    system = submitted(world)
    results = {r.code: r for r in run_review(system)}
    # last year's actual 320 against this year's copied target 300
    assert not results["review.below_last_year"].passed
    assert "目标值300户次低于上年实际完成值320" in results["review.below_last_year"].message


def test_the_city_reviewer_passes_and_the_workflow_moves_on(
    world: World, library: Library
) -> None:
    system = submitted(world)
    review = record_review(system, world.users["reviewer"], ReviewResult.PASS, "同意")
    system.refresh_from_db()
    assert system.status == Status.REVIEWED
    assert review.checks and {c["code"] for c in review.checks} >= {"review.mandatory"}
    assert system.transitions.last().comment == "【通过】同意"


@pytest.mark.parametrize("result", [ReviewResult.AMEND, ReviewResult.REJECT])
def test_a_coded_refusal_returns_the_system_and_needs_an_opinion(
    world: World, library: Library, result: str
) -> None:
    system = submitted(world)
    with pytest.raises(WorkflowError, match="请填写审核意见"):
        record_review(system, world.users["reviewer"], result, " ")
    record_review(system, world.users["reviewer"], result, "请补充满意度指标")
    system.refresh_from_db()
    assert system.status == Status.RETURNED
    assert system.target_reviews.get().get_result_display() == ReviewResult(result).label


def test_the_unit_itself_and_a_neighbour_cannot_review(world: World, library: Library) -> None:
    system = submitted(world)
    for name in ("clerk", "other_clerk"):
        with pytest.raises(PermissionDenied):
            record_review(system, world.users[name], ReviewResult.PASS)
    assert not system.target_reviews.exists()


def test_the_submitter_cannot_review_even_with_the_right(world: World, library: Library) -> None:
    officer = world.users["city_officer"]
    system = create_system(world.county, NEXT, "overall", officer)
    copy_last_year(system, officer)
    transition(system, Action.SUBMIT, officer)
    with pytest.raises(PermissionDenied, match="四眼原则"):
        record_review(system, officer, ReviewResult.PASS)


def test_the_review_page_offers_the_form_only_to_the_reviewer(
    client: Client, world: World, library: Library
) -> None:
    system = submitted(world)
    login(client, "clerk")
    assert (
        'id="review-form"'
        not in client.get(f"/systems/{system.pk}/target-review/").content.decode()
    )
    login(client, "reviewer")
    page = client.get(f"/systems/{system.pk}/target-review/").content.decode()
    assert 'id="review-form"' in page and "固化指标齐全" in page
    bad = client.post(f"/systems/{system.pk}/target-review/", {"result": "maybe"}, follow=True)
    assert "请选择审核结果" in bad.content.decode()
    client.post(f"/systems/{system.pk}/target-review/", {"result": "pass", "opinion": "同意"})
    system.refresh_from_db()
    assert system.status == Status.REVIEWED


def test_the_province_sets_the_quantified_share(
    world: World, library: Library, settings: object
) -> None:
    system = submitted(world)
    settings.REVIEW_MIN_QUANTIFIED = 100
    result = next(r for r in run_review(system) if r.code == "review.quantified")
    assert result.passed
    assert "要求不低于100%" in result.message
