"""The runner's JSON as Markdown tables for docs/benchmarks.md (between two marker comments)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "met" if value else "**missed**"
    if isinstance(value, float):
        return f"{value:,.3f}{unit}" if value < 10 else f"{value:,.1f}{unit}"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return f"{value}{unit}"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _runs(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [r for r in data["runs"] if r.get("benchmark") == name]


def machine_lines(data: dict[str, Any]) -> list[str]:
    """Where and when the figures were measured."""
    m = data["machine"]
    load = m.get("load_average")
    load_text = ", ".join(f"{x:.1f}" for x in load) if load else "–"
    merged = data.get("merged")
    parts = (
        f" (merged from {len(merged)} partial runs started {', '.join(merged)})" if merged else ""
    )
    return [
        f"Run `{data['mode']}` started {data['started']}, {data['seconds']} s in all{parts}.",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory']}; {m['os']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m.get('postgresql') or '–'}",
        f"- load average at the end (1, 5, 15 min): {load_text}",
        "",
    ]


def rollup_lines(data: dict[str, Any]) -> list[str]:
    """Benchmark 1, one row per database and size."""
    rows = []
    for r in _runs(data, "rollup"):
        s, q = r["seconds"], r["ratios"]
        g = r["goals"]
        rows.append([
            r["database"], r["units"], r["indicators"], s.get("fast"), s.get("sql"),
            s.get("values"), s.get("naive"), q.get("naive_over_fast"), q.get("fast_over_sql"),
            g.get("at_most_2s"), g.get("20x_naive"), g.get("within_3x_sql"),
        ])  # fmt: skip
    header = ["db", "units", "indicators", "app (s)", "SQL (s)", "values+core (s)", "naive (s)"]
    header += ["naive ÷ app", "app ÷ SQL", "≤ 2 s", "≥ 20× naive", "≤ 3× SQL"]
    return ["### 1. Rescoring and roll-up of the province-year", "", *_table(header, rows)]


def rescore_lines(data: dict[str, Any]) -> list[str]:
    """Benchmark 5, one row per database."""
    rows = []
    for r in _runs(data, "rescore"):
        s, q = r["seconds"], r["ratios"]
        rows.append([
            r["database"], r["units"], r["indicators"], s["set_all_change"],
            s["set_none_change"], s["per_row"], q["per_row_over_set"],
            r["agreement"]["rows_written"], r["goals"]["at_most_1s"],
        ])  # fmt: skip
    header = ["db", "units", "indicators", "set-based, all change (s)", "set-based, none (s)"]
    header += ["per row (s)", "per row ÷ set-based", "rows differing", "≤ 1 s"]
    return ["### 5. Full rescore of the province-year", "", *_table(header, rows)]


def whatif_lines(data: dict[str, Any]) -> list[str]:
    """The rule what-if: the preview against applying the same policy (per-row rescore)."""
    rows = []
    for r in _runs(data, "whatif"):
        s, check = r["seconds"], r.get("preview_equals_apply") or {}
        rows.append([
            r["database"], r["units"], r["indicators"], r["systems"], s.get("preview"),
            s.get("apply"), r["ratios"].get("apply_over_preview"), check.get("mismatches"),
            r["goals"].get("preview_at_most_1s"),
        ])  # fmt: skip
    header = ["db", "units", "indicators", "systems", "preview (s)", "apply, per-row (s)"]
    header += ["apply ÷ preview", "preview ≠ stored", "≤ 1 s"]
    return ["### Rule what-if preview of the province-year", "", *_table(header, rows)]


def extract_lines(data: dict[str, Any]) -> list[str]:
    """Benchmark 2."""
    out = ["### 2. Extraction", ""]
    for r in _runs(data, "extract"):
        seeds, t, g = r["seeds"], r["targets"], r["goals"]
        rows = [[k, v, r["seeds_warm_each"].get(k)] for k, v in seeds["first_pass"].items()]
        rows.append(["**five seeds**", seeds["first_total"], seeds["warm_total"]])
        out += _table(["seed", "first pass (s)", "warm (s)"], rows)
        out += _table(
            [
                "texts",
                "parse_target (s)",
                "goal < 1 s",
                "find_targets on sentences (s)",
                "seeds goal < 2 s",
            ],
            [
                [
                    t["texts"],
                    t["parse_target_seconds"],
                    g["targets_under_1s"],
                    t["find_targets_seconds"],
                    g["seeds_under_2s"],
                ]
            ],
        )
    return out


def export_lines(data: dict[str, Any]) -> list[str]:
    """Benchmark 3."""
    rows = []
    used = ""
    for r in _runs(data, "export"):
        s = r["seconds"]
        used = r["workbook_function"]
        rows.append(
            [
                r.get("database", ""),
                r["units"],
                r["sheets"],
                s["read"],
                s["workbook"],
                s["report"],
                s["total"],
                r["goals"]["under_10s"],
            ]
        )
    header = [
        "db",
        "units",
        "sheets",
        "read from DB (s)",
        "workbook (s)",
        "report .docx (s)",
        "total (s)",
        "< 10 s",
    ]
    return ["### 3. Province-wide export", "", f"Workbook by `{used}`.", "", *_table(header, rows)]


def pages_lines(data: dict[str, Any]) -> list[str]:
    """Benchmark 4."""
    out = ["### 4. Pages under load", ""]
    for r in _runs(data, "pages"):
        out.append(
            f"{r['users']} users for {r['seconds']} s on {r['database']} ({r['units']} units), "
            f"gunicorn with {r['gunicorn_workers']} workers; × baseline = the page's p95 over "
            "the login form's p95 in the same run."
        )
        out.append("")
        rows = [
            [
                name,
                st["requests"],
                st["failures"],
                st["median_ms"],
                st["p95_ms"],
                st["p99_ms"],
                (r.get("p95_to_baseline") or {}).get(name, "—"),
                st["rps"],
            ]
            for name, st in r["stats"].items()
            if st["requests"] and name != "window start"
        ]
        head = ["request", "count", "failures", "median ms", "p95 ms", "p99 ms", "× baseline"]
        out += _table([*head, "req/s"], rows)
        out += [", ".join(f"{k}: {_fmt(v)}" for k, v in r["goals"].items()), ""]
        out += solo_lines(r.get("solo") or {})
    return out


def solo_lines(solo: dict[str, Any]) -> list[str]:
    """Each page's service time alone: what the load test multiplies."""
    if not solo:
        return []
    rows = [
        [
            k,
            v["median_ms"],
            v.get("cpu_ms", "—"),
            v["queries"],
            v.get("repeated", "—"),
            v["sql_ms"],
        ]
        for k, v in solo.items()
    ]
    head = ["Each page alone (one request at a time, in-process, median of 5):", ""]
    columns = ["page", "ms", "CPU ms", "queries", "most repeated query", "of which SQL ms"]
    return head + _table(columns, rows)


