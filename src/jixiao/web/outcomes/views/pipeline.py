from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.core.pipeline import CRITERIA, PRIORITIES, READINESS
from jixiao.core.scoring.rules import fmt
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.orgs.permissions import can, require, visible_orgs
from jixiao.web.outcomes import proposals
from jixiao.web.outcomes.access import InputError, latest_year, org_for, year_of
from jixiao.web.outcomes.models import ProjectProposal, ProposalStatus

# Who may do what in the 项目库: units propose, reviewers and evaluators assess, officers fund.
ASSESSORS = ("review", "evaluate")


def proposal_for(user: object, proposal_id: int, action: str = "view") -> ProjectProposal:
    """The proposal if its organisation is visible (404) and ``action`` allowed (403)."""
    proposal = get_object_or_404(
        ProjectProposal.objects.select_related("organization").filter(
            organization__in=visible_orgs(user)
        ),
        pk=proposal_id,
    )
    require(user, action, proposal.organization)
    return proposal


def may_assess(user: object, proposal: ProjectProposal) -> bool:
    """Reviewers (审核员, 绩效管理员) and evaluators (评价人员) score ex-ante assessments."""
    return any(can(user, a, proposal.organization) for a in ASSESSORS)


@login_required
def pipeline_page(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.GET.get("org"))
    year = year_of(request.GET.get("year"), latest_year(org) + 1)
    found = list(
        ProjectProposal.objects.filter(
            organization__in=visible_orgs(request.user).filter(path__startswith=org.path),
            year=year,
        ).select_related("organization", "project")
    )
    open_ones = [p for p in found if p.status == ProposalStatus.PROPOSED]
    return render(
        request,
        "outcomes/pipeline.html",
        {
            "nav": "outcomes",
            "tab": "pipeline",
            "org": org,
            "year": year,
            "ranked": proposals.ranking(open_ones),
            "closed": [p for p in found if p.status != ProposalStatus.PROPOSED],
            "priorities": PRIORITIES.items(),
            "readiness": READINESS.items(),
            "can_propose": can(request.user, "edit", org),
        },
    )


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.POST.get("org"), "edit")
    try:
        proposal = proposals.propose(org, request.POST.dict(), request.user)
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('outcomes_pipeline')}?org={org.pk}")
    messages.success(request, f"项目「{proposal.name}」已入库，请开展事前绩效评估。")
    return redirect("outcomes_proposal", proposal.pk)


@login_required
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_for(request.user, proposal_id)
    points = proposal.points or {}
    return render(
        request,
        "outcomes/proposal.html",
        {
            "nav": "outcomes",
            "tab": "pipeline",
            "proposal": proposal,
            "org": proposal.organization,
            "criteria": [(k, label, w, points.get(k, "")) for k, label, w in CRITERIA],
            "may_assess": may_assess(request.user, proposal),
            "may_decide": can(request.user, "approve", proposal.organization),
            "is_open": proposal.status == ProposalStatus.PROPOSED,
        },
    )


@login_required
@require_POST
def assess(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_for(request.user, proposal_id)
    if not may_assess(request.user, proposal):
        require(request.user, "review", proposal.organization)
    try:
        points = request.POST.dict()
        proposals.score_assessment(proposal, points, request.user, posted_version(request))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"事前绩效评估得分 {fmt(proposal.score)} 分，结论：{proposal.conclusion}。"
        )
    return redirect("outcomes_proposal", proposal.pk)


@login_required
@require_POST
def decide(request: HttpRequest, proposal_id: int, action: str) -> HttpResponse:
    proposal = proposal_for(request.user, proposal_id, "approve")
    reason, expected = request.POST.get("reason", ""), posted_version(request)
    try:
        if action == "fund":
            project = proposals.fund(proposal, request.user, expected)
            messages.success(request, f"已安排预算，项目已列入「{project.system}」。")
        elif action == "roll":
            copy = proposals.roll_forward(proposal, reason, request.user, expected)
            messages.success(request, f"已滚动至{copy.year}年项目库。")
        elif action == "retire":
            proposals.retire(proposal, reason, request.user, expected)
            messages.success(request, "已退出项目库。")
        else:
            messages.error(request, f"未知的操作：{action}")
    except InputError as exc:
        messages.error(request, str(exc))
    return redirect("outcomes_proposal", proposal.pk)
