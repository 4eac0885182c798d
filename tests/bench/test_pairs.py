"""The paired measurement sends both pages in one mixed load, alternately, and compares like with like."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

import pytest

from bench import pairs


class _Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Pages.seen.append(self.path)
        status = 500 if self.path == "/broken/" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class _Endpoint(NamedTuple):
    name: str
    path: str


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Pages.seen = []
    yield httpd.server_address[1]
    httpd.shutdown()


def test_mixed_load_alternates_the_two_pages_and_times_each(server):
    audited, plain = pairs.generate_mixed_load(port=server, targets=[("/audited/", {}), ("/plain/", {})],
                                               requests=12, concurrency=3)
    assert len(audited.latencies_ms) == len(plain.latencies_ms) == 12
    assert not audited.failures and not plain.failures
    assert _Pages.seen.count("/audited/") == _Pages.seen.count("/plain/") == 12
    # Interleaved, not one block after the other: both pages appear in the first half of the requests.
    assert {"/audited/", "/plain/"} <= set(_Pages.seen[:12])


def test_a_pair_is_level_only_within_the_margin_and_without_failures(server):
    endpoints = [_Endpoint(pairs.PAIRS[0][0], "/audited/"), _Endpoint(pairs.PAIRS[0][1], "/broken/")]
    headers = {e: {} for e in endpoints}
    [row] = pairs.measure(port=server, endpoints=endpoints, headers=headers, requests=6, concurrency=2, warmup=0)
    assert row["failures"] == 6 and row["level"] is False
    assert "SLOWER" in pairs.describe(row)
