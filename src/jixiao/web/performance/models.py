"""Indicator systems, their indicators, projects and money, as kept per organisation and year.

Models become core objects in one place, ``jixiao.web.adapter``; the way in is the one
transactional ``jixiao.web.imports.save.save_document``. Numbers are Decimals; parsed targets and other
structured parts of a document are kept as JSON in the contract's own shape.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

from jixiao.core import bounds
from jixiao.web.orgs.models import Department, Organization

MONEY = {"max_digits": 16, "decimal_places": 4, "null": True, "blank": True}
POINTS = {"max_digits": 9, "decimal_places": 4, "null": True, "blank": True}
#: A typed scoring input (a target or result number): any figure SQL scores exactly.
INPUT = {"max_digits": 16, "decimal_places": 4, "null": True, "blank": True, "editable": False}

# Enough digits for any number SQLite can hand back (a float up to 1.8e308, quantised).
READ_PRECISION = 400


class KeptDecimalField(models.DecimalField):
    """A DecimalField that reads back whatever number the database holds.

    SQLite keeps any number written to a decimal column, and Django quantises what it reads
    with a context of ``max_digits`` precision: one weight of ``1e30`` saved once made every
    page and export that read it fail, so nobody could open the page to correct it. Reading
    here uses a wide context without traps; writes are refused beforehand by the validators
    (the digits the column holds, and the range from ``core.bounds``).
    """

    @cached_property
    def context(self) -> decimal.Context:
        return decimal.Context(prec=READ_PRECISION, traps=[])


def overflowing(obj: models.Model) -> list[str]:
    """The decimal fields of ``obj`` whose value the column cannot hold (for a Chinese message).

    Only the column's capacity counts here (whole digits, finiteness), not the ranges users are
    held to: an imported document keeps its odd figures, but never one that would break the
    database (PostgreSQL refuses it; SQLite would keep it).
    """
    found = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if not isinstance(field, models.DecimalField) or value is None:
            continue
        limit = Decimal(10) ** (field.max_digits - field.decimal_places)
        if not Decimal(value).is_finite() or abs(Decimal(value)) >= limit:
            found.append(f"{field.verbose_name} {bounds.short_number(Decimal(value))}")
    return found


def within(bound: bounds.Bound) -> list[object]:
    """Django validators for ``bound``, with its Chinese message."""
    text = f"{bound.label}须在 {bound.low} 到 {bound.high} 之间。"
    return [MinValueValidator(bound.low, text), MaxValueValidator(bound.high, text)]


def version_field() -> models.PositiveIntegerField:
    """Optimistic concurrency: each audited save adds one (``jixiao.web.cycle.audit``).

    A person's save carries the version they saw (the API's If-Match, a form's hidden field);
    a save over a newer version is refused with both values shown, so no update is lost.
    """
    return models.PositiveIntegerField("版本", default=1, db_default=1, editable=False)


class LiveManager(models.Manager):
    """The rows in use: rows kept only for the record (archived, removed) are left out.

    The default manager of models that are archived or removed instead of deleted; the rows
    stay in the table, with their audit trail, and ``all_objects`` still reads them.
    """

    def __init__(self, **hidden: object) -> None:
        super().__init__()
        self.hidden = hidden

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().exclude(**self.hidden)


class SystemKind(models.TextChoices):
    OVERALL = "overall", "部门整体支出"
    PROJECT = "project", "项目支出"
    BUSINESS = "business", "业务工作考核"
    DISCLOSURE = "disclosure", "政府信息公开年报"
    GOALS = "goals", "年度工作目标"


# The kind of system a document of each contract kind becomes on import.
KIND_FOR_DOCUMENT = {
    "indicator_system": SystemKind.BUSINESS,
    "self_evaluation": SystemKind.OVERALL,
    "evaluation_report": SystemKind.PROJECT,
    "disclosure_report": SystemKind.DISCLOSURE,
    "work_goals": SystemKind.GOALS,
}


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已审批"
    LOCKED = "locked", "已锁定"
    RETURNED = "returned", "已退回"
    #: Replaced by a re-import: kept read-only with its results and workflow history.
    ARCHIVED = "archived", "已归档"


class IndicatorSystem(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="systems", verbose_name="单位"
    )
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=12, choices=SystemKind.choices)
    doc_kind = models.CharField("文件类型", max_length=24, blank=True)
    title = models.CharField("标题", max_length=255, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    source_file = models.CharField("来源文件", max_length=255, blank=True)
    totals = models.JSONField("合计", default=dict, blank=True)
    figures = models.JSONField("文中数字", default=list, blank=True)
    tasks = models.JSONField("年度主要任务", default=list, blank=True)
    disclosure = models.JSONField("信息公开表", null=True, blank=True)
    warnings = models.JSONField("导入警告", default=list, blank=True)
    budget_weight = KeptDecimalField("资金分值", validators=within(bounds.WEIGHT), **POINTS)
    budget_score = KeptDecimalField("资金得分", validators=within(bounds.SCORE), **POINTS)
    #: The system's total and grade by the core's one definition (``score_document`` with the
    #: latest evaluation's adjustments), stored by ``jixiao.web.adapter.store_score`` in the
    #: transaction that changes an input. Every page, API, export and roll-up reads these.
    score_total = models.DecimalField("总分", **POINTS)
    score_weight = models.DecimalField("满分", **POINTS)
    score_grade = models.CharField("等级", max_length=4, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = version_field()

    objects = LiveManager(status=Status.ARCHIVED)
    all_objects = models.Manager()

    class Meta:
        verbose_name = "指标体系"
        verbose_name_plural = "指标体系"
        ordering = ["-year", "organization__path", "kind"]
        indexes = [models.Index(fields=["organization", "year"])]

    def __str__(self) -> str:
        return self.title or f"{self.organization} {self.year} {self.get_kind_display()}"

    @property
    def document_kind(self) -> str:
        """The contract kind of the document this system is (as imported, else by its kind)."""
        by_kind = {v: k for k, v in KIND_FOR_DOCUMENT.items()}
        return self.doc_kind or by_kind.get(self.kind, "indicator_system")


class RuleKind(models.TextChoices):
    """How a row's points are got from its typed inputs (``jixiao.core.scoring.choose``)."""

    MET = "met", "全部或零分"
    PRINTED = "printed", "按印出得分"
    BANDS = "bands", "定性分档"
    RATIO = "ratio", "按比例"
    REVERSE = "reverse", "反向按比例"
    CORE = "core", "按评分标准（逐项计算）"


