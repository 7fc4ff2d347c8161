"""A time budget for pure-Python work that may not end in reasonable time (``with time_budget(1.0)``).

In the main thread (``make check``, ``make build``'s worker, ``generate``) a real-time timer's signal
interrupts the work: no cost while it runs. Elsewhere (the preview renders in a thread of MkDocs,
where signals cannot be used) a trace function looks at the clock on every Python call: slower, but
the preview renders only what changed. Either way the work ends with ``OverBudget`` soon after the
budget is spent. Work inside one C call (a single regular expression) is not interrupted.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator


class OverBudget(BaseException):  # not Exception: no "except Exception" in the work may swallow it
    """The work took longer than its budget."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _by_timer(seconds):
            yield
    else:
        with _by_trace(seconds):
            yield


def _raise_over_budget(signum, frame) -> None:
    raise OverBudget


@contextlib.contextmanager
def _by_timer(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _raise_over_budget)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer (a test runner's time-out) runs on, less what was spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


@contextlib.contextmanager
def _by_trace(seconds: float) -> Iterator[None]:
    deadline = time.monotonic() + seconds
    clock = time.monotonic

    def watch(frame, event, arg):
        if clock() > deadline:
            raise OverBudget
        return None  # no tracing of lines: calls only

    outer = sys.gettrace()
    if outer is not None:  # a debugger or coverage is tracing: leave it be, without a budget
        yield
        return
    sys.settrace(watch)
    try:
        yield
    finally:
        sys.settrace(None)
