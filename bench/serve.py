"""`mkdocs serve` as `make serve` runs it: the time until it first serves a record page, and from
saving that record's data file until the page is served with the change."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import synthetic
from measure import mkdocs_env
from projects import REPO, copy_repo

# `mkdocs serve` with the options `make serve` gives it.
SERVE_OPTIONS = (
    re.search(r"^SERVE_OPTIONS := (.+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def serve_latency(workdir: Path, edits: int, n: int | None = None) -> tuple[float, list[float]]:
    """Seconds until `mkdocs serve` first serves a record page, and from saving that record's data
    file (a new title) until the page is served with it: the real hub, or ``n`` synthetic records."""
    root = workdir / f"serve-{n or 'hub'}"
    copy_repo(root, with_data=n is None)
    if n is not None:
        synthetic.generate(root, n)
    record = sorted((root / "data" / "practices").glob("*.yml"))[0]
    url = f"/praxisbeispiele/{record.stem}/"
    port = free_port()
    env = dict(mkdocs_env(), SITE_URL=f"http://127.0.0.1:{port}/")
    command = [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "--dev-addr", f"127.0.0.1:{port}"]
    log = (workdir / f"serve-{n or 'hub'}.log").open("wb")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    latencies = []
    try:
        while fetch(port, url)[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 900:
                raise RuntimeError(f"mkdocs serve did not start; see {log.name}")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        original = record.read_text(encoding="utf-8")
        for edit in range(edits):
            marker = f"Messpunkt {edit} {time.time_ns()}"
            changed = re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.MULTILINE)
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            record.write_text(changed, encoding="utf-8")
            saved = time.perf_counter()
            while marker not in fetch(port, url)[1]:
                if time.perf_counter() - saved > 120 or server.poll() is not None:
                    raise RuntimeError(f"edit not served within 120 s; see {log.name}")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - saved)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs shuts down and the hook cleans up
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return startup, latencies
