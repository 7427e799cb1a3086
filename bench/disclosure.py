"""A year of 依申请公开 requests for every unit, when the disclosure register app is installed.

Each bureau's register (``jixiao.web.disclosure.InfoRequest``): the province ~60 requests, a
city ~30, a county 5–20, received on working days through the year, mostly from individuals
and mostly answered within the statutory 20 working days; December's latest ones stay open
(carried over). Added after the indicator data, and also to a province generated before the
app existed, so the dataset stays one command.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

PER_LEVEL = {"province": (50, 70), "city": (20, 40), "county": (5, 20)}
APPLICANT_WEIGHTS = (80, 10, 2, 2, 3, 3)
OUTCOME_WEIGHTS = {
    "（一）予以公开": 50,
    "（二）部分公开": 10,
    "（四）无法提供/1.本机关不掌握相关政府信息": 20,
}
SUBJECTS = (
    "食品经营许可信息",
    "行政处罚决定书",
    "抽检结果",
    "特种设备检验报告",
    "企业登记档案",
    "投诉处理结果",
)


def installed() -> bool:
    """True when the disclosure register app is in INSTALLED_APPS."""
    from django.apps import apps

    return apps.is_installed("jixiao.web.disclosure")


def _workday(rng: random.Random, year: int) -> date:
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day if day.year == year else date(year, 1, 2)


def requests_for(rng: random.Random, org: Any, level: str, year: int) -> list[Any]:
    """The unit's requests of ``year``, unsaved."""
    from jixiao.core import disclosure as std
    from jixiao.core import disclosure_register as reg
    from jixiao.web.disclosure.models import Channel, InfoRequest

    outcomes = list(reg.OUTCOMES)
    weights = [OUTCOME_WEIGHTS.get(o, 1) for o in outcomes]
    low, high = PER_LEVEL.get(level, (5, 20))
    rows = []
    for n in range(rng.randint(low, high)):
        received = _workday(rng, year)
        open_case = received > date(year, 12, 10) and rng.random() < 0.5
        rows.append(
            InfoRequest(
                organization=org,
                ref=f"{org.code}-{year}-{n + 1:03d}",
                received=received,
                channel=rng.choice(Channel.values),
                applicant_type=rng.choices(std.APPLICANT_COLUMNS, APPLICANT_WEIGHTS)[0],
                applicant_name=f"申请人{n + 1}",
                content=f"申请公开{rng.choice(SUBJECTS)}",
                outcome="" if open_case else rng.choices(outcomes, weights)[0],
                replied=None if open_case else received + timedelta(days=rng.randint(3, 25)),
            )
        )
    return rows


def add_requests(code: str, year: int, seed: int, batch: int = 2000) -> int:
    """Give every unit of the province ``code`` a year of requests unless it has them."""
    from jixiao.web.disclosure.models import InfoRequest
    from jixiao.web.orgs.models import Organization

    root = Organization.objects.get(code=code)
    units = list(Organization.objects.filter(path__startswith=root.path).order_by("path"))
    if InfoRequest.objects.filter(organization__in=units, received__year=year).exists():
        return 0
    rng = random.Random(seed * 31 + len(units))
    rows = [r for org in units for r in requests_for(rng, org, org.level, year)]
    InfoRequest.objects.bulk_create(rows, batch_size=batch)
    return len(rows)
