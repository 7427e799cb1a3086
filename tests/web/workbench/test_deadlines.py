"""The province sets 填报截止 and 审核时限 per step: who may, bad dates, concurrent saves."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jixiao.web.cycle.models import Change, periods_for
from jixiao.web.workbench.deadlines import current_step, steps_for
from jixiao.web.workbench.models import StepDeadline
from tests.web.conftest import World, login

pytestmark = pytest.mark.django_db


def form(period_id: int, submit_by: str, review_by: str = "", version: str = "0") -> dict:
    return {
        f"submit_by_{period_id}": submit_by,
        f"review_by_{period_id}": review_by,
        f"version_{period_id}": version,
    }


def url(world: World, year: int = 2024) -> str:
    return f"/workbench/deadlines/?org={world.province.pk}&year={year}"


def test_the_province_officer_sets_deadlines_that_apply_to_every_unit_below(
    world: World, client: Client
) -> None:
    mid, final = periods_for(2024)
    login(client, "officer")
    body = form(mid.pk, "2024-07-15", "2024-07-31") | form(final.pk, "2025-01-20", "2025-02-28")
    assert client.post(url(world), body).status_code == 302
    county_steps = steps_for(world.county, 2024)
    assert [s.deadline.submit_by for s in county_steps] == [date(2024, 7, 15), date(2025, 1, 20)]
    assert current_step(world.county, 2024, date(2024, 8, 1)).period == final
    assert Change.objects.filter(object_type="workbench.stepdeadline").count() == 2
    page = client.get(url(world)).content.decode()
    assert 'value="2024-07-15"' in page


@pytest.mark.parametrize("persona", ["city_officer", "clerk", "reviewer", "outsider"])
def test_only_a_province_officer_may_set_them(world: World, client: Client, persona: str) -> None:
    mid = periods_for(2024)[0]
    login(client, persona)
    response = client.post(url(world), form(mid.pk, "2024-07-15"))
    assert response.status_code == 403
    assert "省级绩效管理员" in response.content.decode()
    assert not StepDeadline.objects.exists()


@pytest.mark.parametrize(
    ("submit_by", "review_by", "message"),
    [
        ("7月15日", "", "应为日期"),
        ("2024-07-31", "2024-07-15", "早于填报截止"),
        ("2031-07-15", "", "应在2024年或次年"),
        ("", "2024-07-31", "请先填写填报截止"),
        ("x" * 5000, "", "应为日期"),
    ],
)
def test_bad_dates_are_refused_in_chinese_and_nothing_is_saved(
    world: World, client: Client, submit_by: str, review_by: str, message: str
) -> None:
    mid, final = periods_for(2024)
    login(client, "officer")
    body = form(final.pk, "2025-01-20") | form(mid.pk, submit_by, review_by)
    response = client.post(url(world), body, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StepDeadline.objects.exists()  # the good row was not saved either


def test_a_stale_form_is_refused_with_both_values(world: World, client: Client) -> None:
    mid = periods_for(2024)[0]
    login(client, "officer")
    client.post(url(world), form(mid.pk, "2024-07-15"))
    client.post(url(world), form(mid.pk, "2024-07-20", version="1"))
    response = client.post(url(world), form(mid.pk, "2024-07-25", version="1"))
    assert response.status_code == 409
    assert StepDeadline.objects.get().submit_by == date(2024, 7, 20)
