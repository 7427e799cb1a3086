"""Shared fixtures: the seed and sample documents as real files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' wall-clock deadline (200 ms per example) fails property tests at random on a
# loaded two-core CI machine; time limits that matter are asserted by the dedicated parser
# fuzz tests, which measure each input themselves.
settings.register_profile("jixiao", deadline=None)
settings.load_profile("jixiao")


@pytest.fixture
def doc_text(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Write the test's docstring to a .txt file: messy input beside the assertion."""
    text = request.function.__doc__ or ""
    lines = text.split("\n")
    indent = min((len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()), default=0)
    body = "\n".join([lines[0], *(x[indent:] for x in lines[1:])]).strip("\n")
    path = tmp_path / "doc.txt"
    path.write_text(body + "\n", encoding="utf-8")
    return path
