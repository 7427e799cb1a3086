"""专家库 and 中介机构库: experts, their draws and sheets, agencies, entrustments and ratings.

Every row a person edits carries a ``version`` and is written through
``jixiao.web.cycle.audit`` (who, when, old → new). A draw keeps everything needed to check
it later: the seed, the eligible experts in the order the draw read them, the excluded ones
with the reason, who was drawn, who drew and when (``jixiao.core.panels.replay``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.cycle.models import USER, Evaluation, EvaluationKind
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import POINTS, IndicatorSystem, version_field


class Expert(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="experts", verbose_name="所属专家库"
    )
    name = models.CharField("姓名", max_length=50)
    employer = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="所在单位（系统内）",
        help_text="专家在本系统单位树中的单位；其本单位及上级单位须回避",
    )
    employer_name = models.CharField("工作单位", max_length=100, blank=True)
    title = models.CharField("职称", max_length=50, blank=True)
    specialties = models.JSONField("专业领域", default=list, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
        verbose_name="登录账号",
    )
    is_active = models.BooleanField("在库", default=True)

    version = version_field()

    class Meta:
        verbose_name = "专家"
        verbose_name_plural = "专家"
        ordering = ["organization", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class CombineMethod(models.TextChoices):
    MEAN = "mean", "算术平均"
    TRIMMED = "trimmed", "去掉一个最高分和一个最低分后平均"


class PanelSettings(models.Model):
    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="panel_settings", verbose_name="单位"
    )
    method = models.CharField(
        "专家评分合成方法", max_length=10, choices=CombineMethod.choices, default="mean"
    )
    spread_percent = models.DecimalField(
        "分歧阈值(%)",
        max_digits=5,
        decimal_places=2,
        default=20,
        help_text="同一指标专家评分的极差超过该指标分值的该百分比，即提示意见分歧较大",
    )

    version = version_field()

    class Meta:
        verbose_name = "专家评分合成规则"
        verbose_name_plural = "专家评分合成规则"

    def __str__(self) -> str:
        return f"{self.organization} 专家评分合成规则"


class DrawStatus(models.TextChoices):
    SCORING = "scoring", "专家评分中"
    COMBINED = "combined", "已合成"


class ExpertDraw(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="expert_draws"
    )
    kind = models.CharField(
        "评价类型", max_length=12, choices=EvaluationKind.choices, default="department"
    )
    specialty = models.CharField("专业领域", max_length=50)
    count = models.PositiveSmallIntegerField("抽取人数")
    seed = models.BigIntegerField("随机种子")
    eligible = models.JSONField("候选专家", default=list)
    excluded = models.JSONField("回避专家", default=list)
    drawn = models.JSONField("抽中专家", default=list)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", **USER)
    drawn_by_name = models.CharField("抽取人姓名", max_length=150, blank=True)
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=DrawStatus.choices, default="scoring")
    evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.JSONField("合成结果", default=dict, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "专家抽取"
        verbose_name_plural = "专家抽取"
        ordering = ["-drawn_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.system} 专家抽取（{self.specialty}，{self.count}人）"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "填写中"
    SUBMITTED = "submitted", "已提交"


class ExpertSheet(models.Model):
    draw = models.ForeignKey(ExpertDraw, on_delete=models.CASCADE, related_name="sheets")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="sheets")
    scores = models.JSONField("评分", default=dict, blank=True)
    opinion = models.TextField("评审意见", blank=True)
    status = models.CharField("状态", max_length=10, choices=SheetStatus.choices, default="draft")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "专家评分表"
        verbose_name_plural = "专家评分表"
        ordering = ["draw", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "expert"], name="unique_expert_sheet")
        ]

    def __str__(self) -> str:
        return f"{self.expert}的评分表"

    @property
    def system(self) -> IndicatorSystem:
        """The system scored (the audit log files the sheet's changes under it)."""
        return self.draw.system


class AgencyNature(models.TextChoices):
    ACCOUNTING = "accounting", "会计师事务所"
    APPRAISAL = "appraisal", "资产评估机构"
    CONSULTING = "consulting", "咨询公司"
    RESEARCH = "research", "科研院所、高校"
    OTHER = "other", "其他"


class Agency(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="agencies", verbose_name="所属机构库"
    )
    name = models.CharField("机构名称", max_length=100)
    nature = models.CharField("机构性质", max_length=12, choices=AgencyNature.choices)
    business_scope = models.TextField("业务范围", blank=True)
    credit = models.CharField("信用等级", max_length=8, default="未评级")
    credit_note = models.TextField("信用等级说明", blank=True)
    evaluations_count = models.PositiveIntegerField("评价累计数", default=0)
    bad_records = models.JSONField("不良记录", default=list, blank=True)
    contact = models.CharField("联系人及电话", max_length=100, blank=True)
    is_active = models.BooleanField("在库", default=True)

    version = version_field()

    class Meta:
        verbose_name = "中介机构"
        verbose_name_plural = "中介机构"
        ordering = ["organization", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Entrustment(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="entrustments"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="entrustments", verbose_name="受托机构"
    )
    task = models.TextField("委托事项", blank=True)
    entrusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="委托人", **USER)
    entrusted_at = models.DateTimeField("委托时间", auto_now_add=True)
    evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quality_score = models.DecimalField("执业质量评价得分", **POINTS)
    quality_grade = models.CharField("执业质量评价等级", max_length=8, blank=True)
    rating_opinion = models.TextField("执业质量评价意见", blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评价人", **USER)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "委托评价"
        verbose_name_plural = "委托评价"
        ordering = ["-entrusted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.system} 委托「{self.agency}」"
