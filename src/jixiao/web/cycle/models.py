"""The year's work on an indicator system: periods, results, the workflow log, the audit log.

Results are kept per indicator and reporting period; the final period's result is also the
indicator's 实际完成值, so scoring and exports see what the units typed. Every transition of a
system (submit, review, approve, lock, return, unlock) and every change of a value is a row
here: who, when, old → new and why. Rows are only ever added, never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import POINTS, Indicator, IndicatorSystem, Status

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class ReportingPeriod(models.Model):
    year = models.PositiveIntegerField("年度")
    name = models.CharField("填报期", max_length=32)
    position = models.PositiveSmallIntegerField("顺序", default=1)
    is_final = models.BooleanField("年度终期", default=False)
    closes_on = models.DateField("截止日期", null=True, blank=True)

    class Meta:
        verbose_name = "填报期"
        verbose_name_plural = "填报期"
        ordering = ["year", "position"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="unique_period_name")]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"


# The periods every year gets unless an administrator adds others (运行监控: half-year, year).
DEFAULT_PERIODS = (("1-6月", 1, False), ("全年", 2, True))


def periods_for(year: int) -> list[ReportingPeriod]:
    """The year's reporting periods, creating the default ones on first use."""
    for name, position, final in DEFAULT_PERIODS:
        ReportingPeriod.objects.get_or_create(
            year=year, name=name, defaults={"position": position, "is_final": final}
        )
    return list(ReportingPeriod.objects.filter(year=year))


class Result(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="results", verbose_name="指标"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="results", verbose_name="填报期"
    )
    value_text = models.TextField("完成值", blank=True)
    parsed = models.JSONField("完成值（结构化）", default=list, blank=True)
    comment = models.TextField("说明", blank=True)
    evidence = models.FileField("佐证材料", upload_to="evidence/%Y/", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "完成情况"
        verbose_name_plural = "完成情况"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_result")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.period}: {self.value_text}"


class Action(models.TextChoices):
    SUBMIT = "submit", "提交"
    REVIEW = "review", "审核通过"
    APPROVE = "approve", "审批通过"
    LOCK = "lock", "锁定"
    RETURN = "return", "退回"
    UNLOCK = "unlock", "解锁"


class Transition(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=10)
    to_status = models.CharField("新状态", max_length=10)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", **USER)
    comment = models.TextField("意见", blank=True)
    reason = models.TextField("理由", blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["system", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.system} {self.get_action_display()}"

    @property
    def from_label(self) -> str:
        """The status before, in Chinese."""
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        """The status after, in Chinese."""
        return _status_label(self.to_status)


def _status_label(code: str) -> str:
    return str(Status(code).label) if code in Status.values else code


class Change(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="changes", verbose_name="单位"
    )
    system = models.ForeignKey(
        IndicatorSystem, null=True, on_delete=models.CASCADE, related_name="changes"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    subject = models.CharField("对象", max_length=255)
    field = models.CharField("字段", max_length=64)
    old = models.TextField("原值", blank=True)
    new = models.TextField("新值", blank=True)
    reason = models.TextField("理由", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", **USER)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organization", "at"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.field}: {self.old} → {self.new}"


class EvaluationKind(models.TextChoices):
    SELF = "self", "自评"
    DEPARTMENT = "department", "部门评价"
    THIRD_PARTY = "third_party", "第三方评价"


class Evaluation(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField("评价类型", max_length=12, choices=EvaluationKind.choices)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评价人", **USER)
    total = models.DecimalField("总分", **POINTS)
    grade = models.CharField("等级", max_length=4, blank=True)
    sheet = models.JSONField("评分表", default=dict, blank=True)
    findings = models.JSONField("发现的问题", default=list, blank=True)
    created_at = models.DateTimeField("评价时间", auto_now_add=True)

    class Meta:
        verbose_name = "绩效评价"
        verbose_name_plural = "绩效评价"
        ordering = ["system", "-created_at"]

    def __str__(self) -> str:
        return f"{self.system} {self.get_kind_display()}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    computed = models.DecimalField("计算得分", **POINTS)
    adjusted = models.DecimalField("调整后得分", **POINTS)
    reason = models.TextField("调整理由", blank=True)
    trace = models.TextField("计分说明", blank=True)

    class Meta:
        verbose_name = "指标评分"
        verbose_name_plural = "指标评分"
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="unique_eval_score")
        ]


class ReportDraft(models.Model):
    """The unit's 绩效自评报告 as edited text, drafted from the data (``core.drafting``).

    One per system. ``version`` rises with each save, so that two people editing the same
    report cannot overwrite each other unseen: a save against an older version is refused.
    Every save is also a :class:`Change` row (old and new text).
    """

    system = models.OneToOneField(
        IndicatorSystem, on_delete=models.CASCADE, related_name="report_draft"
    )
    text = models.TextField("报告正文")
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", **USER)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "自评报告"
        verbose_name_plural = "自评报告"

    def __str__(self) -> str:
        return f"{self.system} 自评报告"
