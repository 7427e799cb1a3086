"""Optimistic concurrency on the API: ETag out, If-Match in, 409 when stale.

Every editable object answers with ``ETag: "<version>"`` (and ``version`` in its body). A
PUT or PATCH that sends ``If-Match`` with that tag is saved only if nobody saved in between;
otherwise 409 with the stored and the sent value of each field, and nothing is saved
(:class:`jixiao.web.cycle.audit.Stale`). A write without ``If-Match`` is still accepted, for
older integrations: it overwrites, and the audit log shows what it overwrote (docs/api.md).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse

from jixiao.web.cycle.audit import etag, expected_version


def if_match(request: HttpRequest) -> int | None:
    """The version the caller last saw (its ``If-Match`` header); None when it sent none."""
    return expected_version(request.headers.get("If-Match"))


def tagged(response: HttpResponse, obj: models.Model | None, body: Any) -> Any:
    """Set the ETag of ``obj`` on the response and return ``body`` (for a one-line return)."""
    response["ETag"] = etag(obj)
    return body
