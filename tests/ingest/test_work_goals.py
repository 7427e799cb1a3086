"""The work-goals layout (工作目标 prose): seed 004 end to end, messy inputs, formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.core.documents import Document, document_to_dict
from jixiao.ingest import extract_file
from jixiao.ingest.layouts.work_goals.commitments import is_commitment
from tests.ingest.tables import write_docx, write_pdf, write_xlsx
from tests.support import seed


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return extract_file(seed("004"))


def names(doc: Document) -> list[str]:
    return [indicator.name for indicator in doc.indicators]


def test_seed_004_title_year_and_organisation(seed_doc: Document):
    assert seed_doc.kind == "work_goals"
    assert seed_doc.title == "2021年工作目标"
    assert seed_doc.year == 2021
    assert seed_doc.organization.name == "浙江省市场监督管理局"


def test_seed_004_commitments_with_numbers_become_candidate_indicators(seed_doc: Document):
    found = "\n".join(names(seed_doc))
    for commitment in (
        "双随机抽查事项覆盖率达到100%",
        "掌上执法率达到90%",
        "全年新增“品字标”企业500家",
        "提名奖不少于5家",
        "新建高能级社会公用计量标准100项以上",
        "制定发布不少于20项急需的地方计量技术规范",
        "推进放心消费重点县区扩展至30以上",
        "放心消费单位达到本区域市场有效主体的50%以上",
        "确保特种设备万台事故率控制在0.25以内",
        "全省至少60个县(市、区)开展电梯改革试点",
        "开展不少于三个块状产业产品",
    ):
        assert commitment in found


def test_seed_004_context_numbers_are_not_commitments(seed_doc: Document):
    found = "\n".join(names(seed_doc))
    for context in (
        "100周年",
        "10个新课题",
        "104质量基础",
        "82020年",
        "“100个特色产业",
        "一次死亡3人",
    ):
        assert context not in found


def test_seed_004_page_printed_twice_is_read_once(seed_doc: Document):
    assert len(names(seed_doc)) == len(set(names(seed_doc)))
    assert len(seed_doc.indicators) == 14
    assert [indicator.id for indicator in seed_doc.indicators] == [str(n) for n in range(1, 15)]


def test_seed_004_paths_are_the_section_and_the_item(seed_doc: Document):
    by_name = {indicator.name: indicator for indicator in seed_doc.indicators}
    assert by_name["全年新增“品字标”企业500家"].path == [
        "(四)围绕发展格局,赋能企业提质增效",
        "二是推进质量提升",
    ]
    assert by_name["确保特种设备万台事故率控制在0.25以内"].path[1] == "二是加强特种设备安全监管"


def test_seed_004_candidates_keep_their_line(seed_doc: Document):
    assert all(indicator.source and indicator.source.line for indicator in seed_doc.indicators)


def test_seed_004_targets_are_read_from_each_commitment(seed_doc: Document):
    pytest.importorskip("jixiao.core.targets")
    by_name = {indicator.name: indicator for indicator in seed_doc.indicators}
    (target,) = by_name["全年新增“品字标”企业500家"].targets
    assert (target.value, target.unit) == (500, "家")
    for indicator in seed_doc.indicators:
        assert all(t.unit not in ("年", "届", "周年") for t in indicator.targets)


@pytest.mark.parametrize(
    ("clause", "commits"),
    [
        ("全年新增企业500家", True),
        ("覆盖率达到100%", True),
        ("扩展至30以上", True),
        ("开展不少于三个块状产业", True),
        ("力争新增承诺企业200", True),
        ("庆祝中国共产党成立100周年", False),
        ("对照书记提出的10个新课题", False),
        ("力争第四届中国质量奖实现零的突破", False),
        ("滚动实施“100个特色产业质量提升行动”", False),
        ("结合2020年全国营商环境评价情况", False),
        ("坚决防范一次死亡3人以上的特种设备责任事故", False),
        ("原有13个试点县区", False),
        ("实施三年行动计划", False),
    ],
)
def test_a_clause_commits_only_to_numbers_that_promise_an_amount(clause: str, commits: bool):
    assert is_commitment(clause) is commits


def test_work_goals_with_numbered_headings_and_a_repeated_page(doc_text: Path):
    """2023年工作要点
    来源: 市市场监管局
    一、优化营商环境。一是深化改革，全年新登记市场主体5000户。二是提升效能，办结率达到98%。
    二、守住安全底线。抽检食品不少于3000批次。
    索引号: 123/2023-1 发布机构:
    2023年工作要点
    一、优化营商环境。一是深化改革，全年新登记市场主体5000户。二是提升效能，办结率达到98%。
    二、守住安全底线。抽检食品不少于3000批次。
    """
    doc = extract_file(doc_text)
    assert doc.kind == "work_goals"
    assert doc.year == 2023
    assert names(doc) == ["全年新登记市场主体5000户", "办结率达到98%", "抽检食品不少于3000批次"]
    assert doc.indicators[1].path == ["一、优化营商环境", "二是提升效能"]
    assert doc.indicators[2].path == ["二、守住安全底线"]


def test_prose_without_numbers_gives_a_warning(doc_text: Path):
    """2023年工作目标
    （一）优化营商环境。一是深化改革。二是提升效能。
    （二）守住安全底线。一是加强监管。
    """
    doc = extract_file(doc_text, kind="work_goals")
    assert doc.indicators == []
    assert any("未找到带数字的工作目标" in warning for warning in doc.warnings)


# ----------------------------------------------------------------- the same prose in other formats


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def comparable(doc: Document) -> list[dict]:
    keys = ("id", "name", "path", "targets")
    return [{key: item[key] for key in keys} for item in document_to_dict(doc)["indicators"]]


def test_docx_of_the_seed_prose_gives_the_same_candidates(seed_doc: Document, tmp_path: Path):
    doc = extract_file(write_docx(tmp_path / "工作目标.docx", paragraphs(seed("004"))))
    assert (doc.kind, doc.year, doc.organization.name) == (
        "work_goals",
        2021,
        "浙江省市场监督管理局",
    )
    assert comparable(doc) == comparable(seed_doc)


def test_pdf_of_the_seed_prose_gives_the_same_candidates(seed_doc: Document, tmp_path: Path):
    doc = extract_file(write_pdf(tmp_path / "工作目标.pdf", paragraphs(seed("004"))))
    assert (doc.kind, doc.year, doc.organization.name) == (
        "work_goals",
        2021,
        "浙江省市场监督管理局",
    )
    assert comparable(doc) == comparable(seed_doc)


def test_xlsx_of_the_seed_prose_gives_the_same_candidates(seed_doc: Document, tmp_path: Path):
    rows = [[paragraph] for paragraph in paragraphs(seed("004"))]
    doc = extract_file(write_xlsx(tmp_path / "工作目标.xlsx", {"Sheet1": rows}))
    assert comparable(doc) == comparable(seed_doc)


def test_an_outline_whose_numbering_restarts_under_each_heading(doc_text: Path):
    """某市市场监督管理局2024年工作要点
    一、优化营商环境
    （一）深化登记改革。全年新登记市场主体5000户。
    （二）提升审批效能。办结率达到98%。
    二、守住安全底线
    （一）加强食品安全监管。一是抽检食品不少于3000批次；二是约谈企业50家。
    （二）加强特种设备监管。
    1.电梯按需维保试点不少于100台。
    2.检验合格率达到99%
    以上。
    """
    doc = extract_file(doc_text)
    assert doc.organization.name == "某市市场监督管理局"
    assert [(i.name, i.path) for i in doc.indicators] == [
        ("全年新登记市场主体5000户", ["一、优化营商环境", "（一）深化登记改革"]),
        ("办结率达到98%", ["一、优化营商环境", "（二）提升审批效能"]),
        (
            "抽检食品不少于3000批次",
            ["二、守住安全底线", "（一）加强食品安全监管", "一是抽检食品不少于3000批次"],
        ),
        ("约谈企业50家", ["二、守住安全底线", "（一）加强食品安全监管", "二是约谈企业50家"]),
        (
            "电梯按需维保试点不少于100台",
            ["二、守住安全底线", "（二）加强特种设备监管", "1.电梯按需维保试点不少于100台"],
        ),
        (
            "检验合格率达到99%以上",
            ["二、守住安全底线", "（二）加强特种设备监管", "2.检验合格率达到99%以上"],
        ),
    ]


def test_a_bulleted_summary_gives_the_years_targets_not_last_years_results(tmp_path: Path):
    # a newspaper's summary of a government work report: ■ blocks, one ● item a line
    path = tmp_path / "summary.txt"
    path.write_text(
        "政府工作报告摘要与导读\n\n日报 2025年01月17日\n\n    ■ 2024年成绩单\n\n"
        "    ●预计全省地区生产总值增长6%左右\n\n    ●粮食总产达到557亿斤\n\n"
        "    ■ 2025年经济社会发展的主要预期目标\n\n    ●经济增长6%左右\n\n"
        "    ●城镇调查失业率5.5%左右,城镇新增就业70万人以上\n\n"
        "    ●居民收入增长与经济增长同步\n\n    ●粮食产量继续保持500亿斤以上\n",
        encoding="utf-8",
    )
    doc = extract_file(path)
    assert doc.kind == "work_goals" and doc.year == 2025
    got = [(i.name, i.targets[0].op, i.targets[0].value) for i in doc.indicators]
    assert got == [
        ("经济增长6%左右", "=", 6),
        ("城镇调查失业率5.5%左右", "=", 5.5),
        ("城镇新增就业70万人以上", ">=", 700000),
        ("粮食产量继续保持500亿斤以上", ">=", 50000000000),
    ]
    # last year's grain figure, in other words, is the target's history
    assert doc.indicators[-1].history == {"2024": 55700000000}


def test_a_report_s_review_without_a_review_heading_gives_no_targets(tmp_path: Path):
    # 过去的一年 opens the review; (一) under it reports results; 今年 turns to the targets
    path = tmp_path / "report.txt"
    path.write_text(
        "各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n"
        "过去的一年,奋斗充满艰辛,较好完成了主要目标任务。\n"
        "(一)经济实力实现新跃升。地区生产总值完成4704.3亿元、增长6.1%,签约亿元以上项目507个。\n"
        "(二)民生持续改善。新增城镇就业5.2万人。\n"
        "今年经济社会发展的主要预期目标是:地区生产总值增长6%左右,新增城镇就业5万人以上。\n",
        encoding="utf-8",
    )
    doc = extract_file(path)
    assert doc.kind == "work_goals"
    assert [i.name for i in doc.indicators] == ["地区生产总值增长6%左右", "新增城镇就业5万人以上"]
    found = " ".join(t.raw for i in doc.indicators for t in i.targets)
    assert not any(past in found for past in ("4704.3", "6.1", "507", "5.2"))


def test_a_government_work_report_s_opening_alone_names_its_kind(tmp_path: Path):
    path = tmp_path / "opening.txt"
    path.write_text(
        "各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议,并请市政协委员提出意见。\n"
        "一、2024年工作回顾\n一年来,全市经济社会发展迈出了新步伐。\n",
        encoding="utf-8",
    )
    assert extract_file(path).kind == "work_goals"


def _goals(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "goals.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path, kind="work_goals")


def _quantities(doc: Document) -> list[tuple[str, str]]:
    return [(str(t.value), t.op) for i in doc.indicators for t in i.targets[:1]]


def test_a_paragraph_of_targets_before_the_first_heading_is_read(tmp_path: Path):
    # an excerpt that starts at the targets sentence, then the plan's numbered sections
    lead = (
        "今年经济社会发展主要预期目标是:全县地区生产总值增长8%左右,一般公共预算收入增长7%左右,"
        "城镇调查失业率控制在5.5%以内,居民消费价格指数涨幅控制在3%以内,生态环境质量保持一流。\n"
    )
    body = "三、主要工作安排\n(一)保障粮食安全。粮食播种面积稳定在7万亩以上。\n"
    doc = _goals(tmp_path, lead + body)
    assert _quantities(doc) == [
        ("8", "="),
        ("7", "="),
        ("5.5", "<="),
        ("3", "<="),
        ("70000", ">="),
    ]


def test_a_short_title_line_before_the_first_heading_is_still_no_commitment(tmp_path: Path):
    doc = _goals(tmp_path, "2024年工作要点\n一、主要目标\n新增市场主体500家。\n")
    assert _quantities(doc) == [("500", "=")]


def test_two_amounts_listed_in_one_clause_are_two_commitments(tmp_path: Path):
    text = (
        "一、主要目标\n明年抽检合格率达到98%、抽样检验量实现每千人4批次。"
        "城镇和农村居民收入分别增长8%左右和8.5%左右。沟通率、办结率、满意率均为100%。\n"
    )
    doc = _goals(tmp_path, text)
    assert _quantities(doc) == [("98", ">="), ("4", "="), ("8", "="), ("8.5", "="), ("100", "=")]
    # each side keeps the clause it was printed in as its name
    assert doc.indicators[3].name == "城镇和农村居民收入分别增长8%左右和8.5%左右"


def test_a_figure_with_its_unit_inside_a_commitment_is_its_target(tmp_path: Path):
    doc = _goals(tmp_path, "一、重点任务\n精准帮扶544户监测对象,坚决守住底线。\n")
    assert _quantities(doc) == [("544", "=")]