class Indicator(models.Model):
    system = models.ForeignKey(
        IndicatorSystem,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name="指标体系",
    )
    position = models.PositiveIntegerField("序号")
    code = models.CharField("编号", max_length=32, blank=True)
    path = models.JSONField("上级指标", default=list, blank=True)
    name = models.TextField("指标名称")
    nature = models.CharField("指标性质", max_length=8, blank=True)
    direction = models.CharField("指标方向", max_length=16, blank=True)
    target_text = models.TextField("目标值", blank=True)
    targets = models.JSONField("目标值（结构化）", default=list, blank=True)
    unit = models.CharField("计量单位", max_length=32, blank=True)
    actual_text = models.TextField("实际完成值", blank=True)
    actual = models.JSONField("实际完成值（结构化）", null=True, blank=True)
    weight = KeptDecimalField("分值", validators=within(bounds.WEIGHT), **POINTS)
    score = KeptDecimalField("得分", validators=within(bounds.SCORE), **POINTS)
    deviation = models.TextField("偏差原因分析及改进措施", blank=True)
    basis = models.TextField("目标制定依据", blank=True)
    criteria = models.TextField("评分标准", blank=True)
    history = models.JSONField("历史值", default=dict, blank=True)
    departments = models.JSONField("责任处室", default=list, blank=True)
    owners = models.JSONField("责任人", default=list, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="主责处室"
    )
    scoring_rule = models.JSONField("评分规则", null=True, blank=True)
    source = models.JSONField("来源", null=True, blank=True)

    version = version_field()

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["system", "position"]
        indexes = [models.Index(fields=["system", "position"])]

    def __str__(self) -> str:
        return self.name

    @property
    def level1(self) -> str:
        """The level-1 indicator (一级指标) this row belongs to."""
        return self.path[0] if self.path else ""

    @property
    def recomputed(self) -> Decimal | None:
        """The rule's points (复核得分), kept on the row's :class:`Scoring`; None before scoring."""
        try:
            return self.scoring.points
        except Scoring.DoesNotExist:
            return None


