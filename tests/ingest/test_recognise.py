"""Kind recognition from language and structure, never from file names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.ingest import read_lines
from jixiao.ingest.recognise import recognise_kind
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
