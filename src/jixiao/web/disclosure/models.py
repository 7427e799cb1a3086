"""The 依申请公开 register, proactive-disclosure counts, review/litigation cases, issued reports.

Each model that the core needs has ``to_core()``; the tables, deadlines and checks are computed
in ``jixiao.core.disclosure_register`` and ``jixiao.core.workdays``, never here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from jixiao.core import disclosure as std
from jixiao.core import disclosure_register as reg
from jixiao.core import workdays
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import LiveManager, version_field

APPLICANT_CHOICES = [(c, c) for c in std.APPLICANT_COLUMNS]
OUTCOME_CHOICES = [(k, k.replace("/", " · ")) for k in reg.OUTCOMES]
REVIEW_GROUP_CHOICES = [(g, g.replace("/", " · ")) for g in std.REVIEW_GROUPS]
REVIEW_RESULT_CHOICES = [(r, r) for r in reg.REVIEW_RESULTS]


class Channel(models.TextChoices):
    ONLINE = "网络申请", "网络申请"
    LETTER = "信函受理", "信函"
    IN_PERSON = "当面申请", "当面"
    FAX = "传真申请", "传真"
    EMAIL = "电子邮件", "电子邮件"
    OTHER = "其他渠道", "其他"


class InfoRequest(models.Model):
    """One request for disclosure (依申请公开) and how it was handled."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="info_requests", verbose_name="单位"
    )
    ref = models.CharField("申请编号", max_length=40, blank=True)
    received = models.DateField(
        "收到申请日期",
        help_text="条例第三十一条：当面为提交之日，邮寄为签收之日，网络、传真为双方确认之日",
    )
    channel = models.CharField("申请渠道", max_length=12, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=12, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField("申请人", max_length=100, blank=True)
    content = models.TextField("申请内容", blank=True)
    correction_sent = models.DateField("告知补正日期", null=True, blank=True)
    correction_received = models.DateField(
        "收到补正日期",
        null=True,
        blank=True,
        help_text="条例第三十条：答复期限自收到补正之日起重新计算",
    )
    consult_start = models.DateField("征求意见开始", null=True, blank=True)
    consult_end = models.DateField(
        "征求意见结束",
        null=True,
        blank=True,
        help_text="条例第三十三条第二款：征求第三方意见的时间不计入期限",
    )
    extension_days = models.PositiveSmallIntegerField(
        "延长工作日数", default=0, help_text="条例第三十三条：经负责人同意可延长，最长20个工作日"
    )
    outcome = models.CharField("办理结果", max_length=80, choices=OUTCOME_CHOICES, blank=True)
    replied = models.DateField("答复日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "依申请公开登记"
        verbose_name_plural = "依申请公开登记"
        ordering = ["received", "pk"]
        indexes = [models.Index(fields=["organization", "received"])]

    def __str__(self) -> str:
        return self.ref or f"{self.received:%Y-%m-%d} {self.applicant_type}"

    def clock(self) -> workdays.Clock:
        pauses = ()
        if self.consult_start and self.consult_end:
            pauses = (workdays.Pause(self.consult_start, self.consult_end),)
        return workdays.Clock(self.received, self.extension_days, self.correction_received, pauses)

    @property
    def due(self) -> date:
        """The statutory last day to reply (core.workdays)."""
        return workdays.due_date(self.clock())

    def state(self, today: date) -> str:
        return workdays.deadline_state(self.due, today, self.replied if self.outcome else None)

    def to_core(self) -> reg.RequestRecord:
        return reg.RequestRecord(
            self.received, self.applicant_type, self.outcome, self.replied, self.channel, self.ref
        )


class ProactiveCount(models.Model):
    """One cell of table 二 (主动公开) for a bureau and year."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度")
    item = models.CharField("信息内容", max_length=40)
    column = models.CharField("统计项", max_length=40)
    value = models.DecimalField("数量", max_digits=16, decimal_places=4, default=0)
    unit = models.CharField("单位", max_length=10, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "主动公开数量"
        verbose_name_plural = "主动公开数量"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "item", "column"], name="unique_proactive_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.item} {self.column}"


class ReviewCase(models.Model):
    """An administrative review or lawsuit about disclosure (table 四)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="disclosure_cases",
        verbose_name="单位",
    )
    year = models.PositiveIntegerField("年度")
    group = models.CharField("类别", max_length=20, choices=REVIEW_GROUP_CHOICES)
    ref = models.CharField("案号", max_length=60, blank=True)
    filed = models.DateField("收到日期", null=True, blank=True)
    result = models.CharField(
        "结果", max_length=8, choices=REVIEW_RESULT_CHOICES, default=reg.OPEN_REVIEW
    )
    summary = models.TextField("案情摘要", blank=True)
    #: A case entered by mistake is removed, not deleted: kept with its audit trail.
    removed_at = models.DateTimeField("删除时间", null=True, blank=True)
    version = version_field()

    objects = LiveManager(removed_at__isnull=False)
    all_objects = models.Manager()

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["year", "group", "pk"]

    def __str__(self) -> str:
        return self.ref or f"{self.year} {self.group}"

    def to_core(self) -> reg.ReviewRecord:
        return reg.ReviewRecord(self.group, self.result)


class AnnualReport(models.Model):
    """A report issued from the register: its tables as filed (next year's 上年结转 comes from it)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度")
    disclosure = models.JSONField("报告表格")
    issued_at = models.DateTimeField("出具时间", auto_now=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    version = version_field()

    class Meta:
        verbose_name = "信息公开年度报告"
        verbose_name_plural = "信息公开年度报告"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="unique_annual_report")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"
