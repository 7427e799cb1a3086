"""Row values computed in the view are exactly what the template tags and filters gave."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import truncatechars
from django.urls import reverse

from jixiao.web.rows import id_link, short

NAMES = (
    "dashboard_org",
    "monitoring_checks",
    "monitoring_check",
    "monitoring_save",
    "monitoring_spending",
    "monitoring_save_spending",
)


@pytest.mark.parametrize("name", NAMES)
def test_id_link_is_reverse(name: str) -> None:
    link = id_link(name)
    for pk in (1, 7, 918273645, 2**31 - 1):
        assert link(pk) == reverse(name, args=[pk])


TEXTS = ("", "短", "一" * 29, "一" * 30, "一" * 31, "e\u0301" * 30, "Å" * 31, "a b c " * 20)


@pytest.mark.parametrize("text", TEXTS)
def test_short_is_truncatechars(text: str) -> None:
    for size in (1, 2, 24, 30, 50, 60):
        assert short(text, size) == truncatechars(text, size)
