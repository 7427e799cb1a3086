"""The self-evaluation layout (部门整体/项目支出绩效自评表) on real and messy inputs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import Document
from jixiao.ingest.layouts.self_evaluation import parse
from jixiao.ingest.readers.txt import read_txt
from tests.support import seed


def read(path: Path) -> Document:
    return parse(read_txt(path))


@pytest.fixture(scope="module")
def seed002() -> Document:
    return read(seed("002"))


def by_name(doc: Document, part: str):
    (found,) = [i for i in doc.indicators if part in i.name]
    return found


def test_seed_002_head_gives_title_organization_code_and_year(seed002):
    assert seed002.kind == "self_evaluation"
    assert seed002.title == "部门整体支出绩效自评表"
    assert seed002.organization.name == "韶关市市场监督管理局"
    assert seed002.organization.code == "141001"
    assert seed002.year == 2022


def test_seed_002_every_indicator_comes_out_with_weights_summing_to_90(seed002):
    assert len(seed002.indicators) == 44
    assert sum(i.weight for i in seed002.indicators) == 90
    assert all(i.score is not None for i in seed002.indicators)
    assert [i.id for i in seed002.indicators] == [str(n) for n in range(1, 45)]


def test_seed_002_level_one_is_carried_down_and_page_header_makes_no_row(seed002):
    names = {i.name for i in seed002.indicators}
    assert not names & {"绩效指标", "产出指标", "质量指标", "效果指标"}
    paths = [tuple(i.path) for i in seed002.indicators]
    assert paths.count(("产出指标", "数量指标")) == 21
    assert paths.count(("产出指标", "质量指标")) == 16
    assert ("产出指标", "成本指标") in paths
    assert paths[-1] == ("满意度指标", "服务对象满意度")


def test_seed_002_names_broken_before_and_after_the_data_line_are_joined(seed002):
    assert by_name(seed002, "明厨亮灶").name == "互联网+“明厨亮灶”学校食堂总家数"
    assert by_name(seed002, "应急演练次数").name == "开展药品安全应急演练次数（场）"
    assert by_name(seed002, "示范城市").name.endswith("培育建设国家知识产权试点示范城市")
    assert by_name(seed002, "总体满意度").name == "服务对象对食品安全工作总体满意度"


def test_seed_002_row_cells_keep_nature_direction_unit_and_scores(seed002):
    quick = by_name(seed002, "食用农产品快检任务")
    assert (quick.nature, quick.direction, quick.unit) == ("定量", "大于等于", "批次")
    assert (quick.weight, quick.score, quick.deviation) == (2, 2, None)
    assert by_name(seed002, "食品安全示范县创建").unit == "县（市、区）"
    cost = by_name(seed002, "平均成本")
    assert (cost.direction, cost.unit) == ("小于", "元/批次")
    city = by_name(seed002, "示范城市")
    assert (city.nature, city.direction, city.weight) == ("定量", None, Decimal("2.5"))


def test_seed_002_row_without_target_still_counts_and_is_warned(seed002):
    row = by_name(seed002, "遏制重特大")
    assert (row.weight, row.score, row.targets) == (Decimal("2.5"), Decimal("2.5"), [])
    assert any("遏制重特大" in w and "目标值" in w for w in seed002.warnings)


def test_seed_002_targets_are_read_from_broken_target_cells(seed002):
    pytest.importorskip("jixiao.core.targets")
    quick = by_name(seed002, "食用农产品快检任务")
    assert quick.targets
    assert quick.targets[0].value == Decimal("194400")
    assert by_name(seed002, "服务对象对食品安全").targets[0].unit == "%"


def test_seed_002_fund_block_keeps_rows_as_printed(seed002):
    budget = seed002.budget
    assert [r.source for r in budget.rows] == ["财政拨款", "其他资金", "合计"]
    fiscal, other, total = budget.rows
    assert (fiscal.initial, fiscal.adjusted, fiscal.spent) == (
        Decimal("8761.28"),
        Decimal("11789.83"),
        Decimal("11789.83"),
    )
    assert fiscal.rate == 0 and fiscal.weight is None
    assert (other.adjusted, other.spent) == (Decimal("91.71"), Decimal("74.52"))
    assert (total.rate, total.weight, total.score) == (100, 10, 9)
    assert (budget.weight, budget.score, budget.unit_of_money) == (10, 9, "万元")


def test_seed_002_totals_add_the_fund_block_to_the_indicators(seed002):
    assert seed002.totals == {
        "weight": 100,
        "reported_score": 99,
        "grade": None,
        "reported_score_summed": True,  # no 合计 row: the sum is no printed total
    }


def test_seed_002_tasks_are_split_into_name_content_and_result(seed002):
    names = [t.name for t in seed002.tasks]
    assert len(names) == 9
    assert names[0] == "食品安全专项"
    assert names[1] == "特种设备安全监管"
    assert "加强药品安全监管" in names
    assert names[-1] == "质量强市建设与质量提升工作"
    food = seed002.tasks[0]
    assert food.content.startswith("1.完成省政府民生实事任务")
    assert food.result.startswith("1.完成省政府民生实事任务，全市完成食品抽检任务共19529批次")
    assert all(t.content and t.result for t in seed002.tasks)


def test_seed_002_goal_prose_is_kept_as_figures(seed002):
    figures = {f.name: f.text for f in seed002.figures}
    assert figures["预期目标"].startswith("1.弘扬改革精神")
    assert figures["目标实际完成情况"].endswith("开展各类访商邀商活动64批次。")


def test_project_form_with_actual_column_and_total_row(doc_text):
    """项目支出绩效自评表
    （2023年度）
    项目名称 食品安全抽检专项
    主管部门及代码 某市市场监督管理局 [210]
    项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
    年度资金总额 100 120 114 10 95% 9.5
    其中：当年财政拨款 100 100 96 — 96% —
    上年结转资金 0 20 18 — 90% —
    其他资金 - - - — - —
    年度总体目标 预期目标
    完成全市食品抽检任务。
    目标实际完成情况
    完成抽检8000批次。
    绩效指标
    一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
    产出指标（50分）
    数量指标 食品抽检批次 ≥8000批次 8000批次 30 30 无
    时效指标 按时完成率 100% 95% 20 19 疫情影响，下年提前部署
    效益指标 社会效益指标 群众满意度 ≥90% 92% 30 30
    满意度指标 服务对象满意度指标 服务对象满意度 ≥85% 90% 10 10 无
    总分 100 98.5
    自评等级：优
    """
    doc = read(doc_text)
    assert doc.year == 2023
    assert (doc.organization.name, doc.organization.code) == ("某市市场监督管理局", "210")
    assert [i.name for i in doc.indicators] == [
        "食品抽检批次",
        "按时完成率",
        "群众满意度",
        "服务对象满意度",
    ]
    late = doc.indicators[1]
    assert late.path == ["产出指标", "时效指标"]
    assert (late.weight, late.score) == (20, 19)
    assert late.actual.raw == "95%"
    assert late.deviation == "疫情影响，下年提前部署"
    assert doc.indicators[2].path == ["效益指标", "社会效益指标"]
    assert doc.indicators[3].path == ["满意度指标", "服务对象满意度指标"]
    rows = {r.source: r for r in doc.budget.rows}
    assert set(rows) == {"年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"}
    assert (rows["年度资金总额"].weight, rows["年度资金总额"].rate) == (10, 95)
    assert (rows["当年财政拨款"].spent, rows["当年财政拨款"].weight) == (96, None)
    assert (doc.budget.weight, doc.budget.score) == (10, Decimal("9.5"))
    assert doc.totals == {"weight": 100, "reported_score": Decimal("98.5"), "grade": "优"}
    figures = {f.name: f for f in doc.figures}
    assert figures["分值:产出指标"].value == 50
    assert figures["合计:得分"].value == Decimal("98.5")
    assert figures["项目名称"].text == "食品安全抽检专项"


def test_tab_separated_rows_with_dropped_cells_are_read_by_shape(doc_text):
    """部门整体支出绩效自评表
    部门名称及编码\t某县市场监督管理局
    年度总体目标\t预期目标\t实际完成情况
    \t完成抽检任务\t完成抽检8100批次
    \t开展宣传\t开展宣传3场
    项目资金（万元）\t年初预算\t全年预算\t全年执行\t执行率\t分值\t得分
    合计\t50\t60\t30\t50.00%\t10\t5
    一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t目标值\t计量单位\t分值\t得分\t偏差原因分析及改进措施
    产出指标\t数量指标\t检查企业\t定量\t大于等于\t不少于100家\t家\t45\t40\t受人员不足影响，未完成
    \t质量指标\t整改率\t定性\t等于\t100%\t45\t45\t无
    """
    doc = read(doc_text)
    first, second = doc.indicators
    assert (first.name, first.unit, first.score) == ("检查企业", "家", 40)
    assert first.deviation == "受人员不足影响，未完成"
    assert second.path == ["产出指标", "质量指标"]
    assert (second.unit, second.weight, second.deviation) == (None, 45, None)
    assert doc.budget.rows[0].rate == 50
    assert doc.totals["weight"] == 100 and doc.totals["reported_score"] == 90
    assert doc.year is None
    prose = {f.name: f.text for f in doc.figures if not f.name.startswith("栏目:")}
    assert prose == {
        "预期目标": "完成抽检任务开展宣传",
        "目标实际完成情况": "完成抽检8100批次开展宣传3场",
    }
    columns = [f.name for f in doc.figures if f.name.startswith("栏目:")]
    assert columns == ["栏目:指标值", "栏目:分值", "栏目:得分"]  # no 完成值 column printed


def test_reason_wrapped_around_the_data_line_goes_to_the_deviation(doc_text):
    """部门整体支出绩效自评表
    部门名称及编码 某县市场监督管理局 123
    绩效指标
    一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 得分 偏差原因分析及改进措施
    产出指标
    数量指标 食品安全监督抽检任 受疫情影响，部分
    务完成批次 定量 大于等于 不少于4500批次 批次 30 25 抽检任务延后，下
    年度提前部署
    数量指标 投诉处理件数 定量 大于等于 100件 件 20 20 无
    效益指标
    社会效益 群众满意度 定量 大于等于 90% 50 50 无
    """
    doc = read(doc_text)
    late, complaints, satisfied = doc.indicators
    assert late.name == "食品安全监督抽检任务完成批次"
    assert late.deviation == "受疫情影响，部分抽检任务延后，下年度提前部署"
    assert (late.weight, late.score) == (30, 25)
    assert (complaints.name, complaints.deviation) == ("投诉处理件数", None)
    assert satisfied.path == ["效益指标", "社会效益"]
    assert doc.totals["reported_score"] == 95


def test_names_broken_without_nature_column_and_notes_make_no_rows(doc_text):
    """项目支出绩效自评表
    主管部门及代码 某市市场监督管理局
    一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
    产出指标
    数量指标 全市食品安全监
    督抽检批次 ≥8000批次 8100批次 50 50 无
    质量指标 抽检合格率
    ≥98% 98.5% 40 40 无
    注：1.分值合计 100 90
    填表人：张三 联系电话 0751 8888888
    """
    doc = read(doc_text)
    assert [i.name for i in doc.indicators] == ["全市食品安全监督抽检批次", "抽检合格率"]
    first, second = doc.indicators
    assert first.actual.raw == "8100批次"
    assert (second.path, second.actual.raw) == (["产出指标", "质量指标"], "98.5%")
    assert doc.totals["weight"] == 90
    notes = [f.text for f in doc.figures if f.name == "表注"]
    assert notes and "填表人" in notes[0]


def test_signs_and_spaces_inside_the_target_cell_stay_in_the_target(doc_text):
    """部门整体支出绩效自评表
    年度主要任务\t任务名称\t主要内容\t完成情况
    \t食品抽检\t完成抽检任务\t已完成8000批次
    \t特种设备监管\t开展监督抽查\t已完成
    绩效指标
    一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 得分 偏差原因分析及改进措施
    产出指标
    数量指标 检查企业 定量 大于等于 ≥ 95 % % 50分 45分 人员不足
    """
    doc = read(doc_text)
    (row,) = doc.indicators
    assert (row.direction, row.unit, row.weight, row.score) == ("大于等于", "%", 50, 45)
    assert row.deviation == "人员不足"
    assert [t.name for t in doc.tasks] == ["食品抽检", "特种设备监管"]
    assert doc.tasks[0].result == "已完成8000批次"


def test_fund_rows_with_other_sources_and_missing_cells_are_placed_around_the_rate(doc_text):
    """部门整体支出绩效自评表
    项目资金（万元） 年初预算 全年预算 全年执行 执行率 分值 得分
    其中：一般公共预算 1,200.50 1,300.00 1,170.00 90.00%
    政府性基金 300 270 90.00%
    合计 1,200.50 1,600.00 1,440.00 90.00% 10 9
    """
    doc = read(doc_text)
    general, fund, total = doc.budget.rows
    assert (general.source, general.initial, general.adjusted) == (
        "一般公共预算",
        Decimal("1200.50"),
        1300,
    )
    assert (fund.source, fund.initial, fund.adjusted, fund.spent, fund.rate) == (
        "政府性基金",
        None,
        300,
        270,
        90,
    )
    assert (total.weight, total.score) == (10, 9)
    assert (doc.budget.weight, doc.budget.score) == (10, 9)


def test_tasks_in_pdf_text_are_told_apart_by_the_width_of_their_columns(doc_text):
    """部门整体支出绩效自评表
    年度主要任务 任务名称 主要内容 完成情况

    食品安全监
    管

    开展食品安全监督抽检，全年抽检不少于8000批次，
    组织食品安全宣传周活动。

    全年完成食品安全监督抽检8120批次，抽检合格率98.6%，组织宣传周活动
    3场，发放宣传资料2万份。

    特种设备安
    全监察

    开展电梯、锅炉等特种设备监督检查，排查隐患并督
    促整改。

    检查特种设备使用单位420家，发现隐患133项，已全部整改到位，全年未
    发生特种设备事故。
    绩效指标
    """
    doc = read(doc_text)
    assert [t.name for t in doc.tasks] == ["食品安全监管", "特种设备安全监察"]
    food, lifts = doc.tasks
    assert food.content == "开展食品安全监督抽检，全年抽检不少于8000批次，组织食品安全宣传周活动。"
    assert food.result.startswith("全年完成食品安全监督抽检8120批次")
    assert food.result.endswith("发放宣传资料2万份。")
    assert lifts.result.endswith("全年未发生特种设备事故。")


def test_a_row_without_scores_does_not_swallow_the_next_row(doc_text):
    """部门整体支出绩效自评表
    一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 得分 偏差原因分析及改进措施
    产出指标
    数量指标 检查企业 定量 大于等于 100家 家
    数量指标 抽检批次 定量 大于等于 800批次 批次 20 20 无
    """
    doc = read(doc_text)
    first, second = doc.indicators
    assert (first.name, first.unit, first.weight, first.score) == ("检查企业", "家", None, None)
    assert (second.name, second.weight) == ("抽检批次", 20)
    assert any("检查企业" in w and "得分" in w for w in doc.warnings)


def test_a_number_column_in_pdf_text_gives_the_indicator_its_own_id(doc_text):
    """项目支出绩效自评表
    序号 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 得分 偏差原因分析及改进措施
    1 产出指标 数量指标 检查企业 定量 大于等于 100 家 50 50 无
    2 质量指标 整改率 定性 等于 100% 50 50 无
    """
    doc = read(doc_text)
    assert [(i.id, i.name) for i in doc.indicators] == [("1", "检查企业"), ("2", "整改率")]
    assert doc.indicators[1].path == ["产出指标", "质量指标"]


def test_head_labels_with_a_stamp_note_and_a_code_in_brackets(doc_text):
    """2021年度部门整体支出绩效自评表
    单位名称（盖章）：某区市场监督管理局（304012）
    填报日期：2022年3月1日
    绩效指标
    一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 得分 偏差原因分析及改进措施
    产出指标 数量指标 检查企业 定量 大于等于 100 家 90 90 无
    """
    doc = read(doc_text)
    assert (doc.organization.name, doc.organization.code) == ("某区市场监督管理局", "304012")
    assert doc.year == 2021
    assert doc.title == "2021年度部门整体支出绩效自评表"


def test_a_copy_holding_the_end_of_one_form_then_another_keeps_both_forms_indicators(doc_text):
    """绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |
    产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90 |
    合计 | 100 | |
    部门预算项目支出绩效自评表(2023年度) | |
    项目名称 | 设备购置补助资金项目 | |
    主管部门 | 某县司法局 | 实施单位 | 某县司法局 |
    预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |
    总额 | 3.36 | 3.36 | 3.36 | 100.00% | 10 | 10 |
    绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |
    产出指标 | 质量指标 | 完成设备购买并按要求支付资金 | = | 100 | % | 100% | 90 | 90 |
    """
    doc = read(doc_text)
    names = [i.name for i in doc.indicators]
    assert names == ["成本控制数", "完成设备购买并按要求支付资金"]
    assert [i.id for i in doc.indicators] == ["1", "2"]  # each form numbers from 1
    assert [i.path[-1] for i in doc.indicators] == ["经济成本指标", "质量指标"]
