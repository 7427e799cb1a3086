"""A simulated 2023 mid-year monitoring round for the demo (clearly labelled 模拟数据).

The seeds hold Hunan's 2023 province-level project system and the table allocating the special
fund to cities and counties (seed 003), but no county targets and no mid-year figures. This
module derives them, deterministically, so the demo can show the 双监控 end to end:

- each county gets a project system 【模拟数据】 through the real import path
  (``save_document``): its projects are its lines of the allocation table (budget = the amount
  allocated), its targets are the province's cumulative indicators scaled by the county's share
  of the fund, plus the province's rate targets unchanged;
- the province launches its 6月30日 round (``launch_round``), and every county's figures at
  6/30 are entered with ``record_indicator`` / ``record_spending``; the figures come from a
  hash of the names, so each load gives the same counties behind on the same targets;
- reasons and corrective measures are entered with ``respond`` for most red lights; one red
  light of 慈利县 is left open so its clerk sees the alert.

After the year (:func:`load_yearend_demo`), each county system gets its 全年 results, a
偏差原因 for each target missed and a 自评 scored by the core (the targets carry 分值 split
evenly to 100 for that), plus a 2022 self-evaluation of scores only, so rankings, dashboards
and the incentive pool have every county's score and grade.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from jixiao.core.documents import Actual, Document, Indicator, Project, Target
from jixiao.core.documents import Organization as DocOrg
from jixiao.core.targets import parse_target
from jixiao.web.adapter import document_of
from jixiao.web.cycle.evaluations import evaluate
from jixiao.web.cycle.models import Evaluation, EvaluationKind, periods_for
from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.models import IndicatorCheck, Light, SpendingCheck, Thresholds
from jixiao.web.monitoring.records import launch_round, record_many, respond
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem, SystemKind

YEAR = 2023
AS_OF = date(2023, 6, 30)
PROVINCE = "湖南省市场监督管理局"
BUREAU = "市场监督管理局"
LABEL = "【模拟数据】"
MAX_COUNT_TARGETS = 10
MAX_RATE_TARGETS = 3
OPEN_FOR = "慈利县市场监督管理局"  # its first red light stays unanswered: the clerk's alert
REASONS = (
    (
        "省级专项资金5月下旬才下达到位，相关抽查、检查工作集中安排在三季度开展，上半年进度滞后。",
        "已制定下半年工作计划，7月起每月调度一次进度，确保9月底前完成全年任务的80%。",
    ),
    (
        "上半年执法人员抽调参加省局专项整治行动，日常监督检查任务阶段性滞后。",
        "抽调业务骨干组建工作专班，按周通报进度，10月底前完成全年目标任务。",
    ),
    (
        "政府采购程序尚未完成，检验检测服务合同未签订，资金暂未支付。",
        "7月上旬完成采购并签订合同，按合同约定进度支付资金，三季度末执行率达到75%以上。",
    ),
)


def _h(*parts: str) -> Decimal:
    """A number in [0, 1) from the names: the same figures on every load, no random state."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def _round(value: Decimal, places: str = "1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def load_midyear_demo(log: Callable[[str], object] = print) -> None:
    """Create the simulated county targets and the 2023-06-30 round; skip when already there."""
    province = Organization.objects.filter(name=PROVINCE, parent=None).first()
    system = (
        IndicatorSystem.objects.filter(organization=province, year=YEAR, kind=SystemKind.PROJECT)
        .prefetch_related("indicators", "allocations")
        .first()
        if province
        else None
    )
    if system is None or province.monitoring_rounds.filter(as_of=AS_OF).exists():
        return
    with transaction.atomic():
        Thresholds.objects.get_or_create(organization=province)
        counties = _county_systems(province, system)
        rnd = launch_round(province, YEAR, AS_OF)
        rnd.note = f"{LABEL}县级目标由省级专项资金项目指标按资金分配比例测算，6月30日完成值与支出为演示用模拟数据。"
        rnd.save(update_fields=["note"])
        _fill(rnd, counties)
    red = IndicatorCheck.objects.filter(round=rnd, status=Light.RED).count()
    log(f"模拟运行监控：{len(counties)} 个县级单位，{AS_OF} 监控轮次，指标红灯 {red} 个")


