"""Benchmark 1: rescore and roll up a whole province-year from the database, three ways.

The work: every system of the year in the province's tree is rescored by the core
(``score_document``: each weighted indicator by its default rule, the fund block, the total),
and per organisation — then for it together with everything below it — we sum systems,
indicators, met indicators (recomputed score equal to the weight), weights, recomputed points,
the fund block's budget and spending, and the mean system score.

- ``naive``: the plain per-row ORM loop: for each organisation, for each system,
  ``document_of(system)`` (a query per relation), ``score_document``, then each organisation walks
  up its ``parent`` chain to add itself to its ancestors.
- ``values``: the same rescoring from five ``values_list`` queries, documents built from the
  rows directly; the reference of what the core's scoring costs when the database is not the
  problem (bench code, not the app's).
- ``sql``: one SQL statement computes the same sums in the database from the points the app
  keeps at write time (``Scoring.points``, the core's points for the row, else the
  printed score): the practical limit of reading and aggregating this data.
- ``fast``: the app's ``jixiao.web.monitoring.queries.province_rollup(root, year)`` when it
  exists (task B); its own dataclass, timed as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)


@dataclass
class Figures:
    """Sums for one organisation (or one organisation and everything below it)."""

    systems: int = 0
    indicators: int = 0
    met: int = 0
    weight: Decimal = ZERO
    points: Decimal = ZERO
    budget: Decimal = ZERO
    spent: Decimal = ZERO
    score_sum: Decimal = ZERO

    def add(self, other: Figures) -> None:
        """Add ``other``'s sums to these."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def summary(self) -> dict[str, Any]:
        """The figures a report shows: counts, points, execution rate, mean score."""
        rate = self.spent / self.budget * 100 if self.budget else None
        mean = self.score_sum / self.systems if self.systems else None
        return {
            "systems": self.systems,
            "indicators": self.indicators,
            "met": self.met,
            "weight": float(round(self.weight, 2)),
            "points": float(round(self.points, 2)),
            "execution_rate": None if rate is None else float(round(rate, 2)),
            "mean_score": None if mean is None else float(round(mean, 2)),
        }


def add_sheet(fig: Figures, doc: Any, sheet: Any) -> None:
    """Add one rescored system (core Document and its ScoreSheet) to ``fig``."""
    fig.systems += 1
    for row in sheet.rows:
        fig.indicators += 1
        fig.weight += row.indicator.weight or ZERO
        points = row.recomputed or ZERO
        fig.points += points
        fig.met += points == row.indicator.weight
    fig.score_sum += sheet.recomputed_total or ZERO
    total = (
        next((r for r in doc.budget.rows if r.weight is not None), None) if doc.budget else None
    )
    if total is not None:
        fig.budget += total.adjusted or ZERO
        fig.spent += total.spent or ZERO


# --------------------------------------------------------------------------- naive


def naive(root: Any, year: int) -> dict[int, Figures]:
    """The per-row ORM loop a first version would write."""
    from jixiao.core.scoring import score_document
    from jixiao.web.adapter import document_of

    own: dict[int, Figures] = {}
    orgs = list(root.subtree())
    for org in orgs:
        fig = Figures()
        for system in org.systems.filter(year=year):
            doc = document_of(system)
            add_sheet(fig, doc, score_document(doc))
        own[org.pk] = fig
    rolled = {pk: Figures() for pk in own}
    for org in orgs:
        node = org
        while node is not None and node.pk in rolled:
            rolled[node.pk].add(own[org.pk])
            node = node.parent
    return rolled


# --------------------------------------------------------------------------- values


def values(root: Any, year: int) -> dict[int, Figures]:
    """The same rescoring from a handful of ``values_list`` queries, no model instances."""
    from jixiao.core.documents import document_from_dict
    from jixiao.core.scoring import score_document
    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import BudgetLine, Indicator, IndicatorSystem

    scope = {"system__year": year, "system__organization__path__startswith": root.path}
    systems = IndicatorSystem.objects.filter(year=year, organization__path__startswith=root.path)
    heads = list(
        systems.values_list(
            "id", "organization_id", "doc_kind", "totals", "budget_weight", "budget_score"
        )
    )
    names = [
        "id",
        "path",
        "name",
        "nature",
        "direction",
        "targets",
        "actual",
        "weight",
        "score",
        "criteria",
    ]
    inds: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in Indicator.objects.filter(**scope).order_by().values_list("system_id", *names):
        inds[row[0]].append(dict(zip(names, row[1:], strict=True)))
    budget_names = ["source", "initial", "adjusted", "spent", "rate", "weight", "score"]
    lines: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        BudgetLine.objects.filter(**scope)
        .order_by("system_id", "position")
        .values_list(
            "system_id", "source_name", "initial", "adjusted", "spent", "rate", "weight", "score"
        )
    ):
        lines[row[0]].append(dict(zip(budget_names, row[1:], strict=True)))
    own: dict[int, Figures] = defaultdict(Figures)
    for pk, org_id, kind, totals, bw, bs in heads:
        doc = document_from_dict(
            {
                "kind": kind,
                "indicators": inds.get(pk, []),
                "budget": {"rows": lines.get(pk, []), "weight": bw, "score": bs},
                "totals": totals,
            }
        )
        add_sheet(own[org_id], doc, score_document(doc))
    paths = dict(Organization.objects.filter(path__startswith=root.path).values_list("id", "path"))
    return roll_up(own, paths)


