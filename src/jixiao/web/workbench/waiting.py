"""What is waiting for a person (工作台): per role, each kind of work with a count and links.

One :class:`Desk` per membership, filled by the role's function below. Every query is
set-based (a handful per desk, none per row) and scoped to the membership's organisation
and what the role may do there, through the same rules the pages apply (``cycle.workflow``
for who reviews, approves and locks; four eyes included), so a link on the workbench never
leads to a refusal.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from jixiao.core import deadlines as core
from jixiao.core.workdays import DUE_SOON_DAYS, add_workdays
from jixiao.web.cycle.models import (
    Action,
    Evaluation,
    EvaluationScore,
    ReportingPeriod,
    Result,
    Transition,
    periods_for,
)
from jixiao.web.cycle.workflow import EDITABLE, allowed_by_role
from jixiao.web.monitoring.alerts import indicator_alerts, spending_alerts
from jixiao.web.orgs.models import Membership, Organization, Role
from jixiao.web.outcomes.models import ItemStatus, RectificationItem
from jixiao.web.paging import SYSTEM_DOCUMENT
from jixiao.web.performance.models import Indicator, IndicatorSystem, Status
from jixiao.web.workbench.deadlines import StepView, current_step

#: Entries listed per kind; the count always covers them all.
SHOWN = 20
SERIOUS = frozenset({"error", "warning"})


@dataclass
class Entry:
    """One place to act: what, where, and a note (a countdown, a comment)."""

    label: str
    url: str
    note: str = ""
    late: bool = False


@dataclass
class Kind:
    """One kind of waiting work, e.g. 待审核: its count and the places to act."""

    code: str
    label: str
    count: int
    entries: list[Entry] = field(default_factory=list)
    late: int = 0
    #: Entries the caller did not build (beyond those shown): counted in ``more``.
    unlisted: int = 0

    def __post_init__(self) -> None:
        self.more = max(len(self.entries) - SHOWN, 0) + self.unlisted
        self.entries = self.entries[:SHOWN]


@dataclass
class Desk:
    """One role at one organisation, with its kinds of work (the workbench's sections)."""

    role: str
    org: Organization
    kinds: list[Kind]
    steps: list[tuple[StepView, core.Countdown | None, core.Countdown | None]] = field(
        default_factory=list
    )


def desks(user: Any, today: date) -> list[Desk]:
    """Every desk of ``user``: one per membership whose role has work of its own."""
    from jixiao.web.orgs.permissions import memberships

    found = []
    memo = _STEPS.set({})
    try:
        for m in memberships(user):
            make = BY_ROLE.get(m.role)
            if make is not None:
                found.append(make(user, m, today))
            if m.allows("edit") and _keeps_register(m.organization):
                found.append(disclosure_desk(user, m, today))
    finally:
        _STEPS.reset(memo)
    return found


#: The steps read while :func:`desks` runs, by organisation, year and day.
_STEPS: ContextVar[dict[tuple[int, int, date], StepView | None] | None] = ContextVar(
    "workbench_steps", default=None
)


def _step(org: Organization, year: int, today: date) -> StepView | None:
    """``current_step``, read once per organisation and year while :func:`desks` runs.

    An officer's desk asks for the same step up to five times (approvals, locks, reviews,
    overdue units, the countdown), two queries each.
    """
    memo = _STEPS.get()
    if memo is None:
        return current_step(org, year, today)
    key = (org.pk, year, today)
    if key not in memo:
        memo[key] = current_step(org, year, today)
    return memo[key]


def counts(found: list[Desk]) -> dict[str, int]:
    """The count of each kind of work over all desks (the API's summary)."""
    total: dict[str, int] = {}
    for desk in found:
        for kind in desk.kinds:
            total[kind.code] = total.get(kind.code, 0) + kind.count
    return total


# --- shared pieces -----------------------------------------------------------------------


def _system_url(system: IndicatorSystem) -> str:
    return reverse("system_detail", args=[system.pk])


def _results_url(system: IndicatorSystem, period: ReportingPeriod) -> str:
    return f"{reverse('results_grid', args=[system.pk])}?period={period.pk}"


def _period_of(
    org: Organization, year: int, today: date
) -> tuple[ReportingPeriod, StepView | None]:
    """The step a year is in for ``org``; without deadlines, the final period (the grid's)."""
    step = _step(org, year, today)
    if step is not None:
        return step.period, step
    periods = periods_for(year)
    return next((p for p in periods if p.is_final), periods[-1]), None


def with_missing(
    systems: QuerySet[IndicatorSystem], period: ReportingPeriod, departments: set[int] | None
) -> QuerySet[IndicatorSystem]:
    """``systems`` annotated with ``missing``: indicators with no value for ``period``."""
    filled = Result.objects.filter(indicator=OuterRef("pk"), period=period).exclude(value_text="")
    rows = Indicator.objects.filter(system=OuterRef("pk")).exclude(Exists(filled))
    if departments is not None:
        rows = rows.filter(department_id__in=departments)
    count = rows.order_by().values("system").annotate(c=Count("pk")).values("c")
    return systems.annotate(missing=Coalesce(Subquery(count), 0))


def behind(
    systems: QuerySet[IndicatorSystem], period: ReportingPeriod
) -> QuerySet[IndicatorSystem]:
    """Systems still with the unit and not done with ``period``.

    That is values missing for it or, at the year's final step, not yet submitted; a
    submitted system can no longer be filled, so it is never behind on filling.
    """
    rows = with_missing(systems.filter(status__in=EDITABLE), period, None)
    return rows if period.is_final else rows.filter(missing__gt=0)


def with_submitter(systems: QuerySet[IndicatorSystem]) -> QuerySet[IndicatorSystem]:
    """``systems`` annotated with ``submitter``: who made the latest submission (four eyes)."""
    last = Transition.objects.filter(system=OuterRef("pk"), action=Action.SUBMIT).order_by(
        "-at", "-pk"
    )
    return systems.annotate(submitter=Subquery(last.values("user_id")[:1]))


def _countdown(day: date | None, today: date) -> core.Countdown | None:
    return core.countdown(day, today) if day is not None else None


def _note(left: core.Countdown | None) -> tuple[str, bool]:
    return (left.text, left.state == core.OVERDUE) if left else ("", False)


# --- clerk ---------------------------------------------------------------------------------


def clerk_desk(user: Any, m: Membership, today: date) -> Desk:
    """填报员: indicators to fill, red lights to explain, returned systems, 整改 due."""
    org = m.organization
    departments = {m.department_id} if m.department_id else None
    kinds = [
        to_fill(org, departments, today),
        red_lights(user, org),
        returned(org),
        rectification_due(org, today),
    ]
    return Desk(m.get_role_display(), org, kinds, _steps(org, today))


def to_fill(org: Organization, departments: set[int] | None, today: date) -> Kind:
    """Indicators of the unit's editable systems with no value yet for the current step."""
    systems = IndicatorSystem.objects.filter(organization=org, status__in=EDITABLE)
    entries, total = [], 0
    for year in sorted(set(systems.order_by().values_list("year", flat=True)), reverse=True):
        period, step = _period_of(org, year, today)
        note, late = _note(_countdown(step.deadline.submit_by, today) if step else None)
        rows = with_missing(systems.filter(year=year), period, departments).filter(missing__gt=0)
        for s in rows:
            total += s.missing
            label = f"{s} · {period.name}：{s.missing}个指标待填报"
            entries.append(Entry(label, _results_url(s, period), note, late))
    return Kind("to_fill", "待填报指标", total, entries, sum(e.late for e in entries))


def red_lights(user: Any, org: Organization) -> Kind:
    """Red monitoring lights of the unit still waiting for a reason and a measure."""
    n = (
        indicator_alerts(user).filter(organization=org).count()
        + spending_alerts(user).filter(organization=org).count()
    )
    entries = [Entry(f"{n}项红灯预警待说明原因和措施", reverse("monitoring_alerts"))] if n else []
    return Kind("red_lights", "红灯待说明", n, entries)


def returned(org: Organization) -> Kind:
    """Systems sent back to the unit, each with the reviewer's comment (or unlock reason)."""
    systems = list(IndicatorSystem.objects.filter(organization=org, status=Status.RETURNED))
    why: dict[int, Transition] = {}
    for t in Transition.objects.filter(
        system__in=systems, action__in=[Action.RETURN, Action.UNLOCK]
    ).order_by("at", "pk"):
        why[t.system_id] = t  # the latest wins
    entries = []
    for s in systems:
        t = why.get(s.pk)
        text = (t.comment or t.reason) if t else ""
        who = f"{t.user_name}{t.get_action_display()}：" if t else ""
        entries.append(Entry(str(s), _system_url(s), f"{who}{text}"))
    return Kind("returned", "被退回待修改", len(entries), entries)


def rectification_due(org: Organization, today: date) -> Kind:
    """整改 items of the unit not closed whose 整改时限 has passed or falls within a few days."""
    horizon = add_workdays(today, DUE_SOON_DAYS)
    rows = (
        RectificationItem.objects.filter(organization=org, deadline__lte=horizon)
        .exclude(status=ItemStatus.CLOSED)
        .values("year")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=today)))
        .order_by("-year")
    )
    ledger = reverse("outcomes_ledger")
    entries = [
        Entry(
            f"{r['year']}年整改事项{r['n']}项到期",
            f"{ledger}?org={org.pk}&year={r['year']}",
            f"其中已逾期{r['late']}项" if r["late"] else "",
            bool(r["late"]),
        )
        for r in rows
    ]
    return Kind(
        "rectification_due",
        "整改到期",
        sum(r["n"] for r in rows),
        entries,
        sum(r["late"] for r in rows),
    )