def _county_systems(province: Organization, system: IndicatorSystem) -> list[Organization]:
    """One simulated project system per county of the allocation table."""
    allocations = [a for a in system.allocations.all() if _is_county(a.unit_name, a.parent_name)]
    grand = sum(
        (a.total or 0 for a in system.allocations.all() if not a.parent_name and a.is_subtotal),
        Decimal(0),
    )
    grand = grand or sum((a.total or 0 for a in allocations), Decimal(0))
    source = [i for i in system.indicators.all() if i.targets]
    made = []
    for row in allocations:
        county = _county(province, row.parent_name, row.unit_name)
        if county is None or not row.total:
            continue
        doc = _document(county, row.by_project, row.total / grand, source)
        save_document(doc, county, YEAR, replace=True)
        made.append(county)
    return made


def _is_county(unit: str, parent: str) -> bool:
    return bool(parent) and not unit.endswith(("小计", "本级")) and not unit.startswith("合计")


def _county(province: Organization, city: str, unit: str) -> Organization | None:
    name = unit.strip() if unit.strip().endswith(BUREAU) else f"{unit.strip()}{BUREAU}"
    city_name = city.strip() if city.strip().endswith(BUREAU) else f"{city.strip()}{BUREAU}"
    return Organization.objects.filter(
        name=name, parent__name=city_name, parent__parent=province
    ).first()


def _document(county: Organization, by_project: dict, share: Decimal, source: list) -> Document:
    indicators = _count_targets(source, share, county.name) + _rate_targets(source)
    weights = _weights(len(indicators))
    projects = [
        Project(name=name, unit=county.name, available={"total": Decimal(str(amount))})
        for name, amount in by_project.items()
        if amount and not re.fullmatch(r"第\d+列", name)
    ]
    return Document(
        kind="evaluation_report",
        title=f"{LABEL}{county.name}2023年省级市场监管专项资金绩效目标（按资金分配测算）",
        organization=DocOrg(name=county.name),
        year=YEAR,
        indicators=[
            Indicator(
                id=str(n),
                name=i.name,
                path=i.path,
                targets=i.targets,
                direction=i.direction,
                weight=weight,
            )
            for n, (i, weight) in enumerate(zip(indicators, weights, strict=True), 1)
        ],
        projects=projects,
        warnings=[f"{LABEL}本表为演示用模拟数据，不是真实的县级绩效目标。"],
    )


def _weights(n: int) -> list[Decimal]:
    """Whole-number 分值 summing to 100, split evenly (the first ones take the remainder)."""
    if not n:
        return []
    share, extra = divmod(100, n)
    return [Decimal(share + (k < extra)) for k in range(n)]


def _count_targets(source: list, share: Decimal, county: str) -> list[Indicator]:
    """The province's cumulative targets scaled by the county's share (at least 5 to keep)."""
    found = []
    for ind in source:
        t = ind.targets[0]
        value = t.get("value")
        unit = t.get("unit") or ""
        if (
            t.get("op") not in (">=", "=")
            or not value
            or len(ind.targets) > 1
            or _not_a_count(unit)
        ):
            continue
        scaled = _round(Decimal(str(value)) * share, "1")
        if scaled >= 5:
            raw = f"≥{_plain(scaled)}{t['unit']}"
            target = Target(raw=raw, op=">=", value=scaled, unit=t["unit"])
            found.append(Indicator(id="", name=ind.name, path=ind.path, targets=[target]))
    found.sort(key=lambda i: _h(county, i.name))
    return found[:MAX_COUNT_TARGETS]


def _not_a_count(unit: str) -> bool:
    """Rates, money and unit costs (``元/次``) do not split between units by their funding."""
    return not unit or unit == "%" or "/" in unit or "元" in unit


def _rate_targets(source: list) -> list[Indicator]:
    """The province's rate targets (≥ x%), unchanged: a rate does not split between units."""
    found = []
    for ind in source:
        t = ind.targets[0]
        if (
            t.get("op") == ">="
            and t.get("unit") == "%"
            and len(ind.targets) == 1
            and not t.get("relative")
        ):
            value = Decimal(str(t["value"]))
            target = Target(raw=f"≥{_plain(value)}%", op=">=", value=value, unit="%")
            found.append(Indicator(id="", name=ind.name, path=ind.path, targets=[target]))
    return found[:MAX_RATE_TARGETS]


