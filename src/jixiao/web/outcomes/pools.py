"""Incentive pools: define one, compute its table with the core, save and approve it.

The table is always recomputed by ``core.incentives.allocate_pool`` from the pool's rule,
the units below the pool's organisation and their scores; what is saved is that result,
replaced as a whole in one transaction, so a table is never half old and half new. An
approved (审定) pool is frozen: its table is what was paid.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.incentives import (
    FIXED,
    METHODS,
    Allocation,
    Candidate,
    IncentiveError,
    allocate_pool,
    yuan_from_wan,
)
from jixiao.web.cycle.audit import (
    as_text,
    bump,
    check_version,
    copy_into,
    lock,
    record,
    record_created,
    update_fields,
)
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.outcomes.access import InputError, check_size, year_of
from jixiao.web.outcomes.models import IncentivePool, IncentiveShare, PoolStatus
from jixiao.web.outcomes.scores import unit_scores

LEVELS = (Level.CITY, Level.COUNTY)


def candidates(pool: IncentivePool) -> list[Candidate]:
    """Every city and county below the pool's organisation, with its score and listing."""
    scores = unit_scores(pool.organization, pool.year)
    listed = set(pool.listed.values_list("pk", flat=True)) if pool.pk else set()
    units = Organization.objects.filter(
        path__startswith=pool.organization.path, level__in=LEVELS
    ).exclude(pk=pool.organization_id)
    return [
        Candidate(
            key=str(o.pk),
            name=o.name,
            level=o.level,
            score=scores[o.pk].score if o.pk in scores else None,
            listed=o.pk in listed,
        )
        for o in units
    ]


def compute(pool: IncentivePool) -> Allocation:
    """The pool's allocation table as the core computes it now."""
    try:
        return allocate_pool(Decimal(pool.amount), candidates(pool), pool.to_rule())
    except IncentiveError as exc:
        raise InputError(str(exc)) from exc


def share_summary(pool: IncentivePool) -> str:
    """The stored table in one line for the log: each unit and its amount (万元)."""
    rows = pool.shares.select_related("organization").order_by("organization__path")
    return "；".join(f"{s.organization.name} {as_text(s.amount)}" for s in rows)


@transaction.atomic
def save_allocation(
    pool: IncentivePool, user: Any = None, expected: int | None = None
) -> Allocation:
    """Recompute and store the table, replacing the previous one as a whole (logged)."""
    current = lock(IncentivePool, pk=pool.pk)
    check_version(current, expected, {}, {})
    if current.status == PoolStatus.APPROVED:
        raise InputError("资金池已审定，分配结果不能再修改。")
    table = compute(pool)
    before = share_summary(pool)
    pool.shares.all().delete()
    IncentiveShare.objects.bulk_create(
        IncentiveShare(
            pool=pool,
            organization_id=int(s.key),
            score=s.score,
            qualifies=s.qualifies,
            reason=s.reason,
            amount=s.amount,
        )
        for s in table.shares
    )
    record(current, "分配结果", before, share_summary(pool), user)
    bump(current)
    current.notes = list(table.notes)
    current.save(update_fields=["notes", "version"])
    copy_into(pool, current)
    return table


@transaction.atomic
def approve(pool: IncentivePool, user: Any, expected: int | None = None) -> None:
    """Freeze the saved table (审定); a pool with no saved table cannot be approved."""
    pool = lock(IncentivePool, pk=pool.pk)
    check_version(pool, expected, {}, {})
    if pool.status == PoolStatus.APPROVED:
        raise InputError("资金池已审定。")
    if not pool.shares.exists():
        raise InputError("请先保存分配结果，再审定。")
    values = {"status": PoolStatus.APPROVED, "approved_by": user, "approved_at": timezone.now()}
    update_fields(pool, values, user, quiet=("approved_at",))


def saved_rows(pool: IncentivePool) -> list[IncentiveShare]:
    """The stored table, largest amounts first."""
    return list(pool.shares.select_related("organization"))


def _wan(data: dict[str, Any], key: str, label: str, required: bool = False) -> Decimal | None:
    text = str(data.get(key) or "").strip()
    if not text:
        if required:
            raise InputError(f"请填写{label}。")
        return None
    try:
        value = yuan_from_wan(text)
    except IncentiveError as exc:
        raise InputError(f"{label}：{exc}") from exc
    if value < 0:
        raise InputError(f"{label}不能为负数。")
    check_size(value / 10000, label)
    return value.quantize(Decimal(1))


def _score(text: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except ArithmeticError as exc:
        raise InputError("最低得分应为数字。") from exc
    if not value.is_finite() or not 0 <= value <= 100:
        raise InputError("最低得分应在0至100之间。")
    return value


@transaction.atomic
def define_pool(
    org: Organization, data: dict[str, Any], listed: list[str], user: Any
) -> IncentivePool:
    """Create a draft pool from form or API input (amounts in 万元)."""
    method = str(data.get("method") or FIXED)
    if method not in METHODS:
        raise InputError(f"未知的分配方式：{method}")
    year = year_of(data.get("year"), 0)
    if not year:
        raise InputError("请填写正确的评价年度。")
    name = str(data.get("name") or "").strip()
    if not name:
        raise InputError("请填写资金池名称。")
    pool = IncentivePool.objects.create(
        organization=org,
        year=year,
        name=name[:100],
        amount=_wan(data, "amount", "资金池金额", required=True),
        method=method,
        city_amount=_wan(data, "city_amount", "每个市州定额"),
        county_amount=_wan(data, "county_amount", "每个县市区定额"),
        min_score=_score(str(data.get("min_score") or "")),
        listed_only=str(data.get("listed_only") or "") in {"1", "on", "true", "True"},
        created_by=user,
    )
    ids = [int(x) for x in listed if str(x).isdigit()]
    pool.listed.set(Organization.objects.filter(pk__in=ids, path__startswith=org.path))
    record_created(pool, user, what=f"{pool.name}（{as_text(pool.amount)}万元）")
    return pool
