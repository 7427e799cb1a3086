"""What a long list shows of each row, computed once in the view instead of per tag.

A list of 50 rows with four links a row spent a third of its rendering in ``{% url %}``:
each tag resolves the pattern again. :func:`id_link` reverses the pattern once with a
marker number and fills each row's id into the same text, so the address is exactly what
``reverse(name, args=[pk])`` gives (every pattern it is used on takes one ``<int:…>``).
:func:`short` is ``|truncatechars`` without its cost for texts that are short already.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.urls import reverse
from django.utils.text import Truncator

#: A number no pattern's fixed text contains, standing for the id while reversing.
_MARKER = 918273645


def id_link(name: str) -> Callable[[int], str]:
    """``pk -> reverse(name, args=[pk])``, the pattern resolved once."""
    head, tail = reverse(name, args=[_MARKER]).split(str(_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"


def short(text: str, size: int) -> str:
    """``text|truncatechars:size``, the same text.

    The Truncator looks up the translated ellipsis and walks the text even when it is short
    enough (most names, and the empty reasons); a text of at most ``size`` characters once
    NFC-normalised is what it returns unchanged, so only longer ones go through it.
    """
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= size else Truncator(text).chars(size)
