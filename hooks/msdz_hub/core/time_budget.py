"""A time budget for pure-Python work that may not end in reasonable time (``with time_budget(1.0)``).

The budget is processor time, not time on the clock: the same text gets the same verdict on a busy
machine (a shared CI runner, a laptop compiling something else) as on an idle one. In the main
thread (``make check``, ``make build``'s worker, ``generate``) a profiling timer's signal
interrupts the work: no cost while it runs. Elsewhere (the preview renders in a thread of MkDocs,
where signals cannot be used) a trace function looks at the thread's processor time on every Python
call: slower, but the preview renders only what changed. Either way the work ends with
``OverBudget`` soon after the budget is spent. Work inside one C call (a single regular expression)
is not interrupted.
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
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "ITIMER_PROF"):
        with _by_timer(seconds):
            yield
    else:
        with _by_trace(seconds):
            yield


def _raise_over_budget(signum, frame) -> None:
    raise OverBudget


@contextlib.contextmanager
def _by_timer(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGPROF, _raise_over_budget)
    outer, _ = signal.setitimer(signal.ITIMER_PROF, seconds)
    started = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if outer:  # someone else's profiling timer runs on, less what was spent here
            signal.setitimer(signal.ITIMER_PROF, max(outer - (time.process_time() - started), 0.001))


@contextlib.contextmanager
def _by_trace(seconds: float) -> Iterator[None]:
    clock = time.thread_time
    deadline = clock() + seconds

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
