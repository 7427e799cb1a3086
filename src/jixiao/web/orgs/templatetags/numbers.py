"""Template filters every page shares: how a score is printed.

Registered as a template builtin (settings.TEMPLATES), so no page needs to ``{% load %}`` it
and there is exactly one way to print a score (#18: "7.6200" on the evaluation page).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from jixiao.core.money import round_half_up

register = template.Library()


@register.filter
def points(value: object) -> str:
    """A score, total or weight with two decimals, as the bureaus' forms print it ('' for none).

    The database keeps four places so that sums stay exact; the forms show two (7.62, 99.43).
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
        return f"{round_half_up(number, 2):f}"
    except (InvalidOperation, ValueError):  # not a number, or one no form could print (1e30)
        return str(value)
