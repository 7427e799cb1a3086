"""A monitoring value typed as words where a number is due keeps the light red (issue 16)."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.core.quantities import MAX_VALUE_CHARS
from jixiao.web.monitoring.models import Light
from jixiao.web.monitoring.records import MonitoringError, record_indicator
from tests.web.conftest import World, login
from tests.web.monitoring.conftest import Monitored


def test_words_instead_of_a_count_do_not_clear_a_red_light(monitored: Monitored) -> None:
    check = record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    assert check.status == Light.RED
    check = record_indicator(check, "未完成")
    check.refresh_from_db()
    assert check.status == Light.RED and check.needs_response
    assert "不含数值" in check.explanation and "定性" not in check.explanation


def test_the_check_page_says_a_number_is_due_not_that_the_target_is_qualitative(
    client: Client, world: World, monitored: Monitored
) -> None:
    check = monitored.check(monitored.county_system, 1)
    login(client, "clerk")
    client.post(f"/monitoring/checks/{check.pk}/save/", {"value": "未完成"})
    check.refresh_from_db()
    assert check.status == Light.RED
    page = client.get(f"/monitoring/checks/{check.pk}/").content.decode()
    assert "不含数值" in page and "定性目标" not in page


def test_a_value_past_the_cap_is_refused_and_nothing_is_saved(monitored: Monitored) -> None:
    check = record_indicator(monitored.check(monitored.county_system, 1), "200户次")
    with pytest.raises(MonitoringError, match="过长"):
        record_indicator(check, "1" * (MAX_VALUE_CHARS + 1))
    check.refresh_from_db()
    assert check.value_text == "200户次"
