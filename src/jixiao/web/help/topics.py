"""Which part of the user guide explains each page: the "帮助" link in every page's header.

One table, as data: a URL name, or a prefix of URL names ending in ``*``, mapped to a guide
page and optionally a section anchor (``"page#anchor"``, the page being docs/page.md). An exact
name wins over a prefix, a longer prefix over a shorter one. tests/web/test_help.py checks that
every page of the app is covered and that every target is a real page and section.
"""

from __future__ import annotations

from jixiao.web.help.guide import INDEX

TOPICS: dict[str, str] = {
    "home": "cycle#1-登录与首页",
    "login": INDEX,
    "logout": INDEX,
    "org_*": "cycle#角色与权限",
    "system_list": "cycle#1-登录与首页",
    "system_detail": "cycle#5-得分与图表",
    "import_*": "cycle#2-导入文件上传--后台读取--预览--确认",
    "results_grid": "cycle#3-填报完成情况像-excel-一样",
    "save_result": "cycle#3-填报完成情况像-excel-一样",
    "evidence": "cycle#3-填报完成情况像-excel-一样",
    "parse_preview": "targets",
    "take_step": "cycle#6-提交县局",
    "tree_editor": "cycle#4-编辑指标体系",
    "edit_indicator": "cycle#4-编辑指标体系",
    "move_indicator": "cycle#4-编辑指标体系",
    "add_indicator": "cycle#4-编辑指标体系",
    "indicator_detail": "cycle#4-编辑指标体系",
    "start_evaluation": "cycle#10-绩效评价",
    "evaluation_detail": "cycle#10-绩效评价",
    "adjust_score": "scoring#评价人员的手工调整",
    "export_system": "reports",
    "report_*": "reports",
    "province_*": "province-export",
    "audit_*": "cycle#9-修改记录审计",
    "outcomes_*": "outcomes",
    "outcomes_rankings": "outcomes#得分排名",
    "outcomes_pool*": "outcomes#激励资金分配",
    "outcomes_targets": "outcomes#下年目标建议",
    "outcomes_suggestions": "outcomes#下年目标建议",
    "outcomes_save_target": "outcomes#下年目标建议",
    "outcomes_carried": "outcomes#下年目标建议",
    "outcomes_ledger*": "outcomes#整改台账",
    "outcomes_pipeline": "outcomes#项目库",
    "outcomes_propose": "outcomes#项目库",
    "outcomes_proposal": "outcomes#项目库",
    "outcomes_assess": "outcomes#项目库",
    "outcomes_decide": "outcomes#项目库",
    "dashboard*": "monitoring#绩效看板",
    "monitoring_*": "monitoring#填报与说明本单位",
    "monitoring_rounds": "monitoring#发起监控轮次",
    "monitoring_launch": "monitoring#发起监控轮次",
    "monitoring_alerts": "monitoring#预警提醒",
    "monitoring_thresholds": "monitoring#预警阈值按省设置",
    "disclosure_*": "disclosure-register#依申请公开登记",
    "disclosure_index": "disclosure-register",
    "disclosure_proactive": "disclosure-register#主动公开数量表二",
    "disclosure_review*": "disclosure-register#行政复议行政诉讼表四",
    "disclosure_report": "disclosure-register#年度报告",
    "disclosure_issue": "disclosure-register#年度报告",
    "rule_*": "rules#规则由什么组成",
    "rule_list": "rules",
    "rule_add": "rules#添加规则",
    "rule_validate": "rules#试运行",
    "library_*": "library#指标库",
    "library_new_system": "library#用指标库编制下一年度的绩效目标",
    "library_build": "library#用指标库编制下一年度的绩效目标",
    "library_pick": "library#用指标库编制下一年度的绩效目标",
    "library_copy": "library#用指标库编制下一年度的绩效目标",
    "library_review": "library#绩效目标审核",
    "adjust_request": "library#绩效目标调整",
    "adjustment_*": "library#绩效目标调整",
    "expert_index": "experts#专家库",
    "expert_detail": "experts#专家库",
    "expert_rule": "experts#专家评分合成规则省级设置",
    "system_panels": "experts#随机抽取专家",
    "expert_sheet": "experts#专家评分表",
    "combine_draw": "experts#合成专家评分",
    "agency_*": "experts#中介机构库",
    "entrust_system": "experts#委托评价与执业质量评价",
    "rate_entrustment": "experts#委托评价与执业质量评价",
    "deadline_edit": "workbench#环节时限填报截止审核时限",
    "notice_*": "workbench#通知",
    "help_*": INDEX,
}


def topic_for(url_name: str | None) -> str | None:
    """The ``page#anchor`` explaining the page named ``url_name``; None when none is set."""
    if not url_name:
        return None
    if url_name in TOPICS:
        return TOPICS[url_name]
    prefixes = [k for k in TOPICS if k.endswith("*") and url_name.startswith(k[:-1])]
    return TOPICS[max(prefixes, key=len)] if prefixes else None


def split(topic: str) -> tuple[str, str]:
    """``"page#anchor"`` as (page, anchor); the anchor may be empty."""
    page, _, anchor = topic.partition("#")
    return page, anchor
