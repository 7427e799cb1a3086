"""绩效目标审核: the level above gives a coded result and an opinion, through the workflow.

通过 takes the workflow's 审核 step; 修改后通过 and 不通过 return the system with the opinion
(修改后通过: pass once the listed changes are made; 不通过: rework the targets), so the
workflow's rights and four-eyes rules apply unchanged. The automatic checks are stored with
the review, as they stood when the reviewer decided.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jixiao.web.cycle.audit import record_created
from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import WorkflowError, transition
from jixiao.web.library.adapter import check_dicts, run_review
from jixiao.web.library.models import ReviewResult, TargetReview
from jixiao.web.performance.models import IndicatorSystem

STEP_FOR = {
    ReviewResult.PASS: Action.REVIEW,
    ReviewResult.AMEND: Action.RETURN,
    ReviewResult.REJECT: Action.RETURN,
}


def record_review(
    system: IndicatorSystem, user: Any, result: str, opinion: str = ""
) -> TargetReview:
    """Record the coded result and take the matching workflow step, in one transaction."""
    if result not in ReviewResult.values:
        raise WorkflowError("请选择审核结果：通过、修改后通过或不通过。")
    opinion = opinion.strip()
    label = ReviewResult(result).label
    if result != ReviewResult.PASS and not opinion:
        raise WorkflowError(f"审核结果为「{label}」时，请填写审核意见，说明需要修改的内容。")
    checks = check_dicts(run_review(system))
    with transaction.atomic():
        transition(system, STEP_FOR[result], user, comment=f"【{label}】{opinion}".strip())
        review = TargetReview.objects.create(
            system=system, result=result, opinion=opinion, checks=checks, reviewer=user
        )
        record_created(review, user, opinion, what=label)
        return review