def roll_up(own: dict[int, Figures], paths: dict[int, str]) -> dict[int, Figures]:
    """Each organisation's figures plus those of everything below it, from the paths."""
    rolled = {pk: Figures() for pk in paths}
    for pk, path in paths.items():
        fig = own.get(pk)
        if fig is None:
            continue
        for ancestor in path.strip("/").split("/"):
            if int(ancestor) in rolled:
                rolled[int(ancestor)].add(fig)
    return rolled


# --------------------------------------------------------------------------- sql

SQL = {
    "sqlite": {"concat": "a.path || '%%'"},
    "postgresql": {"concat": "a.path || '%%'"},
}

SQL_TEMPLATE = """
WITH ind AS (
  SELECT s.organization_id AS org, i.weight AS weight,
    COALESCE(i.points, i.score) AS points
  FROM performance_scoring i
  JOIN performance_indicatorsystem s ON s.id = i.system_id
  JOIN orgs_organization o ON o.id = s.organization_id
  WHERE s.year = %s AND o.path LIKE %s AND i.weight IS NOT NULL
),
per_ind AS (
  SELECT org, COUNT(*) AS n, SUM(CASE WHEN points = weight THEN 1 ELSE 0 END) AS met,
         SUM(weight) AS weight, SUM(points) AS points
  FROM ind GROUP BY org
),
money AS (
  SELECT s.organization_id AS org, COUNT(DISTINCT s.id) AS systems,
         SUM(b.adjusted) AS budget, SUM(b.spent) AS spent
  FROM performance_indicatorsystem s
  JOIN orgs_organization o ON o.id = s.organization_id
  LEFT JOIN performance_budgetline b ON b.system_id = s.id AND b.weight IS NOT NULL
  WHERE s.year = %s AND o.path LIKE %s
  GROUP BY s.organization_id
)
SELECT a.id, SUM(m.systems), SUM(p.n), SUM(p.met), SUM(p.weight), SUM(p.points),
       SUM(m.budget), SUM(m.spent)
FROM orgs_organization a
JOIN orgs_organization o ON o.path LIKE {concat}
LEFT JOIN per_ind p ON p.org = o.id
LEFT JOIN money m ON m.org = o.id
WHERE a.path LIKE %s
GROUP BY a.id
"""


def sql(root: Any, year: int) -> dict[int, Figures]:
    """One SQL statement: the kept points summed, and the roll-up by path."""
    from django.db import connection

    query = SQL_TEMPLATE.format(**SQL[connection.vendor])
    like = f"{root.path}%"
    with connection.cursor() as cur:
        cur.execute(query, [year, like, year, like, like])
        rows = cur.fetchall()
    out = {}
    for pk, systems, n, met, weight, points, budget, spent in rows:
        out[pk] = Figures(
            systems=int(systems or 0),
            indicators=int(n or 0),
            met=int(met or 0),
            weight=_dec(weight),
            points=_dec(points),
            budget=_dec(budget),
            spent=_dec(spent),
        )
    return out


def _dec(value: Any) -> Decimal:
    """A sum as Decimal; SQLite's float sums rounded to the four places the columns keep."""
    return ZERO if value is None else Decimal(str(value)).quantize(Decimal("0.0001"))


# --------------------------------------------------------------------------- fast (task B)


def fast_function() -> Any:
    """The app's ``province_rollup`` if task B's module is there, else None."""
    try:
        from jixiao.web.monitoring.queries import province_rollup
    except ImportError:
        return None
    return province_rollup


def describe_fast(result: Any) -> dict[str, Any]:
    """Whatever the app's roll-up returns, summarised for the report (top-level fields)."""
    fields_of = getattr(result, "__dataclass_fields__", None)
    if not fields_of:
        return {"type": type(result).__name__}
    out: dict[str, Any] = {"type": type(result).__name__}
    for name in fields_of:
        value = getattr(result, name)
        if isinstance(value, int | float | Decimal | str) or value is None:
            out[name] = float(value) if isinstance(value, Decimal) else value
        elif isinstance(value, list | tuple | dict):
            out[name] = f"<{len(value)} items>"
    return out
