"""How the benchmark measures a process: wall time, CPU time and the peak memory of its tree.

Each build runs in its own process; wall time, CPU time (user + system, robust when other work
shares the cores) and peak memory come from that process and what it started (``MemorySampler``:
PSS over the process tree, and why).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user + system time of the build and its worker: robust when other work shares the cores
    peak_mib: float  # peak memory of the whole process tree (see MemorySampler)


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("PYTHONPATH", "SITE_URL", "REPO_URL", "GITHUB_ACTIONS"):
        env.pop(name, None)  # the copy's hook finds its own package; no real-repo paths leak in
    # mkdocs.yml has no operator contact yet and `mkdocs build` refuses without it: stand-ins
    env.setdefault("HUB_OPERATOR_EMAIL", "kontakt@bench.example")
    env.setdefault("HUB_OPERATOR_PHONE", "+49 331 0000000")
    return env


class MemorySampler(threading.Thread):
    """Peak memory of a process and every process it starts, summed, sampled every 100 ms.

    The hub's build forks a worker; the operating system's peak (max RSS) is per process, and
    adding the two peaks would count the memory they share twice. So the sampler adds up the
    proportional set size (PSS: a shared page counts as 1/n in each of the n processes that share
    it) of all processes of the tree at each moment and keeps the largest sum. For a single
    process, as in the baseline, PSS is at most its RSS. Reading it costs the kernel about 1 ms per
    250 MB and holds up the process measured: sampled more often, the measurement itself would
    slow the builds (the hub's more, as it keeps both cores busy).
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.1):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _process_tree(self.pid)))

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_kib / 1024


def _process_tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                pending += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            pass  # ended meanwhile
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to completion: its wall time, CPU time (its own and its waited-for
    children's) and the peak memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env or mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    sampler = MemorySampler(process.pid)
    sampler.start()
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    peak_mib = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)} in {cwd}\n{output.decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, max(peak_mib, 0.0))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "fehlt"

    return (
        f"{cpu}, {os.cpu_count()} Kerne{memory}; {platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"MkDocs {installed('mkdocs')}, Material {installed('mkdocs-material')}, PyYAML {installed('pyyaml')} "
        f"(libyaml: {'ja' if hasattr(__import__('yaml'), 'CSafeLoader') else 'nein'}), jsonschema-rs {installed('jsonschema-rs')}, "
        f"Pagefind {installed('pagefind-bin')}"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"
