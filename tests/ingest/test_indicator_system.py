"""The indicator-system layout (绩效考核指标体系): seed 000 end to end, messy inputs, formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.documents import Document, document_to_dict
from jixiao.ingest import extract_file
from jixiao.ingest.layouts.indicator_system.history import read_history
from jixiao.ingest.layouts.indicator_system.people import (
    looks_like_departments,
    looks_like_owners,
    read_departments,
    read_owners,
)
from tests.ingest.tables import LEFT, UP, write_docx, write_pdf, write_xlsx
from tests.support import seed

HEADER = ["一级指标", "年度工作目标", "目标制定依据", "责任处室", "责任人"]


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return extract_file(seed("000"))


def by_id(doc: Document) -> dict:
    return {indicator.id: indicator for indicator in doc.indicators}


def test_seed_000_has_50_indicators_under_10_goals(seed_doc: Document):
    assert seed_doc.kind == "indicator_system"
    assert len(seed_doc.indicators) == 50
    goals = {tuple(indicator.path) for indicator in seed_doc.indicators}
    assert len(goals) == 10
    assert all(len(path) == 1 and path[0][1] == "、" for path in goals)


def test_seed_000_title_organisation_and_year(seed_doc: Document):
    assert "2022年度绩效考核指标体系" in seed_doc.title
    assert seed_doc.organization.name == "福建省市场监督管理局"
    assert seed_doc.year == 2022


def test_seed_000_ids_follow_the_printed_numbers(seed_doc: Document):
    ids = [indicator.id for indicator in seed_doc.indicators]
    assert ids == [f"{goal}.{item}" for goal in range(1, 11) for item in range(1, 6)]


def test_seed_000_indicator_without_space_after_its_number_is_read(seed_doc: Document):
    assert by_id(seed_doc)["5.3"].name.startswith("提升有机认证产品质量水平")


def test_seed_000_every_indicator_has_departments_owners_and_basis(seed_doc: Document):
    for indicator in seed_doc.indicators:
        assert indicator.departments, indicator.id
        assert indicator.owners, indicator.id
        assert indicator.basis, indicator.id


def test_seed_000_names_broken_over_lines_are_joined(seed_doc: Document):
    indicators = by_id(seed_doc)
    assert indicators["2.1"].departments == ["信用监督管理处"]
    assert indicators["7.1"].departments == ["食品安全协调处", "餐饮服务食品安全监督管理处"]
    assert indicators["7.1"].owners == ["蒋爱民", "吴燕榕"]
    assert indicators["1.1"].owners == ["林东"]
    assert indicators["10.4"].owners == ["余华", "郭伟杰"]


def test_seed_000_every_indicator_has_targets(seed_doc: Document):
    pytest.importorskip("jixiao.core.targets")
    for indicator in seed_doc.indicators:
        assert indicator.targets, indicator.id
    assert any(t.value == Decimal(120000) for t in by_id(seed_doc)["1.1"].targets)


def test_seed_000_stated_reason_stays_in_the_basis(seed_doc: Document):
    assert "说明：2022年因疫情反复" in by_id(seed_doc)["4.2"].basis


def test_history_reads_the_years_of_the_same_measure():
    basis = "全省通过“自助登记打照机”登记个体工商户情况：2019年80948户、2020年100127户、2021年136092户。"
    assert read_history(basis, "户", 2022) == {
        "2019": Decimal(80948),
        "2020": Decimal(100127),
        "2021": Decimal(136092),
    }


def test_history_pairs_years_and_figures_written_respectively_with_wan_folded():
    basis = "2019年、2020、2021年上传追溯数据分别为4517.5万条、12183.7万、15687万条。"
    assert read_history(basis, "条", 2022) == {
        "2019": Decimal(45175000),
        "2020": Decimal(121837000),
        "2021": Decimal(156870000),
    }


def test_history_skips_averages_and_increments_of_a_stock():
    basis = (
        "2019年约谈36户，2020年约谈48户，2021年约谈36户。三年平均约谈40户。"
        "2018年底归集数量为990条、比增140条。"
    )
    assert read_history(basis, "户", 2022) == {
        "2019": Decimal(36),
        "2020": Decimal(48),
        "2021": Decimal(36),
    }
    assert read_history(basis, "条", 2022) == {"2018": Decimal(990)}


def test_history_of_an_increment_takes_the_increments():
    basis = "2019年底信息归集数量为99485811条、比增14648885条；2020年底信息归集数量为117927754条、比增18441943条。"
    assert read_history(basis, "条", 2022, increment=True) == {
        "2019": Decimal(14648885),
        "2020": Decimal(18441943),
    }


def test_history_ignores_other_units_later_years_and_document_titles():
    basis = "根据《2020年抽查工作方案》（闽市监〔2021〕5号）制定，2020年抽查166批次，2021年212批次，2021年培训30人，到2025年达到300批次。"
    assert read_history(basis, "批次", 2022) == {"2020": Decimal(166), "2021": Decimal(212)}


def test_seed_000_history_where_the_basis_gives_it(seed_doc: Document):
    indicators = by_id(seed_doc)
    assert indicators["1.1"].history == {
        "2019": Decimal(80948),
        "2020": Decimal(100127),
        "2021": Decimal(136092),
    }
    assert indicators["8.1"].history["2019"] == Decimal(45175000)
    assert indicators["4.3"].history == {"2020": Decimal(166), "2021": Decimal(212)}
    assert indicators["2.1"].history["2021"] == Decimal(23622981)  # 新增: the increments
    assert indicators["6.4"].history == {
        "2019": Decimal(920),
        "2020": Decimal(1087),
        "2021": Decimal(1521),
    }
    assert indicators["2.4"].history == {}
    with_history = [i.id for i in seed_doc.indicators if i.history]
    assert len(with_history) == 42


def test_department_lines_are_joined_until_an_organisational_word():
    assert read_departments(["信用监督", "管理处"]) == ["信用监督管理处"]
    assert read_departments(["保护处", "省知识产权发展保护中心"]) == [
        "保护处",
        "省知识产权发展保护中心",
    ]
    assert read_departments(["登记注册处、质量发展处"]) == ["登记注册处", "质量发展处"]


def test_owner_names_lose_justifying_spaces_but_stay_apart():
    assert read_owners(["林 东"]) == ["林东"]
    assert read_owners(["李  升"]) == ["李升"]
    assert read_owners(["蒋爱民 吴燕榕"]) == ["蒋爱民", "吴燕榕"]
    assert read_owners(["余 华", "史一菱"]) == ["余华", "史一菱"]


def test_a_small_messy_indicator_table(doc_text: Path):
    """附件

    某市市场监督管理局2023年度绩效考核指标体系
    \t一级
    指标
    \t年度工作目标
    \t目标制定依据
    \t责任处室
    \t责任人
    \t一、优化营商环境（10分）。
    \t1.1 新登记市场主体达5000户。
    \t2020年4100户，2021年4500户，2022年4800户。

    说明：受疫情影响。
    \t登记注册

    科
    \t王 五

    \t
    \t1.2抽检食品不少于3000批次（5分）
    \t三年平均2800批次。
    \t食品安全科
    \t赵六
    """
    doc = extract_file(doc_text)
    assert doc.title == "某市市场监督管理局2023年度绩效考核指标体系"
    assert (doc.organization.name, doc.year) == ("某市市场监督管理局", 2023)
    first, second = doc.indicators
    assert (first.id, first.name, first.path) == (
        "1.1",
        "新登记市场主体达5000户。",
        ["一、优化营商环境。"],
    )
    assert first.departments == ["登记注册科"]
    assert first.owners == ["王五"]
    assert first.basis.endswith("说明：受疫情影响。")
    assert (second.id, second.name, second.weight) == ("1.2", "抽检食品不少于3000批次", Decimal(5))
    assert second.history == {}
    assert any(f.name == "分值:一、优化营商环境。" and f.value == 10 for f in doc.figures)


def test_a_table_without_numbered_indicators_is_a_warning(doc_text: Path):
    """某县市场监督管理局2023年度绩效考核指标体系
    \t一级指标\t年度工作目标\t目标制定依据\t责任处室\t责任人
    \t一、优化营商环境。
    \t推进登记便利化。
    """
    doc = extract_file(doc_text, kind="indicator_system")
    assert doc.indicators == []
    assert any("未找到编号的年度工作目标" in warning for warning in doc.warnings)


# ----------------------------------------------------------------- the same table in other formats


def table_rows(doc: Document, *, goal_rows: bool = False) -> list[list[str]]:
    """Seed 000 as the 5-column table a bureau would keep in Word or Excel."""
    rows: list[list[str]] = [HEADER]
    goal = None
    for indicator in doc.indicators:
        first = indicator.path[0] != goal
        goal = indicator.path[0]
        if goal_rows and first:
            rows.append([goal, LEFT, LEFT, LEFT, LEFT])
        cells = [
            indicator.path[0] if first else UP,
            f"{indicator.id} {indicator.name}",
            indicator.basis,
            "\n".join(indicator.departments),
            "\n".join(indicator.owners),
        ]
        rows.append(["" if goal_rows else cells[0], *cells[1:]])
    return rows


def comparable(doc: Document, *, spaces: bool = True) -> list[dict]:
    result = []
    for indicator in document_to_dict(doc)["indicators"]:
        item = {key: indicator[key] for key in ("id", "name", "path", "departments", "owners")}
        item |= {key: indicator[key] for key in ("targets", "history", "basis")}
        if not spaces:
            item["basis"] = item["basis"].replace(" ", "")
        result.append(item)
    return result


def test_docx_of_the_seed_table_gives_the_same_indicators(seed_doc: Document, tmp_path: Path):
    path = write_docx(tmp_path / "指标体系.docx", [seed_doc.title, table_rows(seed_doc)])
    doc = extract_file(path)
    assert doc.kind == "indicator_system"
    assert (doc.title, doc.organization.name, doc.year) == (
        "福建省市场监督管理局2022年度绩效考核指标体系（业务工作实绩部分）",
        "福建省市场监督管理局",
        2022,
    )
    assert comparable(doc) == comparable(seed_doc)


def test_docx_with_goals_on_rows_of_their_own_gives_the_same_indicators(
    seed_doc: Document, tmp_path: Path
):
    rows = table_rows(seed_doc, goal_rows=True)
    doc = extract_file(write_docx(tmp_path / "a.docx", [seed_doc.title, rows]))
    assert comparable(doc) == comparable(seed_doc)


def test_xlsx_of_the_seed_table_gives_the_same_indicators(seed_doc: Document, tmp_path: Path):
    rows = [[seed_doc.title], *table_rows(seed_doc)]
    doc = extract_file(write_xlsx(tmp_path / "指标体系.xlsx", {"Sheet1": rows}))
    assert (doc.organization.name, doc.year) == ("福建省市场监督管理局", 2022)
    assert comparable(doc) == comparable(seed_doc)


def test_pdf_of_the_seed_table_gives_the_same_indicators(seed_doc: Document, tmp_path: Path):
    path = write_pdf(tmp_path / "指标体系.pdf", [seed_doc.title, table_rows(seed_doc)])
    doc = extract_file(path)
    assert (doc.organization.name, doc.year) == ("福建省市场监督管理局", 2022)
    assert comparable(doc, spaces=False) == comparable(seed_doc, spaces=False)


def test_a_word_table_is_read_by_its_columns_with_serials_weights_and_no_numbers(tmp_path: Path):
    header = ["序号", "一级指标", "年度工作目标", "分值", "目标制定依据", "责任单位", "责任人"]
    rows = [
        header,
        [
            "1",
            "一、优化营商环境",
            "新登记市场主体达5000户。",
            "5",
            "2021年4500户，2022年4800户。",
            "登记科",
            "王五",
        ],
        ["2", UP, "办结率达到98%。", "5", "新设指标。", "审批科", "赵六"],
        header,
        ["3", "二、守住安全底线", "抽检食品不少于3000批次。", "10", "", "食品科", "钱七"],
    ]
    path = write_docx(tmp_path / "a.docx", ["某县市场监督管理局2023年度绩效考核指标体系", rows])
    doc = extract_file(path)
    assert [(i.id, i.name, i.path) for i in doc.indicators] == [
        ("1", "新登记市场主体达5000户。", ["一、优化营商环境"]),
        ("2", "办结率达到98%。", ["一、优化营商环境"]),
        ("3", "抽检食品不少于3000批次。", ["二、守住安全底线"]),
    ]
    assert [i.weight for i in doc.indicators] == [5, 5, 10]
    assert [i.departments for i in doc.indicators] == [["登记科"], ["审批科"], ["食品科"]]
    assert [i.owners for i in doc.indicators] == [["王五"], ["赵六"], ["钱七"]]
    assert doc.indicators[0].basis == "2021年4500户，2022年4800户。"
    assert doc.totals["weight"] == 20


def test_an_indicator_broken_over_two_pdf_pages_is_one_indicator(tmp_path: Path):
    header = ["一级指标", "年度工作目标", "目标制定依据", "责任处室", "责任人"]
    rows = [
        header,
        ["一、优化营商环境", "1.1 持续提升企业开办便利度，", "2021年4500户，", "登记注册", "王五"],
        ["", "新登记市场主体达5000户。", "2022年4800户。", "处", ""],
        ["", "1.2 办结率达到98%。", "新设指标。", "审批处", "赵六"],
    ]
    path = write_pdf(tmp_path / "a.pdf", ["某县市场监督管理局2023年度绩效考核指标体系", rows])
    doc = extract_file(path)
    first, second = doc.indicators
    assert first.name == "持续提升企业开办便利度，新登记市场主体达5000户。"
    assert first.basis == "2021年4500户，2022年4800户。"
    assert first.departments == ["登记注册处"]
    assert second.id == "1.2"


def test_page_numbers_and_headers_repeated_on_a_new_page_are_skipped(doc_text: Path):
    """某市市场监督管理局2023年度绩效考核指标体系
    \t一级指标
    \t年度工作目标
    \t目标制定依据
    \t责任处室
    \t责任人
    \t一、优化营商环境。
    \t1.1 新登记市场主体达5000户。
    \t2022年4800户。
    \t登记注册科
    \t王五
    - 2 -
    某市市场监督管理局2023年度绩效考核指标体系
    \t一级
    指标
    \t年度工作目标
    \t目标制定依据
    \t责任处室
    \t责任人
    \t1.2 抽检食品不少于3000批次。
    \t2022年2900批次。
    \t食品安全科
    \t赵六
    """
    doc = extract_file(doc_text)
    assert [(i.id, i.owners, i.departments) for i in doc.indicators] == [
        ("1.1", ["王五"], ["登记注册科"]),
        ("1.2", ["赵六"], ["食品安全科"]),
    ]


def test_one_row_per_line_of_pdf_text_is_read_like_one_cell_per_line(doc_text: Path):
    """某市市场监督管理局2023年度绩效考核指标体系
    一级指标\t年度工作目标\t目标制定依据\t责任处室\t责任人
    一、优化营商环境。\t1.1 新登记市场主体达5000户。\t2022年4800户。\t登记注册科\t王 五
    \t1.2 抽检食品不少于3000批次。\t2022年2900批次。\t食品安全科\t赵六
    """
    doc = extract_file(doc_text)
    assert [(i.id, i.path, i.basis, i.owners) for i in doc.indicators] == [
        ("1.1", ["一、优化营商环境。"], "2022年4800户。", ["王五"]),
        ("1.2", ["一、优化营商环境。"], "2022年2900批次。", ["赵六"]),
    ]


def test_organisation_written_after_the_year_or_on_its_own_line(doc_text: Path):
    """附件
    厦门市市场监督管理局
    2023年度绩效考核指标体系
    \t一级指标\t年度工作目标\t目标制定依据\t责任处室\t责任人
    \t一、优化营商环境。
    \t1.1 新登记市场主体达5000户。
    \t2022年4800户。
    \t登记注册处
    \t王五
    """
    doc = extract_file(doc_text)
    assert (doc.title, doc.organization.name, doc.year) == (
        "2023年度绩效考核指标体系",
        "厦门市市场监督管理局",
        2023,
    )


def test_history_reads_full_width_digits():
    assert read_history("２０２０年抽查１６６批次，２０２１年２１２．５批次。", "批次", 2022) == {
        "2020": Decimal(166),
        "2021": Decimal("212.5"),
    }


def test_owner_cells_are_told_from_department_cells_by_their_content():
    assert looks_like_owners(["阿依古丽·买买提"])
    assert looks_like_owners(["林 东"])
    assert not looks_like_owners(["计量处"])
    assert looks_like_departments(["信用监督", "管理处"])
    assert not looks_like_departments(["根据《工作要点》制定。2019年22家。"])
