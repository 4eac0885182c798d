"""gunicorn serving the benchmark settings on a free port of 127.0.0.1, stopped whatever happens."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
WORKERS, THREADS = 2, 4


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env["BENCH_DATABASE_URL"] = database_url
    # The repository root makes the `bench` package importable; integra itself is installed in the venv.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_DIR), env.get("PYTHONPATH", "")]))
    return env


@contextmanager
def running_gunicorn(*, database_url: str, log_path: Path, startup_timeout_s: float = 60.0) -> Iterator[int]:
    """Start gunicorn (WORKERS processes × THREADS threads), wait until it answers, yield its port."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "bench.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--threads", str(THREADS),
        "--worker-class", "gthread", "--timeout", "120", "--graceful-timeout", "10", "--log-level", "warning",
    ]
    with open(log_path, "wb") as log:
        # Its own process group: a Ctrl-C reaches this script, which then stops gunicorn in order.
        process = subprocess.Popen(command, cwd=REPO_DIR, env=server_environment(database_url), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_until_answering(process, port, log_path, startup_timeout_s)
            yield port
        finally:
            _stop(process)


def _wait_until_answering(process: subprocess.Popen, port: int, log_path: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}:\n{_tail(log_path)}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout_s:.0f} s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn finish its requests and stop its workers; its process group is killed only
    if that does not happen in time."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
