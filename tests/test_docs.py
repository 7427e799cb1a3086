"""Docs tests (datasette's idea): every CLI verb has its heading in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.cli import _parser

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_cli_command_is_documented() -> None:
    headings = set(re.findall(r"^## (\S+)", (DOCS / "cli.md").read_text(encoding="utf-8"), re.M))
    sub = next(a for a in _parser()._actions if a.dest == "command")
    assert set(sub.choices) <= headings
