"""Login attempts: the record the login throttle counts, kept as a security log.

One row per password check that reached the database (refused attempts are not checked, so
they add nothing). Rows are never edited; the admin shows them read-only.
"""

from __future__ import annotations

from django.db import models


class LoginAttempt(models.Model):
    username = models.CharField("用户名", max_length=150)
    address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    success = models.BooleanField("成功")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["username", "at"], name="login_attempt_user_at"),
            models.Index(fields=["address", "at"], name="login_attempt_addr_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {'成功' if self.success else '失败'} {self.at:%Y-%m-%d %H:%M}"
