"""Using the results: incentive pools, next year's targets, the 整改台账, the 项目库.

Business rules live in ``jixiao.core`` (incentives, suggestions, rectification,
pipeline); these models only keep what was decided, by whom and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.core import incentives, pipeline, rectification
from jixiao.web.cycle.models import Evaluation
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import (
    MONEY,
    POINTS,
    Indicator,
    IndicatorSystem,
    Project,
    version_field,
)

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
YUAN = {"max_digits": 16, "decimal_places": 0}


class PoolStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    APPROVED = "approved", "已审定"


class IncentivePool(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="分配单位"
    )
    year = models.PositiveIntegerField("评价年度")
    name = models.CharField("资金池名称", max_length=100)
    amount = models.DecimalField("资金池金额（元）", **YUAN)
    method = models.CharField(
        "分配方式",
        max_length=12,
        choices=list(incentives.METHODS.items()),
        default=incentives.FIXED,
    )
    city_amount = models.DecimalField("每个市州定额（元）", null=True, blank=True, **YUAN)
    county_amount = models.DecimalField("每个县市区定额（元）", null=True, blank=True, **YUAN)
    min_score = models.DecimalField("最低得分", **POINTS)
    listed_only = models.BooleanField("仅限表扬激励名单", default=False)
    listed = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name="表扬激励名单"
    )
    status = models.CharField(
        "状态", max_length=10, choices=PoolStatus.choices, default=PoolStatus.DRAFT
    )
    notes = models.JSONField("分配说明", default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", **USER)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审定人", **USER)
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    version = version_field()

    class Meta:
        verbose_name = "激励资金池"
        verbose_name_plural = "激励资金池"
        ordering = ["-year", "organization__path", "name"]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    def to_rule(self) -> incentives.IncentiveRule:
        """The pool's rule as the core's frozen dataclass."""
        amounts = tuple(
            (level, value)
            for level, value in (("city", self.city_amount), ("county", self.county_amount))
            if value is not None
        )
        return incentives.IncentiveRule(
            method=self.method,
            amounts=amounts,
            min_score=self.min_score,
            listed_only=self.listed_only,
        )


class IncentiveShare(models.Model):
    pool = models.ForeignKey(IncentivePool, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    score = models.DecimalField("得分", **POINTS)
    qualifies = models.BooleanField("符合条件", default=False)
    reason = models.CharField("说明", max_length=200, blank=True)
    amount = models.DecimalField("分配金额（元）", **YUAN)

    class Meta:
        verbose_name = "激励资金分配"
        verbose_name_plural = "激励资金分配"
        ordering = ["pool", "-amount", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "organization"], name="unique_pool_share")
        ]


class TargetSuggestion(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="指标"
    )
    year = models.PositiveIntegerField("目标年度")
    op = models.CharField("指标方向", max_length=4, default=">=")
    unit = models.CharField("计量单位", max_length=32, blank=True)
    suggested = models.DecimalField("建议目标值", **MONEY)
    value = models.DecimalField("确定目标值", **MONEY)
    average = models.DecimalField("近三年平均值", **MONEY)
    basis = models.TextField("测算依据", blank=True)
    reason = models.TextField("低于平均值的理由", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填写人", **USER)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "下年目标建议"
        verbose_name_plural = "下年目标建议"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_target_suggestion")
        ]


class ItemStatus(models.TextChoices):
    OPEN = rectification.OPEN, rectification.STATUSES[rectification.OPEN]
    IN_PROGRESS = rectification.IN_PROGRESS, rectification.STATUSES[rectification.IN_PROGRESS]
    CLOSED = rectification.CLOSED, rectification.STATUSES[rectification.CLOSED]


class RectificationItem(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="整改单位"
    )
    year = models.PositiveIntegerField("评价年度")
    evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    system = models.ForeignKey(
        IndicatorSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.CharField("问题类别", max_length=100, blank=True)
    problem = models.TextField("存在问题")
    cause = models.TextField("原因分析", blank=True)
    measure = models.TextField("整改措施", blank=True)
    owner = models.CharField("责任人", max_length=100, blank=True)
    deadline = models.DateField("整改时限", null=True, blank=True)
    status = models.CharField(
        "整改状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    evidence = models.FileField("整改佐证材料", upload_to="rectification/%Y/", blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **USER)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改台账"
        ordering = ["organization__path", "year", "deadline", "pk"]
        indexes = [models.Index(fields=["organization", "year", "status"])]

    def __str__(self) -> str:
        return self.problem[:40]

    def overdue_on(self, today: object) -> bool:
        """True when the deadline has passed and the item is not closed (core rule)."""
        return rectification.is_overdue(self.deadline, self.status, today)  # type: ignore[arg-type]


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "入库待审"
    FUNDED = "funded", "已安排预算"
    ROLLED = "rolled", "已滚动至下年"
    RETIRED = "retired", "已退出项目库"


class ProjectProposal(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="申报单位"
    )
    year = models.PositiveIntegerField("预算年度")
    name = models.CharField("项目名称", max_length=255)
    department = models.CharField("申报处室", max_length=100, blank=True)
    amount = models.DecimalField("申请金额（万元）", max_digits=16, decimal_places=2)
    summary = models.TextField("项目概述与绩效目标", blank=True)
    priority = models.PositiveSmallIntegerField(
        "轻重缓急", choices=list(pipeline.PRIORITIES.items()), default=2
    )
    readiness = models.CharField(
        "项目成熟度", max_length=12, choices=list(pipeline.READINESS.items()), default="partial"
    )
    points = models.JSONField("事前绩效评估打分", default=dict, blank=True)
    score = models.DecimalField("评估得分", **POINTS)
    conclusion = models.CharField("评估结论", max_length=20, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    status_reason = models.TextField("退出或滚动理由", blank=True)
    rolled_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申报人", **USER)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "项目库项目"
        verbose_name_plural = "项目库"
        ordering = ["year", "organization__path", "priority", "name"]

    def __str__(self) -> str:
        return self.name

    def to_core(self) -> pipeline.Proposal:
        """The proposal as the ranking sees it."""
        return pipeline.Proposal(
            key=str(self.pk),
            name=self.name,
            priority=self.priority,
            readiness=self.readiness,
            score=self.score,
            amount=self.amount or Decimal(0),
            supported=self.conclusion != pipeline.CONCLUSIONS[-1][1],
        )
