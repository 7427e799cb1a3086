"""The evaluation report layout (评价报告 with four attachments), on the real seed and on messy input."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.checks.report import check_evaluation_report
from jixiao.core.documents import Document
from jixiao.ingest import extract_file, read_lines
from tests.ingest.tables import write_docx, write_pdf, write_xlsx
from tests.support import seed

D = Decimal


@pytest.fixture(scope="module")
def report() -> Document:
    return extract_file(seed("003"))


def figure(doc: Document, name: str) -> Decimal | None:
    (value,) = [f.value for f in doc.figures if f.name == name]
    return value


def project(doc: Document, name: str):
    (found,) = [p for p in doc.projects if p.name == name]
    return found


# ------------------------------------------------------------------ the seed, narrative


def test_the_seed_is_recognised_as_an_evaluation_report_of_hunan_for_2023(report):
    assert report.kind == "evaluation_report"
    assert report.organization.name == "湖南省市场监督管理局"
    assert report.year == 2023
    assert "部门评价报告" in report.title
    assert report.totals == {"weight": D(100), "reported_score": D("95.09"), "grade": "优"}


def test_the_narrative_breakdowns_are_read_with_amounts_and_shares(report):
    assert figure(report, "合计:专项资金") == D("33085.00")
    assert figure(report, "分项:省直机关安排") == D("16019.00")
    assert figure(report, "占比:转移支付到市县") == D("51.58")
    directions = [f for f in report.figures if f.name.startswith("分项:") and "6大类" in f.text]
    assert len(directions) == 6
    assert sum(f.value for f in directions) == D("33085.00")
    assert figure(report, "分项:其他类") == D("971.00")  # broken over two lines in the text
    assert figure(report, "占比:知识产权战略推进项目") == D("18.59")


def test_the_narrative_money_sample_and_levels_are_figures(report):
    assert figure(report, "到位:合计") == D("35014.75")
    assert figure(report, "到位:业务工作经费") == D("1929.75")
    assert figure(report, "到位率") == D(100)
    assert figure(report, "支出:专项资金") == D("31610.23")
    assert figure(report, "执行率") == D("95.54")
    assert figure(report, "抽查:项目总数") == 33
    assert figure(report, "抽查:抽取项目数") == 32
    assert figure(report, "抽查:资金占比") == D("40.24")
    assert figure(report, "分值:产出") == 35
    assert figure(report, "得分:产出") == D("33.49")
    (reason,) = [f.text for f in report.figures if f.name == "扣分原因:决策"]
    assert "未建设项目库" in reason


def test_problems_and_suggestions_are_kept_as_text_per_heading(report):
    problems = [f for f in report.figures if f.name.startswith("问题:")]
    suggestions = [f for f in report.figures if f.name.startswith("建议:")]
    assert len(problems) == 5
    assert len(suggestions) == 5
    assert problems[0].name == "问题:专项资金政策方面"
    assert "356 万元" in problems[0].text


# ------------------------------------------------------------------ attachment 1


def test_attachment_1_gives_33_projects_whose_money_adds_up_to_the_total_row(report):
    assert len(report.projects) == 33
    assert all(p.unit and p.unit_of_money == "万元" for p in report.projects)
    for side, group in (("available", "资金到位情况"), ("spent", "支出情况")):
        for key, column in (("special", "省级市场监管专项资金"), ("total", "合计")):
            summed = sum(getattr(p, side)[key] for p in report.projects)
            assert abs(summed - figure(report, f"合计:{group}/{column}")) < D("0.01")


def test_a_fund_row_keeps_rates_as_printed_and_slash_as_null(report):
    row = project(report, "法治建设")
    assert row.unit == "政策法规处"
    assert row.available == {"special": D("196.00"), "business": D("0.00"), "total": D("196.00")}
    assert row.spent["total"] == D("164.6126")
    assert row.rates == {"special": D("83.99"), "business": None, "total": D("83.99")}
    assert row.expenses["办公费"] == D("11.35")
    assert row.expenses["其他"] == D("14.00")
    assert sum(row.expenses.values()) == D("164.6072")  # printed total: 164.6126


def test_rows_that_lost_empty_cells_are_realigned_under_their_header(report):
    credit = project(report, "企业信用及双随机一公开监管")
    assert credit.rates == {"special": D(100), "business": D("81.85"), "total": D("92.97")}
    assert credit.spent["business"] == D("49.11000")
    assert credit.expenses["其他"] == D("12.24615")
    grassroots = project(report, "基层基础能力提升")
    assert grassroots.expenses == {"其他": D("4025.00")}
    assert grassroots.spent["total"] == D("4025.00")


def test_every_project_spending_breakdown_adds_up_to_its_total(report):
    for row in report.projects:
        slack = D("0.005") * len(row.expenses) + D("0.01")  # each category printed to a cent
        assert abs(sum(row.expenses.values(), D(0)) - row.spent["total"]) <= slack, row.name


# ------------------------------------------------------------------ attachment 2


def test_attachment_2_gives_units_with_codes_cities_and_subtotals(report):
    units = {a.unit: a for a in report.allocations}
    assert len(report.allocations) == 24
    assert units["省局机关(本级)"].code == "047001"
    assert units["省局机关(本级)"].by_project["法治建设"] == 89
    assert units["张家界市小计"].is_subtotal and units["张家界市小计"].total == 793
    assert units["桑植县"].parent == "张家界市"
    assert units["湘西州小计"].parent == "湘西州"  # the 小计 row names no city; 湘西州本级 does
    assert units["永顺县"].parent == "湘西州"
    assert units["合计"].is_subtotal and units["合计"].total == D("13311.94")
    assert sum(a.total for a in report.allocations if not a.is_subtotal) == D("13311.94")


def test_a_value_beyond_the_header_is_kept_with_a_warning(report):
    cili = next(a for a in report.allocations if a.unit == "慈利县")
    assert sum(cili.by_project.values()) == cili.total
    assert any("慈利县" in w for w in report.warnings)


# ------------------------------------------------------------------ attachment 3


def test_attachment_3_gives_the_common_indicators_with_criteria(report):
    sheet = [i for i in report.indicators if i.criteria]
    assert [i.name for i in sheet][:4] == [
        "立项依据充分性",
        "立项程序规范性",
        "绩效目标合理性",
        "绩效指标明确性",
    ]
    assert len(sheet) == 11
    first = sheet[0]
    assert first.path == ["决策", "项目立项"]
    assert (first.weight, first.score) == (5, D("5.00"))
    assert first.criteria.count("\n") == 4  # ①…⑤ on five lines
    assert first.basis.startswith("预算支出决策")
    rules = next(i for i in sheet if i.name == "立项程序规范性")
    assert rules.deviation.startswith("2023年省级市场监督管理专项资金未建设项目库")
    assert "③事前是否已经过必要的可行性研究" in rules.criteria
    assert next(i for i in sheet if i.name == "预算编制科学性").path == ["决策", "资金投入"]
    assert next(i for i in sheet if i.name == "资金到位率").path == ["过程", "资金管理"]
    assert sum(i.score for i in sheet) == figure(report, "合计:共性指标/得分") == D("36.60")
    assert figure(report, "分值:决策/项目立项") == 9


# ------------------------------------------------------------------ attachment 4


def test_attachment_4_fund_block_is_the_budget(report):
    budget = report.budget
    assert (budget.weight, budget.score) == (10, D("9.55"))
    total = budget.rows[0]
    assert (total.initial, total.adjusted, total.spent, total.rate) == (
        D("33085.00"),
        D("33085.00"),
        D("31610.23"),
        D("95.54"),
    )
    assert [r.source for r in budget.rows][1:] == ["当年财政拨款", "上年结转资金", "其他资金"]


def test_attachment_4_gives_every_indicator_row_with_levels_carried_down(report):
    table = [i for i in report.indicators if not i.criteria and not i.basis]
    assert len(table) == 189  # counted by reading: 75 + 52 + 15 + 24 + 3 + 11 + 3 + 6
    first = table[0]
    assert first.path == ["产出指标", "数量指标"]
    assert first.name == "开展关于食品经营环节质量安全整治行动次数"
    assert first.actual.raw == "2次"
    assert (first.weight, first.score) == (D("0.27"), D("0.27"))
    quality = next(i for i in table if i.name == "湖南省网络交易监测系统合格率")
    assert quality.path == ["产出指标", "质量指标"]
    assert quality.score == 0 and quality.deviation.startswith("根据省政府要求")
    assert table[-1].path == ["满意度指标", "服务对象满意度指标"]
    assert figure(report, "分值:效益指标/可持续影响指标") == 10
    assert figure(report, "合计:绩效目标/得分") == D("97.63")


def test_the_overall_goals_are_kept_as_text(report):
    (expected,) = [f.text for f in report.figures if f.name == "年度总体目标:预期目标"]
    assert "针对学校食品安全" in expected
    assert "<p>" not in expected


# ------------------------------------------------------------------ checks on the seed


def test_the_seed_is_consistent_where_its_figures_are_unambiguous(report):
    findings = check_evaluation_report(report)
    assert [f for f in findings if f.severity == "error"] == []
    assert check_evaluation_report(report) == [
        f for f in run_checks(report) if f.rule.startswith("report.")
    ]


def test_the_seed_category_totals_that_do_not_add_up_are_warnings_with_place(report):
    findings = {f.where: f for f in check_evaluation_report(report)}
    fees = findings["附件1 · 合计行 · 支出明细 · 劳务费"]
    assert fees.rule == "report.expense_total"
    assert fees.severity == "warning"
    assert fees.found == D("2429.38")


# ------------------------------------------------------------------ generalisation


def test_a_report_in_other_words_and_numbers_is_read_by_language(doc_text):
    """某市市场监督管理局 2022年度食品安全专项资金绩效评价报告

    一、基本情况
    2022年度共计安排资金共计1,000.00万元，其中：市本级安排600.00万元，占比60.00%；下达区县400.00
    万元，占比40.00%。
    截至年底，实际到位资金 1,100.00 万元，资金到位率 100%，其中专项资金 1,000.00 万元，业务工作经费 100.00 万元；已使用资金 990.00 万元，其中专项资金 900.00 万元，业务工作经费 90.00 万元，资金执行率 90.00%。
    三、评价结论
    本项目绩效评价最终得分为82.5分，评价结果为“良”。其中：项目决策分值20分，评价得分18分，主要扣分原因是目标不细；项目产出分值80分，评价得分64.5分。
    五、存在的问题
    （一）资金方面
    资金拨付慢。
    """
    doc = extract_file(doc_text, "evaluation_report")
    assert doc.year == 2022
    assert doc.organization.name == "某市市场监督管理局"
    assert doc.totals == {"weight": D(100), "reported_score": D("82.5"), "grade": "良"}
    assert figure(doc, "分项:下达区县") == 400
    assert figure(doc, "支出:业务工作经费") == 90
    assert figure(doc, "得分:产出") == D("64.5")
    assert [f.text for f in doc.figures if f.name == "问题:资金方面"] == ["资金拨付慢。"]
    assert check_evaluation_report(doc) == []  # every figure agrees


def test_wrong_shares_sums_and_grades_are_reported(doc_text):
    """XX市场监督管理局 2023年度专项资金 部门评价报告

    资金共计100.00万元，其中：甲项目60.00万元，占比60.00%；乙项目30.00万元，占比40.00%。
    本项目绩效评价最终得分为88.00分，绩效评价结果为“优”。其中：项目决策分值50分，评价得分45分；项目产出分值50分，评价得分43分。
    """
    found = check_evaluation_report(extract_file(doc_text, "evaluation_report"))
    rules = sorted(f.rule for f in found)
    assert rules == ["report.breakdown_sum", "report.grade", "report.share"]
    grade = next(f for f in found if f.rule == "report.grade")
    assert (grade.expected, grade.found) == ("良", "优")
    share = next(f for f in found if f.rule == "report.share")
    assert share.where.endswith("乙项目") and share.expected == D("30.00")


# ------------------------------------------------------------------ other formats


def _table(lines, first: str, stop: str) -> list[list[str]]:
    """Rows of the seed from the line starting with ``first`` up to one starting with ``stop``."""
    rows, inside = [], False
    for line in lines.lines:
        inside = inside or line.text.startswith(first)
        if inside and line.text.startswith(stop):
            break
        if inside and len(line.cells) > 1:
            rows.append([c.strip() for c in line.cells])
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


@pytest.fixture(scope="module")
def tables() -> dict[str, list[list[str]]]:
    lines = read_lines(seed("003"))
    return {
        "funds": _table(lines, "项目名称\t单位名称", "附件 2"),
        "targets": _table(lines, "项目支出名称", "\x00"),
    }


def _same(doc: Document, txt: Document, *, funds: bool = True) -> None:
    """The projects, attachment-4 indicators and budget of ``doc`` begin those of ``txt``."""

    def money(p):
        return (p.name, p.unit, p.available, p.spent, p.rates, p.expenses)

    def row(i):
        return (i.path, i.name, i.weight, i.score, i.actual.raw, i.deviation)

    table = [i for i in txt.indicators if not i.criteria]
    assert bool(doc.projects) == funds
    assert [money(p) for p in doc.projects] == [money(p) for p in txt.projects][
        : len(doc.projects)
    ]
    assert doc.indicators
    assert [row(i) for i in doc.indicators] == [row(i) for i in table][: len(doc.indicators)]
    assert doc.budget.rows == txt.budget.rows


def test_attachments_1_and_4_read_the_same_from_docx(tmp_path: Path, report, tables):
    # the test helper writes big Word tables slowly: a page of each table is enough here
    funds, targets = tables["funds"][:12], tables["targets"][:40]
    path = write_docx(
        tmp_path / "report.docx",
        ["2023年度专项资金部门评价报告", "附件1", funds, "附件4", targets],
    )
    doc = extract_file(path, "evaluation_report")
    _same(doc, report)
    assert len(doc.projects) == 8  # the page's 8 rows, then the header printed again
    assert len(doc.indicators) == 40 - 15  # 15 rows of fund block, goals and header first


def test_attachments_1_and_4_read_the_same_from_xlsx(tmp_path: Path, report, tables):
    path = write_xlsx(
        tmp_path / "report.xlsx", {"附件1": tables["funds"], "附件4": tables["targets"]}
    )
    doc = extract_file(path, "evaluation_report")
    _same(doc, report)
    assert len(doc.projects) == 33
    assert len(doc.indicators) == 189


def test_a_changed_score_breaks_the_sheet_total_and_the_level_score():
    doc = extract_file(seed("003"))
    row = next(i for i in doc.indicators if i.name == "立项依据充分性")
    row.score = D("4.00")
    found = {f.rule: f for f in check_evaluation_report(doc)}
    assert found["report.sheet_total"].where == "共性指标 · 合计行 · 得分"
    assert found["report.sheet_total"].expected == D("35.60")
    assert found["report.level_score"].where == "正文 · 决策"
    assert found["report.level_score"].found == D("20.1")


def test_a_changed_county_breaks_its_city_subtotal_and_the_grand_total():
    doc = extract_file(seed("003"))
    county = next(a for a in doc.allocations if a.unit == "吉首市")
    county.total = D(200)
    wheres = {f.where for f in check_evaluation_report(doc) if f.rule == "report.allocation_total"}
    assert wheres == {"附件2 · 湘西州小计", "附件2 · 合计"}


def test_a_changed_project_breaks_the_fund_total_row():
    doc = extract_file(seed("003"))
    doc.projects[0].available["special"] = D("200.00")
    found = [f for f in check_evaluation_report(doc) if f.rule == "report.fund_total"]
    assert [f.where for f in found] == ["附件1 · 合计行 · 资金到位情况 · 省级市场监管专项资金"]
    assert found[0].expected == D("33089.00")


def test_attachment_4_reads_the_same_from_a_pdf_with_wrapped_cells(tmp_path: Path, report, tables):
    rows = [[c.replace("<p>", "").replace("</p>", "") for c in r] for r in tables["targets"]]
    header = next(n for n, r in enumerate(rows) if "三级指标" in r)
    path = write_pdf(
        tmp_path / "report.pdf", ["部门评价报告", rows[:7] + rows[header : header + 31]]
    )
    doc = extract_file(path, "evaluation_report")
    assert len(doc.indicators) == 30  # over two pages; cells wrapped as 产出指标 (5 / 0分)
    _same(doc, report, funds=False)
    assert doc.indicators[0].path == ["产出指标", "数量指标"]


def test_a_small_fund_table_without_rates_is_read_and_checked(doc_text):
    """某县市场监督管理局 2023年度专项资金绩效评价报告

    附件1 资金使用结构明细表
    项目名称\t单位名称\t资金到位情况\t\t\t支出情况\t\t\t\t\t
    \t\t专项资金\t业务工作经费\t合计\t办公费\t差旅费\t专项资金\t业务工作经费\t合计
    食品抽检\t综合股\t50.00\t10.00\t60.00\t20.00\t30.00\t45.00\t5.00\t50.00
    广告监测\t广告股\t40.00\t0.00\t40.00\t\t40.00\t40.00\t0.00\t40.00
    合计\t\t90.00\t10.00\t100.00\t20.00\t70.00\t85.00\t5.00\t95.00
    """
    doc = extract_file(doc_text, "evaluation_report")
    assert [(p.name, p.unit) for p in doc.projects] == [
        ("食品抽检", "综合股"),
        ("广告监测", "广告股"),
    ]
    assert doc.projects[0].expenses == {"办公费": D(20), "差旅费": D(30)}
    assert doc.projects[1].spent == {"special": D(40), "business": D(0), "total": D(40)}
    assert doc.projects[0].rates == {}
    assert figure(doc, "合计:支出情况/合计") == 95
    found = check_evaluation_report(doc)
    assert [(f.rule, f.where, f.expected, f.found) for f in found] == [
        ("report.fund_total", "附件1 · 合计行 · 支出情况 · 合计", D(90), D(95))
    ]


def test_a_misprinted_usage_rate_of_the_total_row_is_reported():
    doc = extract_file(seed("003"))
    rate = next(f for f in doc.figures if f.name == "合计:资金使用率/业务工作经费")
    rate.value = D("95.00")
    (found,) = [f for f in check_evaluation_report(doc) if f.rule == "report.rate"]
    assert found.where == "附件1 · 合计行 · 资金使用率 · 业务工作经费"
    assert (found.expected, found.found) == (D("95.58"), D("95.00"))


def test_a_report_without_a_fund_table_lists_its_projects_money_in_prose(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "某某县某局部门整体支出绩效评价报告\n一、基本情况\n"
        "支出799.12万元。其中:人员经费支出434.89万元,公用经费支出77.4万元。"
        "项目支出包括委员活动经费36.3万元,扫黑除恶工作经费1万元,老干部活动经费10.5万元。\n"
        "补助资金55.4万元,其中,拨付市局8.4万元,拨付市食药中心47万元。\n",
        encoding="utf-8",
    )
    doc = extract_file(path)
    assert doc.kind == "evaluation_report"
    got = [(p.name, dict(p.available), dict(p.spent)) for p in doc.projects]
    assert got == [
        ("委员活动经费", {}, {"正文": Decimal("36.3")}),
        ("扫黑除恶工作经费", {}, {"正文": Decimal(1)}),
        ("老干部活动经费", {}, {"正文": Decimal("10.5")}),
        ("市局", {"正文": Decimal("8.4")}, {}),
        ("市食药中心", {"正文": Decimal(47)}, {}),
    ]  # 人员经费支出 and 公用经费支出 are kinds of spending, not projects
