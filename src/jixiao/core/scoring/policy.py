"""A province's scoring variants as data: grade bands, partial-credit bands, caps, deviations.

Provinces write their own variants of the finance ministry's rules into their manuals, year
by year, and JiXiao runs them as data (#19 item 4) instead of code:

- **grade bands** (优/良/中/差 boundaries; DOMAIN 1.2: "make the grade bands configurable
  per jurisdiction", one vendor uses 优 ≥ 80);
- **partial-credit bands** of qualitative indicators (达成 ≥ 80% of the weight, 部分达成
  ≥ 60%; DOMAIN 1.5, the vendor's 定性指标区间校验);
- **caps** (封顶) on the total by a rate: 执行率 70%–80% caps the self-evaluation total at 89,
  below 50% at 59 (provincial manuals quoted in issue #19);
- **deviation** (指标偏离): a result at 130% of its target or more loses 2 points and needs a
  偏差原因 (DOMAIN 1.5, 广西's 130% rule; the deduction quoted in issue #19; 10号's
  "按照偏离度适度调减分值").

:func:`policy_from_data` reads the stored JSON and refuses bad input with a Chinese message
naming the field; :func:`apply_policy` is the last stage of the one definition of a system's
score (:func:`jixiao.core.scoring.scores.score_document`): the base total less the deviation
deductions, then the lowest cap that applies, then the grade. It takes only the
:class:`Basis` of a sheet, so a what-if can re-run it for thousands of systems without
re-scoring their indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core.documents import plain
from jixiao.core.findings import Finding
from jixiao.core.money import HUNDRED, round_half_up
from jixiao.core.scoring.grades import MOF_BANDS, GradeBand, grade_for
from jixiao.core.scoring.rules import QUALITATIVE_BANDS, Band, fmt

ZERO = Decimal(0)
RATES = ("执行率", "到位率")
MAX_CAPS = 10
MAX_GRADES = 8
MAX_TEXT = 500


class PolicyError(ValueError):
    """A stored or posted policy that cannot be run; the message says what and where."""


@dataclass(frozen=True)
class RateCap:
    """The total is capped at ``cap`` (on 100 points) when ``at_least`` ≤ rate < ``below``."""

    rate: str
    below: Decimal
    cap: Decimal
    at_least: Decimal | None = None

    def applies(self, value: Decimal | None) -> bool:
        """True when the document's rate lies in this cap's range."""
        if value is None:
            return False
        return value < self.below and (self.at_least is None or value >= self.at_least)

    def describe(self) -> str:
        """The cap in the manuals' words: 执行率70%（含）至80%的，总分最高89分."""
        low = f"{fmt(self.at_least)}%（含）至" if self.at_least is not None else "低于"
        return f"{self.rate}{low}{fmt(self.below)}%的，总分最高{fmt(self.cap)}分"


@dataclass(frozen=True)
class Deviation:
    """指标偏离: a result at ``threshold`` % of its target or more loses ``points``."""

    threshold: Decimal = Decimal(130)
    points: Decimal = Decimal(2)
    reason_required: bool = True

    def describe(self) -> str:
        """The rule in the manuals' words."""
        reason = "，须填写偏差原因" if self.reason_required else ""
        return f"实际完成值达到目标值{fmt(self.threshold)}%及以上为指标偏离，扣{fmt(self.points)}分{reason}"


