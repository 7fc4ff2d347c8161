"""Work on two cores: part of a list handed to a forked helper process.

Forking is safe only where the process has no other threads (``mkdocs serve`` loads in one) and the
machine has a second core. The helper inherits everything the work needs (nothing is pickled) and
sends back plain values (marshal packs them fastest). Should it fail, its items are worked here.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# The helper takes every second block of this many items: each process gets some of every kind of
# item (they differ in cost), and the helper touches, and so copies, about half of the parent's memory
# (every second item would touch every page, all of them copied on first write).
BLOCK = 256


def can_fork() -> bool:
    """Whether a forked helper is safe and would run beside this process."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def in_two(items: list[T], work: Callable[[T], Any]) -> list[Any]:
    """``[work(item) for item in items]``, every second block of items worked by a forked helper;
    ``work`` must return plain values (marshal), the same in either process."""
    blocks = [range(start, min(start + BLOCK, len(items))) for start in range(0, len(items), BLOCK)]
    mine = [index for block in blocks[::2] for index in block]
    theirs = [index for block in blocks[1::2] for index in block]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(target=_work_theirs, args=(items, theirs, work, sender, receiver), daemon=True)
    helper.start()
    sender.close()
    results: list[Any] = [None] * len(items)
    sent: Any = None
    try:
        for index in mine:
            results[index] = work(items[index])
        sent = marshal.loads(receiver.recv_bytes())
    except (EOFError, OSError, ValueError):
        pass  # the helper failed: its items are worked below
    except BaseException:
        helper.terminate()  # stopped here (Ctrl-C): its work is not wanted
        raise
    finally:
        receiver.close()
        helper.join()
    if not (isinstance(sent, list) and len(sent) == len(theirs)):
        sent = [work(items[index]) for index in theirs]
    for index, result in zip(theirs, sent, strict=True):
        results[index] = result
    return results


def _work_theirs(items: list[Any], theirs: list[int], work: Callable[[Any], Any], sender: Any, receiver: Any) -> None:
    # The inherited receiving end goes first: if the loader is stopped meanwhile, nobody holds it,
    # and the sending fails at once instead of waiting for a reader for ever.
    receiver.close()
    try:
        sender.send_bytes(marshal.dumps([work(items[index]) for index in theirs]))
    except (Exception, KeyboardInterrupt):  # noqa: BLE001
        pass  # the loader is gone, or Ctrl-C (it says so), or it works these items again and reports the fault
    finally:
        sender.close()
