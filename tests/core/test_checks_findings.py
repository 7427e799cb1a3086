"""Every finding says where, what was printed, what it should be and why, in Chinese.

Over every finding the checks make on the real documents (corpus and held out), the seeds and
the hand-built forms of the layout tests: the cells are named, the message is Chinese and
carries the expected and the found figure, an error (arithmetic) carries both values and
they differ, and the severity is one ``docs/checks.md`` gives the code (error for a sum that
does not add up, warning for a reading, note for rounding).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.findings import SEVERITIES, Finding
from jixiao.core.money import ROUNDINGS
from jixiao.core.scoring.rules import fmt
from jixiao.ingest import extract_file
from tests.ingest.realworld.expectations import load_all, load_heldout
from tests.ingest.renderings import write_blocks
from tests.support import seed

from .test_checks_layouts import FORM

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _documented() -> dict[str, set[str]]:
    """Each code's severities, as its section of docs/checks.md states them."""
    sections = re.split(r"^## ", DOCS.read_text(encoding="utf-8"), flags=re.M)[1:]
    return {
        s.split("\n", 1)[0].strip(): set(re.findall(r"`(error|warning|note)`", s))
        for s in sections
    }


@pytest.fixture(scope="module")
def every_finding(tmp_path_factory) -> list[tuple[str, Finding]]:
    paths = [e.document for e in (*load_all(), *load_heldout())]
    paths += [seed(n) for n in ("000", "001", "002", "003", "004")]
    paths.append(write_blocks(tmp_path_factory.mktemp("form"), ".docx", FORM))
    out = [(p.name, f) for p in paths for f in run_checks(extract_file(p))]
    assert len({f.rule for _n, f in out}) >= 20  # the checks' breadth, not a handful
    return out


def _said(value: Decimal, message: str) -> bool:
    return fmt(value) in message or f"{value:f}" in message


def test_every_finding_names_its_cells_and_explains_itself_in_chinese(every_finding):
    for name, f in every_finding:
        assert f.severity in SEVERITIES, (name, f)
        assert f.where.strip() and CJK.search(f.where), (name, f)
        assert CJK.search(f.message), (name, f)
        for value in (f.expected, f.found):
            assert not isinstance(value, Decimal) or _said(value, f.message), (name, f)


def test_an_error_gives_the_expected_and_the_found_value_and_they_differ(every_finding):
    errors = [(n, f) for n, f in every_finding if f.severity == "error"]
    assert errors
    for name, f in errors:
        assert f.expected is not None and f.found is not None, (name, f)
        assert f.expected != f.found, (name, f)


def test_a_blank_cell_is_reported_as_blank_never_filled_in(every_finding):
    blanks = [f for _n, f in every_finding if f.rule == "required.blank"]
    assert blanks and all(f.found is None and f.severity == "warning" for f in blanks)


def test_a_rounding_slip_is_a_note_saying_which_rounding_gives_the_printed_figure(every_finding):
    slips = [f for _n, f in every_finding if f.rule == "rounding.slip"]
    assert len(slips) >= 2  # the 上海 report's 4.34%, the hand-built form's 执行率 4.34%
    words = {word for _mode, word in ROUNDINGS if word != "四舍五入"}
    for f in slips:
        assert f.severity == "note" and any(word in f.message for word in words), f
        assert abs(f.expected - f.found) == Decimal(1).scaleb(f.found.as_tuple().exponent)


def test_each_finding_s_severity_is_the_one_its_documentation_gives(every_finding):
    documented = _documented()
    for name, f in every_finding:
        assert f.severity in documented[f.rule], (name, f.rule, f.severity)