@dataclass(frozen=True)
class ScoringPolicy:
    """Everything a province sets for a year's scoring; the default is the ministry's."""

    bands: tuple[GradeBand, ...] = MOF_BANDS
    qualitative: tuple[Band, ...] = QUALITATIVE_BANDS
    caps: tuple[RateCap, ...] = ()
    deviation: Deviation | None = None
    basis: str = ""

    def describe(self) -> str:
        """The whole policy in one Chinese paragraph (what the change log keeps)."""
        grades = "、".join(f"{b.grade}≥{fmt(b.minimum)}" for b in self.bands)
        shares = "、".join(f"{b.label[:4]}≥{fmt(b.low * HUNDRED)}%" for b in self.qualitative[:-1])
        caps = "；".join(c.describe() for c in self.caps) or "无"
        deviation = self.deviation.describe() if self.deviation else "不扣分"
        parts = [
            f"等级：{grades}",
            f"定性指标：{shares}",
            f"封顶：{caps}",
            f"指标偏离：{deviation}",
        ]
        if self.basis:
            parts.append(f"依据：{self.basis}")
        return "；".join(parts)

    def to_data(self) -> dict[str, Any]:
        """The JSON the province's policy is stored and posted as (:func:`policy_from_data`)."""
        return {
            "bands": [{"grade": b.grade, "minimum": plain(b.minimum)} for b in self.bands],
            "qualitative": {b.label: plain(b.low * HUNDRED) for b in self.qualitative[:-1]},
            "caps": [
                {
                    "rate": c.rate,
                    "at_least": plain(c.at_least),
                    "below": plain(c.below),
                    "cap": plain(c.cap),
                }
                for c in self.caps
            ],
            "deviation": None
            if self.deviation is None
            else {
                "threshold": plain(self.deviation.threshold),
                "points": plain(self.deviation.points),
                "reason_required": self.deviation.reason_required,
            },
            "basis": self.basis,
        }


DEFAULT_POLICY = ScoringPolicy()


@dataclass(frozen=True)
class Overshoot:
    """An indicator whose result exceeds its target: the facts a deviation rule reads."""

    id: str
    name: str
    percent: Decimal  # result ÷ target × 100
    points: Decimal  # the indicator's points before any deduction
    reason: bool  # a 偏差原因 is written


@dataclass
class Basis:
    """What the policy stage of a score reads, none of it set by the policy.

    Nothing here depends on the caps, deductions or grades, so a what-if re-runs
    :func:`apply_policy` on a stored basis alone.
    """

    total: Decimal | None  # the levels and fund block, re-based; before deductions and caps
    weight: Decimal | None
    rates: dict[str, Decimal] = field(default_factory=dict)
    overshoots: list[Overshoot] = field(default_factory=list)
    qualitative: int = 0  # indicators scored by the partial-credit bands

    def to_data(self) -> dict[str, Any]:
        """JSON for storage (:func:`basis_from_data` reads it back)."""
        return {
            "total": plain(self.total),
            "weight": plain(self.weight),
            "rates": plain(self.rates),
            "overshoots": [
                [o.id, o.name, plain(o.percent), plain(o.points), o.reason]
                for o in self.overshoots
            ],
            "qualitative": self.qualitative,
        }


def basis_from_data(data: dict[str, Any], at_least: float | None = float("-inf")) -> Basis:
    """The stored basis (as :meth:`Basis.to_data` wrote it).

    Only the overshoots of ``at_least`` percent or more are read (none when None; see
    :func:`deviation_reach`): a what-if over a province reads 74,000 kept overshoots, most
    of them far below any threshold, and :func:`apply_policy` gives the same without them.
    """
    return Basis(
        total=_opt(data.get("total")),
        weight=_opt(data.get("weight")),
        rates={k: Decimal(str(v)) for k, v in (data.get("rates") or {}).items()},
        overshoots=[
            Overshoot(str(i), str(n), Decimal(str(p)), Decimal(str(pts)), bool(r))
            for i, n, p, pts, r in data.get("overshoots") or []
            if at_least is not None and float(p) >= at_least
        ],
        qualitative=int(data.get("qualitative") or 0),
    )


def deviation_reach(*policies: ScoringPolicy) -> float | None:
    """The lowest percent the policies' deviation rules read, less a margin; None: no rule.

    The margin covers the float a stored percent is compared as before it is read exactly.
    """
    thresholds = [p.deviation.threshold for p in policies if p.deviation is not None]
    return float(min(thresholds)) - 1 if thresholds else None


@dataclass(frozen=True)
class Outcome:
    """The policy stage's result: the total that counts, its grade, and why it differs."""

    total: Decimal | None
    grade: str | None
    deductions: dict[str, Decimal] = field(default_factory=dict)  # indicator id → points
    findings: list[Finding] = field(default_factory=list)


