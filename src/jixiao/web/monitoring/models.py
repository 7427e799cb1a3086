"""In-year monitoring (运行监控): rounds, one check per indicator and per project, thresholds.

A :class:`Round` is a monitoring date (截止日期, 6月30日 by default) launched by an organisation
for itself and everything below it. Launching creates a check for every indicator with a target
and every project with a budget in the year's systems of that subtree; the units then enter
their figures at the date, the core (``core.monitoring``) lights each check, and a red light
waits for the unit's reason and corrective measure. Each check also keeps its organisation so
that dashboards aggregate by organisation without joining through indicators and systems.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.core import schedules
from jixiao.core.monitoring import Thresholds as CoreThresholds
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import MONEY, Indicator, Project, version_field

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
PERCENT = {"max_digits": 6, "decimal_places": 2}
WIDE = {"max_digits": 12, "decimal_places": 2}  # a count typed in 件 against 万件 can be huge


class Light(models.TextChoices):
    RED = "red", "红灯"
    AMBER = "amber", "黄灯"
    GREEN = "green", "绿灯"
    NONE = "none", "未判定"


class Likelihood(models.TextChoices):
    CERTAIN = "certain", "确定能"
    POSSIBLE = "possible", "有可能"
    IMPOSSIBLE = "impossible", "完全不可能"


class Thresholds(models.Model):
    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_thresholds",
        verbose_name="单位",
    )
    progress_red_below = models.DecimalField(
        "指标红灯阈值(%)",
        default=Decimal(60),
        help_text="完成进度低于时序进度的该百分比亮红灯",
        **PERCENT,
    )
    progress_amber_below = models.DecimalField(
        "指标黄灯阈值(%)", default=Decimal(80), help_text="低于该百分比亮黄灯，否则绿灯", **PERCENT
    )
    spending_red_below = models.DecimalField("资金红灯阈值(%)", default=Decimal(60), **PERCENT)
    spending_amber_below = models.DecimalField("资金黄灯阈值(%)", default=Decimal(80), **PERCENT)
    default_month = models.PositiveSmallIntegerField(
        "默认监控截止月份", default=6, help_text="6、7或8月；新建监控轮次时默认取该月末"
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", **USER)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "监控预警阈值"
        verbose_name_plural = "监控预警阈值"

    def __str__(self) -> str:
        return f"{self.organization} 监控预警阈值"

    def for_progress(self) -> CoreThresholds:
        """The indicator thresholds as the core takes them."""
        return CoreThresholds(self.progress_red_below, self.progress_amber_below)

    def for_spending(self) -> CoreThresholds:
        """The spending thresholds as the core takes them."""
        return CoreThresholds(self.spending_red_below, self.spending_amber_below)


def thresholds_for(org: Organization) -> Thresholds:
    """The thresholds that apply to ``org``: its nearest own-or-ancestor setting, else defaults."""
    ids = [int(x) for x in org.path.strip("/").split("/") if x]
    found = {t.organization_id: t for t in Thresholds.objects.filter(organization_id__in=ids)}
    for org_id in reversed(ids):
        if org_id in found:
            return found[org_id]
    root = ids[0] if ids else org.pk
    return Thresholds(organization_id=root)


class Frequency(models.TextChoices):
    MONTHLY = schedules.MONTHLY, schedules.FREQUENCY_LABELS[schedules.MONTHLY]
    QUARTERLY = schedules.QUARTERLY, schedules.FREQUENCY_LABELS[schedules.QUARTERLY]


class Schedule(models.Model):
    """A province's plan of monitoring rounds for one year (监控计划), opened by ``open_rounds``."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_schedules",
        verbose_name="设定单位",
    )
    year = models.PositiveIntegerField("年度")
    frequency = models.CharField(
        "监控频次", max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    first_month = models.PositiveSmallIntegerField("起始月份", default=1)
    last_month = models.PositiveSmallIntegerField(
        "结束月份", default=12, help_text="12月可不设，由年度自评代替"
    )
    open_days = models.SmallIntegerField(
        "发起时间（距期末天数）",
        default=0,
        help_text="0为期末当天发起，-5为期末前5天，3为期末后3天",
    )
    fill_workdays = models.PositiveSmallIntegerField(
        "填报期限（工作日）", default=10, help_text="从监控截止日期的次日起算，按法定工作日"
    )
    active = models.BooleanField("启用", default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设定人", **USER)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "监控计划"
        verbose_name_plural = "监控计划"
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="unique_schedule_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年监控计划（{self.get_frequency_display()}）"

    def to_core(self) -> schedules.Plan:
        """The plan as the core computes its dates."""
        return schedules.Plan(
            year=self.year,
            frequency=self.frequency,
            first_month=self.first_month,
            last_month=self.last_month,
            open_days=self.open_days,
            fill_workdays=self.fill_workdays,
        )


class Round(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_rounds",
        verbose_name="发起单位",
    )
    year = models.PositiveIntegerField("年度")
    as_of = models.DateField("监控截止日期")
    name = models.CharField("名称", max_length=64)
    note = models.TextField("说明", blank=True)
    deadline = models.DateField("填报截止日期", null=True, blank=True)
    schedule = models.ForeignKey(
        Schedule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds",
        verbose_name="按监控计划发起",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", **USER)
    created_at = models.DateTimeField("发起时间", auto_now_add=True)

    class Meta:
        verbose_name = "监控轮次"
        verbose_name_plural = "监控轮次"
        ordering = ["-year", "-as_of", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "as_of"], name="unique_round_date")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"


class Check(models.Model):
    """What an indicator check and a spending check share: the light and the unit's answer."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    progress = models.DecimalField("完成进度(%)", null=True, blank=True, **WIDE)
    expected = models.DecimalField("时序进度(%)", null=True, blank=True, **PERCENT)
    relative = models.DecimalField("相对时序进度(%)", null=True, blank=True, **WIDE)
    completion = models.DecimalField("完成度(封顶100)", null=True, blank=True, **PERCENT)
    status = models.CharField(
        "预警", max_length=6, choices=Light.choices, default=Light.NONE, db_index=True
    )
    explanation = models.TextField("判定说明", blank=True)
    reason = models.TextField("偏差原因", blank=True)
    measure = models.TextField("纠偏措施", blank=True)
    likelihood = models.CharField(
        "完成目标可能性", max_length=10, choices=Likelihood.choices, blank=True
    )
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="说明人", **USER)
    responded_at = models.DateTimeField("说明时间", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", **USER)
    updated_at = models.DateTimeField("填报时间", auto_now=True)

    version = version_field()

    class Meta:
        abstract = True

    @property
    def needs_response(self) -> bool:
        """A red light waits for the responsible person's reason and corrective measure."""
        return self.status == Light.RED and not (self.reason.strip() and self.measure.strip())


class IndicatorCheck(Check):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="checks", verbose_name="轮次"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="monitoring_checks", verbose_name="指标"
    )
    value_text = models.TextField("截至监控日完成值", blank=True)
    parsed = models.JSONField("完成值（结构化）", default=list, blank=True)

    class Meta:
        verbose_name = "指标监控"
        verbose_name_plural = "指标监控"
        ordering = ["round", "organization__path", "indicator__system_id", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="unique_indicator_check")
        ]
        indexes = [models.Index(fields=["round", "organization", "status"])]

    def __str__(self) -> str:
        return f"{self.indicator} @ {self.round.as_of}"


class SpendingCheck(Check):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="spending", verbose_name="轮次"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="monitoring_checks", verbose_name="项目"
    )
    budget = models.DecimalField("全年预算", **MONEY)
    spent = models.DecimalField("截至监控日支出", **MONEY)

    class Meta:
        verbose_name = "资金监控"
        verbose_name_plural = "资金监控"
        ordering = ["round", "organization__path", "project__system_id", "project__position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="unique_spending_check")
        ]
        indexes = [models.Index(fields=["round", "organization", "status"])]

    def __str__(self) -> str:
        return f"{self.project} @ {self.round.as_of}"