class Scoring(models.Model):
    """An indicator's scoring inputs and points, one to one with it: the narrow row a rescore reads.

    The indicator row is wide (target and result texts, their parsed JSON, 历史值, sources):
    a full rescore that updated 170,000 of them took 9 s on SQLite and 21 s on PostgreSQL,
    mostly rewriting whole rows, and the totals' grouped query spent 0.7 s per 1,000 systems
    reading the level name from JSON. Here are only what the set-based statements
    (:mod:`jixiao.web.performance.rescore_sql`) and the totals (:mod:`.totals`) read and
    write. The adapter writes it, from the core's choice of rule, in one place
    (:func:`jixiao.web.adapter.save_scorings`) whenever an indicator's inputs change; kind
    ``core`` rows (checklists, per-step deductions, numbers the columns cannot hold) are
    scored by the core.
    """

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, primary_key=True, related_name="scoring"
    )
    #: The indicator's system, its position and the id the core knows it by (code, else
    #: position), and its level-1 name (None without a path): what the totals group by.
    #: No index of its own: ``(system, rule_kind)`` leads with it, and each index is one more
    #: entry to write for every row a rescore changes.
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    position = models.PositiveIntegerField("序号")
    ref = models.CharField("指标编号", max_length=32)
    level1 = models.TextField("一级指标", null=True, blank=True)
    weight = KeptDecimalField("分值", **POINTS)
    score = KeptDecimalField("得分", **POINTS)
    #: A result was entered (the row has a structured 实际完成值, as the core reads it).
    reported = models.BooleanField("已填实际值", default=False)
    applicable = models.BooleanField("适用", default=True)
    rule_kind = models.CharField("计分方式", max_length=8, choices=RuleKind.choices, blank=True)
    comparison = models.CharField("比较方式", max_length=12, blank=True)
    target_value = KeptDecimalField("目标数值", **INPUT)
    target_upper = KeptDecimalField("目标上限", **INPUT)
    actual_value = KeptDecimalField("实际数值", **INPUT)
    level = models.CharField("定性等级", max_length=32, blank=True)
    met = models.BooleanField("是否完成", null=True, blank=True)
    #: The core's points from the current inputs (复核得分); None when not computable, so the
    #: printed score stands.
    points = KeptDecimalField("复核得分", **POINTS)

    class Meta:
        verbose_name = "指标计分"
        verbose_name_plural = "指标计分"
        indexes = [models.Index(fields=["system", "rule_kind"])]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.points}"


class Project(models.Model):
    system = models.ForeignKey(
        IndicatorSystem, on_delete=models.CASCADE, related_name="projects", verbose_name="指标体系"
    )
    position = models.PositiveIntegerField("序号")
    name = models.CharField("项目名称", max_length=255)
    unit_name = models.CharField("实施单位", max_length=255, blank=True)
    available_total = KeptDecimalField("到位资金合计", validators=within(bounds.MONEY), **MONEY)
    spent_total = KeptDecimalField("支出合计", validators=within(bounds.MONEY), **MONEY)
    available = models.JSONField("资金到位", default=dict, blank=True)
    spent = models.JSONField("资金支出", default=dict, blank=True)
    rates = models.JSONField("使用率", default=dict, blank=True)
    expenses = models.JSONField("支出明细", default=dict, blank=True)
    unit_of_money = models.CharField("金额单位", max_length=8, default="万元")
    source = models.JSONField("来源", null=True, blank=True)

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["system", "position"]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    system = models.ForeignKey(
        IndicatorSystem,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name="指标体系",
    )
    position = models.PositiveIntegerField("序号")
    source_name = models.CharField("资金来源", max_length=64)
    initial = KeptDecimalField("年初预算", validators=within(bounds.MONEY), **MONEY)
    adjusted = KeptDecimalField("全年预算", validators=within(bounds.MONEY), **MONEY)
    spent = KeptDecimalField("全年执行", validators=within(bounds.MONEY), **MONEY)
    rate = KeptDecimalField("执行率(%)", **POINTS)
    weight = KeptDecimalField("分值", validators=within(bounds.WEIGHT), **POINTS)
    score = KeptDecimalField("得分", validators=within(bounds.SCORE), **POINTS)

    class Meta:
        verbose_name = "项目资金"
        verbose_name_plural = "项目资金"
        ordering = ["system", "position"]


class Allocation(models.Model):
    system = models.ForeignKey(
        IndicatorSystem,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name="指标体系",
    )
    position = models.PositiveIntegerField("序号")
    unit_name = models.CharField("单位", max_length=255)
    parent_name = models.CharField("上级", max_length=255, blank=True)
    code = models.CharField("编码", max_length=32, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = KeptDecimalField("合计", validators=within(bounds.MONEY), **MONEY)
    by_project = models.JSONField("分项目", default=dict, blank=True)
    is_subtotal = models.BooleanField("小计行", default=False)
    source = models.JSONField("来源", null=True, blank=True)

    class Meta:
        verbose_name = "资金分配"
        verbose_name_plural = "资金分配"
        ordering = ["system", "position"]