def apply_policy(basis: Basis, policy: ScoringPolicy = DEFAULT_POLICY) -> Outcome:
    """The total after deviation deductions and the lowest cap that applies, and its grade.

    A cap is written for a 100-point total; a total out of another weight is capped at the
    same share of it (89 of 100 → 17.8 of 20). Each deduction and cap is a finding saying
    which rule applied and why, so the sheet explains every point it does not give.
    """
    if basis.total is None:
        return Outcome(None, None)
    weight = basis.weight or HUNDRED
    total = basis.total
    deductions, findings = _deviations(basis, policy.deviation)
    total = max(total - sum(deductions.values(), ZERO), ZERO)
    cap = _lowest_cap(basis.rates, policy.caps)
    if cap is not None:
        limit = round_half_up(cap.cap * weight / HUNDRED)
        if total > limit:
            findings.append(_cap_finding(cap, basis.rates[cap.rate], total, limit))
            total = limit
    total = round_half_up(total)
    grade = grade_for(on_hundred(total, weight), policy.bands)
    return Outcome(total, grade, deductions, findings)


def on_hundred(total: Decimal, weight: Decimal | None) -> Decimal:
    """The total on the 100-point scale the grade bands are written for (18 of 20 → 90)."""
    if not weight or weight == HUNDRED:
        return total
    return round_half_up(total / weight * HUNDRED)


def _deviations(basis: Basis, rule: Deviation | None) -> tuple[dict[str, Decimal], list[Finding]]:
    """Each overshoot at the threshold or above loses the rule's points (never below zero)."""
    deductions: dict[str, Decimal] = {}
    findings: list[Finding] = []
    if rule is None:
        return deductions, findings
    for o in basis.overshoots:
        if o.percent < rule.threshold:
            continue
        taken = min(rule.points, max(o.points, ZERO))
        deductions[o.id] = taken
        why = f"实际完成值为目标值的{fmt(round_half_up(o.percent))}%，达到{fmt(rule.threshold)}%"
        findings.append(
            Finding(
                "score.deviation",
                "warning",
                f"指标「{o.name}」",
                f"{why}，属指标偏离，扣{fmt(taken)}分",
                expected=o.points - taken,
                found=o.points,
            )
        )
        if rule.reason_required and not o.reason:
            findings.append(
                Finding(
                    "score.deviation_reason",
                    "error",
                    f"指标「{o.name}」",
                    f"{why}，须填写偏差原因（偏差原因分析及改进措施）",
                )
            )
    return deductions, findings


def _lowest_cap(rates: dict[str, Decimal], caps: tuple[RateCap, ...]) -> RateCap | None:
    hits = [c for c in caps if c.applies(rates.get(c.rate))]
    return min(hits, key=lambda c: c.cap) if hits else None


def _cap_finding(cap: RateCap, rate: Decimal, total: Decimal, limit: Decimal) -> Finding:
    return Finding(
        "score.cap",
        "warning",
        "总分",
        f"{cap.rate}{fmt(round_half_up(rate))}%，按「{cap.describe()}」，"
        f"总分由{fmt(round_half_up(total))}分封顶为{fmt(limit)}分",
        expected=limit,
        found=round_half_up(total),
    )


# ----------------------------------------------------------------------------- reading data


def policy_from_data(data: Any) -> ScoringPolicy:
    """Read a policy from its JSON; :class:`PolicyError` names the first bad field.

    Missing parts keep the ministry's defaults, so ``{}`` is the default policy.
    """
    if data is None:
        return DEFAULT_POLICY
    if not isinstance(data, dict):
        raise PolicyError("评分规则须为一个对象（JSON）")
    return ScoringPolicy(
        bands=_bands(data.get("bands")),
        qualitative=_qualitative(data.get("qualitative")),
        caps=_caps(data.get("caps")),
        deviation=_deviation(data.get("deviation")),
        basis=_text(data.get("basis"), "规则依据"),
    )


def _number(value: Any, where: str, low: int = 0, high: int = 100) -> Decimal:
    """A number between ``low`` and ``high`` (inclusive), or a PolicyError naming ``where``."""
    if isinstance(value, bool) or value is None or value == "":
        raise PolicyError(f"{where}：须填写{low}至{high}之间的数")
    try:
        number = Decimal(str(value).strip()[:40])
    except InvalidOperation:
        raise PolicyError(f"{where}：「{str(value)[:20]}」不是数") from None
    if not number.is_finite() or not low <= number <= high:
        raise PolicyError(f"{where}：须在{low}至{high}之间，填的是{str(value)[:20]}")
    return round_half_up(number)


