"""Loading many files quickly: half of them in a second process, and no cycle collection meanwhile."""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..core.problems import Problem
from .fast import load_fast
from .files import load_file, read_file, take_kept
from .kept import KeptValues, content_key
from .records import RawRecord, record_id

# From this many files to parse on, a second process parses half of them when the machine has a
# second core (about 0.3 s saved per 5 000 files; starting it costs a few milliseconds).
PARALLEL_FROM = 2000


def load_files(
    jobs: list[tuple[str, str, str]], kept: KeptValues | None = None
) -> list[tuple[RawRecord | None, list[Problem]]]:
    """``load_file`` for each (path, rel, collection), in order, with the values ``kept`` from before.

    The files ``kept`` holds are taken here first: reading and hashing them costs less than a
    helper's start and the values it would send back (a warm check of 10 000 files). Of the others,
    about half are parsed in a forked process where that is safe. It sends back plain values only;
    whatever it could not read on the fast path is read here, with its problems."""
    results: list[Any] = [None] * len(jobs)
    if kept is not None and kept.before:
        for index, job in enumerate(jobs):
            record = take_kept(*job, kept)
            if record is not None:
                results[index] = (record, [])
    todo = [index for index, result in enumerate(results) if result is None]
    if len(todo) >= PARALLEL_FROM and _can_fork():
        _load_in_two(jobs, todo, results, kept)
    else:
        for index in todo:
            results[index] = load_file(*jobs[index], kept)
    return results


def _load_in_two(
    jobs: list[tuple[str, str, str]], todo: list[int], results: list[Any], kept: KeptValues | None
) -> None:
    """``results`` at ``todo`` filled, every second of them by a forked helper.

    Dealt like cards: so each process gets half of every collection. Collections differ in size (a
    practice is four times a town): cut into a first and a second half, one process would wait long
    for the other."""
    theirs = todo[1::2]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(
        target=_load_fast_values, args=([jobs[index] for index in theirs], sender, receiver), daemon=True
    )
    helper.start()
    sender.close()
    for index in todo[::2]:
        results[index] = load_file(*jobs[index], kept)
    try:
        values: list[Any] = marshal.loads(receiver.recv_bytes())
    except (EOFError, OSError, ValueError):  # the helper died: read its files here
        values = [(b"", None)] * len(theirs)
    finally:
        receiver.close()
        helper.join()
    for index, (key, data) in zip(theirs, values, strict=True):
        path, rel, collection = jobs[index]
        if data is None:
            results[index] = load_file(path, rel, collection, kept)
        else:
            if kept is not None:
                kept.keep(key, data)
            content = key if kept is not None else None
            results[index] = (RawRecord(collection, record_id(path), rel, data, file=path, content=content), [])


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Loading makes many objects and no reference cycles: the cycle collector would only walk the
    growing heap again and again (a third of the loading time at 10 000 records).

    What was made stays (the records); afterwards it is handed to the collector as old objects,
    which it looks at only in its rare full collections. As new objects, they would all be walked
    at once by the next small collection (5 % of the loading time), and soon once more."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:  # nothing frozen by others, which this would thaw
                gc.freeze()  # every object followed by the collector, to the permanent generation,
                gc.unfreeze()  # and from there to the oldest one
            gc.enable()


def _can_fork() -> bool:
    """Forking is safe only without other threads (``mkdocs serve`` has some: it loads in one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _load_fast_values(jobs: list[tuple[str, str, str]], sender: Any, receiver: Any) -> None:
    """In the helper process: (the key of its bytes, its values) of each file the fast path reads,
    else None for the values."""
    # The copy of the receiving end this process inherited goes first: if the loader is stopped
    # meanwhile (a build that failed elsewhere while the hub's worker loaded), nobody holds it, and
    # handing over the values fails at once instead of waiting for a reader for ever.
    receiver.close()
    values = []
    for path, rel, collection in jobs:
        try:
            _, raw = read_file(path)
        except (OSError, ValueError):
            raw = None
        record = load_fast(raw, path, rel, collection) if raw is not None else None
        values.append((content_key(raw), record.data) if raw is not None and record is not None else (b"", None))
    try:
        sender.send_bytes(marshal.dumps(values))  # plain values only: marshal packs them fastest
    except BrokenPipeError:
        pass  # the loader is gone: nobody wants the values
    finally:
        sender.close()
