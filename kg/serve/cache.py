"""The caches of ``kg serve``: least recently used, bounded in entries and in bytes.

The store is immutable while served, so an answer or a page computed once stays right until
the server stops; only memory bounds the caches. One value larger than an eighth of the
byte budget is not kept (it would flush the rest). Thread-safe. Light: the standard library.

>>> cache = ByteCache[str, bytes](max_entries=2, max_bytes=800)
>>> for key in "abc":
...     cache.put(key, key.encode() * 10, 10)
>>> cache.put("huge", b"x" * 101, 101)
>>> cache.get("a"), cache.get("c"), cache.get("huge"), cache.size
(None, b'cccccccccc', None, 20)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["ByteCache"]

K = TypeVar("K")
V = TypeVar("V")


class ByteCache(Generic[K, V]):
    """An LRU map holding at most ``max_entries`` values and ``max_bytes`` bytes in all."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        """The value under ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: K, value: V, size: int) -> None:
        """Keep ``value`` (``size`` bytes), dropping the least recently used to make room."""
        if self.max_entries <= 0 or size * 8 > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._items[key] = (value, size)
            self.size += size
            while len(self._items) > self.max_entries or self.size > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self.size -= dropped
