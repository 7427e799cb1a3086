"""Kind recognition from language and structure, never from file names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.ingest import read_lines
from jixiao.ingest.recognise import recognise_kind, score_kinds
from tests.ingest.tables import write_docx
from tests.support import sample, seed


@pytest.mark.parametrize(
    ("prefix", "kind"),
    [
        ("000", "indicator_system"),
        ("001", "disclosure_report"),
        ("002", "self_evaluation"),
        ("003", "evaluation_report"),
        ("004", "work_goals"),
    ],
)
def test_each_seed_is_recognised_as_its_kind(prefix: str, kind: str):
    assert recognise_kind(read_lines(seed(prefix))) == kind


def test_another_bureaus_disclosure_report_is_recognised():
    assert recognise_kind(read_lines(sample("hongze"))) == "disclosure_report"


def test_the_file_name_does_not_decide_the_kind(tmp_path: Path):
    misleading = tmp_path / "绩效自评表.txt"
    shutil.copy(seed("004"), misleading)
    assert recognise_kind(read_lines(misleading)) == "work_goals"


def test_unrelated_text_is_no_kind(doc_text: Path):
    """会议通知

    定于下周三下午在三楼会议室召开全体职工大会，请准时参加。
    """
    assert recognise_kind(read_lines(doc_text)) is None


def test_a_small_indicator_table_is_an_indicator_system(doc_text: Path):
    """某县市场监督管理局2023年度绩效考核指标体系
    \t一级指标\t年度工作目标\t目标制定依据\t责任处室\t责任人
    \t一、优化营商环境。
    \t1.1 新登记市场主体达5000户。
    \t2022年4800户。
    \t登记注册股
    \t张三
    """
    assert recognise_kind(read_lines(doc_text)) == "indicator_system"


def test_work_goals_prose_is_recognised(doc_text: Path):
    """2023年工作要点

    （一）优化营商环境。一是深化改革，新登记市场主体5000户。二是提升效能。
    （二）守住安全底线。一是加强食品安全监管，抽检不少于3000批次。二是加强特种设备监管。
    """
    assert recognise_kind(read_lines(doc_text)) == "work_goals"


def test_a_spaced_out_pdf_title_is_still_recognised(doc_text: Path):
    """某 区 人 民 政 府
    2023 年 政 府 信 息 公 开 工 作 年 度 报 告
    一、总体情况
    （一）主动公开情况。全年主动公开政府信息1136条。
    （二）依申请公开情况。受理申请21件。
    """
    assert recognise_kind(read_lines(doc_text)) == "disclosure_report"


def test_a_docx_indicator_table_is_recognised_from_its_rows(tmp_path: Path):
    table = [
        ["一级指标", "年度工作目标", "目标制定依据", "责任处室", "责任人"],
        ["一、优化营商环境。", "1.1 新登记市场主体达5000户。", "2022年4800户。", "登记科", "张三"],
        ["", "1.2 办结率达到98%。", "2022年97%。", "登记科", "张三"],
        ["", "1.3 培训企业200家。", "新设指标。", "登记科", "张三"],
    ]
    path = write_docx(
        tmp_path / "附件1.docx", ["某县市场监督管理局2023年度绩效考核指标体系", table]
    )
    assert recognise_kind(read_lines(path)) == "indicator_system"


def _kind(text: str) -> str | None:
    scores = score_kinds(text)
    best = max(scores.items(), key=lambda item: item[1], default=(None, 0))
    return best[0] if best[1] >= 5 else None


def test_a_self_evaluation_report_in_prose_only_is_a_report_with_rows_a_self_evaluation():
    title = "某某市市场监督管理局2023年度部门整体支出绩效自评报告\n"
    prose = "一、部门概况\n我局内设机构12个，派出机构9个。年初预算985万元，实际到位334.67万元。\n"
    assert _kind(title + prose) == "evaluation_report"
    rows = "群众满意度，目标值≥90%，完成值95%，分值10分，得分10分。\n"
    assert _kind(title + prose + rows) == "self_evaluation"


def test_a_score_sheet_with_points_in_its_names_is_an_indicator_system():
    sheet = "| 一级指标 | 二级指标 | 三级指标 | 得分 |\n" + "".join(
        f"| 部门决策(25分) | 目标任务(15分) | 指标{n}(5分) |\n" for n in "甲乙丙丁戊"
    )
    assert _kind(sheet) == "indicator_system"


def test_a_sichuan_form_on_one_line_is_a_self_evaluation():
    line = (
        "产出指标数量指标足额保障率=100% 22.5 时效指标按时发放率=100% 22.5 合计100 "
        "评价结论及时、足额缴纳。存在问题暂无改进措施暂无项目负责人:财务负责人:"
    )
    assert _kind(line) == "self_evaluation"


def test_a_disclosure_report_that_opens_on_its_regulation_is_recognised():
    # no title (the page keeps it above the text), a 工作任务 and numbered parts, as 凌源's
    text = (
        "根据《中华人民共和国政府信息公开条例》规定编制本报告。报告数据统计期限为2025年1月1日至"
        "2025年12月31日。\n一、总体情况\n2025年，我局紧密结合市场监管职责任务，不断加强政务公开。\n"
        "(一)主动公开政府信息情况\n我局围绕重点工作任务，发布各类政务信息34篇。\n"
        "(二)依申请公开情况\n全年收到申请10件。\n"
    )
    assert _kind(text) == "disclosure_report"


def test_a_work_summary_and_plan_is_work_goals():
    text = "一、2023年工作总结\n2023年，全市市场监管部门深入学习，各项工作取得新成效。\n"
    assert _kind(text) == "work_goals"


def test_a_commissioned_evaluation_cover_called_kaoping_is_an_evaluation_report():
    # 考评 for 评价: a finance bureau's 绩效考评报告 cover, its evaluator and contents only
    cover = (
        "某某市财政支出项目绩效考评报告 项目名称 2016年度系统维护项目 项目单位 某某局 "
        "考评方式:财政部门组织评价 考评机构:中介机构 目 录 基本概况 绩效情况 考评报告"
    )
    assert _kind(cover) == "evaluation_report"


def test_a_news_item_on_next_years_targets_is_work_goals():
    news = (
        "某某局:明年抽检合格率要达到98%\n"
        "全国工作会议提出明年工作新目标:抽检合格率达到98%,抽样检验量实现每千人4批次。"
    )
    assert _kind(news) == "work_goals"
