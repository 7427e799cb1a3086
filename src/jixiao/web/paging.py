"""Long lists on pages: one page of rows at a time, and the page's links.

A province holds some 21,000 indicator systems and 170,000 monitoring checks. A page that
renders all of them (or builds a model object per row to show a hundred) takes seconds and
grows with the province; every list page shows :data:`PAGE_SIZE` rows with links to the
others, so its cost is the same for ten units or a whole province.

:func:`page_of` can fetch a page in two steps: the page's keys in the list's order (a narrow
query, or :class:`KeysByOrganization` for lists ordered by the organisation tree), then the
rows of those keys with what the template needs (:class:`Fetched`). Sorting 170,000 wide rows
(each check joined with its indicator's texts and JSON) to keep 100 is what made the
monitoring checks page slow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpRequest

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import Indicator

PAGE_SIZE = 100
#: What no list of systems shows: each system's document parts (JSON that can run to
#: kilobytes a system; decoding it for hundreds of rows was most of such a page's time).
SYSTEM_DOCUMENT = ("totals", "figures", "tasks", "disclosure", "warnings")
#: The same for indicators (their long texts and JSON) and projects (their money by kind).
INDICATOR_DOCUMENT = (
    "path", "targets", "actual", "actual_text", "deviation", "basis", "criteria", "history",
    "departments", "owners", "scoring_rule", "source",
)  # fmt: skip
PROJECT_DOCUMENT = ("available", "spent", "rates", "expenses", "source")


def page_of(
    request: HttpRequest,
    rows: Any,
    size: int = PAGE_SIZE,
    fetch: Any = None,
    param: str = "page",
) -> Page:
    """The page of ``rows`` that ``?page=`` asks for (the first, or the last when past it).

    ``param`` names the page's parameter instead of ``page`` where one address shows two
    lists, each paged on its own (the organisation page).

    ``fetch`` (a queryset of the same model, with its ``select_related``) loads the page's
    rows by key (:class:`Fetched`); ``rows`` is then a queryset (its keys are read in its
    order) or the keys themselves (:class:`KeysByOrganization`).
    """
    if fetch is not None:
        keys = rows if isinstance(rows, Sequence) else rows.values_list("pk", flat=True)
        rows = Fetched(keys, fetch)
    return Paginator(rows, size).get_page(request.GET.get(param))


class Fetched(Sequence[Any]):
    """The rows of ``keys`` in their order, loaded from ``fetch`` one slice at a time.

    A paginator (the pages' or the API's ``Mapped``) counts it and slices it like a queryset:
    the keys decide the order and the count, ``fetch`` what is loaded for the slice shown.
    """

    def __init__(self, keys: Sequence[int], fetch: Any) -> None:
        self.keys = keys
        self.fetch = fetch

    def __len__(self) -> int:
        return len(self.keys)

    def count(self) -> int:  # type: ignore[override]  # a queryset's count(), as paginators call it
        """The number of rows (the paginators ask ``count()`` of a queryset)."""
        return len(self.keys)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = list(self.keys[index])
        found = self.fetch.filter(pk__in=wanted).order_by().in_bulk()
        return [found[k] for k in wanted if k in found]


class KeysByOrganization(Sequence[int]):
    """The keys of ``rows`` in organisation-tree order, then ``order`` within each organisation.

    Sorting a province's 170,000 checks by their organisation's path to keep 100 reads and
    sorts every row on every page. Here the rows are counted per organisation (:meth:`sizes_of`,
    which the caller may cache), and a page reads the keys of only the one or two
    organisations it falls in, sorted in Python: the cost follows the size of an
    organisation, not of the province.
    """

    def __init__(
        self, rows: Any, order: Sequence[str], sizes: list[tuple[int, int]] | None = None
    ) -> None:
        self.rows = rows.order_by()
        self.order = order
        self.sizes = self.sizes_of(rows) if sizes is None else sizes

    @staticmethod
    def sizes_of(rows: Any) -> list[tuple[int, int]]:
        """``(organisation id, rows)`` for each organisation of ``rows``, in tree order."""
        counts = dict(rows.order_by().values_list("organization_id").annotate(n=Count("*")))
        paths = Organization.objects.filter(pk__in=counts).order_by("path")
        return [(pk, counts[pk]) for pk in paths.values_list("pk", flat=True)]

    def __len__(self) -> int:
        return sum(n for _, n in self.sizes)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        spans, first = [], 0  # first: the position of an organisation's first row
        for org_id, n in self.sizes:
            if first + n > start and first < stop:
                spans.append((org_id, max(start - first, 0), stop - first))
            first += n
        return self._keys(spans)

    def _keys(self, spans: list[tuple[int, int, int]]) -> list[int]:
        """The keys of each ``(organisation, from, to)`` span, read in one query, sorted here."""
        wanted = [org_id for org_id, _, _ in spans]
        rows = self.rows.filter(organization_id__in=wanted)
        by_org: dict[int, list[int]] = defaultdict(list)
        for row in sorted(rows.values_list("organization_id", *self.order, "pk")):
            by_org[row[0]].append(row[-1])  # the key last: it breaks ties
        return [key for org_id, lo, hi in spans for key in by_org[org_id][lo:hi]]


def other_pages(request: HttpRequest, param: str = "page") -> str:
    """The request's query string without ``param``, for the page links (``_pager.html``)."""
    query = request.GET.copy()
    query.pop(param, None)
    return query.urlencode()


def with_indicator_counts(page: Page) -> Page:
    """The page's indicator systems with their indicator counts (``n``), for that page only.

    ``annotate(Count("indicators"))`` on the whole list groups every indicator of the
    province (170,000) to show a hundred systems.
    """
    indicator_counts(page.object_list)
    return page


def indicator_counts(systems: Iterable[Any]) -> list[Any]:
    """``systems`` (model objects) as a list, each with its number of indicators as ``n``.

    Counted per system on the indicators' own index (``COUNT(*)`` grouped by system: an
    index-only scan), not by joining each system to its indicators and counting their keys,
    which reads every indicator row (a unit's page took 25 ms instead of 2 for this).
    """
    rows = list(systems)
    counts = dict(
        Indicator.objects.filter(system__in=[s.pk for s in rows])
        .order_by()
        .values_list("system")
        .annotate(n=Count("*"))
    )
    for system in rows:
        system.n = counts.get(system.pk, 0)
    return rows