def _opt(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _text(value: Any, where: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_TEXT:
        raise PolicyError(f"{where}：最多{MAX_TEXT}字，现有{len(text)}字")
    return text


def _list(value: Any, where: str, most: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PolicyError(f"{where}：须为列表")
    if len(value) > most:
        raise PolicyError(f"{where}：最多{most}条，现有{len(value)}条")
    return value


def _bands(value: Any) -> tuple[GradeBand, ...]:
    """Grade bands: distinct grades, distinct minimums, the lowest at 0."""
    if value is None:
        return MOF_BANDS
    rows = _list(value, "等级划分", MAX_GRADES)
    if len(rows) < 2:
        raise PolicyError("等级划分：至少两个等级")
    bands = []
    for i, row in enumerate(rows, 1):
        where = f"等级划分第{i}行"
        grade = _text((row or {}).get("grade") if isinstance(row, dict) else None, where)
        if not grade or len(grade) > 4:
            raise PolicyError(f"{where}：等级名称须为1至4个字")
        bands.append(GradeBand(grade, _number(row.get("minimum"), f"{where}「{grade}」最低分")))
    if len({b.grade for b in bands}) < len(bands):
        raise PolicyError("等级划分：等级名称重复")
    if len({b.minimum for b in bands}) < len(bands):
        raise PolicyError("等级划分：两个等级的最低分相同")
    if min(b.minimum for b in bands) != ZERO:
        raise PolicyError("等级划分：最低一档的最低分须为0，否则有的总分没有等级")
    return tuple(sorted(bands, key=lambda b: b.minimum, reverse=True))


def _qualitative(value: Any) -> tuple[Band, ...]:
    """The partial-credit bands: the lows of 达成 and 部分达成, in % of the weight."""
    if value is None:
        return QUALITATIVE_BANDS
    if not isinstance(value, dict):
        raise PolicyError("定性指标分档：须为对象")
    met, partial, missed = QUALITATIVE_BANDS
    high = _number(value.get(met.label, met.low * HUNDRED), f"定性指标「{met.label}」起点")
    mid = _number(
        value.get(partial.label, partial.low * HUNDRED), f"定性指标「{partial.label}」起点"
    )
    if not ZERO < mid < high <= HUNDRED:
        raise PolicyError(
            f"定性指标分档：「{met.label}」起点（{fmt(high)}%）须高于"
            f"「{partial.label}」起点（{fmt(mid)}%），且都大于0"
        )
    return (
        Band(met.label, high / HUNDRED, met.high),
        Band(partial.label, mid / HUNDRED, high / HUNDRED),
        Band(missed.label, ZERO, mid / HUNDRED),
    )


def _caps(value: Any) -> tuple[RateCap, ...]:
    caps = []
    for i, row in enumerate(_list(value, "封顶规则", MAX_CAPS), 1):
        where = f"封顶规则第{i}条"
        if not isinstance(row, dict):
            raise PolicyError(f"{where}：须为对象")
        rate = str(row.get("rate") or "执行率")
        if rate not in RATES:
            raise PolicyError(f"{where}：比率须为{'或'.join(RATES)}，填的是「{rate[:10]}」")
        below = _number(row.get("below"), f"{where}「低于」")
        low = row.get("at_least")
        at_least = None if low in (None, "") else _number(low, f"{where}「不低于」")
        if at_least is not None and at_least >= below:
            raise PolicyError(f"{where}：「不低于」{fmt(at_least)}%须小于「低于」{fmt(below)}%")
        caps.append(RateCap(rate, below, _number(row.get("cap"), f"{where}「最高分」"), at_least))
    return tuple(caps)


def _deviation(value: Any) -> Deviation | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise PolicyError("指标偏离：须为对象")
    threshold = _number(value.get("threshold"), "指标偏离「达到目标值的%」", 101, 1000)
    points = _number(value.get("points"), "指标偏离「扣分」", 0, 100)
    return Deviation(threshold, points, bool(value.get("reason_required", True)))
