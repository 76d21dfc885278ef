"""The workbench's analysis cache, bounded in bytes (an analysis holds its whole utility matrix, so a count of
entries says nothing about the memory it takes)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass

import numpy as np

MAX_CACHE_BYTES = 512 * 1024 * 1024
"""The most bytes of arrays the analysis cache keeps; the least recently used analyses go first."""


def array_bytes(value: object) -> int:
    """Bytes held by the numpy arrays of ``value`` (a dataclass such as an analysis, and the outcome space it
    holds), counted once each."""
    seen: set[int] = set()
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, np.ndarray):
            total += item.nbytes
        elif is_dataclass(item) and not isinstance(item, type):
            pending += [getattr(item, f.name) for f in fields(item)]
        elif hasattr(item, "__dict__") and type(item).__module__.startswith("accord."):
            pending += list(vars(item).values())
    return total


class BytesCache:
    """A least-recently-used cache holding at most ``limit`` bytes as measured by ``size_of``; a value larger
    than the whole limit is computed and returned but not kept."""

    def __init__(self, limit: int = MAX_CACHE_BYTES, size_of: Callable[[object], int] = array_bytes) -> None:
        self.limit, self.size_of = limit, size_of
        self.entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        """The value for ``key``, computed (outside the lock) when it is not kept."""
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key][0]
        value = compute()
        size = self.size_of(value)
        with self.lock:
            if key in self.entries or size > self.limit:
                return value
            self.entries[key] = (value, size)
            self.bytes += size
            while self.bytes > self.limit:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.bytes -= dropped
        return value
