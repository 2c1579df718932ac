"""Worker processes that end when the process that started them ends, even one killed with SIGKILL.

A SIGKILL runs no clean-up, so a pool's workers are left behind: ``build --all``'s town processes keep
building, and a PDF worker waits for work forever, each holding what it inherited (the output lock among it,
so the next build would wait for them). ``end_with_parent`` is called first thing in such a worker (a pool's
``initializer``).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
"""``<linux/prctl.h>``: the signal this process gets when the thread that started it ends (man 2 prctl)."""


def end_with_parent() -> None:
    """In a worker process: end it at once when the process that started it ends.

    On Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (man 2 prctl), through ``ctypes``, since
    the standard library has no call for it. Why not the standard library's documented way (a thread waiting
    on ``multiprocessing.parent_process().sentinel``, what other systems get): a thread in a town process
    would make that town's own PDF pool start its workers by a fork server that imports WeasyPrint again
    (``flyers.pdf_pool.start_method`` forks only from a single-threaded process), and the kernel ends a worker
    even while it is busy in C code (WeasyPrint, Pango) holding the interpreter's lock.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return  # not a multiprocessing worker: nothing started it that it should follow
    if sys.platform.startswith("linux") and _kernel_ends_us_with_parent():
        # The parent may have ended before the call above: then no signal comes, and this worker ends here.
        if not parent.is_alive():
            os._exit(1)
        return
    threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True, name="end-with-parent").start()


def _kernel_ends_us_with_parent() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``; ``False`` when the C library or the call is not there."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_with(sentinel: int) -> None:
    """Wait until the process that started this worker has ended, then end this worker at once."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)
