"""Lazy per-item output for paginated API lists.

django-ninja's paginator slices what the route returns and counts it. A route that returns
``[out(x) for x in queryset]`` builds the output for every row (4,247 systems of a province
year, 170,000 checks) to show 50. ``Mapped`` keeps the queryset lazy: the paginator's slice
becomes ``LIMIT/OFFSET`` in SQL, the count a ``COUNT(*)``, and ``out`` runs on the page only,
so the JSON stays exactly what the list comprehension produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload


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