def _fill(rnd: object, counties: list[Organization]) -> None:
    """Enter each county's figures at 6/30 and answer most red lights."""
    clerks = {m.organization_id: m.user for m in _memberships(counties)}
    for county in counties:
        base = _pace(county.name)
        checks = IndicatorCheck.objects.filter(round=rnd, organization=county).select_related(
            "indicator", "organization", "round"
        )
        spending = SpendingCheck.objects.filter(round=rnd, organization=county).select_related(
            "project", "organization", "round"
        )
        record_many(
            [(c, _value(c, base)) for c in checks],
            [(c, _spent(c, county, base)) for c in spending],
            clerks.get(county.pk),
        )
        _answer_reds(county, rnd, clerks.get(county.pk))


def _pace(county: str) -> Decimal:
    """How far along the county is at 6/30 (0.55–1.05 of the expected pace), from its name."""
    return Decimal("0.55") + Decimal("0.5") * _h(county)


def _spent(check: SpendingCheck, county: Organization, base: Decimal) -> Decimal:
    factor = base * (Decimal("0.5") + Decimal("0.8") * _h(county.name, check.project.name))
    return _round(check.budget * factor / 2, "0.01")


def _memberships(counties: list[Organization]) -> list:
    from jixiao.web.orgs.models import Membership

    return list(Membership.objects.filter(organization__in=counties).select_related("user"))


def _value(check: IndicatorCheck, base: Decimal) -> str:
    target = check.indicator.targets[0]
    value, unit = Decimal(str(target["value"])), target.get("unit") or ""
    jitter = Decimal("0.6") + Decimal("0.7") * _h(check.organization.name, check.indicator.name)
    if unit == "%":
        return f"{_plain(_round(min(value * (base * jitter + Decimal('0.25')), Decimal(100)), '0.01'))}%"
    return f"{_plain(_round(value * base * jitter / 2, '1'))}{unit}"


def _answer_reds(county: Organization, rnd: object, user: object) -> None:
    reds = list(IndicatorCheck.objects.filter(round=rnd, organization=county, status=Light.RED))
    reds += list(SpendingCheck.objects.filter(round=rnd, organization=county, status=Light.RED))
    if county.name == OPEN_FOR:
        reds = reds[1:]
    for n, check in enumerate(reds):
        # The first two reasons are about the work, the last about the money.
        reason, measure = REASONS[(n + int(_h(county.name) * 2)) % 2]
        if isinstance(check, SpendingCheck):
            reason, measure = REASONS[2]
        respond(check, user, reason, measure, "possible")


# ---------------------------------------------------------------------------------------------
# After the year: 全年 results and 自评 of every county system, and a 2022 year of scores.

SHORT_PACE = Decimal("0.6")  # counties this far behind at 6/30 miss targets at year end
SHORT_2022 = Decimal("0.25")  # about this share of counties (by name hash) fell short in 2022
DEVIATIONS = (
    (
        "专项资金下达较晚，部分抽查、检查任务集中在四季度，受检验检测机构承检能力限制未能全部完成。",
        "2024年一季度提前完成任务分解和采购，按季度调度进度，未完成部分纳入2024年任务优先安排。",
    ),
    (
        "执法人员年中抽调参加省局专项整治行动，日常监管任务阶段性滞后，全年未能追回。",
        "优化人员调配，建立月调度、季通报机制，对滞后任务实行清单化管理，2024年上半年补齐。",
    ),
    (
        "辖区市场主体数量和结构变化，按资金分配比例测算的目标偏高，实际可检查对象不足。",
        "2024年按辖区实际监管对象数量测算目标，目标值报省局审核后执行。",
    ),
)


