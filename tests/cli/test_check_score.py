from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import seed

REALWORLD = Path(__file__).parents[1] / "ingest" / "realworld"
JIXIAO = Path(sys.executable).with_name("jixiao")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JIXIAO), *args], capture_output=True, text=True, check=False)


def test_check_prints_the_contract_findings_of_a_self_evaluation() -> None:
    result = run("check", str(seed("002")))
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert {"rule", "severity", "where", "message", "expected", "found"} <= set(findings[0])
    first = findings[0]
    assert first["message"] == "执行率印为0.00%，按全年执行/全年预算应为100.00%"
    assert (first["expected"], first["found"]) == (100, 0)


def test_score_prints_reported_and_recomputed_totals_and_explains_the_difference() -> None:
    result = run("score", str(seed("002")))
    assert result.returncode == 0, result.stderr
    sheet = json.loads(result.stdout)
    assert (sheet["reported_total"], sheet["recomputed_total"], sheet["grade"]) == (
        99,
        99.99,
        "优",
    )
    assert set(sheet["levels"]) == {"产出指标", "效果指标", "满意度指标"}
    assert [d["rule"] for d in sheet["differences"]] == ["score.budget", "score.total"]


def test_check_and_score_refuse_an_empty_file_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    for verb in ("check", "score"):
        result = run(verb, str(path))
        assert result.returncode == 2
        assert result.stdout == ""


def test_score_of_an_evaluation_report_matches_its_printed_95_09() -> None:
    result = run("score", str(seed("003")))
    assert result.returncode == 0, result.stderr
    sheet = json.loads(result.stdout)
    assert (sheet["reported_total"], sheet["recomputed_total"], sheet["grade"]) == (
        95.09,
        95.09,
        "优",
    )
    assert sheet["levels"] == {"决策": 20.1, "过程": 16.5, "产出": 33.49, "效益": 25}
    assert sheet["differences"] == []
    assert any("口径不同" in note for note in sheet["notes"])


def test_score_of_a_target_table_with_no_results_gives_no_total_and_no_grade() -> None:
    """甘孜's 绩效目标表 lists targets and weights only: nothing to score, and it says so."""
    (path,) = REALWORLD.glob("ganzi-*.txt")
    result = run("score", str(path))
    assert result.returncode == 0, result.stderr
    sheet = json.loads(result.stdout)
    assert (sheet["reported_total"], sheet["recomputed_total"], sheet["grade"]) == (None,) * 3
    assert sheet["levels"] == {"产出指标": None, "效益指标": None, "满意度指标": None}
    assert sheet["differences"] == []
    assert any("未印实际完成值和得分" in note for note in sheet["notes"])
