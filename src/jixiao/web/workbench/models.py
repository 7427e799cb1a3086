"""The workbench's own data: the province's deadlines per cycle step, and in-app notices.

Everything else a workbench shows (what is waiting, for whom) is read from the other apps
at request time (``jixiao.web.workbench.waiting``), so it is never out of date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.web.cycle.models import ReportingPeriod
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import version_field

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class StepDeadline(models.Model):
    """填报截止 and 审核时限 of one step (a 填报期) of a year, set by a province.

    Units below the province follow it (the nearest setting above a unit applies, as for
    the 目标调整 window). Saved through ``workbench.deadlines.save_deadline``: audited and
    versioned.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="设定单位"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="+", verbose_name="填报期"
    )
    submit_by = models.DateField("填报截止")
    review_by = models.DateField("审核时限", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设定人", **USER)
    updated_at = models.DateTimeField("设定时间", auto_now=True)

    version = version_field()

    class Meta:
        verbose_name = "环节时限"
        verbose_name_plural = "环节时限"
        ordering = ["organization", "period__year", "period__position"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "period"], name="unique_step_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.period}"


class NoticeKind(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    REVIEWED = "reviewed", "待审批"
    RETURNED = "returned", "被退回"
    APPROVED = "approved", "已审批"
    LOCKED = "locked", "已锁定"
    UNLOCKED = "unlocked", "已解锁"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"


class Notice(models.Model):
    """Something landed on a person's desk: who, what, where to act, and whether it was read.

    ``key`` makes scheduled notices idempotent: the deadline command gives each one a key
    (kind, step, system, date) and a person never gets the same key twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name="接收人",
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    kind = models.CharField("类别", max_length=12, choices=NoticeKind.choices)
    title = models.CharField("标题", max_length=255)
    body = models.TextField("内容", blank=True)
    link = models.CharField("办理地址", max_length=255, blank=True)
    key = models.CharField("去重键", max_length=120, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="unique_notice_key"
            )
        ]

    def __str__(self) -> str:
        return self.title