# --- reviewer ------------------------------------------------------------------------------


def reviewer_desk(user: Any, m: Membership, today: date) -> Desk:
    """审核员: submissions of the units directly below (or the province's own) to review."""
    return Desk(
        m.get_role_display(),
        m.organization,
        [to_review(user, m.organization, today)],
        _steps(m.organization, today),
    )


def _reviewed_by(org: Organization) -> Q:
    """Whose submissions ``org`` reviews: its direct children, and itself at the top."""
    mine = Q(organization__parent=org)
    return mine | Q(organization=org) if org.parent_id is None else mine


def to_review(user: Any, org: Organization, today: date) -> Kind:
    """Submitted systems the user may review now, with the 审核时限 countdown."""
    systems = with_submitter(
        IndicatorSystem.objects.filter(_reviewed_by(org), status=Status.SUBMITTED)
    )
    return _judging("to_review", "待审核", user, systems, Action.REVIEW, org, today)


def _judging(
    code: str,
    label: str,
    user: Any,
    systems: QuerySet[IndicatorSystem],
    action: str,
    org: Organization,
    today: date,
) -> Kind:
    """The systems ``user`` may take ``action`` on (role, place, four eyes), as a kind of work.

    A province officer's approvals can be hundreds of systems: their keys are read as plain
    values, the role is checked once per organisation (not per system), and only the systems
    shown are loaded; the count and the late count cover them all.
    """
    pk = getattr(user, "pk", None)
    rows = [
        (s, o, y)
        for s, o, y, by in systems.order_by("year", "organization__path", "pk").values_list(
            "pk", "organization_id", "year", "submitter"
        )
        if by != pk
    ]
    orgs = Organization.objects.select_related("parent").in_bulk({o for _, o, _ in rows})
    allowed = {o: allowed_by_role(user, action, unit) for o, unit in orgs.items()}
    chosen = [(s, y) for s, o, y in rows if allowed[o]]
    review_by = {y: _review_day(org, y, today) for y in {y for _, y in chosen}}
    notes = {y: _note(_countdown(day, today)) for y, day in review_by.items()}
    shown = IndicatorSystem.objects.select_related("organization").defer(*SYSTEM_DOCUMENT)
    found = shown.in_bulk([s for s, _ in chosen[:SHOWN]])
    entries = [Entry(str(found[s]), _system_url(found[s]), *notes[y]) for s, y in chosen[:SHOWN]]
    late = sum(notes[y][1] for _, y in chosen)
    return Kind(code, label, len(chosen), entries, late, unlisted=len(chosen) - len(entries))


