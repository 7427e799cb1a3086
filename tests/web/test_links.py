"""``id_link`` gives exactly the address ``reverse`` gives, for each pattern the lists use it on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.links import id_link

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
