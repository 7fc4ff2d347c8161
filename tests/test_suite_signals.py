"""The suite's own set-up: what the processes the tests start inherit from the shell that ran pytest."""

from __future__ import annotations

import signal
import subprocess
import sys

from support import ROOT

# Imports the suite's conftest as pytest does, then reports whether a process it starts ignores Ctrl-C
# (bit 2 of SigIgn in /proc/PID/status is SIGINT).
_CHILD_IGNORES_CTRL_C = """
import subprocess, sys
sys.path.insert(0, "tests")
import conftest  # noqa: F401
child = subprocess.run(["sh", "-c", "grep SigIgn /proc/self/status"], capture_output=True, text=True, check=True)
print(bool(int(child.stdout.split()[1], 16) & (1 << (2 - 1))))
"""


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_processes_started_by_the_tests_stop_on_ctrl_c_even_when_pytest_was_started_in_the_background():
    # As `pytest &` from a shell: SIGINT ignored in pytest. The serve tests stop `make serve` with
    # SIGINT; an inherited SIG_IGN made them wait for ever (a landing run hung in test_serve_code).
    result = subprocess.run(
        [sys.executable, "-c", _CHILD_IGNORES_CTRL_C],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_ignore_ctrl_c,
        check=True,
    )
    assert result.stdout.strip() == "False", result.stdout + result.stderr
