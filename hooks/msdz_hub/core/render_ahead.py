"""The Markdown fields of a whole load rendered ahead of their validation, about half of them in a
forked helper process where the machine has a second core.

The check renders every Markdown field (``core.markdown_html``). Cold (nothing kept in ``.cache/``)
that is most of its work at many records, and the work is the same for every text: split like
cards between two processes, it takes about half the time on the clock. The helper renders under
the same budget in its own main thread and sends back plain values (marshal); the HTML goes into
this process's memory, where validation and then the pages find it. Should the helper fail, its
texts are rendered here as validation asks for them.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import threading
from typing import Any

from . import markdown_html

# From this many texts not yet rendered on, a helper renders half of them (about 3 ms each on a
# busy machine; starting the helper costs a few milliseconds).
RENDER_AHEAD_FROM = 200


def render_ahead(texts: list[str]) -> None:
    """Renders each of ``texts`` not rendered yet (nor kept from an earlier run) into memory."""
    todo = markdown_html.not_yet_rendered(texts)
    if len(todo) < RENDER_AHEAD_FROM or not _can_fork():
        return  # validation renders them one by one
    theirs = todo[1::2]
    markdown_html.get_ready()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(target=_render_theirs, args=(theirs, sender, receiver), daemon=True)
    helper.start()
    sender.close()
    entries: list[Any] = []
    try:
        for text in todo[::2]:
            markdown_html.markdown_problem(text)
        entries = marshal.loads(receiver.recv_bytes())
    except (EOFError, OSError, ValueError):
        pass  # the helper died: validation renders its texts
    except BaseException:
        helper.terminate()  # stopped here (Ctrl-C): its work is not wanted
        raise
    finally:
        receiver.close()
        helper.join()
    for text, (rendered, html) in zip(theirs, entries, strict=False):
        markdown_html.adopt(text, (rendered, html))


def _can_fork() -> bool:
    """Forking is safe only without other threads (``mkdocs serve`` has some: it loads in one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _render_theirs(texts: list[str], sender: Any, receiver: Any) -> None:
    """In the helper process: (rendered, HTML or reason) for each text, as the check renders it."""
    receiver.close()  # see reading.parallel: a loader stopped meanwhile then fails the send at once
    entries = []
    try:
        for text in texts:
            reason = markdown_html.markdown_problem(text)
            entries.append((True, str(markdown_html.to_html(text))) if reason is None else (False, reason))
        sender.send_bytes(marshal.dumps(entries))
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the loader is gone, or Ctrl-C: the loader says so, in German, without this process's traceback
    finally:
        sender.close()
