"""The province's deadlines per cycle step: which apply to a unit, and how they are set.

A deadline set by an organisation applies to it and every unit below it; the nearest setting
above a unit wins (a city may not set one, but nothing stops a future level from doing so).
Only a province's 绩效管理员 (approve right at a root organisation) sets them; every save is
audited (``cycle.audit``) and versioned, so two officers cannot overwrite each other unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core import deadlines as core
from jixiao.core.bounds import year_from
from jixiao.web.cycle.audit import lock, record_created, update_fields
from jixiao.web.cycle.models import ReportingPeriod, periods_for
from jixiao.web.orgs.models import Organization, path_ids
from jixiao.web.orgs.permissions import can
from jixiao.web.workbench.models import StepDeadline


class DeadlineError(ValueError):
    """A deadline form that cannot be saved; the message says what and where, in Chinese."""


@dataclass(frozen=True)
class StepView:
    """One step of a year as a unit sees it: the period and the deadline that applies."""

    period: ReportingPeriod
    deadline: StepDeadline | None

    def to_core(self) -> core.Step:
        d = self.deadline
        return core.Step(
            self.period.pk,
            self.period.position,
            d.submit_by if d else None,
            d.review_by if d else None,
        )


def ancestor_ids(org: Organization) -> list[int]:
    """The ids from the root down to ``org`` itself, read from its path (no query)."""
    return path_ids(org.path)


def steps_for(org: Organization, year: int) -> list[StepView]:
    """The year's steps with the deadline that applies to ``org`` (nearest setting above)."""
    periods = periods_for(year)
    ids = ancestor_ids(org)
    depth = {pk: n for n, pk in enumerate(ids)}
    found: dict[int, StepDeadline] = {}
    rows = StepDeadline.objects.filter(organization_id__in=ids, period__in=periods)
    for row in sorted(rows, key=lambda r: depth[r.organization_id]):
        found[row.period_id] = row  # deeper settings come later and win
    return [StepView(p, found.get(p.pk)) for p in periods]


def current_step(org: Organization, year: int, today: date) -> StepView | None:
    """The step ``org`` is in for ``year`` on ``today`` (None when no deadline is set)."""
    steps = steps_for(org, year)
    chosen = core.current_step([s.to_core() for s in steps], today)
    return next((s for s in steps if chosen and s.period.pk == chosen.key), None)


def may_set(user: Any, org: Organization) -> bool:
    """The province sets the deadlines: its officers (or a superuser)."""
    return org.parent_id is None and can(user, "approve", org)


def parse_day(text: str, label: str, period: ReportingPeriod) -> date | None:
    """A date typed in the form (YYYY-MM-DD), or None when left empty."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:20])
    except ValueError:
        raise DeadlineError(
            f"{period}的{label}应为日期（如2024-07-15），现为「{text[:20]}」。"
        ) from None


def check_days(period: ReportingPeriod, submit_by: date | None, review_by: date | None) -> None:
    """Refuse deadlines that cannot be right: missing, reversed or far from the step's year."""
    if submit_by is None:
        if review_by is not None:
            raise DeadlineError(f"{period}：请先填写填报截止，再填写审核时限。")
        return
    for label, day in (("填报截止", submit_by), ("审核时限", review_by)):
        if day is not None and not period.year <= day.year <= period.year + 1:
            raise DeadlineError(f"{period}的{label}{day:%Y-%m-%d}应在{period.year}年或次年。")
    if review_by is not None and review_by < submit_by:
        raise DeadlineError(
            f"{period}的审核时限{review_by:%Y-%m-%d}早于填报截止{submit_by:%Y-%m-%d}。"
        )


def save_deadline(
    org: Organization,
    period: ReportingPeriod,
    days: tuple[date | None, date | None],
    user: Any,
    expected: int | None,
) -> StepDeadline | None:
    """Set (or change) one step's deadlines, audited; ``expected`` is the version the form showed.

    Raises:
        PermissionDenied: the user may not set deadlines for ``org``.
        DeadlineError: the dates do not make sense (nothing is saved).
        Stale: someone saved this step since the form was opened.
    """
    if not may_set(user, org):
        raise PermissionDenied(
            f"填报截止和审核时限由省级绩效管理员设定，您不能为「{org.name}」设定。"
        )
    submit_by, review_by = days
    check_days(period, submit_by, review_by)
    with transaction.atomic():
        current = StepDeadline.objects.filter(organization=org, period=period).first()
        if current is None:
            if submit_by is None:
                return None
            made = StepDeadline.objects.create(
                organization=org,
                period=period,
                submit_by=submit_by,
                review_by=review_by,
                updated_by=user,
            )
            record_created(made, user, what=f"{period} 填报截止{submit_by:%Y-%m-%d}")
            return made
        if submit_by is None:
            raise DeadlineError(f"{period}已设定填报截止，不能清空；如需调整请填写新的日期。")
        current = lock(StepDeadline, pk=current.pk)
        values = {"submit_by": submit_by, "review_by": review_by, "updated_by": user}
        update_fields(current, values, user, expected=expected, quiet=("updated_by",))
        return current


def year_of(value: object, today: date) -> int:
    """The year the deadline page shows: the one asked for, else this year."""
    return year_from(value) or today.year
