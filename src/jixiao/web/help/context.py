"""Template context: ``help_url``, the guide section for the page being shown (header link)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from jixiao.web.help.guide import INDEX, page_url
from jixiao.web.help.topics import split, topic_for


def help_link(request: HttpRequest) -> dict[str, Any]:
    """Expose ``help_url`` to every page: its section of the guide, else the contents."""
    match = getattr(request, "resolver_match", None)  # absent on errors before URL resolution
    page, anchor = split(topic_for(match.url_name if match else None) or INDEX)
    return {"help_url": page_url(reverse("help_index"), page, anchor)}
