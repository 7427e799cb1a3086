"""Users' own consistency rules (自定义勾稽规则), kept per organisation.

A rule belongs to an organisation and applies to that organisation's indicator systems and to
those of every unit below it (a province's rule binds its cities and counties). It is stored
as data — left side, operator, right side, importance, missing-value strategy — and becomes a
:class:`jixiao.core.rules.CompareRule` through :meth:`UserRule.to_core`; the core evaluates it,
the web never does. Rules are switched off, never deleted, so a finding recorded in the
workflow log can always be traced to the rule that made it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.core.rules import CompareRule
from jixiao.core.scoring.policy import ScoringPolicy, policy_from_data
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem, SystemKind, version_field


class Operator(models.TextChoices):
    EQ = "=", "等于 ="
    NE = "!=", "不等于 ≠"
    LT = "<", "小于 <"
    LE = "<=", "小于等于 ≤"
    GT = ">", "大于 >"
    GE = ">=", "大于等于 ≥"


class Severity(models.TextChoices):
    ERROR = "error", "错误（阻止审批）"
    WARNING = "warning", "警告"


class Missing(models.TextChoices):
    SKIP_IF_ANY = "skip_if_any", "任一数值缺失时不校验"
    SKIP_IF_ALL = "skip_if_all", "全部缺失时不校验（部分缺失按0计）"
    NEVER = "never", "始终校验（缺失按0计）"


class UserRule(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="rules", verbose_name="所属单位"
    )
    name = models.CharField("规则名称", max_length=100)
    left = models.CharField("左侧公式", max_length=500)
    operator = models.CharField("运算符", max_length=2, choices=Operator.choices)
    right = models.CharField("右侧公式", max_length=500)
    severity = models.CharField(
        "重要性", max_length=8, choices=Severity.choices, default=Severity.ERROR
    )
    missing = models.CharField(
        "缺失值处理", max_length=12, choices=Missing.choices, default=Missing.SKIP_IF_ANY
    )
    system_kind = models.CharField(
        "适用类型",
        max_length=12,
        choices=SystemKind.choices,
        blank=True,
        help_text="留空：全部类型",
    )
    tolerance = models.DecimalField(
        "允许误差", max_digits=9, decimal_places=4, default=Decimal("0.01")
    )
    description = models.TextField("说明", blank=True)
    is_active = models.BooleanField("启用", default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "自定义校验规则"
        verbose_name_plural = "自定义校验规则"
        ordering = ["organization__path", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """The finding code of this rule: stable as long as the rule exists."""
        return f"user_rule.{self.pk}"

    @property
    def kind_label(self) -> str:
        """The system kind the rule applies to, in Chinese."""
        return self.get_system_kind_display() if self.system_kind else "全部类型"

    @property
    def expression(self) -> str:
        """The rule as one line: ``left op right``."""
        return f"{self.left} {self.operator} {self.right}"

    def to_core(self) -> CompareRule:
        """The rule as the core evaluates it (raises FormulaError if it no longer parses)."""
        return CompareRule(
            code=self.code,
            left=self.left,
            op=self.operator,
            right=self.right,
            severity=self.severity,
            missing=self.missing,
            tolerance=self.tolerance,
            where=f"自定义规则「{self.name}」（{self.organization.name}）",
        )


class ScoringVariant(models.Model):
    """A province's scoring variants for one year (#19 item 4): caps, deductions, bands.

    Stored as the JSON of :class:`jixiao.core.scoring.policy.ScoringPolicy` and run by the
    core (:meth:`to_core`); it binds every system of that year at and below the
    organisation. Changed only through the what-if page or API (``rules.whatif``), which
    previews the change, then audits it and rescores the province-year.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="scoring_variants",
        verbose_name="所属单位",
    )
    year = models.PositiveSmallIntegerField("年度")
    data = models.JSONField("评分规则", default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = version_field()

    class Meta:
        verbose_name = "省定评分规则"
        verbose_name_plural = "省定评分规则"
        ordering = ["organization__path", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="one_scoring_variant_per_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.name} {self.year}年评分规则"

    def to_core(self) -> ScoringPolicy:
        """The variants as the core runs them (PolicyError if the stored JSON is bad)."""
        return policy_from_data(self.data)


class ScoreBasis(models.Model):
    """What the policy stage of a system's score reads (:class:`jixiao.core.scoring.policy.Basis`).

    Stored with the system's total by ``jixiao.web.adapter.store_score``, so a what-if
    re-runs only the caps, deductions and grades of thousands of systems instead of
    re-scoring every indicator. Derived data: never edited, always rewritten from the sheet.
    """

    system = models.OneToOneField(
        IndicatorSystem, on_delete=models.CASCADE, related_name="score_basis"
    )
    data = models.JSONField("评分依据数据", default=dict)

    class Meta:
        verbose_name = "评分中间结果"
        verbose_name_plural = "评分中间结果"
