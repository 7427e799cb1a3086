from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_every_screenshot_in_the_monitoring_guide_exists() -> None:
    text = (DOCS / "monitoring.md").read_text(encoding="utf-8")
    images = re.findall(r"\]\((img/[^)]+)\)", text)
    assert len(images) >= 4 and all((DOCS / i).is_file() for i in images)


def test_the_guide_names_every_light_and_the_default_thresholds() -> None:
    from jixiao.web.monitoring.models import Light

    text = (DOCS / "monitoring.md").read_text(encoding="utf-8")
    assert all(str(label) in text for label in Light.labels)
    assert "60%" in text and "80%" in text