def _review_day(org: Organization, year: int, today: date) -> date | None:
    step = _step(org, year, today)
    return step.deadline.review_by if step and step.deadline else None


# --- officer -------------------------------------------------------------------------------


def officer_desk(user: Any, m: Membership, today: date) -> Desk:
    """绩效管理员: approvals and locks due at this level, reviews, units overdue below."""
    org = m.organization
    below = IndicatorSystem.objects.filter(organization__path__startswith=org.path)
    judged = with_submitter(below)
    kinds = [
        _judging(
            "to_approve", "待审批", user, judged.filter(status=Status.REVIEWED),
            Action.APPROVE, org, today,
        ),
        _judging(
            "to_lock", "待锁定", user, judged.filter(status=Status.APPROVED),
            Action.LOCK, org, today,
        ),
    ]  # fmt: skip
    if org.children.exists():
        kinds.insert(0, to_review(user, org, today))
        kinds.append(overdue_units(org, today))
    return Desk(m.get_role_display(), org, kinds, _steps(org, today))


def overdue_units(org: Organization, today: date) -> Kind:
    """Units below ``org`` past a deadline of their year's current step, and what is late."""
    below = IndicatorSystem.objects.filter(organization__path__startswith=org.path).exclude(
        organization=org
    )
    entries: list[Entry] = []
    years = (
        below.exclude(status=Status.LOCKED).order_by().values_list("year", flat=True).distinct()
    )
    for year in sorted(set(years), reverse=True):
        step = _step(org, year, today)
        if step is not None and step.deadline is not None:
            entries += _late_in(below.filter(year=year), step, today)
    units = {e.label.split("：", 1)[0] for e in entries}
    return Kind("overdue_units", "下级逾期单位", len(units), entries, len(entries))


