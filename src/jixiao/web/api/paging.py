"""Pagination of API lists: lazy per-item output, and bounded page numbers.

django-ninja's paginator slices what the route returns and counts it. A route that returns
``[out(x) for x in queryset]`` builds the output for every row (4,247 systems of a province
year, 170,000 checks) to show 50. ``Mapped`` keeps the queryset lazy: the paginator's slice
becomes ``LIMIT/OFFSET`` in SQL, the count a ``COUNT(*)``, and ``out`` runs on the page only,
so the JSON stays exactly what the list comprehension produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any, overload

from ninja import Field, Path, Query, Schema
from ninja.pagination import PageNumberPagination

from jixiao.core.bounds import YEAR_FIRST, YEAR_LAST

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 1000

#: A year as the API takes it (query, path or body): refused with 422 outside core.bounds.
Year = Annotated[int, Field(ge=YEAR_FIRST, le=YEAR_LAST, description="年度")]
#: A row's number in a body's list: refused with 422 beyond what an integer column holds
#: (SQLite would otherwise overflow on the lookup).
RowId = Annotated[int, Field(ge=1, le=2**31 - 1, description="编号")]


class Mapped(Sequence[Any]):
    """``out`` applied to the rows of ``queryset``, evaluated one slice at a time."""

    def __init__(self, queryset: Any, out: Callable[[Any], Any]) -> None:
        self.queryset = queryset
        self.out = out

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self.out(row) for row in self.queryset[index]]
        return self.out(self.queryset[index])

    def __iter__(self) -> Iterator[Any]:
        return (self.out(row) for row in self.queryset)


class Pages(PageNumberPagination):
    """ninja's page-number pagination with the page bounded.

    ``?page=9223372036854775808`` would become an SQL OFFSET no database takes (a 500); a page
    past :data:`MAX_PAGE` is refused with 422 and a Chinese message instead, and past the
    last row simply comes back empty.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从 1 开始")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="每页条数")


def year_in_path() -> Any:
    """A ``{year}`` path parameter with the same bounds as :data:`Year`.

    Parameters take ninja's own markers as defaults: with postponed annotations an alias
    such as ``Year`` is not resolved for a paginated view (its wrapper has other globals).
    """
    return Path(..., ge=YEAR_FIRST, le=YEAR_LAST, description="年度")


def year_query(default: int | None = None, *, required: bool = False) -> Any:
    """A ``?year=`` query parameter with the same bounds as :data:`Year`."""
    return Query(... if required else default, ge=YEAR_FIRST, le=YEAR_LAST, description="年度")
