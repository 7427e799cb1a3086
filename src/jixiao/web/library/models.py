"""The indicator library (指标库), target reviews (绩效目标审核) and in-year adjustments (调整).

A library belongs to a province (its root organisation) and serves every unit below it. Every
imported or built system offers its indicators: each indicator gets an :class:`IndicatorLink`
with its match key (``jixiao.core.library``); a link whose key is already in the library joins
that entry at once, the others wait for a curator to merge, add or reject them. Peers, last
year's values and the reference values all go through these links.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import Indicator, IndicatorSystem

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class EntryKind(models.TextChoices):
    COMMON = "common", "共性指标"
    SPECIFIC = "specific", "个性指标"


class LibraryIndicator(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="library_indicators",
        verbose_name="指标库所属单位",
    )
    kind = models.CharField("指标类型", max_length=10, choices=EntryKind.choices)
    name = models.CharField("指标名称", max_length=255)
    key = models.CharField("匹配键", max_length=255, db_index=True, editable=False)
    path = models.JSONField("一级/二级指标", default=list, blank=True)
    function_class = models.CharField("职能（支出功能分类）", max_length=100, blank=True)
    industry = models.CharField("行业", max_length=100, blank=True)
    field = models.CharField("领域", max_length=100, blank=True)
    fund_use = models.CharField("资金用途", max_length=100, blank=True)
    definition = models.TextField("指标解释", blank=True)
    formula = models.TextField("计算公式", blank=True)
    criteria = models.TextField("评（扣）分标准", blank=True)
    unit = models.CharField("计量单位", max_length=32, blank=True)
    direction = models.CharField("指标方向", max_length=16, blank=True)
    data_source = models.CharField("数据来源", max_length=255, blank=True)
    valid_from = models.PositiveIntegerField("适用起始年度", null=True, blank=True)
    valid_to = models.PositiveIntegerField("适用截止年度", null=True, blank=True)
    mandatory = models.BooleanField(
        "固化指标", default=False, help_text="本省所属单位必须设置的指标"
    )
    reference_value = models.CharField("参考值", max_length=255, blank=True)
    reference_basis = models.TextField("参考值确定依据", blank=True)
    active = models.BooleanField("在用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", **USER)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "库内指标"
        verbose_name_plural = "指标库"
        ordering = ["organization", "path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="unique_library_key")
        ]

    def __str__(self) -> str:
        return self.name

    def valid_in(self, year: int) -> bool:
        """True when the indicator may be used in ``year``."""
        return (self.valid_from or 0) <= year <= (self.valid_to or 9999)


class LinkStatus(models.TextChoices):
    OFFERED = "offered", "待归并"
    MERGED = "merged", "已归并"
    REJECTED = "rejected", "不入库"


class IndicatorLink(models.Model):
    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="library_link", verbose_name="指标"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    year = models.PositiveIntegerField("年度")
    key = models.CharField("匹配键", max_length=255, db_index=True)
    entry = models.ForeignKey(
        LibraryIndicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
        verbose_name="库内指标",
    )
    status = models.CharField(
        "状态", max_length=10, choices=LinkStatus.choices, default=LinkStatus.OFFERED
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="归并人", **USER)
    decided_at = models.DateTimeField("归并时间", null=True, blank=True)

    class Meta:
        verbose_name = "指标入库"
        verbose_name_plural = "指标入库"
        indexes = [
            models.Index(fields=["key", "year"]),
            models.Index(fields=["entry", "year"]),
            models.Index(fields=["status", "key"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} → {self.entry or self.get_status_display()}"


class ReviewResult(models.TextChoices):
    PASS = "pass", "通过"
    AMEND = "amend", "修改后通过"
    REJECT = "reject", "不通过"


class TargetReview(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="target_reviews"
    )
    result = models.CharField("审核结果", max_length=8, choices=ReviewResult.choices)
    opinion = models.TextField("审核意见", blank=True)
    checks = models.JSONField("自动审核结果", default=list, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", **USER)
    at = models.DateTimeField("审核时间", auto_now_add=True)

    class Meta:
        verbose_name = "绩效目标审核"
        verbose_name_plural = "绩效目标审核"
        ordering = ["system", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.system} {self.get_result_display()}"


class AdjustmentStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class TargetAdjustment(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="adjustments", verbose_name="指标"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    before_text = models.TextField("调整前")
    before_targets = models.JSONField("调整前（结构化）", default=list, blank=True)
    after_text = models.TextField("调整后")
    after_targets = models.JSONField("调整后（结构化）", default=list, blank=True)
    reason = models.TextField("调整说明")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=AdjustmentStatus.choices,
        default=AdjustmentStatus.PENDING,
        db_index=True,
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", **USER)
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", **USER)
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    opinion = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "绩效目标调整"
        verbose_name_plural = "绩效目标调整"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.indicator}：{self.before_text} → {self.after_text}"


class AdjustmentWindow(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="设定单位"
    )
    year = models.PositiveIntegerField("年度")
    opens_on = models.DateField("开始日期", null=True, blank=True)
    closes_on = models.DateField("截止日期")
    remind_days = models.PositiveSmallIntegerField("提前提醒天数", default=7)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设定人", **USER)

    class Meta:
        verbose_name = "目标调整时间"
        verbose_name_plural = "目标调整时间"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="unique_adjust_window")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年目标调整截止{self.closes_on}"
