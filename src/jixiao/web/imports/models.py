"""A pending import: one upload, read once in the background, kept until confirmed or expired.

The row is the whole state of an import (never the session): who uploaded what for which
organisation, how far the reading is (stage, pages or rows done, a heartbeat), and once read
the extracted document itself (schema ``jixiao/v1``), so the preview and the save never read
the file again. The uploaded file lives under ``MEDIA_ROOT/imports/<token>/`` only until it
has been read.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem


def new_token() -> str:
    """An unguessable name for the job's URL and its upload folder."""
    return secrets.token_urlsafe(18)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队等候"
        RUNNING = "running", "正在读取"
        READY = "ready", "待确认"
        FAILED = "failed", "未能读取"
        INTERRUPTED = "interrupted", "已中断"
        SAVED = "saved", "已导入"
        CANCELLED = "cancelled", "已取消"

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    STAGES = {
        "queued": "排队等候",
        "reading": "读取文件",
        "recognising": "识别内容",
        "checking": "核对结果",
    }

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    kind = models.CharField("文件类型", max_length=32, blank=True)
    replace = models.BooleanField("替换已有", default=False)
    file_name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小", default=0)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    stage = models.CharField("阶段", max_length=16, default="queued")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=8, blank=True)
    message = models.TextField("说明", blank=True)
    document = models.JSONField("识别结果", null=True, blank=True)
    other_bureau = models.CharField("文件中的其他单位", max_length=255, blank=True)
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def folder(self) -> Path:
        """Where the upload waits to be read (removed once it has been)."""
        return Path(settings.MEDIA_ROOT) / "imports" / self.token

    @property
    def path(self) -> Path:
        return self.folder / self.file_name

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