def _late_in(systems: QuerySet[IndicatorSystem], step: StepView, today: date) -> list[Entry]:
    deadline, period = step.deadline, step.period
    entries = []
    fill = core.countdown(deadline.submit_by, today)
    if fill.state == core.OVERDUE:
        for s in (
            behind(systems, period).select_related("organization").order_by("organization__path")
        ):
            what = f"{s.missing}个指标未填报{period.name}" if s.missing else "未提交"
            entries.append(
                Entry(
                    f"{s.organization.name}：{s.get_kind_display()}{what}",
                    _results_url(s, period) if s.missing else _system_url(s),
                    fill.text,
                    True,
                )
            )
    review = _countdown(deadline.review_by, today)
    if review is not None and review.state == core.OVERDUE:
        waiting = systems.filter(status__in=[Status.SUBMITTED, Status.REVIEWED])
        for s in waiting.select_related("organization").order_by("organization__path"):
            label = (
                f"{s.organization.name}：{s.get_kind_display()}{s.get_status_display()}，审核超时"
            )
            entries.append(Entry(label, _system_url(s), review.text, True))
    return entries


# --- evaluator -----------------------------------------------------------------------------


def evaluator_desk(user: Any, m: Membership, today: date) -> Desk:
    """评价人员: evaluations in progress, and evaluations whose findings have no 整改 item."""
    org = m.organization
    latest = Evaluation.objects.filter(system=OuterRef("system")).order_by("-created_at", "-pk")
    evaluations = (
        Evaluation.objects.filter(system__organization__path__startswith=org.path)
        .annotate(latest=Subquery(latest.values("pk")[:1]))
        .filter(pk=F("latest"))
        .select_related("system__organization")
        .order_by("system__organization__path", "system__year")
    )
    return Desk(
        m.get_role_display(), org, [in_progress(user, evaluations), findings_open(evaluations)]
    )


