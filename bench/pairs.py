"""Two endpoints measured in one mixed load: the audited record view and the same page with the audit write left
out. Measured one after the other, the two would meet different moments of a shared machine, and the difference
would be noise; sent together, request by request, from the same connections, they meet the same moments and
what differs is the audit."""

import threading
import time

from .load import REQUESTS_PER_CONNECTION, LoadResult, _Client

# (the page as people get it, the same page without the thing whose cost is measured)
PAIRS = [("record · audited view", "record · same page, audit left out")]
LEVEL = 1.05  # "no slower": within 5 % of the page without the audit


def generate_mixed_load(*, port: int, targets: list[tuple[str, dict[str, str]]], requests: int,
                        concurrency: int, timeout_s: float = 60.0) -> list[LoadResult]:
    """`requests` GETs of each target, alternated ticket by ticket over `concurrency` keep-alive connections."""
    results = [LoadResult() for _ in targets]
    lock = threading.Lock()
    tickets = iter(range(requests * len(targets)))

    def worker() -> None:
        client = _Client(port, timeout_s, REQUESTS_PER_CONNECTION)
        try:
            while True:
                with lock:
                    ticket = next(tickets, None)
                if ticket is None:
                    return
                index = ticket % len(targets)
                path, headers = targets[index]
                try:
                    status, elapsed_ms = client.get(path, headers)
                except Exception as exc:  # every way a request can fail is reported as a failure
                    with lock:
                        results[index].failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    results[index].latencies_ms.append(elapsed_ms)
                    if status != 200:
                        results[index].failures.append(f"HTTP {status}")
        finally:
            client.close()

    threads = [threading.Thread(target=worker, name=f"bench-pair-{n}", daemon=True) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        result.elapsed_s = time.perf_counter() - started
    return results


def measure(*, port: int, endpoints, headers, requests: int, concurrency: int, warmup: int) -> list[dict]:
    by_name = {endpoint.name: endpoint for endpoint in endpoints}
    rows = []
    for measured_name, baseline_name in PAIRS:
        if measured_name not in by_name or baseline_name not in by_name:
            continue
        pair = [by_name[measured_name], by_name[baseline_name]]
        targets = [(endpoint.path, headers[endpoint]) for endpoint in pair]
        if warmup:
            generate_mixed_load(port=port, targets=targets, requests=warmup, concurrency=concurrency)
        measured, baseline = generate_mixed_load(port=port, targets=targets, requests=requests,
                                                 concurrency=concurrency)
        row = {"measured": measured_name, "baseline": baseline_name, "requests": requests,
               "failures": len(measured.failures) + len(baseline.failures)}
        for key, result in (("measured", measured), ("baseline", baseline)):
            row[f"{key}_p50_ms"] = round(result.percentile(0.50), 1)
            row[f"{key}_p95_ms"] = round(result.percentile(0.95), 1)
        row["p95_ratio"] = round(row["measured_p95_ms"] / row["baseline_p95_ms"], 3)
        row["p50_ratio"] = round(row["measured_p50_ms"] / row["baseline_p50_ms"], 3)
        row["level"] = row["p95_ratio"] <= LEVEL and row["p50_ratio"] <= LEVEL and not row["failures"]
        rows.append(row)
    return rows


def describe(row: dict) -> str:
    verdict = "level" if row["level"] else "SLOWER"
    return (f"{row['measured']} p50 {row['measured_p50_ms']} ms · p95 {row['measured_p95_ms']} ms; "
            f"{row['baseline']} p50 {row['baseline_p50_ms']} ms · p95 {row['baseline_p95_ms']} ms "
            f"(p50 ×{row['p50_ratio']}, p95 ×{row['p95_ratio']}, {row['requests']} requests each in one mixed "
            f"load): {verdict}")


def append_markdown(markdown_path, rows: list[dict]) -> None:
    if not rows:
        return
    lines = ["", "Measured together in one mixed load (the same moments of the machine for both; level = within "
                 f"{round((LEVEL - 1) * 100)} %):", *(f"- {describe(row)}" for row in rows)]
    with open(markdown_path, "a") as stream:
        stream.write("\n".join(lines) + "\n")
