"""Forms of the register: a request, a review or lawsuit case. Messages in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.core import workdays
from jixiao.web.disclosure.models import InfoRequest, ReviewCase

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InfoRequestForm(forms.ModelForm):
    class Meta:
        model = InfoRequest
        fields = [
            "ref",
            "received",
            "channel",
            "applicant_type",
            "applicant_name",
            "content",
            "correction_sent",
            "correction_received",
            "consult_start",
            "consult_end",
            "extension_days",
            "outcome",
            "replied",
            "note",
        ]
        widgets = dict.fromkeys(
            (
                "received",
                "correction_sent",
                "correction_received",
                "consult_start",
                "consult_end",
                "replied",
            ),
            DATE,
        ) | {
            "content": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        """The order of the dates and the statute's limits (条例第三十条、第三十三条)."""
        data = super().clean()
        received = data.get("received")
        if data.get("extension_days", 0) > workdays.MAX_EXTENSION_DAYS:
            self.add_error(
                "extension_days", "延长答复期限最长不得超过20个工作日（条例第三十三条）。"
            )
        for name, label in (
            ("replied", "答复日期"),
            ("correction_sent", "告知补正日期"),
            ("correction_received", "收到补正日期"),
            ("consult_start", "征求意见开始日期"),
        ):
            if received and data.get(name) and data[name] < received:
                self.add_error(name, f"{label}不能早于收到申请日期。")
        if bool(data.get("consult_start")) != bool(data.get("consult_end")):
            self.add_error("consult_end", "征求意见的开始和结束日期要一起填写。")
        elif data.get("consult_start") and data["consult_end"] < data["consult_start"]:
            self.add_error("consult_end", "征求意见结束日期不能早于开始日期。")
        if data.get("correction_received") and not data.get("correction_sent"):
            self.add_error("correction_sent", "填写收到补正日期前，请先填写告知补正日期。")
        if bool(data.get("outcome")) != bool(data.get("replied")):
            self.add_error("outcome", "办理结果和答复日期要一起填写（办结时两者都要有）。")
        return data


class ReviewCaseForm(forms.ModelForm):
    class Meta:
        model = ReviewCase
        fields = ["group", "ref", "filed", "result", "summary"]
        widgets = {"filed": DATE, "summary": forms.Textarea(attrs={"rows": 2})}
