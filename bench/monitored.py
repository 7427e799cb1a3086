"""A 6月30日 monitoring round over the benchmark province, filled as the units would fill it.

The generator (bench/generate.py) writes systems, results and money but no monitoring round;
the monitoring pages (rounds, checks, alerts, the dashboard's lights) need one to have work to
do. :func:`ensure_round` launches it through the app's ``launch_round`` and records a figure
for every check through ``record_many`` (each judged by the core, as a page save is), from a
hash of the names, so every run gets the same lights. It is idempotent: a round already there
is kept.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any


def _share(*parts: str) -> Decimal:
    """A number in [0, 1) from the names: the same figures on every run."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def _value(check: Any) -> str:
    """What a unit types at 6/30: 20–80 % of a count, a rate near its target."""
    target = check.indicator.targets[0]
    value, unit = Decimal(str(target.get("value") or 0)), target.get("unit") or ""
    pace = Decimal("0.2") + Decimal("0.6") * _share(str(check.indicator_id))
    if unit == "%":
        return f"{min(value * (pace + Decimal('0.4')), Decimal(100)):.1f}%"
    return f"{(value * pace):.0f}{unit}"


def ensure_round(root: Any, year: int, log: Any = print) -> Any:
    """The root's round at 30 June of ``year``, launched and filled when missing."""
    from jixiao.web.monitoring.models import IndicatorCheck, Round, SpendingCheck
    from jixiao.web.monitoring.records import launch_round, record_many

    as_of = date(year, 6, 30)
    found = Round.objects.filter(organization=root, as_of=as_of).first()
    if found is not None:
        return found
    rnd = launch_round(root, year, as_of)
    for org_id in sorted(set(rnd.checks.values_list("organization_id", flat=True))):
        checks = IndicatorCheck.objects.filter(round=rnd, organization_id=org_id)
        spending = SpendingCheck.objects.filter(round=rnd, organization_id=org_id)
        related = ("indicator", "organization", "round")
        rows = [(c, _value(c)) for c in checks.select_related(*related) if c.indicator.targets]
        spent = [
            (c, (c.budget * _share(str(c.project_id)) * Decimal("0.8")).quantize(Decimal("0.01")))
            for c in spending.select_related("project", "organization", "round")
        ]
        record_many(rows, spent)
    log(f"monitoring round {as_of}: {rnd.checks.count()} checks, {rnd.spending.count()} spending")
    from bench.generate import analyze

    analyze()  # the new checks' statistics, as after the generator's own load
    return rnd
