"""Demo: a filed disclosure report expanded into the register that would have produced it.

The demo loader calls :func:`load_register` for each imported ``disclosure_report``: the
report's table 三 becomes individual requests (``core.disclosure_register.expand_requests``,
deterministic), table 四 review cases, table 二 proactive counts, so the register page of that
bureau and year reproduces the imported report cell for cell.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from jixiao.core import disclosure_register as reg
from jixiao.core.documents import Document
from jixiao.web.disclosure.models import InfoRequest, ProactiveCount, ReviewCase
from jixiao.web.orgs.models import Organization


def channels_of(doc: Document) -> dict[str, int]:
    """The channels the report's prose names (其中网络申请20件，信函受理9件)."""
    prefix = "依申请:渠道/"
    return {
        f.name.removeprefix(prefix): int(f.value)
        for f in doc.figures
        if f.name.startswith(prefix) and f.value is not None
    }


@transaction.atomic
def load_register(doc: Document, org: Organization) -> int:
    """Replace ``org``'s register for ``doc.year`` by the expansion of ``doc``; requests made."""
    if doc.disclosure is None or doc.year is None:
        return 0
    year = doc.year
    InfoRequest.objects.filter(organization=org, received__year=year).delete()
    ProactiveCount.objects.filter(organization=org, year=year).delete()
    ReviewCase.objects.filter(organization=org, year=year).delete()
    records = reg.expand_requests(doc.disclosure.requests, year, channels_of(doc))
    InfoRequest.objects.bulk_create(
        InfoRequest(
            organization=org,
            ref=r.ref,
            received=r.received,
            channel=_channel(r.channel),
            applicant_type=r.applicant,
            content="（演示数据，由年度报告表三展开）",
            outcome=r.outcome,
            replied=r.replied,
        )
        for r in records
    )
    ReviewCase.objects.bulk_create(
        ReviewCase(organization=org, year=year, group=c.group, result=c.result)
        for c in reg.expand_reviews(doc.disclosure.reviews)
    )
    ProactiveCount.objects.bulk_create(_proactive_cells(doc, org, year))
    return len(records)


def _channel(name: str) -> str:
    from jixiao.web.disclosure.models import Channel

    known = {c.value: c.value for c in Channel} | {
        "信函": Channel.LETTER,
        "网上申请": Channel.ONLINE,
    }
    return known.get(name, Channel.OTHER)


def _proactive_cells(doc: Document, org: Organization, year: int) -> list[ProactiveCount]:
    cells = []
    for row in doc.disclosure.proactive if doc.disclosure else []:
        units = row.get("units") or {}
        for column, value in row.items():
            if column in ("block", "item", "units") or not isinstance(value, Decimal | int):
                continue
            cells.append(
                ProactiveCount(
                    organization=org,
                    year=year,
                    item=str(row["item"]),
                    column=column,
                    value=Decimal(value),
                    unit=units.get(column, ""),
                )
            )
    return cells
