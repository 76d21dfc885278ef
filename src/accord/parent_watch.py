"""Worker processes that end with the process that started their pool.

A pool's worker whose parent is killed (``kill -9``, a crash) is adopted by another process and would otherwise
stay alive, idle, for ever. :func:`exit_with_parent`, run by a pool's initializer, starts a daemon thread that
checks every ``poll`` seconds whether that process still runs, and ends the worker when it does not.

Polling works on Linux and macOS alike. Linux's parent-death signal is not used: it fires when the parent
*thread* that started the worker ends (the workbench starts pools from request threads), and it cannot see past a
``forkserver``, whose workers keep it alive after the server is gone.
"""

from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5
ORPHAN_EXIT_CODE = 70
"""The worker's exit status when the process that started it is gone."""


def exit_with_parent(parent: int | None = None, poll: float = POLL_SECONDS) -> None:
    """End this process within about ``poll`` seconds once ``parent`` is gone.

    ``parent`` is the process id of the pool's owner: pass ``os.getpid()`` from it (then a parent killed before
    this runs is noticed too, and a ``forkserver`` in between does not hide its death); by default, the worker's
    parent now."""
    parent = os.getppid() if parent is None else parent
    threading.Thread(target=_watch, args=(parent, poll), name="accord-parent-watch", daemon=True).start()


def _watch(parent: int, poll: float) -> None:
    direct = os.getppid() == parent  # our own parent: it is gone once we are adopted (no pid reuse possible)
    while (os.getppid() == parent) if direct else running(parent):
        time.sleep(poll)
    os._exit(ORPHAN_EXIT_CODE)  # no clean-up: the process that would collect results is gone


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (where ``/proc`` tells; on macOS a zombie counts as
    running until it is reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        return True