def load_yearend_demo(log: Callable[[str], object] = print) -> None:
    """Enter simulated 全年 results and a 自评 for each county system; skip when already there.

    Each county's 2023 system gets its year-end figures through ``save_result_values`` (the
    results grid's save: the final period sets the 实际完成值), a 偏差原因分析及改进措施 for
    every target missed (``update_fields``, logged like an edit), and a 自评 scored by
    ``core.scoring`` (``evaluate``). A 2022 system per county, imported like a filed
    self-evaluation table (targets, 分值 and 实际完成值), is scored the same way, so the
    rankings can compare the two years. The counties furthest behind at 6/30 miss several
    targets at year end; the rest finish at or near their targets.
    """
    systems = list(
        IndicatorSystem.objects.filter(
            title__startswith=LABEL, year=YEAR, organization__parent__parent__name=PROVINCE
        ).select_related("organization")
    )
    if not systems or Evaluation.objects.filter(system__in=systems).exists():
        return
    final = next(p for p in periods_for(YEAR) if p.is_final)
    users = _evaluators([s.organization for s in systems])
    with transaction.atomic():
        for system in systems:
            user = users.get(system.organization_id) or users[None]
            _enter_year_end(system, final, user)
            evaluate(system, EvaluationKind.SELF, user)
            last = save_document(_last_year(system), system.organization, YEAR - 1, replace=True)
            evaluate(last, EvaluationKind.SELF, user)
    short = sum(1 for s in systems if _short(s.organization.name, YEAR))
    log(
        f"模拟年度自评：{len(systems)} 个县级单位{YEAR - 1}、{YEAR}年自评，{short} 个县未完成部分目标"
    )


def _evaluators(counties: list[Organization]) -> dict[int | None, object]:
    """Who enters each county's 自评: its own clerk when the demo has one, else the admin."""
    from django.contrib.auth import get_user_model

    from jixiao.web.orgs.models import Membership, Role

    found: dict[int | None, object] = {
        m.organization_id: m.user
        for m in Membership.objects.filter(
            organization__in=counties, role=Role.CLERK
        ).select_related("user")
    }
    found[None] = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    return found


def _short(county: str, year: int) -> bool:
    """True for the counties that miss several targets in ``year``."""
    if year == YEAR:
        return _pace(county) < SHORT_PACE
    return _h(county, str(year)) < SHORT_2022


def _ratio(county: str, indicator: str, year: int) -> Decimal:
    """Year-end result ÷ target: 0.6–1.15 for a county that falls short, else 0.93–1.15."""
    h = _h(county, indicator, str(year), "全年")
    if _short(county, year):
        return Decimal("0.6") + Decimal("0.55") * h
    return Decimal("0.93") + Decimal("0.22") * h


def _year_end_value(target: dict, ratio: Decimal) -> tuple[str, bool]:
    """The result as a clerk types it (``45家``, ``87.5%``) and whether it misses the target."""
    value, unit = Decimal(str(target["value"])), target.get("unit") or ""
    if unit == "%":
        got = min(_round(value * ratio, "0.01"), Decimal(100))
    else:
        got = _round(value * ratio, "1")
    return f"{_plain(got)}{unit}", got < value


def _enter_year_end(system: IndicatorSystem, final: object, user: object) -> None:
    """Type each indicator's 全年 result; explain every target missed."""
    from jixiao.web.cycle.audit import update_fields
    from jixiao.web.cycle.views.results import save_result_values

    county = system.organization.name
    for n, indicator in enumerate(system.indicators.all()):
        target = indicator.targets[0]
        text, missed = _year_end_value(target, _ratio(county, indicator.name, YEAR))
        note = f"{LABEL}全年完成值为演示用模拟数据。"
        save_result_values(indicator, final, text, note, user)
        if missed:
            reason, measure = DEVIATIONS[(n + int(_h(county) * 3)) % len(DEVIATIONS)]
            deviation = f"全年完成{text}，未达到目标{target['raw']}。原因：{reason}措施：{measure}"
            update_fields(indicator, {"deviation": deviation}, user)


def _last_year(system: IndicatorSystem) -> Document:
    """The county's 2022 self-evaluation table: this year's targets and 分值, 2022's results."""
    doc = document_of(system)
    county = system.organization.name
    indicators = []
    for ind in doc.indicators:
        text, _ = _year_end_value(asdict(ind.targets[0]), _ratio(county, ind.name, YEAR - 1))
        actual = Actual(raw=text, targets=parse_target(text, ind.direction, ind.unit))
        indicators.append(replace(ind, actual=actual, deviation=None))
    return replace(
        doc,
        title=f"{LABEL}{county}{YEAR - 1}年省级市场监管专项资金绩效自评（仅得分）",
        year=YEAR - 1,
        indicators=indicators,
        projects=[],
        warnings=[f"{LABEL}本表为演示用模拟数据，只用于与{YEAR}年比较得分和名次。"],
    )