def growth_lines(data: dict[str, Any]) -> list[str]:
    """How cost grows with the number of units, on each database."""
    rows = []
    exports = {
        (r.get("database"), r["units"]): r["seconds"]["total"] for r in _runs(data, "export")
    }
    for r in _runs(data, "rollup"):
        s = r["seconds"]
        per = (s.get("values") or 0) / r["indicators"] * 1e6 if r["indicators"] else None
        rows.append(
            [
                r["database"],
                r["units"],
                r["indicators"],
                s.get("fast"),
                s.get("sql"),
                s.get("values"),
                s.get("naive"),
                per,
                exports.get((r["database"], r["units"])),
            ]
        )
    header = [
        "db",
        "units",
        "indicators",
        "app roll-up (s)",
        "SQL (s)",
        "values+core (s)",
        "naive (s)",
    ]
    header += ["values+core µs/indicator", "export total (s)"]
    return ["### Growth with the number of units", "", *_table(header, rows)]


def error_lines(data: dict[str, Any]) -> list[str]:
    """Benchmarks that failed, with the end of their error."""
    errors = [r for r in data["runs"] if "error" in r]
    if not errors:
        return []
    out = ["### Errors", ""]
    for r in errors:
        last = r["error"].strip().splitlines()[-1:] or [""]
        out.append(f"- `{r['script']} {' '.join(r['args'])}`: {last[0]}")
    return [*out, ""]


def markdown(data: dict[str, Any]) -> str:
    """The whole summary."""
    lines = machine_lines(data)
    for part in (
        rollup_lines,
        rescore_lines,
        whatif_lines,
        extract_lines,
        export_lines,
        pages_lines,
        growth_lines,
        error_lines,
    ):
        lines += part(data)
    return "\n".join(lines).rstrip() + "\n"


def update_docs(summary: str, path: Path) -> None:
    """Replace what stands between the markers in ``path`` with ``summary``."""
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{path} has no {BEGIN} … {END} block")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{summary}{END}{tail}", encoding="utf-8")
