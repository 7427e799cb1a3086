from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_api_route_has_a_heading_in_docs_api_md() -> None:
    spec = Client().get("/api/openapi.json").json()
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (GET|POST|PUT|PATCH|DELETE) (\S+)", text, re.M))
    served = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert served <= documented, sorted(served - documented)


def test_every_screenshot_in_the_cycle_guide_exists() -> None:
    text = (DOCS / "cycle.md").read_text(encoding="utf-8")
    images = re.findall(r"\]\((img/[^)]+)\)", text)
    assert images and all((DOCS / i).is_file() for i in images)
