"""One piece of pure-Python work done in a forked process while this one does another (issue #23: build time).

The stylesheet step (``stylesheets.py``) is the last thing a build does: the PDF workers are done by then and a
core is idle. It reads half of the pages' shapes and matches them in a child forked here, the other half itself.

Only where a fork is safe and useful (``possible``): a process that runs one thread (a lock held by another
thread would stay locked in the child) and may use two cores or more. ``build --all``'s towns run in worker
processes that keep a thread (``worker_lifetime.end_with_parent``) and share the cores: they never fork here.

The child inherits the work's input (copy-on-write), sends back the pickled result through a pipe and ends with
``os._exit`` (no ``atexit``, no flushing of buffers it shares with this process). If it fails in any way — an
error, a signal, a result that does not read — ``result`` gives ``None`` and the caller does the work itself:
the output never depends on whether the child did it.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any


def possible() -> bool:
    """Whether ``start`` may fork: the platform has ``fork``, this process runs one thread, two cores are usable."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores >= 2


class Forked:
    """``work()`` running in a child process; ``result()`` waits for it."""

    def __init__(self, work: Callable[[], Any]):
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            status = 1
            try:
                # (a collection would walk, and so copy, every object it shares with this process: it ends soon)
                gc.disable()
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")
        self.done = False

    def result(self) -> Any | None:
        """What ``work()`` returned, or ``None`` when the child failed (the caller then does the work)."""
        if self.done:
            return None
        self.done = True
        try:
            data = self.pipe.read()
        finally:
            self.pipe.close()
            _, status = os.waitpid(self.pid, 0)
        if status != 0:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 (a result cut short: the caller does the work)
            return None

    def cancel(self) -> None:
        """End the child (if it still runs) and reap it."""
        if self.done:
            return
        self.done = True
        self.pipe.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
