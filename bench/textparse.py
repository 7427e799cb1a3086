"""Targets and results as the app stores them, parsed by the core once per distinct text.

The generator writes hundreds of thousands of cells; most differ only in the number, so the
parse of one probe number per unit is reused with the value replaced (the parser's answer for
``<number><unit>`` does not depend on the number), and every other text is parsed once.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.core.documents import plain


@lru_cache(maxsize=200_000)
def parsed(text: str, direction: str = "") -> tuple[dict[str, Any], ...]:
    """``text`` read by the core's target parser, as the app stores it (contract dicts)."""
    from jixiao.web.cycle.parsing import parse_text

    return tuple(parse_text(text, direction or None))


@lru_cache(maxsize=256)
def _probe(form: str, unit: str, direction: str) -> tuple[dict[str, Any], Decimal]:
    """The parse of ``form`` with a probe number once, and the factor its unit applies (万 → 10⁴)."""
    probe = Decimal(987654)
    (target,) = parsed(form.format(n=probe, u=unit), direction)
    return target, Decimal(str(target["value"])) / probe


def parsed_form(
    form: str, value: Decimal, unit: str, direction: str = ""
) -> tuple[str, list[dict[str, Any]]]:
    """Text ``form`` filled with ``value`` and ``unit``, and its parse by the core.

    The parse of one probe number per form is reused with the value replaced: ``不少于{n}家``
    reads the same whatever the number, so the parser runs once per form, not per cell.
    A form without ``{n}`` (``100%``) is parsed as it stands.
    """
    text = form.format(n=value, u=unit)
    if "{n}" not in form:
        return text, list(parsed(text, direction))
    target, factor = _probe(form, unit, direction)
    return text, [{**target, "raw": text, "value": plain(value * factor)}]


def parsed_number(value: Decimal, unit: str) -> tuple[str, list[dict[str, Any]]]:
    """``<value><unit>`` as a result is typed (``120户次``, ``98.5%``) and its parse."""
    return parsed_form("{n}{u}", value, unit)


def with_words(targets: Any) -> list[dict[str, Any]]:
    """Targets as the results grid stores them: each with its description in words."""
    from jixiao.web.cycle.parsing import describe_target

    return [{**t, "words": describe_target(t)} for t in targets]
