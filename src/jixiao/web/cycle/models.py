"""The year's work on an indicator system: periods, results, the workflow log, the audit log.

Results are kept per indicator and reporting period; the final period's result is also the
indicator's 实际完成值, so scoring and exports see what the units typed. Every transition of a
system (submit, review, approve, lock, return, unlock) and every change of a value is a row
here: who, when, old → new and why. Rows are only ever added, never edited or deleted: the
models refuse it (:class:`AppendOnly`), and so does the database (triggers, see
``jixiao.web.cycle.append_only``). Their links to systems, indicators, organisations and users
carry no cascade and no database constraint, so deleting or archiving what they describe never
touches them; each row also keeps the object's type, id and label and the user's name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import POINTS, Indicator, IndicatorSystem, Status, version_field

USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
#: A link from an audit row: never cascades, never nulled, no database constraint (the row
#: outlives what it points at and the database refuses to change it).
KEEP = {"on_delete": models.DO_NOTHING, "db_constraint": False}
KEPT_USER = {"null": True, "blank": True, "related_name": "+", **KEEP}


class AuditImmutable(Exception):
    """An attempt to edit or delete an audit row."""


class AppendOnlyQuerySet(models.QuerySet):
    """Audit rows can be read and added, never updated or deleted in bulk."""

    def update(self, **kwargs: object) -> int:
        raise AuditImmutable("修改记录和流转记录只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("修改记录和流转记录只能追加，不能删除。")


class AppendOnly(models.Model):
    """A model whose rows, once written, stay as written."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        """Insert only: saving a row that already exists is refused."""
        if not self._state.adding:
            raise AuditImmutable("修改记录和流转记录只能追加，不能修改。")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        """Refused: the audit trail outlives everything it records."""
        raise AuditImmutable("修改记录和流转记录只能追加，不能删除。")


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
    """The year's reporting periods, creating the default ones on first use.

    One query once they exist (most pages ask, some several times): a ``get_or_create`` per
    default period only while one is missing.
    """
    found = list(ReportingPeriod.objects.filter(year=year))
    names = {p.name for p in found}
    if all(name in names for name, _, _ in DEFAULT_PERIODS):
        return found
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

    version = version_field()

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


class Transition(AppendOnly):
    system = models.ForeignKey(IndicatorSystem, related_name="transitions", **KEEP)
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=10)
    to_status = models.CharField("新状态", max_length=10)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", **KEPT_USER)
    comment = models.TextField("意见", blank=True)
    reason = models.TextField("理由", blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    user_name = models.CharField("操作人姓名", max_length=150, blank=True)
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


class Change(AppendOnly):
    organization = models.ForeignKey(
        Organization, related_name="changes", verbose_name="单位", **KEEP
    )
    system = models.ForeignKey(IndicatorSystem, null=True, related_name="changes", **KEEP)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, related_name="changes", **KEEP)
    #: What was changed, as ``app_label.model`` and primary key: kept when the object is gone.
    object_type = models.CharField("对象类型", max_length=64, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    subject = models.CharField("对象", max_length=255)
    field = models.CharField("字段", max_length=64)
    old = models.TextField("原值", blank=True)
    new = models.TextField("新值", blank=True)
    reason = models.TextField("理由", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", **KEPT_USER)
    user_name = models.CharField("修改人姓名", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

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

    version = version_field()

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

    version = version_field()

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
