"""What the scheduled commands (run daily from cron) share: the day they compute for.

``--today`` lets an operator replay a missed day or test a deadline; a bad date is refused
in Chinese, naming what was typed (cut to a sane length), before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone


def add_today(parser: Any) -> None:
    """Add ``--today YYYY-MM-DD`` to a command's parser."""
    parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")


def today_of(options: dict[str, Any]) -> date:
    """The ``--today`` date, or Beijing's today when none was given."""
    text = options.get("today")
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text[:20])
    except ValueError:
        raise CommandError(f"--today 应为日期（如2024-07-15），现为「{text[:20]}」。") from None
