"""The one way monitoring data is written: launch a round, record figures, answer a red light.

Pages, the API and the demo loader all come through these functions, so every stored light
was computed by ``core.monitoring`` from the figures beside it, and every multi-row write is
one transaction.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from jixiao.core import monitoring as core
from jixiao.core.bounds import MONEY as MONEY_BOUND
from jixiao.core.documents import target_from_dict
from jixiao.core.targets import TargetError
from jixiao.web.cycle.audit import record_created, save_changed, update_fields
from jixiao.web.monitoring.cache import bump
from jixiao.web.monitoring.models import (
    IndicatorCheck,
    Light,
    Likelihood,
    Round,
    Schedule,
    SpendingCheck,
    Thresholds,
    thresholds_for,
)
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import department_ids, memberships
from jixiao.web.performance.models import Indicator, IndicatorSystem, Project

#: Launching a round, setting thresholds and plans is the performance officer's job (绩效管理员).
MANAGE = "approve"


class MonitoringError(ValueError):
    """Input that cannot be recorded; the message is Chinese and shown as it is."""


def _authenticated(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def round_name(as_of: date) -> str:
    """The usual name of a round: ``2023年1-6月运行监控``."""
    return f"{as_of.year}年1-{as_of.month}月运行监控"


@transaction.atomic
def launch_round(
    org: Organization,
    year: int,
    as_of: date,
    user: Any = None,
    *,
    deadline: date | None = None,
    schedule: Schedule | None = None,
) -> Round:
    """Open a round at ``as_of`` for ``org`` and its subtree, with a check per indicator and project.

    An indicator or project already checked at the same date (a round of an organisation above
    or below) is left to that round, so no unit reports the same figure twice. ``schedule`` and
    ``deadline`` are set when the province's plan opens the round (``open_rounds``).
    """
    if as_of.year != year:
        raise MonitoringError(f"监控截止日期 {as_of} 不在 {year} 年度内。")
    if Round.objects.filter(organization=org, as_of=as_of).exists():
        raise MonitoringError(f"「{org.name}」{as_of} 的监控轮次已存在。")
    rnd = Round.objects.create(
        organization=org,
        year=year,
        as_of=as_of,
        name=round_name(as_of),
        deadline=deadline,
        schedule=schedule,
        created_by=_authenticated(user),
    )
    record_created(rnd, user, reason="按监控计划自动发起" if schedule else "")
    scope = {"system__year": year, "system__organization__path__startswith": org.path}
    _insert_indicator_checks(rnd, scope)
    spent = SpendingCheck.objects.filter(round__as_of=as_of).values("project_id")
    projects = (
        Project.objects.filter(**scope, available_total__gt=0)
        .exclude(pk__in=spent)
        .values_list("pk", "system__organization_id", "available_total")
        .order_by()
    )
    SpendingCheck.objects.bulk_create(
        [
            SpendingCheck(round=rnd, project_id=p, organization_id=o, budget=b)
            for p, o, b in projects
        ],
        batch_size=2000,
    )
    bump()  # the raw INSERT and bulk_create send no signals
    return rnd


def _insert_indicator_checks(rnd: Round, scope: dict[str, Any]) -> None:
    """One ``INSERT … SELECT`` for every indicator with a target not yet checked at the date.

    A province holds some 150,000 indicators; building a model object per row for
    ``bulk_create`` costs minutes, the database does it in a second. The rows are the empty
    checks ``IndicatorCheck()`` would be: light ``none``, blank texts, no figures.
    """
    taken = IndicatorCheck.objects.filter(round__as_of=rnd.as_of).values("indicator_id")
    source = (
        Indicator.objects.filter(**scope)
        .exclude(targets=[])
        .exclude(pk__in=taken)
        .order_by()
        .values("pk")
    )
    source_sql, source_params = source.query.sql_with_params()
    quote = connection.ops.quote_name
    empty_json = "'[]'::jsonb" if connection.vendor == "postgresql" else "'[]'"
    columns = (
        "round_id, indicator_id, organization_id, status, explanation, reason, measure, "
        "likelihood, value_text, parsed, updated_at"
    )
    # Only our own table names are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(IndicatorCheck._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT %s, i.id, s.organization_id, %s, '', '', '', '', '', {empty_json}, %s "
        f"FROM {quote(Indicator._meta.db_table)} i "
        f"JOIN {quote(IndicatorSystem._meta.db_table)} s ON s.id = i.system_id "
        f"WHERE i.id IN ({source_sql})"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [rnd.pk, Light.NONE, now, *source_params])


def is_own_unit(user: Any, org: Organization) -> bool:
    """True when the user belongs to ``org`` itself with a role that may edit.

    Reasons and figures are the unit's own statement: an officer above may read and chase
    them, but not write them on the unit's behalf.
    """
    return any(m.organization_id == org.pk and m.allows("edit") for m in memberships(user))


def may_answer(user: Any, check: IndicatorCheck | SpendingCheck) -> bool:
    """True when the user may enter figures and reasons for ``check``."""
    if not is_own_unit(user, check.organization):
        return False
    if isinstance(check, IndicatorCheck):
        limits = department_ids(user, check.organization)
        return limits is None or check.indicator.department_id in limits
    return True


def require_answer(user: Any, check: IndicatorCheck | SpendingCheck) -> None:
    """Raise PermissionDenied (Chinese) unless :func:`may_answer`."""
    if not may_answer(user, check):
        raise PermissionDenied(
            f"只有「{check.organization.name}」本单位的填报人员可以填写监控情况和偏差原因。"
        )


def _apply(check: IndicatorCheck | SpendingCheck, progress: core.Progress) -> None:
    check.status = progress.status
    check.progress = progress.progress
    check.expected = progress.expected
    check.relative = progress.relative
    check.completion = progress.completion
    check.explanation = progress.explanation


def judge_indicator(
    check: IndicatorCheck, value_text: str, limits: Thresholds | None = None
) -> core.Progress:
    """Light one indicator check from the typed value (nothing is saved)."""
    from jixiao.web.library.adjust import targets_on_date  # the target in force at the date

    rnd, indicator = check.round, check.indicator
    targets = [target_from_dict(t) for t in targets_on_date(indicator, rnd.as_of) or []]
    limits = limits or thresholds_for(check.organization)
    try:
        return core.indicator_progress(
            targets, value_text, rnd.as_of, rnd.year, limits.for_progress()
        )
    except TargetError as exc:  # too long, or a number of absurd length: refused, not saved
        raise MonitoringError(f"完成值无法读取：{exc}") from exc


def _fill_indicator(
    check: IndicatorCheck, value_text: str, user: Any, limits: Thresholds | None = None
) -> None:
    from jixiao.web.cycle.parsing import parse_text

    value_text = (value_text or "").strip()
    progress = judge_indicator(check, value_text, limits)
    check.value_text = value_text
    try:
        check.parsed = parse_text(value_text, None, check.indicator.unit)
    except Exception:  # the typed text is kept even when it cannot be read
        check.parsed = []
    _apply(check, progress)
    check.updated_by = _authenticated(user)


#: What a check's save writes; the light and its figures are logged, who and when are not.
JUDGED = ("status", "progress", "expected", "relative", "completion", "explanation")
ANSWER = ("reason", "measure", "likelihood")
QUIET = ("updated_by", "responded_by", "responded_at")


def record_indicator(
    check: IndicatorCheck,
    value_text: str,
    user: Any = None,
    expected: int | None = None,
    **answer: str,
) -> IndicatorCheck:
    """Store the value at the date, its light, and (optionally) the reason and measure.

    Audited and version-checked (``expected``: the version the person saw), like every edit.
    """
    _fill_indicator(check, value_text, user)
    _set_answer(check, user, **answer)
    fields = ("value_text", "parsed", *JUDGED, *ANSWER, *QUIET)
    save_changed(check, fields, user, expected=expected, quiet=(*QUIET, "parsed"))
    return check


def parse_money(text: str | Decimal | None) -> Decimal | None:
    """Read an amount typed in 万元 (``12.5``, ``12.5万元``, ``1,200``); blank is None."""
    if text is None:
        return None
    cleaned = str(text).replace(",", "").replace("，", "").replace("万元", "").strip()
    if not cleaned:
        return None
    try:
        value = text if isinstance(text, Decimal) else Decimal(cleaned)
    except InvalidOperation:
        raise MonitoringError(
            f"支出金额“{str(text)[:20]}”不是数字，请填写以万元为单位的数字。"
        ) from None
    if problem := MONEY_BOUND.problem(value, "支出金额（万元）"):
        raise MonitoringError(problem)
    return value


def _fill_spending(
    check: SpendingCheck, spent: str | Decimal | None, user: Any, limits: Thresholds | None = None
) -> None:
    amount = parse_money(spent)
    rnd = check.round
    limits = limits or thresholds_for(check.organization)
    progress = core.spending_progress(
        check.budget, amount, rnd.as_of, rnd.year, limits.for_spending()
    )
    check.spent = amount
    _apply(check, progress)
    check.updated_by = _authenticated(user)


def record_spending(
    check: SpendingCheck,
    spent: str | Decimal | None,
    user: Any = None,
    expected: int | None = None,
    **answer: str,
) -> SpendingCheck:
    """Store the money spent at the date and its light (and optionally the answer)."""
    _fill_spending(check, spent, user)
    _set_answer(check, user, **answer)
    fields = ("spent", *JUDGED, *ANSWER, *QUIET)
    save_changed(check, fields, user, expected=expected, quiet=QUIET)
    return check


CHECK_FIELDS = ("status", "progress", "expected", "relative", "completion", "explanation")


@transaction.atomic
def record_many(
    indicators: list[tuple[IndicatorCheck, str]],
    spending: list[tuple[SpendingCheck, str | Decimal | None]],
    user: Any = None,
) -> None:
    """Record many figures of one organisation's round at once (a spreadsheet upload, the demo).

    Each row is judged exactly as :func:`record_indicator` and :func:`record_spending` judge
    it; the rows are written in a few bulk updates, all or nothing.
    """
    cache: dict[int, Thresholds] = {}

    def limits(check: IndicatorCheck | SpendingCheck) -> Thresholds:
        if check.organization_id not in cache:
            cache[check.organization_id] = thresholds_for(check.organization)
        return cache[check.organization_id]

    # one query for the adjustments of all the rows (the target in force at the date)
    prefetch_related_objects([check.indicator for check, _ in indicators], "adjustments")
    for check, text in indicators:
        _fill_indicator(check, text, user, limits(check))
    for check, amount in spending:
        _fill_spending(check, amount, user, limits(check))
    fields = [*CHECK_FIELDS, "updated_by", "updated_at"]
    now = timezone.now()
    for check, _ in (*indicators, *spending):
        check.updated_at = now
    IndicatorCheck.objects.bulk_update(
        [c for c, _ in indicators], [*fields, "value_text", "parsed"], batch_size=500
    )
    SpendingCheck.objects.bulk_update([c for c, _ in spending], [*fields, "spent"], batch_size=500)
    bump()  # bulk_update sends no signals


def _set_answer(
    check: IndicatorCheck | SpendingCheck,
    user: Any,
    reason: str | None = None,
    measure: str | None = None,
    likelihood: str | None = None,
) -> None:
    if not any((reason, measure, likelihood)):
        return
    if likelihood and likelihood not in Likelihood.values:
        raise MonitoringError("完成目标可能性只能是：确定能、有可能、完全不可能。")
    check.reason = (reason if reason is not None else check.reason).strip()
    check.measure = (measure if measure is not None else check.measure).strip()
    check.likelihood = likelihood if likelihood is not None else check.likelihood
    if check.status == Light.RED and not (check.reason and check.measure):
        raise MonitoringError("红灯预警必须填写偏差原因和纠偏措施。")
    check.responded_by = _authenticated(user)
    check.responded_at = timezone.now()


def respond(
    check: IndicatorCheck | SpendingCheck,
    user: Any,
    reason: str,
    measure: str,
    likelihood: str = "",
    expected: int | None = None,
) -> IndicatorCheck | SpendingCheck:
    """Store the responsible person's reason and corrective measure (required for a red light)."""
    _set_answer(check, user, reason=reason, measure=measure, likelihood=likelihood)
    fields = (*ANSWER, "responded_by", "responded_at")
    save_changed(check, fields, user, expected=expected, quiet=QUIET)
    return check


FIELDS = (
    "progress_red_below",
    "progress_amber_below",
    "spending_red_below",
    "spending_amber_below",
)


def save_thresholds(
    org: Organization, data: Any, user: Any, expected: int | None = None
) -> Thresholds:
    """Store the province's thresholds after checking they are 0–100 and red ≤ amber."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        try:
            values[name] = Decimal(str(data.get(name, "")).strip())
        except InvalidOperation:
            raise MonitoringError("阈值必须是0到100之间的数字。") from None
        if not Decimal(0) <= values[name] <= Decimal(100):
            raise MonitoringError("阈值必须是0到100之间的数字。")
    for kind in ("progress", "spending"):
        if values[f"{kind}_red_below"] > values[f"{kind}_amber_below"]:
            raise MonitoringError("红灯阈值不能高于黄灯阈值。")
    month = str(data.get("default_month", "6"))
    values["default_month"] = int(month) if month.isdigit() and 1 <= int(month) <= 12 else 6
    with transaction.atomic():
        obj, created = Thresholds.objects.get_or_create(organization=org, defaults={"version": 0})
        if created:
            record_created(obj, user)
        values["updated_by"] = _authenticated(user)
        update_fields(obj, values, user, expected=expected, quiet=("updated_by",))
    return obj
