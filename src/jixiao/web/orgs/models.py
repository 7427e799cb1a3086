"""Organisations (province → city → county, plus directly-managed units), departments, roles.

Visibility follows the tree: a membership at an organisation sees that organisation and
everything below it. ``Organization.path`` (e.g. ``/1/5/23/``) makes "everything below" one
indexed ``LIKE`` query instead of a recursive walk.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet


class Level(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    UNIT = "unit", "直属单位"


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    OFFICER = "officer", "绩效管理员"
    CLERK = "clerk", "处室填报员"
    REVIEWER = "reviewer", "审核员"
    EVALUATOR = "evaluator", "评价人员"
    READONLY = "readonly", "只读用户"


# What each role may do. Views and API check these through orgs.permissions.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {"view", "edit", "submit", "review", "approve", "unlock", "import", "evaluate", "manage"}
    ),
    Role.OFFICER: frozenset({"view", "edit", "submit", "review", "approve", "unlock", "import"}),
    Role.CLERK: frozenset({"view", "edit", "submit", "import"}),
    Role.REVIEWER: frozenset({"view", "review"}),
    Role.EVALUATOR: frozenset({"view", "evaluate"}),
    Role.READONLY: frozenset({"view"}),
}


def path_ids(path: str) -> list[int]:
    """The ids in an organisation's ``path``, from the root down to itself (no query)."""
    return [int(x) for x in path.strip("/").split("/") if x]


class Organization(models.Model):
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField("编码", max_length=32, blank=True, db_index=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级单位",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_org_name_under_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        """Keep ``path`` (the ancestors' ids) right; it needs our own id, so save twice."""
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        prefix = self.parent.path if self.parent else "/"
        path = f"{prefix}{self.pk}/"
        if path != self.path:
            self.path = path
            Organization.objects.filter(pk=self.pk).update(path=path)

    def subtree(self) -> QuerySet[Organization]:
        """This organisation and every organisation below it."""
        return Organization.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Organization]:
        """The chain from the root down to (not including) this organisation."""
        ids = path_ids(self.path)[:-1]
        by_id = Organization.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def is_within(self, other: Organization) -> bool:
        """True when this organisation is ``other`` or lies below it."""
        return self.path.startswith(other.path)


class Department(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="departments", verbose_name="单位"
    )
    name = models.CharField("处室名称", max_length=100)

    class Meta:
        verbose_name = "处室"
        verbose_name_plural = "处室"
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_department")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="用户",
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name="单位"
    )
    role = models.CharField("角色", max_length=12, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="处室",
        help_text="处室填报员只能编辑本处室负责的指标",
    )

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    def allows(self, action: str) -> bool:
        """True when this role may perform ``action`` (see ROLE_ACTIONS)."""
        return action in ROLE_ACTIONS.get(self.role, frozenset())