def _evaluation_url(evaluation: Evaluation) -> str:
    return reverse("evaluation_detail", args=[evaluation.pk])


def in_progress(user: Any, evaluations: QuerySet[Evaluation]) -> Kind:
    """The user's own latest evaluations of systems not yet locked (scores still adjustable)."""
    rows = evaluations.filter(evaluator=user).exclude(system__status=Status.LOCKED)
    entries = [
        Entry(
            f"{e.system} · {e.get_kind_display()}",
            _evaluation_url(e),
            f"评价时间 {e.created_at:%Y-%m-%d}",
        )
        for e in rows
    ]
    return Kind("evaluations", "评价进行中", len(entries), entries)


def findings_open(evaluations: QuerySet[Evaluation]) -> Kind:
    """Latest evaluations that found problems (deductions, check errors) but have no 整改 item."""
    deducted = (
        EvaluationScore.objects.filter(evaluation=OuterRef("pk"))
        .annotate(points=Coalesce("adjusted", "computed"))
        .filter(points__lt=F("indicator__weight"))
    )
    itemised = RectificationItem.objects.filter(evaluation=OuterRef("pk"))
    rows = evaluations.exclude(Exists(itemised)).annotate(deducted=Exists(deducted))
    entries = [
        Entry(
            f"{e.system} · {e.get_kind_display()}", _evaluation_url(e), "发现问题尚未登记整改事项"
        )
        for e in rows
        if e.deducted or any(f.get("severity") in SERIOUS for f in e.findings or [])
    ]
    return Kind("findings_open", "发现问题未登记整改", len(entries), entries)


# --- disclosure ----------------------------------------------------------------------------


def _keeps_register(org: Organization) -> bool:
    from jixiao.web.disclosure.models import InfoRequest

    return InfoRequest.objects.filter(organization=org).exists()


def disclosure_desk(user: Any, m: Membership, today: date) -> Desk:
    """信息公开: open requests whose reply is due within a few working days, and overdue ones."""
    from jixiao.web.disclosure.register import deadline_lists

    org = m.organization
    lists = deadline_lists(org, today)
    kinds = []
    for code, label in (("requests_overdue", "答复已逾期"), ("requests_soon", "答复即将到期")):
        entries = [
            Entry(
                f"{r} {r.applicant_type}",
                reverse("disclosure_request_edit", args=[org.pk, r.pk]),
                core.countdown(r.due, today).text,
                code == "requests_overdue",
            )
            for r in lists["overdue" if code == "requests_overdue" else "soon"]
        ]
        kinds.append(Kind(code, label, len(entries), entries, sum(e.late for e in entries)))
    return Desk("信息公开", org, kinds)


# --- deadlines -----------------------------------------------------------------------------


def _steps(
    org: Organization, today: date
) -> list[tuple[StepView, core.Countdown | None, core.Countdown | None]]:
    """The current step of the latest year with deadlines, both deadlines counted down."""
    from jixiao.web.workbench.deadlines import ancestor_ids
    from jixiao.web.workbench.models import StepDeadline

    year = (
        StepDeadline.objects.filter(organization_id__in=ancestor_ids(org))
        .order_by("-period__year")
        .values_list("period__year", flat=True)
        .first()
    )
    step = _step(org, year, today) if year else None
    if step is None or step.deadline is None:
        return []
    d = step.deadline
    return [(step, core.countdown(d.submit_by, today), _countdown(d.review_by, today))]


BY_ROLE = {
    Role.CLERK: clerk_desk,
    Role.REVIEWER: reviewer_desk,
    Role.OFFICER: officer_desk,
    Role.EVALUATOR: evaluator_desk,
}
