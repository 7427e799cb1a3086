"""Rescoring: each indicator's points and typed inputs (``Scoring``), and the systems' totals.

The roll-ups (dashboards, rankings, the incentive pool, the benchmark) read each system's
stored total (``IndicatorSystem.score_total``) and each row's stored points; rescoring every
row in Python per request costs seconds. So both are recomputed where an indicator's inputs
change (import, a final result, a tree edit, an evaluation), through the adapter
(:mod:`jixiao.web.adapter`), the one place models meet the core, which stores the row's
points and scoring inputs as typed columns on its narrow ``Scoring`` row.

A full rescore (:func:`rescore_all`: ``jixiao rescore``, a change of the scoring rules) is
set-based over those narrow rows: one ``UPDATE … CASE`` per rule kind the columns express
(:mod:`.rescore_sql`), the core for the rest (checklists, per-step deductions, figures the
columns cannot hold exactly, rows never scored), then the totals by the core's one definition
(:func:`jixiao.core.scoring.scores.sum_parts`, the province's policy stage included)
from the stored points (:mod:`.totals`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from jixiao.core.scoring.criteria import per_step_rule
from jixiao.web.adapter import (
    SCORING_FIELDS,
    policy_of,
    rates_of,
    save_scorings,
    score_row,
    store_score,
)
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import Indicator, IndicatorSystem, RuleKind, Scoring
from jixiao.web.performance.rescore_sql import IN_SQL, INTEGER_KINDS, MAX_WEIGHT, statements
from jixiao.web.performance.totals import store_totals
from jixiao.web.rules.policies import bound_scope


def rescore(indicator: Indicator) -> None:
    """Set the row's points and typed inputs from its current fields, save them, store the total.

    The caller has saved the row's other fields; run inside the caller's transaction.
    """
    indicator.scoring = score_row(indicator)
    save_scorings([indicator.scoring])
    store_score(indicator.system)


def rescore_many(indicators: Iterable[Indicator]) -> int:
    """Rescore rows (of any systems) with the core and write the changed ones back; how many.

    The per-row way: each row becomes a core object and is scored. :func:`rescore_all` calls
    it only for the rows the typed columns cannot score (and rows not scored yet). Pass the
    rows with ``select_related("system", "scoring")``.
    """
    return len(_rescore_rows(indicators))


def _rescore_rows(indicators: Iterable[Indicator]) -> list[int]:
    """:func:`rescore_many`'s work; the system of each row it wrote (their totals move)."""
    by_system: dict[int, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_system[ind.system_id].append(ind)
    changed: list[Scoring] = []
    moved: list[int] = []
    for system_id, rows in by_system.items():
        needs = any(per_step_rule(r.criteria) is not None for r in rows)
        rates = rates_of(rows[0].system) if needs else {}
        policy = policy_of(rows[0].system)  # the province's partial-credit bands
        for ind in rows:
            new = score_row(ind, rates, policy)
            if _values(getattr(ind, "scoring", None)) != _values(new):
                changed.append(new)
                moved.append(system_id)
    if changed:
        save_scorings(changed)
        bump()  # bulk writes send no signals
    return moved


def _values(scoring: Scoring | None) -> tuple[object, ...] | None:
    return None if scoring is None else tuple(getattr(scoring, f) for f in SCORING_FIELDS)


def rescore_systems(systems: QuerySet, batch: int = 200, log: Any = None) -> int:
    """The per-row full rescore of ``systems``, in batches of systems; rows changed.

    Kept as the reference the set-based :func:`rescore_all` is measured and tested against.
    """
    ids = list(systems.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = Indicator.objects.filter(system_id__in=chunk)  # a system is read only if needed
        with transaction.atomic():
            changed += rescore_many(
                rows.select_related("system", "scoring").order_by("system_id", "position")
            )
            for system in IndicatorSystem.objects.filter(pk__in=chunk).select_related(
                "organization"
            ):
                store_score(system)
        if log is not None:
            log(min(start + batch, len(ids)), len(ids), changed)
    return changed


def rescore_all(systems: QuerySet, every_total: bool = False) -> dict[str, int]:
    """Rescore every indicator of ``systems`` set-based, then store their totals; counts.

    One transaction: readers see the old scores or the new ones, never a mixture. The
    statements score the systems the ministry's rules bind; a province's own variants
    (its partial-credit bands) leave its systems' rows to the core (``policy``). Returns
    the rows written by each rule kind's statement, by the core (``core``, ``policy``) and
    the totals that changed (``totals``).

    A total is a function of its system's points, frame and policy: under the ministry's
    rules (fixed in code) only the systems with a row whose points moved get a new one; the
    systems a province's variants bind always do (their caps or bands may have changed with
    no point moving). ``every_total`` adds up every system's again (``rescore --all-totals``:
    repairing totals written around the app).
    """
    bound = bound_scope()
    ids = systems.exclude(bound).order_by().values("pk")
    counts: dict[str, int] = {}
    moved: set[int] = set()
    with transaction.atomic():
        scope, params = ids.query.sql_with_params()
        with connection.cursor() as cur:
            table = connection.ops.quote_name(Scoring._meta.db_table)
            for kind, sql, extra in statements(table, IN_SQL % scope):
                cur.execute(sql, [*extra, *params])
                written = [row[0] for row in cur.fetchall()]
                counts[kind] = len(written)
                moved.update(written)
        rest = Indicator.objects.filter(system_id__in=ids).filter(by_core())
        by_core_rows = _rescore_rows(_with_scoring(rest))
        counts[RuleKind.CORE] = len(by_core_rows)
        moved.update(by_core_rows)
        own = Indicator.objects.filter(system__in=systems.filter(bound).order_by().values("pk"))
        counts["policy"] = rescore_many(_with_scoring(own))
        totalled = systems if every_total else systems.filter(Q(pk__in=moved) | bound)
        counts["totals"] = store_totals(totalled)
        bump()  # raw statements send no signals: the dashboards' roll-ups must go
    return counts


def by_core() -> Q:
    """The indicators no statement scores: never scored, or weighted and not of a kind they do.

    A statement scores none of kind ``core`` or not yet typed, nor an integer kind's odd weight.
    """
    return Q(scoring__isnull=True) | Q(scoring__weight__isnull=False) & (
        Q(scoring__rule_kind__in=["", RuleKind.CORE])
        | Q(scoring__rule_kind__in=INTEGER_KINDS, scoring__weight__gt=MAX_WEIGHT)
    )


def _with_scoring(rows: QuerySet) -> QuerySet:
    return rows.select_related("system", "scoring").order_by("pk")
