from __future__ import annotations

import subprocess
import sys
from pathlib import Path

JIXIAO = Path(sys.executable).with_name("jixiao")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JIXIAO), *args], capture_output=True, text=True, check=False)


def test_help_lists_the_verbs_of_the_contract() -> None:
    result = run("--help")
    assert result.returncode == 0
    for verb in ("extract", "parse-target", "check", "export", "score", "serve", "demo"):
        assert verb in result.stdout


def test_a_missing_file_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "不存在" in result.stderr


def test_an_unsupported_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.dps"  # a WPS presentation
    path.write_text("a,b\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.returncode == 2 and "不支持" in result.stderr and result.stdout == ""


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run("check", str(path))
    assert result.returncode == 2 and "为空" in result.stderr
