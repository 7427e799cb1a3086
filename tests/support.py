"""Paths of the real documents the tests read (copied unchanged from the bureaus' files)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "demo_data"
SEEDS = DATA / "seeds"
SAMPLES = DATA / "samples"


def seed(prefix: str) -> Path:
    """Return the seed file whose name starts with ``prefix`` (e.g. ``"000"``)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def sample(name: str) -> Path:
    """Return a sample document by (part of) its file name."""
    (path,) = SAMPLES.glob(f"*{name}*.txt")
    return path
