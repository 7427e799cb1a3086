"""The rule form: the two sides are checked by the core's parser against the known names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from jixiao.web.performance.models import SystemKind
from jixiao.web.rules.checks import problems_of, vocabulary
from jixiao.web.rules.models import UserRule

FORMULA_HELP = (
    "数字名称写在方括号中，如 [全年执行:合计]、[得分:产出指标/数量指标/…]；"
    "可用 + - * / 括号和 abs、min、max、round。"
)

# The fields whose change re-checks the rule at once (htmx posts the whole form).
LIVE = {
    "left": "input changed delay:400ms",
    "right": "input changed delay:400ms",
    "operator": "change",
    "organization": "change",
    "system_kind": "change",
}


class RuleForm(forms.ModelForm):
    class Meta:
        model = UserRule
        fields = (
            "organization",
            "name",
            "system_kind",
            "left",
            "operator",
            "right",
            "severity",
            "missing",
            "tolerance",
            "description",
        )
        widgets = {
            "left": forms.TextInput(attrs={"size": 60, "placeholder": "[全年执行:合计]"}),
            "right": forms.TextInput(attrs={"size": 60, "placeholder": "[全年预算:合计]"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"left": FORMULA_HELP}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = orgs
        self.fields["organization"].empty_label = None
        self.fields["system_kind"].required = False
        self.fields["system_kind"].choices = [("", "全部类型"), *SystemKind.choices]
        for name, trigger in LIVE.items():
            self.fields[name].widget.attrs.update(
                {
                    "hx-post": reverse("rule_validate"),
                    "hx-trigger": trigger,
                    "hx-target": "#validation",
                    "hx-include": "#rule-form",
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        org = data.get("organization")
        if org is None:
            return data
        known = vocabulary(org, data.get("system_kind") or "")
        left, op, right = data.get("left", ""), data.get("operator", ""), data.get("right", "")
        for problem in problems_of(left, op, right, known):
            self.add_error("right" if problem.startswith("右侧") else "left", problem)
        return data
