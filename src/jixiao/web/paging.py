"""Long lists on pages: one page of rows at a time, and the page's links.

A province holds some 21,000 indicator systems and 170,000 monitoring checks. A page that
renders all of them (or builds a model object per row to show a hundred) takes seconds and
grows with the province; every list page shows :data:`PAGE_SIZE` rows with links to the
others, so its cost is the same for ten units or a whole province.

:func:`page_of` fetches a page in two steps: the page's primary keys in the list's order with
a narrow query (the sort reads only the sort columns), then the rows of those keys with
everything the template needs. Sorting 170,000 wide rows (each check joined with its
indicator's texts and JSON) to keep 100 is what made the monitoring checks page slow.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpRequest

from jixiao.web.performance.models import Indicator

PAGE_SIZE = 100


def page_of(request: HttpRequest, rows: Any, size: int = PAGE_SIZE, fetch: Any = None) -> Page:
    """The page of ``rows`` that ``?page=`` asks for (the first, or the last when past it).

    ``fetch`` (a queryset of the same model, with its ``select_related``) loads the page's
    rows by key; without it the page's rows are read from ``rows`` directly.
    """
    if fetch is None:
        return Paginator(rows, size).get_page(request.GET.get("page"))
    page = Paginator(rows.values_list("pk", flat=True), size).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    found = fetch.filter(pk__in=keys).in_bulk()
    page.object_list = [found[k] for k in keys if k in found]
    return page


def other_pages(request: HttpRequest) -> str:
    """The request's query string without ``page``, for the page links (``_pager.html``)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def with_indicator_counts(page: Page) -> Page:
    """The page's indicator systems with their indicator counts (``n``), for that page only.

    ``annotate(Count("indicators"))`` on the whole list groups every indicator of the
    province (170,000) to show a hundred systems.
    """
    counts = dict(
        Indicator.objects.filter(system__in=[s.pk for s in page.object_list])
        .order_by()
        .values_list("system")
        .annotate(n=Count("pk"))
    )
    for system in page.object_list:
        system.n = counts.get(system.pk, 0)
    return page
