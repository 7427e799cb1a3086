"""The target language on real cells and sentences of the five seeds (typed in by hand)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.core.targets import TargetError, direction_op, find_targets, parse_target


def shape(text: str, direction: str | None = None, unit: str | None = None) -> list[tuple]:
    """(op, value, upper, unit, date, relative) of every target, numbers as strings."""
    return [
        (t.op, _s(t.value), _s(t.upper), t.unit, t.date, t.relative)
        for t in parse_target(text, direction=direction, unit=unit)
    ]


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# seed 002 (目标值 column with its 指标方向), seed 003 (年度指标值 / 实际完成值)
CELLS = [
    ("不少于7家", "大于或等于", [(">=", "7", None, "家", None, None)]),
    ("不少于800家", "大于或等于", [(">=", "800", None, "家", None, None)]),
    ("2 县（市、区）", "等于", [("=", "2", None, "县", None, None)]),
    ("4500批次", "大于", [(">", "4500", None, "批次", None, None)]),
    ("不少于19.44万批\n次", "大于等于", [(">=", "194400", None, "批次", None, None)]),
    ("11 家（次）", "大于等于", [(">=", "11", None, "家", None, None)]),
    ("不少于2000家次", "大于等于", [(">=", "2000", None, "家次", None, None)]),
    ("800 份", "大于等于", [(">=", "800", None, "份", None, None)]),
    ("1场", "等于", [("=", "1", None, "场", None, None)]),
    ("2次以上", "等于", [(">=", "2", None, "次", None, None)]),
    ("至少1个", "等于", [(">=", "1", None, "个", None, None)]),
    ("至少20家企业", "等于或大于", [(">=", "20", None, "家", None, None)]),
    ("力争成功提交3件", "等于", [(">=", "3", None, "件", None, None)]),
    ("至少2个以上", "等于或大于", [(">=", "2", None, "个", None, None)]),
    ("不少于4所", "等于或等于", [(">=", "4", None, "所", None, None)]),
    ("19件", "大于等于", [(">=", "19", None, "件", None, None)]),
    ("100%（26家）", "等于", [("=", "100", None, "%", None, None)]),
    ("100%（17家次）", "等于", [("=", "100", None, "%", None, None)]),
    ("不低于3%", "大于等于", [(">=", "3", None, "%", None, None)]),
    ("≥100%", "等于", [(">=", "100", None, "%", None, None)]),
    ("100.00%", "等于", [("=", "100", None, "%", None, None)]),
    ("0", "等于", [("=", "0", None, None, None, None)]),
    ("省局平均水平2300元/批\n次", "小于", [("<", "2300", None, "元/批次", None, None)]),
    ("80%", "大于等于", [(">=", "80", None, "%", None, None)]),
    ("≥0.4万批次", None, [(">=", "4000", None, "批次", None, None)]),
    ("1.1万批次", None, [("=", "11000", None, "批次", None, None)]),
    ("≤440元/人/天", None, [("<=", "440", None, "元/人/天", None, None)]),
    ("≤518万元", None, [("<=", "5180000", None, "元", None, None)]),
    ("10-50万元/个", None, [("between", "100000", "500000", "元/个", None, None)]),
    ("20-50万元/个", None, [("between", "200000", "500000", "元/个", None, None)]),
    (
        "5万元/项、10万元/项",
        None,
        [("=", "50000", None, "元/项", None, None), ("=", "100000", None, "元/项", None, None)],
    ),
    ("≤90 天", None, [("<=", "90", None, "天", None, None)]),
    ("≤7 个工作日", None, [("<=", "7", None, "个工作日", None, None)]),
    ("2 个工作日以内", None, [("<=", "2", None, "个工作日", None, None)]),
    ("≤30 分钟", None, [("<=", "30", None, "分钟", None, None)]),
    ("≥95%", None, [(">=", "95", None, "%", None, None)]),
    ("达到 90% 以上", None, [(">=", "90", None, "%", None, None)]),
    ("达到 80 分以上", None, [(">=", "80", None, "分", None, None)]),
    ("50 篇以上", None, [(">=", "50", None, "篇", None, None)]),
    ("提升1.82个百分点", None, [(">=", "1.82", None, "个百分点", None, "points")]),
    ("2023 年 12 月 31 日前", None, [("by_date", None, None, None, "2023-12-31", None)]),
    ("2023 年 6 月 30 日之前", None, [("by_date", None, None, None, "2023-06-30", None)]),
    ("2023年12月底", None, [("by_date", None, None, None, "2023-12-31", None)]),
    ("2023 年 11 月 30 日完成", None, [("by_date", None, None, None, "2023-11-30", None)]),
    (">50亿元", None, [(">", "5000000000", None, "元", None, None)]),
    ("2.47亿元", None, [("=", "247000000", None, "元", None, None)]),
    ("77.3 亿元", None, [("=", "7730000000", None, "元", None, None)]),
    ("5600 余人次", None, [(">", "5600", None, "人次", None, None)]),
    ("平均1588元/批次", None, [("=", "1588", None, "元/批次", None, None)]),
    ("87.78 分", None, [("=", "87.78", None, "分", None, None)]),
    ("0次", None, [("=", "0", None, "次", None, None)]),
    ("13.32%", None, [("=", "13.32", None, "%", None, None)]),
    ("≤2 小时", None, [("<=", "2", None, "小时", None, None)]),
    ("≥160户次", None, [(">=", "160", None, "户次", None, None)]),
    (
        "市州覆盖率达 100%，县市区覆盖 率达 80%",
        None,
        [(">=", "100", None, "%", None, None), (">=", "80", None, "%", None, None)],
    ),
    (
        "6个市州、12个成员单位、40个县市区",
        None,
        [
            ("=", "6", None, "个", None, None),
            ("=", "12", None, "个", None, None),
            ("=", "40", None, "个", None, None),
        ],
    ),
    ("优秀", None, [("qualitative", None, None, None, None, None)]),
    ("区域知识产权竞争优势明显增强", None, [("qualitative", None, None, None, None, None)]),
    ("良好以上", None, [("qualitative", None, None, None, None, None)]),
]


@pytest.mark.parametrize(("text", "direction", "expected"), CELLS)
def test_every_seed_cell_reads_as_a_careful_reader_would(text, direction, expected):
    assert shape(text, direction) == expected


ISSUE = [
    ("不少于三个", [(">=", "3", None, "个", None, None)]),
    ("2万元-20万元/个", [("between", "20000", "200000", "元/个", None, None)]),
    ("5-8 项", [("between", "5", "8", "项", None, None)]),
    ("较上年度增加 10%", [(">=", "10", None, "%", None, "yoy")]),
    ("较上年下降5%", [("<=", "-5", None, "%", None, "yoy")]),
    ("提升1个百分点", [(">=", "1", None, "个百分点", None, "points")]),
    (
        "全量推送4次，增量推送12次",
        [("=", "4", None, "次", None, None), ("=", "12", None, "次", None, None)],
    ),
    ("１９．４４万批次", [("=", "194400", None, "批次", None, None)]),
    ("百分之九十五以上", [(">=", "95", None, "%", None, None)]),
    ("6000多万元", [(">", "60000000", None, "元", None, None)]),
    ("45亿元", [("=", "4500000000", None, "元", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), ISSUE)
def test_the_forms_named_in_the_issue_are_read(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "无", "/", "2022年", "2021年度"])
def test_texts_without_a_target_give_an_empty_list(text):
    assert parse_target(text) == []


def test_the_direction_column_decides_only_when_the_words_do_not():
    assert shape("31", "大于等于")[0][0] == ">="
    assert shape("不超过31家", "大于等于")[0][0] == "<="
    assert shape("31家")[0][0] == "="


@pytest.mark.parametrize(
    ("column", "op"),
    [
        ("大于等于", ">="),
        ("大于或等于", ">="),
        ("等于或大于", ">="),
        ("≥", ">="),
        ("大于", ">"),
        ("小于等于", "<="),
        ("小于", "<"),
        ("等于", "="),
        ("等于或等于", "="),
        ("", None),
    ],
)
def test_direction_words_map_to_operators(column, op):
    assert direction_op(column) == op


def test_the_unit_column_fills_a_unit_the_text_leaves_out():
    assert shape("31", "大于等于", "家") == [(">=", "31", None, "家", None, None)]
    assert shape("31次", None, "家")[0][3] == "次"


def test_a_single_target_keeps_the_whole_cell_as_raw():
    assert parse_target("不少于19.44万批次")[0].raw == "不少于19.44万批次"


def test_something_that_is_not_text_raises_the_modules_own_error():
    with pytest.raises(TargetError):
        parse_target(42)  # type: ignore[arg-type]


SENTENCES = [  # seed 000 goal sentences, seed 004 commitments: (text, [(op, value, unit)])
    ("2022年全省通过全程智能化登记的个体工商户达120000户", [(">=", "120000", "户")]),
    (
        "在厦门、泉州等地试点，截至2022年12月底，试点地区核发行业综合许可证达200本",
        [(">=", "200", "本")],
    ),
    ("2022年发布全省典型案例3期，省级挂牌督办案件7个", [("=", "3", "期"), ("=", "7", "个")]),
    ("开展年综合能耗十万吨标煤以上重点用能单位能源计量审查不少于25家", [(">=", "25", "家")]),
    (
        "全省新增高价值发明专利3060件，平均每万人口高价值发明专利拥有量达到5.5件",
        [("=", "3060", "件"), (">=", "5.5", "件")],
    ),
    ("上传追溯数据12000万条", [("=", "120000000", "条")]),
    ("确保特种设备万台事故率控制在0.25以内", [("<=", "0.25", None)]),
    ("全省至少60个县(市、区)开展电梯改革试点", [(">=", "60", "个")]),
    ("双随机抽查事项覆盖率达到100%", [(">=", "100", "%")]),
    ("12315热线接通率达到95%", [(">=", "95", "%")]),
    (
        "积极深化国际合作互认，全年新增“品字标”企业500家。滚动实施“100个特色产业质量提升行动”，"
        "大力实施“质量奖示范引领工程”力争第四届中国质量奖实现零的突破、提名奖不少于5家。",
        [("=", "500", "家"), (">=", "5", "家")],
    ),
    (
        "坚持开展“双月双强双评”工作组织开展庆祝中国共产党成立100周年系列活动完善以党委理论学习中心组为龙头、"
        "中层干部为重点的理论武装工作格局。对照袁家军书记提出的10个新课题和10张高分报表，谋划新发展格局下的平台载体抓手，"
        "加强104质量基础“一站式”服务平台配套建设，突出抓好82020年签订重点项目推进。",
        [],
    ),
    (
        "推进放心消费重点县区扩展至30以上持续加大放心消费行业和区域的覆盖面,"
        "原有13个试点县区放心消费单位达到本区域市场有效主体的50%以上。",
        [(">=", "30", None), (">=", "50", "%")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_commitments_are_found_in_prose_and_context_numbers_are_not(text, expected):
    found = find_targets(text)
    assert [(t.op, _s(t.value), t.unit) for t, _ in found] == expected
    for target, clause in found:
        assert target.raw in clause


@pytest.mark.parametrize(
    "text",
    [
        "查处3批次以上不合格的企业的情况在全省通报，并开展专项整治行动，确保监管到位，形成长效机制，全面提升监管效能水平",
        "对一次死亡3人以上的事故实行挂牌督办，严格落实事故调查处理各项制度，推动各地各部门认真落实安全生产责任",
    ],
)
def test_qualifiers_in_prose_are_not_commitments(text):
    assert all(target.value is None for target, _ in find_targets(text))


def test_a_short_goal_without_numbers_is_a_qualitative_target():
    [(target, clause)] = find_targets("区域知识产权竞争优势明显增强")
    assert target.op == "qualitative"
    assert clause == "区域知识产权竞争优势明显增强"


def test_the_command_prints_the_targets_and_exits_2_without_one(capsys):
    assert main(["parse-target", "不少于19.44万批次"]) == 0
    assert '"value": 194400' in capsys.readouterr().out
    assert main(["parse-target", "2022年"]) == 2


def test_every_form_listed_in_the_user_docs_is_read():
    page = (Path(__file__).resolve().parents[2] / "docs" / "targets.md").read_text(
        encoding="utf-8"
    )
    rows = [line.split("|")[1] for line in page.splitlines() if line.startswith("| `")]
    forms = [
        form for row in rows for form in re.findall(r"`([^`]+)`", row) if re.search(r"\d", form)
    ]
    assert len(forms) > 15
    for form in forms:
        targets = parse_target(form.replace("…", ""))
        assert any(t.value is not None or t.date for t in targets), form


def test_a_commitment_in_prose_keeps_its_operator_words_in_raw():
    found = find_targets(
        "各县级局开展深化不少于一个块状产业产品质量风险排查，确保特种设备万台事故率控制在0.25以内"
    )
    assert [t.raw for t, _ in found] == ["不少于一个", "控制在0.25以内"]


def test_a_per_unit_with_a_middle_dot_stays_one_unit():
    assert shape("≤3000元/人·月") == [("<=", "3000", None, "元/人·月", None, None)]


def test_about_commits_like_a_bound_and_reads_as_equal():
    # 政府工作报告: 增长6%左右 is the year's target (the contract has no "about": =)
    ((target, clause),) = find_targets("经济增长6%左右")
    assert (target.op, target.value, target.unit, clause) == ("=", Decimal(6), "%", "经济增长6%左右")
    ((cell,),) = [parse_target("1200万人左右")]
    assert (cell.op, cell.value, cell.unit) == ("=", Decimal(12000000), "人")


def test_jin_is_a_unit_of_weight():
    ((target, _),) = find_targets("粮食产量继续保持500亿斤以上")
    assert (target.op, target.value, target.unit) == (">=", Decimal(50000000000), "斤")
