"""Monitoring plans (监控计划): the province sets them, ``open_rounds`` opens their rounds.

The dates come from :mod:`jixiao.core.schedules`; this module stores a plan (audited and
version-checked like every edit) and opens the rounds that are due through the same
:func:`launch_round` a person uses, so a scheduled round is an ordinary round. Opening is
idempotent: a period that has a round of the province (scheduled or launched by hand on any
day inside it) is skipped, and two runs at once are kept apart by the database's unique
(organisation, date) constraint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from jixiao.core import schedules as core
from jixiao.core.bounds import YEAR_FIRST, YEAR_LAST
from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.monitoring.models import Round, Schedule
from jixiao.web.monitoring.records import MANAGE, MonitoringError, launch_round
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.orgs.permissions import can

#: The fields a plan's form and API set, in the form's order.
PLAN_FIELDS = ("frequency", "first_month", "last_month", "open_days", "fill_workdays", "active")
NUMBERS = ("first_month", "last_month", "open_days", "fill_workdays")


def may_schedule(user: Any, org: Organization) -> bool:
    """True when ``user`` may set ``org``'s plan: a province, and its performance officer."""
    return org.level == Level.PROVINCE and can(user, MANAGE, org)


def require_schedule(user: Any, org: Organization) -> None:
    """Raise PermissionDenied (Chinese) unless :func:`may_schedule`."""
    if org.level != Level.PROVINCE:
        raise PermissionDenied("监控计划由省级单位设定，市县按省里的计划填报。")
    if not may_schedule(user, org):
        raise PermissionDenied(f"只有「{org.name}」的绩效管理员可以设定监控计划。")


def schedule_for(org: Organization, year: int) -> Schedule | None:
    """The organisation's own plan for ``year``, if it set one."""
    return Schedule.objects.filter(organization=org, year=year).first()


def _number(data: Any, name: str) -> int:
    raw = str(data.get(name, "")).strip()[:6]
    label = Schedule._meta.get_field(name).verbose_name
    try:
        return int(raw)
    except ValueError:
        raise MonitoringError(f"「{label}」须为整数，现为“{raw}”。") from None


def _active(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("on", "1", "true", "是")


def read_plan(year: int, data: Any) -> dict[str, Any]:
    """The plan's values from a form or API body, checked by the core; raises MonitoringError."""
    values: dict[str, Any] = {name: _number(data, name) for name in NUMBERS}
    values["frequency"] = str(data.get("frequency", "")).strip()[:10]
    values["active"] = _active(data.get("active", False))
    plan = {k: v for k, v in values.items() if k != "active"}
    try:
        core.check_plan(core.Plan(year=year, **plan))
    except core.ScheduleError as exc:
        raise MonitoringError(str(exc)) from None
    return values


def save_schedule(
    org: Organization, year: int, data: Any, user: Any, expected: int | None = None
) -> Schedule:
    """Store ``org``'s plan for ``year`` (created on first save), audited and version-checked."""
    if not YEAR_FIRST <= year <= YEAR_LAST:
        raise MonitoringError(f"年度“{year}”不对，应在{YEAR_FIRST}到{YEAR_LAST}年之间。")
    values = read_plan(year, data)
    with transaction.atomic():
        obj, created = Schedule.objects.get_or_create(
            organization=org, year=year, defaults={"version": 0}
        )
        if created:
            record_created(obj, user)
        values["updated_by"] = user if getattr(user, "is_authenticated", False) else None
        update_fields(obj, values, user, expected=expected, quiet=("updated_by",))
    return obj


@dataclass(frozen=True)
class Planned:
    """One period of a plan as the page shows it: its dates and the round that covers it."""

    period: core.Period
    round: Round | None

    def state(self, today: date) -> str:
        """已发起, 待发起 (before its opening day), 应发起 (due now) or 未发起 (missed)."""
        if self.round is not None:
            return "已发起"
        if today < self.period.opens_on:
            return "待发起"
        return "应发起" if today <= self.period.due_on else "未发起（已过填报期限）"


def planned(schedule: Schedule) -> list[Planned]:
    """Every period of the plan with the round (if any) that covers it."""
    rounds = list(Round.objects.filter(organization_id=schedule.organization_id))
    out = []
    for period in core.periods(schedule.to_core()):
        covering = [r for r in rounds if period.holds(r.as_of)]
        out.append(Planned(period, covering[0] if covering else None))
    return out


def open_due_rounds(today: date) -> list[Round]:
    """Open every round that an active plan makes due on ``today``; returns the new rounds.

    Plans of the year before are read too: December's round is filled in January.
    """
    opened = []
    plans = Schedule.objects.filter(active=True, year__in=(today.year - 1, today.year))
    for schedule in plans.select_related("organization"):
        org = schedule.organization
        launched = Round.objects.filter(organization=org).values_list("as_of", flat=True)
        for period in core.due_periods(schedule.to_core(), today, launched):
            rnd = _open(schedule, period)
            if rnd is not None:
                opened.append(rnd)
    return opened


def _open(schedule: Schedule, period: core.Period) -> Round | None:
    """Launch one period's round; None when another run opened it a moment before."""
    try:
        return launch_round(
            schedule.organization,
            schedule.year,
            period.as_of,
            deadline=period.due_on,
            schedule=schedule,
        )
    except (MonitoringError, IntegrityError):  # the same date, opened by a concurrent run
        return None
