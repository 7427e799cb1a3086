"""Demo rules: what a city bureau might add on top of the built-in checks (idempotent)."""

from __future__ import annotations

from collections.abc import Callable

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import SystemKind
from jixiao.web.rules.models import Missing, Severity, UserRule

OWNER = "韶关市市场监督管理局"
RULES = (
    {
        "name": "全年执行不超过全年预算",
        "left": "[全年执行:合计]",
        "operator": "<=",
        "right": "[全年预算:合计]",
        "severity": Severity.ERROR,
        "description": "超预算支出须先调整预算。",
    },
    {
        "name": "自评总分不低于90分（优）",
        "left": "[总分]",
        "operator": ">=",
        "right": "90",
        "severity": Severity.WARNING,
        "missing": Missing.SKIP_IF_ANY,
        "description": "低于90分时请在自评报告中说明原因。",
    },
)


def load_demo_rules(log: Callable[[str], object] = print) -> int:
    """Give 韶关市's officer two rules on its 部门整体支出 self-evaluation; return how many."""
    owner = Organization.objects.filter(name=OWNER).first()
    if owner is None:
        return 0
    for rule in RULES:
        fields = {k: v for k, v in rule.items() if k != "name"}
        UserRule.objects.get_or_create(
            organization=owner,
            name=rule["name"],
            defaults={**fields, "system_kind": SystemKind.OVERALL},
        )
    log(f"自定义校验规则：{owner.name} {len(RULES)} 条")
    return len(RULES)
