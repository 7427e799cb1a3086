"""Which bureau a document's head names, compared by the most specific place (#16)."""

from __future__ import annotations

import pytest

from jixiao.core.bureaus import named_place, other_bureau, place_units


@pytest.mark.parametrize(
    ("name", "units"),
    [
        ("湖南省张家界市慈利县市场监督管理局", ["湖南省", "张家界市", "慈利县"]),
        ("慈利县市场监管局", ["慈利县"]),
        ("郑州市市场监督管理局", ["郑州市"]),
        ("广州市天河区市场监督管理局", ["广州市", "天河区"]),
        ("湘西土家族苗族自治州市场监督管理局", ["湘西土家族苗族自治州"]),
        ("阿里地区市场监督管理局", ["阿里地区"]),
        ("未命名单位", []),
    ],
)
def test_a_bureau_name_starts_with_its_places(name: str, units: list[str]) -> None:
    assert place_units(name) == units


def test_the_head_names_a_place_by_the_organisation_else_by_the_title() -> None:
    assert named_place("湖南省张家界市慈利县市场监督管理局", "") == "慈利县"
    assert named_place(None, "湖南省市场监督管理局 2023年度专项资金 部门评价报告") == "湖南省"
    assert named_place(None, "关于印发2021年工作目标的通知") is None
    assert named_place(None, "2023年度慈利县市场监督管理局部门评价报告") == "慈利县"
    assert named_place(None, "关于桑植县市场监管局的报告") == "桑植县"
    assert named_place(None, "部门整体支出绩效自评表") is None


@pytest.mark.parametrize(
    ("organization", "title", "chosen", "other"),
    [
        (
            "韶关市市场监督管理局",
            "部门整体支出绩效自评表",
            "慈利县市场监督管理局",
            "韶关市市场监督管理局",
        ),
        (None, "慈利县市场监管局2024年度部门整体支出绩效自评表", "慈利县市场监督管理局", None),
        (
            "湖南省张家界市慈利县市场监督管理局",
            "",
            "湖南省市场监督管理局",
            "湖南省张家界市慈利县市场监督管理局",
        ),
        ("湖南省市场监督管理局", "", "湖南省市场监督管理局", None),
        (None, "桑植县市场监督管理局2024年工作目标", "慈利县市场监督管理局", "桑植县"),
        (None, "2021年工作目标", "慈利县市场监督管理局", None),  # names none: not judged
        ("韶关市市场监督管理局", "", "未命名单位", None),  # the chosen one has no place
    ],
)
def test_another_bureau_is_reported_only_when_the_head_names_one(
    organization: str | None, title: str, chosen: str, other: str | None
) -> None:
    assert other_bureau(organization, title, chosen) == other


def test_a_title_drops_a_leading_unit_name_only_when_it_names_the_unit_again() -> None:
    from jixiao.core.bureaus import title_without_repeated_name

    unit = "湖南省市场监督管理局"
    repeated = f"{unit} 2023年度{unit}专项资金 部门评价报告"
    assert title_without_repeated_name(repeated, unit) == f"2023年度{unit}专项资金 部门评价报告"
    once = f"{unit}2023年度专项资金部门评价报告"
    assert title_without_repeated_name(once, unit) == once
    assert title_without_repeated_name(once, None) == once
