"""A bounded load generator: a fixed number of GET requests spread over a few threads, each with its own
keep-alive connection to 127.0.0.1. It stops by itself when the requests are done (each has a timeout)."""

import http.client
import math
import threading
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"  # never anything else: this is a load generator
REQUESTS_PER_CONNECTION = 10  # see _Client


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

    @property
    def max_ms(self) -> float:
        return max(self.latencies_ms, default=math.nan)

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else math.nan


# A keep-alive connection the server has closed in the meantime fails like this on the next request.
_STALE_CONNECTION = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class _Client:
    """One thread's keep-alive connection, renewed after `requests_per_connection` requests.

    Why renew it: gunicorn gives a connection to one worker for its whole life, and a worker is one process
    (one core, because of the GIL). Eight connections opened at once split 4/4 between the two workers as
    often as 6/2 or 7/1, and a lopsided split roughly halves throughput. Kept for a whole endpoint, one such
    draw would decide that endpoint's numbers; renewed every few requests, the split is drawn again many
    times and evens out over the run.

    Reconnects when the server closed the connection, and retries once only when a reused connection turned
    out stale (a fresh connection that fails is a real failure)."""

    def __init__(self, port: int, timeout_s: float, requests_per_connection: int):
        self.port, self.timeout_s = port, timeout_s
        self.requests_per_connection = requests_per_connection
        self.connection: http.client.HTTPConnection | None = None
        self.reused = False
        self.served = 0

    def get(self, path: str, headers: dict[str, str]) -> tuple[int, float]:
        """(status, milliseconds) of one request, the body read to the end."""
        while True:
            if self.connection is not None and self.served >= self.requests_per_connection:
                self.close()
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout_s)
                self.reused, self.served = False, 0
            started = time.perf_counter()
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                response.read()
            except _STALE_CONNECTION:
                retry = self.reused
                self.close()
                if retry:
                    continue
                raise
            except Exception:
                self.close()
                raise
            elapsed_ms = (time.perf_counter() - started) * 1000
            self.served += 1
            if response.will_close:
                self.close()
            else:
                self.reused = True
            return response.status, elapsed_ms

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None


def generate_load(*, port: int, path: str, headers: dict[str, str], requests: int, concurrency: int,
                  requests_per_connection: int = REQUESTS_PER_CONNECTION, timeout_s: float = 60.0,
                  expected_status: int = 200) -> LoadResult:
    """Send `requests` GETs of `path` from `concurrency` threads; time each and count the failures."""
    result = LoadResult()
    lock = threading.Lock()
    remaining = [requests]

    def take_ticket() -> bool:
        with lock:
            if remaining[0] <= 0:
                return False
            remaining[0] -= 1
            return True

    def worker() -> None:
        client = _Client(port, timeout_s, requests_per_connection)
        try:
            while take_ticket():
                try:
                    status, elapsed_ms = client.get(path, headers)
                except Exception as exc:  # every way a request can fail is reported as a failure
                    with lock:
                        result.failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    result.latencies_ms.append(elapsed_ms)
                    if status != expected_status:
                        result.failures.append(f"HTTP {status}")
        finally:
            client.close()

    threads = [threading.Thread(target=worker, name=f"bench-load-{n}", daemon=True)
               for n in range(max(1, min(concurrency, requests)))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed_s = time.perf_counter() - started
    return result
