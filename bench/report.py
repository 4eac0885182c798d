"""The results: one table on the terminal, and var/bench/results.json and results.md for the record."""

import json
import math
from pathlib import Path

TARGET_P95_MS = 100.0
COLUMNS = ["endpoint", "p50 ms", "p95 ms", "max ms", "req/s", "queries", "p95 target"]


def endpoint_row(endpoint, load, queries: int | None, failures: list[str]) -> dict:
    """One endpoint's results: latencies from the load, queries from the in-process request."""
    p95 = load.percentile(0.95) if load else math.nan
    return {
        "name": endpoint.name, "path": endpoint.path, "as": endpoint.who,
        "p50_ms": _round(load.percentile(0.50)) if load else None, "p95_ms": _round(p95),
        "max_ms": _round(load.max_ms) if load else None,
        "requests_per_s": _round(load.requests_per_s, 1) if load else None,
        "requests": len(load.latencies_ms) if load else 0, "queries": queries,
        "failures": len(failures), "failure_examples": sorted(set(failures))[:5],
        "over_target": bool(p95 > TARGET_P95_MS),
    }


def _round(value: float, digits: int = 1):
    return None if value is None or math.isnan(value) else round(value, digits)


def _cells(row: dict) -> list[str]:
    def number(value, pattern="{:.1f}"):
        return "—" if value is None else pattern.format(value)

    verdict = "FAILED" if row["failures"] else ("OVER" if row["over_target"] else "ok")
    return [row["name"], number(row["p50_ms"]), number(row["p95_ms"]), number(row["max_ms"]),
            number(row["requests_per_s"]), number(row["queries"], "{}"), verdict]


def text_table(rows: list[dict]) -> str:
    body = [COLUMNS] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in body) for i in range(len(COLUMNS))]

    def line(cells):
        # The endpoint name left-aligned, the numbers right-aligned.
        return " | ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                          for i, (cell, width) in enumerate(zip(cells, widths, strict=True)))

    return "\n".join([line(body[0]), "-+-".join("-" * w for w in widths), *(line(cells) for cells in body[1:])])


def markdown_table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) - 1)) + "|"]
    for row in rows:
        cells = _cells(row)
        cells[0] = f"{row['name']} <br>`{row['path']}` · {row['as']}"
        if cells[-1] != "ok":
            cells[-1] = f"**{cells[-1]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_results(directory: Path, stem: str, run: dict, rows: list[dict]) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, markdown_path = directory / f"{stem}.json", directory / f"{stem}.md"
    json_path.write_text(json.dumps({**run, "target_p95_ms": TARGET_P95_MS, "endpoints": rows}, indent=2) + "\n")
    dataset = ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in run["dataset"].items())
    over = [row["name"] for row in rows if row["over_target"]]
    failed = [f"{row['name']}: {', '.join(row['failure_examples'])}" for row in rows if row["failures"]]
    markdown = [
        f"# INTEGRA benchmark — {run['generated_at']}", "",
        f"- Database: {run['database']['vendor']} `{run['database']['name']}`",
        f"- Dataset: {dataset}",
        f"- Server: {run['server']}; load: {run['load']['concurrency']} concurrent keep-alive connections, "
        f"{run['load']['warmup']} warm-up then {run['load']['requests']} measured requests per endpoint",
        f"- Target: p95 ≤ {TARGET_P95_MS:.0f} ms. Queries: one request in-process with django.test.Client, "
        "after a warm-up request.", "",
        markdown_table(rows), "",
    ]
    if over:
        markdown.append(f"Over the p95 target: {', '.join(over)}.")
    if failed:
        markdown += ["", "Failed requests:", *(f"- {line}" for line in failed)]
    markdown_path.write_text("\n".join(markdown) + "\n")
    return json_path, markdown_path
