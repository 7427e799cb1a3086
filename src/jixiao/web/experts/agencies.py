"""Entrusting an evaluation to an agency (委托), rating its work (执业质量评价), its record.

The agency's staff run the entrusted 第三方评价 through the ordinary evaluation pages (their
评价人员 role); the entrustment records who entrusted what to whom and when. Once a
第三方评价 of the system exists after the entrustment, the entrusting office rates the work;
the rating raises the agency's 评价累计数 by one and re-reads its 信用等级 by the rule in
``jixiao.core.agencies`` (ratings and 不良记录 of the last three years), in one transaction
with audit rows for each changed field.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.agencies import RatingError, credit_level, in_window, quality_grade
from jixiao.web.cycle.audit import lock, record_created, update_fields
from jixiao.web.cycle.models import Evaluation, EvaluationKind
from jixiao.web.experts.access import chain_of, require_manage
from jixiao.web.experts.models import Agency, Entrustment
from jixiao.web.performance.models import IndicatorSystem


class EntrustError(ValueError):
    """An entrustment or rating that cannot be made; the message says why, in Chinese."""


def entrust(system: IndicatorSystem, agency: Agency, task: str, user: Any) -> Entrustment:
    """Entrust the evaluation of ``system`` to ``agency`` (logged as 新增委托评价)."""
    require_manage(user, system.organization)
    if agency.organization not in chain_of(system.organization):
        raise EntrustError(f"「{agency.name}」不在本单位或上级单位的中介机构库中。")
    if not agency.is_active:
        raise EntrustError(f"「{agency.name}」已移出中介机构库，不能委托。")
    if len(task) > 2000:
        raise EntrustError("委托事项：不超过2000字。")
    with transaction.atomic():
        made = Entrustment.objects.create(
            system=system, agency=agency, task=task.strip(), entrusted_by=user
        )
        record_created(made, user, what=f"委托「{agency.name}」开展第三方评价")
    return made


def evaluation_after(entrustment: Entrustment) -> Evaluation | None:
    """The latest 第三方评价 of the system made after the entrustment (the work rated)."""
    return (
        entrustment.system.evaluations.filter(
            kind=EvaluationKind.THIRD_PARTY, created_at__gte=entrustment.entrusted_at
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def read_score(text: Any) -> Decimal:
    """The 执业质量评价 score typed (0–100)."""
    try:
        score = Decimal(str(text).strip().removesuffix("分"))
    except InvalidOperation as exc:
        raise EntrustError("执业质量评价得分：须为0～100的数。") from exc
    if not score.is_finite():
        raise EntrustError("执业质量评价得分：须为0～100的数。")
    return score


def rate(
    entrustment: Entrustment, score_text: Any, opinion: str, user: Any, expected: int | None
) -> Entrustment:
    """Rate the agency's work on ``entrustment`` and update the agency's record.

    Raises:
        EntrustError: before the agency's evaluation exists, or on a bad score or opinion.
    """
    require_manage(user, entrustment.system.organization)
    evaluation = evaluation_after(entrustment)
    if evaluation is None:
        raise EntrustError("受托机构尚未完成第三方评价，评价完成后才能开展执业质量评价。")
    score = read_score(score_text)
    try:
        grade = quality_grade(score)
    except RatingError as exc:
        raise EntrustError(str(exc)) from exc
    if not opinion.strip() or len(opinion) > 2000:
        raise EntrustError("执业质量评价意见：必填，不超过2000字。")
    values = {"quality_score": score, "quality_grade": grade, "rating_opinion": opinion.strip()}
    values |= {"evaluation": evaluation, "rated_by": user, "rated_at": timezone.now()}
    with transaction.atomic():
        first = lock(Entrustment, pk=entrustment.pk).rated_at is None  # count each work once
        update_fields(entrustment, values, user, expected=expected, quiet=("rated_by", "rated_at"))
        agency = lock(Agency, pk=entrustment.agency_id)
        if first:
            count = agency.evaluations_count + 1
            update_fields(agency, {"evaluations_count": count}, user, "执业质量评价")
        refresh_credit(agency, user)
    return entrustment


def refresh_credit(agency: Agency, user: Any) -> None:
    """Re-read the agency's 信用等级 from its record by the rule (audited when it changes)."""
    this_year = timezone.localdate().year
    rated = agency.entrustments.filter(rated_at__isnull=False)
    ratings = [
        e.quality_score for e in rated if in_window(timezone.localtime(e.rated_at).year, this_year)
    ]
    bad = sum(1 for r in agency.bad_records or [] if in_window(int(r["date"][:4]), this_year))
    credit = credit_level(ratings, bad)
    values = {"credit": credit.level, "credit_note": credit.explanation}
    update_fields(agency, values, user, "按执业质量评价和不良记录评定", quiet=("credit_note",))


def recent_projects(agency: Agency) -> list[Entrustment]:
    """近三年参与的绩效评价项目: the agency's entrustments of the last three years."""
    this_year = timezone.localdate().year
    return [
        e
        for e in agency.entrustments.select_related("system__organization")
        if in_window(timezone.localtime(e.entrusted_at).year, this_year)
    ]
